"""The catalogue cache: typed procedures, offline search that ignores diacritics, flags."""

from __future__ import annotations

import pytest

from desktop_app.core.catalog import CatalogCache, fold
from desktop_app.core.dossier import State
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.events import events_of

AGENCY = {"code": "000.00.20.H34", "name": "Sở Nội vụ tỉnh Kon Tum"}
FIELDS = [
    {"code": "CCVC", "name": "Công chức, viên chức", "agency_code": AGENCY["code"]},
    {"code": "TDKT", "name": "Thi đua, khen thưởng", "agency_code": AGENCY["code"]},
]


def procedure(code: str, name: str, field: str = "CCVC", version: int = 1, **extra) -> dict:
    return {
        "code": code,
        "name": name,
        "agency_code": AGENCY["code"],
        "field_code": field,
        "level": 4,
        "processing_days": 30,
        "description": "",
        "legal_basis": [{"number": "170/2025/NĐ-CP", "title": "Nghị định tuyển dụng"}],
        "components": [
            {
                "code": "TP1",
                "name": "Phiếu đăng ký dự tuyển",
                "required": True,
                "signature_required": True,
                "max_files": 1,
                "max_bytes": 20971520,
                "accepts": ["application/pdf"],
                "template_url": f"/api/v1/catalog/procedures/{code}/templates/TP1",
            }
        ],
        "fees": [{"code": "LP1", "name": "Phí dự tuyển", "kind": "phi", "amount_vnd": 500000}],
        "delivery": {"home_pickup": True, "home_return": True},
        "version": version,
        "updated_at": "2026-11-24T09:30:00+07:00",
        "retired": False,
        **extra,
    }


@pytest.fixture
def cache(profile):
    store = Store.open(profile)
    cache = CatalogCache(store)
    cache.save_agencies([AGENCY])
    cache.save_fields(FIELDS)
    cache.save_procedures(
        [
            procedure("1.014111", "Thi tuyển công chức"),
            procedure("1.014113", "Xét tuyển công chức"),
            procedure("2.000418", "Tặng thưởng Bằng khen cấp tỉnh", field="TDKT"),
            procedure("1.009319", "Đề nghị thành lập đơn vị", field="TDKT"),
        ],
        etag='"v1"',
        server_time="2026-11-24T09:30:00+07:00",
    )
    yield cache
    store.close()


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Thi tuyển công chức", "thi tuyen cong chuc"),
        ("ĐỀ NGHỊ", "de nghi"),
        ("đơn vị", "don vi"),
        ("Khen  thưởng\tcấp tỉnh", "khen thuong cap tinh"),
        ("Nghị định 170/2025/NĐ-CP", "nghi dinh 170/2025/nd-cp"),
    ],
)
def test_fold_removes_case_and_diacritics_including_d(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("thi tuyen", ["1.014111"]),
        ("THI TUYỂN", ["1.014111"]),
        ("tuyen cong chuc", ["1.014111", "1.014113"]),
        ("de nghi", ["1.009319"]),
        ("1.0141", ["1.014111", "1.014113"]),
        ("khen thuong", ["1.009319", "2.000418"]),  # field name matches too
        ("kon tum bang khen", ["2.000418"]),  # agency name and procedure name together
        ("100%", []),
        ("", ["1.009319", "2.000418", "1.014111", "1.014113"]),
    ],
)
def test_search_over_code_name_agency_and_field(cache, query, codes):
    assert sorted(p.code for p in cache.search(query)) == sorted(codes)


def test_filters_by_field_and_agency(cache):
    assert [p.code for p in cache.search("", field_code="TDKT")] == ["1.009319", "2.000418"]
    assert len(cache.search("", agency_code=AGENCY["code"])) == 4
    assert cache.search("", agency_code="000.00.99.H99") == []


def test_procedure_round_trips_with_components_and_fees(cache):
    p = cache.get("1.014111")
    assert p.name == "Thi tuyển công chức"
    assert p.components[0].signature_required and p.components[0].max_bytes == 20971520
    assert p.fees[0].amount_vnd == 500000 and p.total_fee_vnd == 500000
    assert p.legal_basis[0]["number"] == "170/2025/NĐ-CP"
    assert cache.get("9.999999") is None
    assert cache.meta("etag") == '"v1"'


def test_retired_procedures_leave_search_and_flag_their_drafts(cache):
    repo = DossierRepository(cache.store)
    draft = repo.create("1.014111", 1)
    sent = repo.create("1.014111", 1)
    for state in (State.READY, State.QUEUED):
        repo.transition(sent.id, state, actor="t")
    update = cache.save_procedures([procedure("1.014111", "Thi tuyển công chức", retired=True)])
    assert update.flagged_drafts == [draft.id]
    assert repo.get(draft.id).catalog_flag == "procedure_retired"
    assert repo.get(sent.id).catalog_flag is None  # only drafts are flagged
    assert [p.code for p in cache.search("thi tuyen")] == []
    assert [p.code for p in cache.search("thi tuyen", include_retired=True)] == ["1.014111"]
    assert events_of(cache.store.db, draft.id)[-1].kind == "catalog_flag"


def test_a_changed_procedure_flags_drafts_made_for_the_old_version(cache):
    repo = DossierRepository(cache.store)
    draft = repo.create("1.014113", 1)
    cache.save_procedures([procedure("1.014113", "Xét tuyển công chức", version=2)])
    assert repo.get(draft.id).catalog_flag == "procedure_changed"
    repo.update(draft.id, procedure_version=2)
    assert repo.get(draft.id).catalog_flag is None

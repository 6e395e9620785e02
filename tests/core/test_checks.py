"""A dossier is checked against its procedure before it may enter the outbox."""

from __future__ import annotations

import pytest

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import Applicant, Delivery, State
from desktop_app.core.queueing import queue_dossier, refresh_readiness
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from tests.core.test_catalog import AGENCY, FIELDS, procedure

GOOD_APPLICANT = Applicant(
    full_name="Nguyễn Văn An",
    id_number="062095001234",
    phone="0260 3797 799",
    email="an@example.vn",
    address="Phường Quyết Thắng, Kon Tum",
    kind="citizen",
)


@pytest.fixture
def setup(profile, tmp_path):
    store = Store.open(profile)
    cache = CatalogCache(store)
    cache.save_agencies([AGENCY])
    cache.save_fields(FIELDS)
    p = procedure("1.014111", "Thi tuyển công chức")
    p["components"].append(
        {
            "code": "TP2",
            "name": "Bản sao văn bằng",
            "required": False,
            "signature_required": False,
            "max_files": 2,
            "max_bytes": 1000,
            "accepts": ["application/pdf", "image/png"],
        }
    )
    cache.save_procedures([p])
    repo = DossierRepository(store)
    yield store, repo, tmp_path
    store.close()


def _pdf(tmp_path, name: str, size: int = 100):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7\n" + b"x" * size)
    return path


def _codes(problems):
    return sorted(p.code for p in problems)


def test_an_empty_draft_lists_everything_missing_and_stays_a_draft(setup):
    store, repo, _ = setup
    dossier = repo.create("1.014111", 1)
    moved, problems = queue_dossier(store, dossier.id)
    assert moved.state == State.DRAFT
    assert _codes(problems) == ["component_missing"] + ["missing_field"] * 5
    texts = [p.render("vi") for p in problems]
    assert "Thiếu thành phần bắt buộc “Phiếu đăng ký dự tuyển”." in texts
    assert "Chưa nhập Họ và tên người nộp." in texts


def test_unsigned_file_where_a_signature_is_required(setup):
    store, repo, tmp = setup
    dossier = repo.create("1.014111", 1, applicant=GOOD_APPLICANT, summary="Đăng ký dự tuyển")
    unsigned = repo.attach(dossier.id, "TP1", _pdf(tmp, "phieu.pdf"))
    _, problems = queue_dossier(store, dossier.id)
    assert _codes(problems) == ["signature_missing"]
    signed = store.blobs.put_bytes(b"%PDF-1.7 signed")
    repo.add_signed_version(unsigned.id, signed, {"all_intact": False})
    _, problems = queue_dossier(store, dossier.id)
    assert _codes(problems) == ["signature_invalid"]


def test_complete_dossier_queues_and_locks(setup):
    store, repo, tmp = setup
    dossier = repo.create("1.014111", 1, applicant=GOOD_APPLICANT, summary="Đăng ký dự tuyển")
    unsigned = repo.attach(dossier.id, "TP1", _pdf(tmp, "phieu.pdf"))
    repo.add_signed_version(unsigned.id, store.blobs.put_bytes(b"%PDF s"), {"all_intact": True})
    moved, problems = queue_dossier(store, dossier.id)
    assert problems == []
    assert moved.state == State.QUEUED
    assert not moved.editable


def test_sizes_types_counts_fields_and_addresses(setup):
    store, repo, tmp = setup
    applicant = Applicant(full_name="A", id_number="12", phone="abc", email="nope", address="x")
    dossier = repo.create(
        "1.014111",
        1,
        applicant=applicant,
        summary="s",
        delivery=Delivery(home_return=True, return_address=" "),
    )
    unsigned = repo.attach(dossier.id, "TP1", _pdf(tmp, "phieu.pdf"))
    repo.add_signed_version(unsigned.id, store.blobs.put_bytes(b"%PDF s"), {"all_intact": True})
    repo.attach(dossier.id, "TP2", _pdf(tmp, "a.pdf", 5000))
    repo.attach(dossier.id, "TP2", _pdf(tmp, "b.pdf"))
    scan = tmp / "c.docx"
    scan.write_bytes(b"PK\x03\x04 docx")
    repo.attach(dossier.id, "TP2", scan)
    repo.attach(dossier.id, "TP9", _pdf(tmp, "d.pdf"))
    _, problems = queue_dossier(store, dossier.id)
    assert _codes(problems) == [
        "file_too_large",
        "invalid_field",
        "invalid_field",
        "invalid_field",
        "missing_field",
        "too_many_files",
        "unknown_component",
        "wrong_type",
    ]


def test_delivery_the_procedure_does_not_offer_is_refused(setup):
    store, repo, _ = setup
    cache = CatalogCache(store)
    p = procedure("1.014113", "Xét tuyển công chức")
    p["delivery"] = {"home_pickup": False, "home_return": True}
    cache.save_procedures([p])
    dossier = repo.create(
        "1.014113",
        1,
        applicant=GOOD_APPLICANT,
        summary="s",
        delivery=Delivery(home_pickup=True, pickup_address="Kon Tum", home_return=True,
                          return_address="Kon Tum"),
    )  # fmt: skip
    problems = [p for p in queue_dossier(store, dossier.id)[1] if p.field]
    assert [(p.code, p.field) for p in problems] == [("delivery_not_offered", "home_pickup")]
    assert "không có dịch vụ “Nhận hồ sơ tại nhà”" in problems[0].render("vi")


def test_retired_and_changed_procedures_are_refused(setup):
    store, repo, _ = setup
    cache = CatalogCache(store)
    old = repo.create("1.014111", 1)
    cache.save_procedures([procedure("1.014111", "Thi tuyển công chức", version=2)])
    assert "procedure_changed" in _codes(queue_dossier(store, old.id)[1])
    cache.save_procedures([procedure("1.014111", "Thi tuyển công chức", version=2, retired=True)])
    problems = queue_dossier(store, old.id)[1]
    assert "procedure_retired" in _codes(problems)
    unknown = repo.create("9.999999", 1)
    assert _codes(queue_dossier(store, unknown.id)[1]) == ["procedure_unknown"]


def test_readiness_follows_edits(setup):
    store, repo, tmp = setup
    dossier = repo.create("1.014111", 1, applicant=GOOD_APPLICANT, summary="Đăng ký")
    unsigned = repo.attach(dossier.id, "TP1", _pdf(tmp, "phieu.pdf"))
    signed = repo.add_signed_version(
        unsigned.id, store.blobs.put_bytes(b"%PDF s"), {"all_intact": True}
    )
    assert refresh_readiness(store, dossier.id) == []
    assert repo.get(dossier.id).state == State.READY
    repo.remove_file(dossier.id, signed.id)
    assert _codes(refresh_readiness(store, dossier.id)) == ["component_missing"]
    assert repo.get(dossier.id).state == State.DRAFT

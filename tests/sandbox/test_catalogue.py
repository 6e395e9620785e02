"""The catalogue: data from resources/, ETag and updated_since, version bumps on restart."""

from __future__ import annotations

import json
import re
import time
import unicodedata

import requests

from sandbox_portal import clock
from sandbox_portal.config import DEFAULT_CATALOGUE
from tests.sandbox.conftest import (
    Client,
    dossier_body,
    error_code,
    file_entry,
    key,
    make_pdf,
    register_account,
    running_sandbox,
    write_catalogue,
)

MATTHC = re.compile(r"^[0-9]\.[0-9]{6}$")


def test_home_affairs_catalogue_is_data_with_honest_codes(portal):
    api = portal.api_url
    agencies = requests.get(f"{api}/catalog/agencies").json()["items"]
    assert {
        "code": "000.00.20.H34",
        "name": "Sở Nội vụ tỉnh Kon Tum (sandbox)",
        "parent_code": "SBX-UBND-H34",
    } in agencies
    fields = requests.get(f"{api}/catalog/fields").json()["items"]
    body = requests.get(f"{api}/catalog/procedures").json()
    procedures = body["items"]
    assert body["server_time"].endswith("+07:00")
    assert len(procedures) >= 25
    assert len({p["field_code"] for p in procedures}) >= 6
    assert {f["code"] for f in fields} >= {p["field_code"] for p in procedures}
    raw = json.loads(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    sources = {p["code"]: p["code_source"] for p in raw["procedures"]}
    for proc in procedures:
        if sources[proc["code"]] == "sandbox":
            assert proc["code"].startswith("SBX-") and not MATTHC.match(proc["code"])
            assert "mã nội bộ của cổng sandbox" in proc["description"]
        else:
            assert MATTHC.match(proc["code"]), proc["code"]
        assert unicodedata.is_normalized("NFC", json.dumps(proc, ensure_ascii=False))
        for component in proc["components"]:
            if component["signature_required"]:
                assert component["accepts"] == ["application/pdf"]
        for fee in proc["fees"]:
            assert fee["kind"] in ("phi", "le_phi") and isinstance(fee["amount_vnd"], int)
    assert any(p["retired"] for p in procedures)
    assert any(p["fees"] for p in procedures)
    example = requests.get(f"{api}/catalog/procedures/1.014111").json()
    assert example["components"][0] == {
        "code": "TP1",
        "name": "Phiếu đăng ký dự tuyển",
        "required": True,
        "signature_required": True,
        "max_files": 1,
        "max_bytes": 20971520,
        "accepts": ["application/pdf"],
        "template_url": "/api/v1/catalog/procedures/1.014111/templates/TP1",
    }
    assert example["fees"] == [
        {"code": "LP1", "name": "Phí dự tuyển", "kind": "phi", "amount_vnd": 500000}
    ]


def test_unknown_procedure_and_templates(portal):
    api = portal.api_url
    missing = requests.get(f"{api}/catalog/procedures/9.999999")
    assert missing.status_code == 404 and error_code(missing) == "not_found"
    form = requests.get(portal.url + "/api/v1/catalog/procedures/1.014111/templates/TP1")
    assert form.status_code == 200 and form.headers["content-type"] == "application/pdf"
    assert form.content.startswith(b"%PDF-")
    none = requests.get(f"{api}/catalog/procedures/1.009319/templates/TP1")
    assert none.status_code == 404 and error_code(none) == "not_found"


def test_etag_and_updated_since(portal):
    url = portal.api_url + "/catalog/procedures"
    first = requests.get(url)
    etag = first.headers["ETag"]
    assert requests.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert requests.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    later = requests.get(url, params={"updated_since": first.json()["server_time"]})
    # every item changed at start-up, in the same second as server_time at the latest
    assert later.status_code == 200
    future = requests.get(url, params={"updated_since": "2099-01-01T00:00:00+07:00"})
    assert future.json()["items"] == [] and future.headers["ETag"] != etag
    bad = requests.get(url, params={"updated_since": "hôm qua"})
    assert bad.status_code == 422 and error_code(bad) == "invalid_field"
    naive = requests.get(url, params={"updated_since": "2026-01-01T00:00:00"})
    assert naive.status_code == 422


def test_editing_the_file_and_restarting_bumps_versions(tmp_path):
    data = json.loads(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    path = write_catalogue(tmp_path / "catalogue.json", data)
    folder = tmp_path / "portal"
    with running_sandbox(folder, catalogue_path=path) as server:
        url = server.api_url + "/catalog/procedures"
        before = requests.get(url)
        versions = {p["code"]: p["version"] for p in before.json()["items"]}
        assert set(versions.values()) == {1}
        client = Client(server, register_account(server))
        pdf = make_pdf()
        draft_body = dossier_body([file_entry(pdf)], "1.014113", version=1)
    time.sleep(1.1)  # updated_at has whole seconds
    stamp = clock.rfc3339(time.time())
    changed = next(p for p in data["procedures"] if p["code"] == "1.014113")
    changed["components"][0]["max_bytes"] = 10485760
    renamed = next(p for p in data["procedures"] if p["code"] == "1.014111")
    renamed["description"] = "Mô tả mới."
    removed = data["procedures"].pop(
        next(i for i, p in enumerate(data["procedures"]) if p["code"] == "1.013750")
    )
    write_catalogue(path, data)
    with running_sandbox(folder, catalogue_path=path, port=server.port) as server:
        after = requests.get(url)
        assert after.headers["ETag"] != before.headers["ETag"]
        items = {p["code"]: p for p in after.json()["items"]}
        assert items["1.014113"]["version"] == 2 and items["1.014111"]["version"] == 2
        assert items[removed["code"]]["retired"] is True and items[removed["code"]]["version"] == 2
        assert items["1.009319"]["version"] == 1
        since = requests.get(url, params={"updated_since": stamp})
        assert {p["code"] for p in since.json()["items"]} == {
            "1.014113",
            "1.014111",
            removed["code"],
        }
        client = Client(server, client.account)
        outdated = client.post("/dossiers", draft_body, idem=key())
        assert outdated.status_code == 409 and error_code(outdated) == "procedure_outdated"
        assert outdated.json()["error"]["details"]["procedure"]["version"] == 2
        # 1.014111 changed only its description: an old version is still accepted
        ok = client.post("/dossiers", dossier_body([file_entry(pdf)], "1.014111", 1), idem=key())
        assert ok.status_code == 201
        newer = client.post("/dossiers", dossier_body([file_entry(pdf)], "1.014111", 3), idem=key())
        assert newer.status_code == 422 and error_code(newer) == "invalid_dossier"
        retired = client.post(
            "/dossiers", dossier_body([file_entry(pdf)], removed["code"], 2), idem=key()
        )
        codes = [p["code"] for p in retired.json()["error"]["details"]["problems"]]
        assert retired.status_code == 422 and "procedure_retired" in codes
    with running_sandbox(folder, catalogue_path=path) as server:  # unchanged: no bump
        again = {
            p["code"]: p["version"]
            for p in requests.get(server.api_url + "/catalog/procedures").json()["items"]
        }
        assert again["1.014113"] == 2 and again["1.009319"] == 1

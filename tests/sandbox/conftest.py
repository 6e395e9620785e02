"""Fixtures of the sandbox portal's own tests: a portal per module, signed test PDFs,
and small helpers that speak the wire contract with plain ``requests``."""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from sandbox_portal.pdfgen import Document
from tests.support.sandbox import (  # noqa: F401 (fixtures)
    SandboxAccount,
    SandboxServer,
    register_account,
    running_sandbox,
    sandbox,
    sandbox_account,
    sandbox_module,
)

SIGNED_PROCEDURE = "1.014111"
"""One component TP1, signature required, fee 500 000 đ."""
PLAIN_PROCEDURE = "1.013932"
"""One component TP1 without signature, no fee."""


def key() -> str:
    """A fresh Idempotency-Key."""
    return str(uuid.uuid4())


def make_pdf(text: str = "Phiếu đăng ký dự tuyển") -> bytes:
    doc = Document(text)
    doc.text(text)
    doc.text(f"Mã ngẫu nhiên {uuid.uuid4()}")
    return doc.to_bytes()


@dataclass(frozen=True)
class Pdfs:
    """Test PDFs: unsigned, signed with the test PKI, and signed then tampered with."""

    unsigned: bytes
    signed: bytes
    tampered: bytes
    signed_other: bytes


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Pdfs:
    import signing
    from tests.support.pki import build_test_pki

    folder = tmp_path_factory.mktemp("pki")
    pki = build_test_pki(folder / "pki", services=False)
    try:
        signed = []
        for name in ("a", "b"):
            src = folder / f"{name}.pdf"
            src.write_bytes(make_pdf(f"Phiếu đăng ký {name}"))
            dst = folder / f"{name}-signed.pdf"
            with signing.Pkcs12KeySource(pki.signer.pkcs12_path, pki.signer.password).open() as s:
                signing.sign_pdf(src, dst, s, signing.SignOptions(trust_roots=(pki.root_cert,)))
            signed.append(dst.read_bytes())
    finally:
        pki.close()
    # Flip one byte of the first revision's content stream: covered by the signature.
    tampered = bytearray(signed[0])
    position = tampered.find(b"stream", 200) + 20
    tampered[position] ^= 0x01
    return Pdfs(make_pdf("Không ký"), signed[0], bytes(tampered), signed[1])


def file_entry(
    data: bytes,
    component: str = "TP1",
    name: str = "phieu.pdf",
    content_type: str = "application/pdf",
) -> dict[str, Any]:
    return {
        "component_code": component,
        "file_name": name,
        "content_type": content_type,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def dossier_body(
    files: list[dict[str, Any]],
    procedure: str = SIGNED_PROCEDURE,
    version: int = 1,
    client_id: str | None = None,
) -> dict[str, Any]:
    return {
        "client_id": client_id or str(uuid.uuid4()),
        "procedure_code": procedure,
        "procedure_version": version,
        "applicant": {
            "full_name": "Nguyễn Thị Lan",
            "id_number": "062190000123",
            "date_of_birth": "1990-05-17",
            "phone": "0912345678",
            "email": "lan@example.test",
            "address": "12 Trần Hưng Đạo, Kon Tum",
            "kind": "citizen",
        },
        "summary": "Trích yếu: đăng ký dự tuyển công chức",
        "delivery": {
            "home_pickup": False,
            "pickup_address": None,
            "home_return": True,
            "return_address": "12 Trần Hưng Đạo, Kon Tum",
        },
        "files": files,
    }


def chunk_headers(chunk: bytes, offset: int) -> dict[str, str]:
    digest = base64.b64encode(hashlib.sha256(chunk).digest()).decode()
    return {
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream",
        "Upload-Checksum": f"sha256 {digest}",
    }


class Client:
    """Plain ``requests`` against one account of a running portal."""

    def __init__(self, server: SandboxServer, account: SandboxAccount) -> None:
        self.server = server
        self.account = account
        self.http = account.session()

    @property
    def api(self) -> str:
        return self.server.api_url

    def post(
        self, path: str, body: Any = None, *, idem: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if idem is not None:
            headers["Idempotency-Key"] = idem
        return self.http.post(self.api + path, json=body, headers=headers, timeout=60, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.http.get(self.api + path, timeout=60, **kwargs)

    def create(
        self, files_data: list[bytes], procedure: str = SIGNED_PROCEDURE, **body_extra: Any
    ) -> dict[str, Any]:
        body = dossier_body([file_entry(d) for d in files_data], procedure)
        body.update(body_extra)
        response = self.post("/dossiers", body, idem=key())
        assert response.status_code == 201, response.text
        return response.json()

    def upload(self, upload: dict[str, Any], data: bytes, chunk: int = 64 * 1024) -> None:
        url = self.server.url + upload["upload_url"]
        offset = int(self.http.head(url, timeout=30).headers["Upload-Offset"])
        while offset < len(data):
            part = data[offset : offset + chunk]
            response = self.http.patch(
                url, data=part, headers=chunk_headers(part, offset), timeout=60
            )
            assert response.status_code == 204, response.text
            offset = int(response.headers["Upload-Offset"])

    def submitted(self, data: bytes, procedure: str = SIGNED_PROCEDURE) -> dict[str, Any]:
        """A dossier created, uploaded and submitted."""
        dossier = self.create([data], procedure)
        for upload in dossier["uploads"]:
            self.upload(upload, data)
        response = self.post(f"/dossiers/{dossier['id']}/submit", idem=key())
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """One portal per test module (pace 0, seed 7)."""
    with running_sandbox(tmp_path_factory.mktemp("portal"), seed=7) as server:
        yield server


@pytest.fixture
def client(portal: SandboxServer) -> Client:
    """A fresh account on the module's portal."""
    return Client(portal, register_account(portal))


def new_client(server: SandboxServer) -> Client:
    return Client(server, register_account(server))


def error_code(response: requests.Response) -> str:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert body["error"]["message"], body
    return body["error"]["code"]


def write_catalogue(path: Path, data: dict[str, Any]) -> Path:
    import json

    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path

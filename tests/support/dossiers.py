"""Client-side helpers for tests: a signed-in client, signed PDFs, ready dossiers.

client = signed_in_client(sandbox, account)
refresh_catalog(client, CatalogCache(store))
dossier = ready_dossier(store, signer, tmp_path, procedure_code="1.014111", size=2_000_000)
"""

from __future__ import annotations

import itertools
from pathlib import Path

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import Applicant, Delivery, Dossier, State
from desktop_app.core.portal.auth import MemoryTokenStore
from desktop_app.core.portal.client import PortalClient
from desktop_app.core.portal.session import RetryPolicy
from desktop_app.core.queueing import queue_dossier
from desktop_app.core.signatures import make_validator
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from signing import Pkcs12KeySource, SignOptions, sign_pdf
from tests.signing.pdfs import make_pdf

APPLICANT = Applicant(
    full_name="Nguyễn Thị Lan",
    id_number="062195004321",
    date_of_birth="1995-03-14",
    phone="0912345678",
    email="lan@example.vn",
    address="Phường Quyết Thắng, Kon Tum",
    kind="citizen",
)

FAST_RETRY = RetryPolicy(attempts=6, base=0.05, cap=0.5, retry_after_cap=3.0)
_names = itertools.count(1)


def signed_in_client(server_url: str, username: str, password: str, **options) -> PortalClient:
    options.setdefault("policy", FAST_RETRY)
    client = PortalClient(server_url, tokens=MemoryTokenStore(), **options)
    client.login(username, password)
    return client


def signed_pdf(directory: Path, p12: Path, password: str, *, size: int = 0) -> Path:
    """A fresh PDF of about ``size`` bytes, signed (PAdES B-B) with ``p12``."""
    n = next(_names)
    plain = make_pdf(directory / f"plain-{n}.pdf", size=size, text=f"Ho so {n}")
    signed = directory / f"signed-{n}.pdf"
    with Pkcs12KeySource(p12, password).open() as session:
        sign_pdf(plain, signed, session, SignOptions())
    plain.unlink()
    return signed


def ready_dossier(
    store: Store,
    p12: Path,
    password: str,
    directory: Path,
    *,
    procedure_code: str = "1.014111",
    size: int = 0,
    queue: bool = True,
) -> Dossier:
    """A complete dossier for ``procedure_code`` (every component filled, signed where
    required), queued unless ``queue=False``."""
    catalog = CatalogCache(store)
    procedure = catalog.get(procedure_code)
    assert procedure is not None, f"{procedure_code} not in the local catalogue"
    repo = DossierRepository(store)
    dossier = repo.create(
        procedure_code,
        procedure.version,
        applicant=APPLICANT,
        summary=f"Hồ sơ {procedure.name}",
        delivery=Delivery(home_return=True, return_address="Phường Quyết Thắng, Kon Tum")
        if procedure.delivery.get("home_return")
        else Delivery(),
    )
    validate = make_validator()
    for component in procedure.components:
        if not component.required and not component.signature_required:
            continue
        pdf = signed_pdf(directory, p12, password, size=size)
        if component.signature_required:
            report = validate(pdf)
            info = store.blobs.put_file(pdf)
            repo.attach_blob(
                dossier.id,
                component.code,
                info,
                original_name=f"{component.code.lower()}.pdf",
                content_type="application/pdf",
                signed=True,
                signature_report=report,
            )
        else:
            repo.attach(dossier.id, component.code, pdf, original_name=f"{component.code}.pdf")
    if queue:
        dossier, problems = queue_dossier(store, dossier.id)
        assert problems == [], [p.render("en") for p in problems]
        assert dossier.state == State.QUEUED
    return repo.get(dossier.id)

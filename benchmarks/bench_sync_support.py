"""Shared set-up of the sync benchmarks (not a benchmark itself).

A sandbox portal on loopback serving the Home Affairs catalogue plus one benchmark
procedure, ``BENCH-1``, whose single component takes one PDF of up to 2 GiB and no
signature (the real catalogue caps files at 20 MB); a confirmed account; a profile whose
catalogue is refreshed; dossiers holding big files written straight into the blob store.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop_app.core.catalog import CatalogCache  # noqa: E402
from desktop_app.core.catalog_sync import refresh_catalog  # noqa: E402
from desktop_app.core.dossier import Applicant, Delivery  # noqa: E402
from desktop_app.core.portal.auth import MemoryTokenStore  # noqa: E402
from desktop_app.core.portal.client import PortalClient  # noqa: E402
from desktop_app.core.queueing import queue_dossier  # noqa: E402
from desktop_app.core.store import Store  # noqa: E402
from desktop_app.core.store.dossiers import DossierRepository, NewFile  # noqa: E402
from sandbox_portal.config import DEFAULT_CATALOGUE  # noqa: E402

MB = 1024 * 1024
BENCH_PROCEDURE = "BENCH-1"
APPLICANT = Applicant(
    full_name="Nguyễn Thị Lan",
    id_number="062195004321",
    date_of_birth="1995-03-14",
    phone="0912345678",
    email="lan@example.vn",
    address="Phường Quyết Thắng, Kon Tum",
    kind="citizen",
)


def bench_catalogue(directory: Path) -> Path:
    """The sandbox's catalogue file plus ``BENCH-1`` (one 2 GiB PDF component)."""
    data = json.loads(Path(DEFAULT_CATALOGUE).read_text(encoding="utf-8"))
    first = data["procedures"][0]
    data["procedures"].append(
        {
            "code": BENCH_PROCEDURE,
            "code_source": "sandbox",
            "name": "Thủ tục đo hiệu năng gửi tệp lớn",
            "agency_code": first["agency_code"],
            "field_code": first["field_code"],
            "level": 4,
            "processing_days": 1,
            "description": "Chỉ dùng cho benchmark.",
            "legal_basis": [],
            "components": [
                {
                    "code": "TP1",
                    "name": "Tệp lớn",
                    "signature_required": False,
                    "max_bytes": 2 * 1024 * MB,
                    "accepts": ["application/pdf"],
                }
            ],
            "fees": [],
            "delivery": {"home_pickup": False, "home_return": False},
        }
    )
    path = directory / "bench-catalogue.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


class PdfLikeStream:
    """``size`` bytes starting with a PDF header, different in every MiB, made fast (a
    random MiB, each copy stamped with its number), for ``BlobStore.put_stream``."""

    def __init__(self, size: int, seed: bytes = b"") -> None:
        self.size = size
        self.pos = 0
        self.block = bytearray(hashlib.sha256(seed).digest() * (MB // 32))
        self.block[: MB // 2] = os.urandom(MB // 2)

    def read(self, n: int = -1) -> bytes:
        if self.pos >= self.size:
            return b""
        if n < 0:
            n = self.size - self.pos
        n = min(n, self.size - self.pos)
        out = bytearray()
        while len(out) < n:
            index, within = divmod(self.pos + len(out), MB)
            block = bytearray(self.block)
            block[:16] = index.to_bytes(16, "big")
            if index == 0:
                block[:9] = b"%PDF-1.7\n"
            take = min(n - len(out), MB - within)
            out += block[within : within + take]
        self.pos += len(out)
        return bytes(out)


@dataclass
class Portal:
    server: object
    url: str
    username: str
    password: str


def start_portal(directory: Path, **options) -> Portal:
    """A started sandbox with the benchmark catalogue and a fresh account."""
    from tests.support.sandbox import SandboxServer, register_account

    server = SandboxServer(
        directory / "portal",
        pace=0,
        seed=1,
        catalogue_path=bench_catalogue(directory),
        **options,
    )
    server.start()
    account = register_account(server)
    return Portal(server, server.url, account.username, account.password)


def signed_in(url: str, portal: Portal, **options) -> PortalClient:
    client = PortalClient(url, tokens=MemoryTokenStore(), **options)
    client.login(portal.username, portal.password)
    return client


def prepare_profile(home: Path, portal: Portal) -> Store:
    store = Store.open(home)
    refresh_catalog(signed_in(portal.url, portal), CatalogCache(store))
    return store


def add_big_dossier(store: Store, size: int, *, seed: bytes = b"", queue: bool = True) -> str:
    """A ``BENCH-1`` dossier holding one file of ``size`` bytes; its id."""
    info = store.blobs.put_stream(PdfLikeStream(size, seed), size)
    repo = DossierRepository(store)
    dossier = repo.create(
        BENCH_PROCEDURE,
        CatalogCache(store).get(BENCH_PROCEDURE).version,
        applicant=APPLICANT,
        summary="Đo hiệu năng gửi tệp lớn",
        delivery=Delivery(),
        files=[NewFile("TP1", info, "tep-lon.pdf", "application/pdf")],
    )
    if queue:
        dossier, problems = queue_dossier(store, dossier.id)
        assert not problems, [p.render("en") for p in problems]
    return dossier.id


def rss_peak_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, in kB, from /proc."""
    values = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values["VmRSS"], values["VmHWM"]

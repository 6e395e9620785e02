#!/usr/bin/env python3
"""Upload speed to the sandbox portal on loopback, as a ratio to a minimal tus client.

    python benchmarks/bench_sync_upload.py [--size-mb 256] [--rounds 3] [--chunk-mb 4]

Both sides send the same bytes (one blob of the profile's blob store) to a fresh upload
of the same sandbox, with the same chunk size, in the same run, interleaved round by
round (the order flips each round, so that warm caches and load hit both alike):

- the app: ``DossierSender._upload_all`` (``TusUploader``: HEAD, then PATCH chunks with
  their SHA-256, the blob store's verifying reader, the offset saved in the database
  after every chunk, progress events);
- the floor: a minimal tus client: one ``requests.Session``, read a chunk from the blob
  file, SHA-256 it for ``Upload-Checksum``, PATCH it, check 204, next.

Creating the portal-side dossiers is not timed. Prints MB/s per run, the medians, and
the ratio app / floor as the median of the per-round ratios (a round's two runs are
next to each other, so load from other processes on the machine mostly hits both) and
best against best. Target: >= 0.8. This is not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from benchmarks.bench_sync_support import (  # noqa: E402
    APPLICANT,
    BENCH_PROCEDURE,
    MB,
    PdfLikeStream,
    prepare_profile,
    signed_in,
    start_portal,
)
from desktop_app.core.catalog import CatalogCache  # noqa: E402
from desktop_app.core.dossier import Delivery  # noqa: E402
from desktop_app.core.store.dossiers import DossierRepository, NewFile  # noqa: E402
from desktop_app.core.sync.body import dossier_body  # noqa: E402
from desktop_app.core.sync.events import EventHub  # noqa: E402
from desktop_app.core.sync.sender import DossierSender  # noqa: E402

TARGET = 0.8


def minimal_tus(origin: str, token: str, upload_url: str, path: Path, size: int, chunk: int):
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    offset = 0
    with open(path, "rb") as source:
        while offset < size:
            data = source.read(chunk)
            checksum = base64.b64encode(hashlib.sha256(data).digest()).decode()
            response = session.patch(
                origin + upload_url,
                data=data,
                headers={
                    "Tus-Resumable": "1.0.0",
                    "Upload-Offset": str(offset),
                    "Content-Type": "application/offset+octet-stream",
                    "Upload-Checksum": f"sha256 {checksum}",
                },
                timeout=120,
            )
            assert response.status_code == 204, response.text
            offset = int(response.headers["Upload-Offset"])
    session.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--chunk-mb", type=int, default=4)
    args = parser.parse_args()
    size, chunk = args.size_mb * MB, args.chunk_mb * MB

    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        directory = Path(tmp)
        portal = start_portal(directory)
        try:
            store = prepare_profile(directory / "profile", portal)
            client = signed_in(portal.url, portal)
            info = store.blobs.put_stream(PdfLikeStream(size, b"upload"), size)
            blob_path = store.blobs.path(info.sha256)
            repo = DossierRepository(store)
            version = CatalogCache(store).get(BENCH_PROCEDURE).version
            sender = DossierSender(store, client, EventHub(), chunk_size=chunk)

            def new_dossier():
                dossier = repo.create(
                    BENCH_PROCEDURE,
                    version,
                    applicant=APPLICANT,
                    summary="Đo tốc độ gửi",
                    delivery=Delivery(),
                    files=[NewFile("TP1", info, "tep-lon.pdf", "application/pdf")],
                )
                body, names = dossier_body(dossier)
                _, created = client.create_dossier(body, str(uuid.uuid4()))
                return dossier, created, names

            def run_app() -> float:
                dossier, created, names = new_dossier()
                sender._record_created(dossier, created, names)
                dossier = repo.get(dossier.id)
                began = time.perf_counter()
                sender._upload_all(dossier)
                elapsed = time.perf_counter() - began
                assert all(f.uploaded_bytes == size for f in repo.get(dossier.id).active_files())
                return elapsed

            def run_floor() -> float:
                _, created, _ = new_dossier()
                upload_url = created["uploads"][0]["upload_url"]
                token = client.tokens.load().access_token
                began = time.perf_counter()
                minimal_tus(portal.url, token, upload_url, blob_path, size, chunk)
                return time.perf_counter() - began

            app, floor = [], []
            run_floor()  # warm-up (page cache, connections), not counted
            for n in range(args.rounds):
                order = (run_app, run_floor) if n % 2 == 0 else (run_floor, run_app)
                for run in order:
                    elapsed = run()
                    (app if run is run_app else floor).append(elapsed)
                    name = "app  " if run is run_app else "floor"
                    print(f"round {n + 1} {name} {size / MB / elapsed:8.1f} MB/s ({elapsed:.2f} s)")
            store.close()
        finally:
            portal.server.stop()

    app_speed = size / MB / statistics.median(app)
    floor_speed = size / MB / statistics.median(floor)
    paired = statistics.median(f / a for a, f in zip(app, floor, strict=True))
    best = min(floor) / min(app)
    print(
        f"upload {args.size_mb} MB in {args.chunk_mb} MB chunks over loopback: app "
        f"{app_speed:.1f} MB/s, minimal tus client {floor_speed:.1f} MB/s (medians); ratio "
        f"app/floor: median of the {args.rounds} paired rounds {paired:.2f}, best against best "
        f"{best:.2f} (target >= {TARGET}) {'OK' if paired >= TARGET else 'MISSED'}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

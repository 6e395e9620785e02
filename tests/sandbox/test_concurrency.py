"""Twenty clients uploading and submitting at once end with consistent data: no lost
upload offsets, no duplicate dossiers, one code each."""

from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from tests.sandbox.conftest import (
    Client,
    dossier_body,
    file_entry,
    key,
    register_account,
    running_sandbox,
)

CLIENTS = 20


def test_twenty_clients_upload_and_submit_at_once(tmp_path, pdfs):
    with running_sandbox(tmp_path / "portal", seed=11) as server:
        accounts = [register_account(server) for _ in range(CLIENTS // 2)]
        # two clients per account: they share the account's dossiers, not their own
        clients = [Client(server, accounts[i // 2]) for i in range(CLIENTS)]
        files = {i: pdfs.signed if i % 2 == 0 else os.urandom(300_000) for i in range(CLIENTS)}
        start = threading.Barrier(CLIENTS)

        def journey(i: int) -> dict:
            client = clients[i]
            data = files[i]
            procedure = "1.014111" if i % 2 == 0 else "1.014748"
            component = "TP1" if i % 2 == 0 else "TP2"
            entry = file_entry(data, component, content_type="application/pdf")
            if i % 2:  # an unsigned scan component, plus the form
                form = files[i][:1000]
                body = dossier_body([entry, file_entry(form, "TP1")], procedure)
            else:
                body = dossier_body([entry], procedure)
            body["client_id"] = f"client-{i}"
            idem = key()
            start.wait()
            created = [client.post("/dossiers", body, idem=idem) for _ in range(2)]
            assert created[0].status_code == 201, created[0].text
            assert created[1].json() == created[0].json()  # a retry is a replay
            dossier = created[0].json()
            contents = {hashlib.sha256(d).hexdigest(): d for d in (data, files[i][:1000])}
            for upload in dossier["uploads"]:
                # the same upload from two threads of this client: offsets must hold
                blob = next(v for k, v in contents.items() if len(v) == upload["size"])
                with ThreadPoolExecutor(2) as pool:
                    list(pool.map(_resume, [client] * 2, [upload] * 2, [blob] * 2))
            submit_key = key()
            first = client.post(f"/dossiers/{dossier['id']}/submit", idem=submit_key)
            again = client.post(f"/dossiers/{dossier['id']}/submit", idem=submit_key)
            assert first.status_code == 200, first.text
            assert again.json() == first.json()
            return first.json()

        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(journey, range(CLIENTS)))

        codes = [r["code"] for r in results]
        assert len(set(codes)) == CLIENTS and all(r["status"] == 1 for r in results)
        for index, account in enumerate(accounts):
            client = Client(server, account)
            listed = client.get("/dossiers", params={"limit": 500}).json()["items"]
            assert sorted(d["client_id"] for d in listed) == sorted(
                [f"client-{2 * index}", f"client-{2 * index + 1}"]
            )
            for dossier in listed:
                for upload in dossier["uploads"]:
                    assert upload["offset"] == upload["size"]
        with server.portal.db.tx() as conn:
            rows = conn.execute("SELECT file_id, sha256, size, offset FROM uploads").fetchall()
            assert conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == CLIENTS
        for row in rows:
            stored = (server.config.data_dir / "uploads" / row["file_id"]).read_bytes()
            assert len(stored) == row["size"] == row["offset"]
            assert hashlib.sha256(stored).hexdigest() == row["sha256"]


def _resume(client: Client, upload: dict, data: bytes) -> None:
    """Upload from wherever the server says, accepting a concurrent writer's 409."""
    from tests.sandbox.conftest import chunk_headers

    url = client.server.url + upload["upload_url"]
    for _ in range(200):
        offset = int(client.http.head(url, timeout=30).headers["Upload-Offset"])
        if offset >= len(data):
            return
        part = data[offset : offset + 32 * 1024]
        response = client.http.patch(
            url, data=part, headers=chunk_headers(part, offset), timeout=60
        )
        assert response.status_code in (204, 409), response.text
    raise AssertionError("upload did not finish")

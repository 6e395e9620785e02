"""The exactly-once check shared by the fault, crash and token tests.

After a batch, whatever went wrong on the way:

- on the portal, as the account (the API, not the proxy): every local dossier exactly
  once by ``client_id``, submitted (status >= 1, a code), no other dossier, every upload
  complete (the portal's own upload state);
- on the portal's disk (the sandbox's stored files): every file hashes to the SHA-256
  the dossier declared, which is the local blob's;
- in the portal's idempotency records: each request (path and body) that changed
  something was sent under one key only, whatever had to be retried or restarted;
- locally: the store is intact, every dossier ``submitted`` with the portal's code, its
  files' blobs present and intact, the create and submit steps done.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import requests

from desktop_app.core.dossier import State
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository


def portal_dossiers(api: str, headers: dict[str, str]) -> list[dict]:
    """Every dossier of the account, through ``changed_since`` paging (deduplicated by id,
    keeping the newest view, as the contract says a client may see one twice)."""
    seen: dict[str, dict] = {}
    cursor = None
    while True:
        params: dict = {"limit": 500}
        if cursor:
            params["changed_since"] = cursor
        response = requests.get(f"{api}/dossiers", params=params, headers=headers, timeout=30)
        assert response.status_code == 200, response.text
        page = response.json()
        if not page["items"]:
            return list(seen.values())
        for item in page["items"]:
            seen[item["id"]] = item
        cursor = page["next_cursor"]


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def portal_upload_rows(sandbox_data: Path, portal_ids: list[str]) -> list[dict]:
    """The sandbox's own upload records (read-only, beside its running server)."""
    conn = sqlite3.connect(f"file:{sandbox_data / 'portal.sqlite3'}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        marks = ",".join("?" * len(portal_ids))
        rows = conn.execute(
            "SELECT file_id, dossier_id, component_code, file_name, size, sha256, offset"
            f" FROM uploads WHERE dossier_id IN ({marks}) AND supplement_id IS NULL",
            portal_ids,
        ).fetchall()
        return [dict(r) for r in rows]
    finally:
        conn.close()


def assert_exactly_once(
    store: Store,
    local_ids: list[str],
    api: str,
    headers: dict[str, str] | Callable[[], dict[str, str]],
    sandbox_data: Path,
) -> list[dict]:
    """Everything in the module docstring; returns the portal's dossiers. ``headers`` may
    be a function, called right before the portal is asked (short-lived tokens)."""
    repo = DossierRepository(store)

    # -- locally ----------------------------------------------------------------------
    assert store.integrity_problems() == []
    assert sorted(repo.ids()) == sorted(local_ids), "a dossier appeared or vanished locally"
    local = {i: repo.get(i) for i in local_ids}
    for dossier in local.values():
        assert dossier.state == State.SUBMITTED, (dossier.id, dossier.state, dossier.last_error)
        assert dossier.portal_id and dossier.portal_code, dossier.id
        assert dossier.last_error is None
        files = dossier.active_files()
        assert files, dossier.id
        for f in files:
            assert store.blobs.verify(f.blob_sha256), f
            assert f.uploaded_bytes == f.size, (dossier.id, f.id, f.uploaded_bytes, f.size)
        steps = {
            row["step"]: row["state"]
            for row in store.db.query(
                "SELECT step, state FROM outbox WHERE dossier_id = ?", [dossier.id]
            )
        }
        assert steps.get("create") == "done" and steps.get("submit") == "done", steps

    # -- on the portal, as the account ------------------------------------------------
    on_portal = portal_dossiers(api, headers() if callable(headers) else headers)
    by_client = Counter(d["client_id"] for d in on_portal)
    duplicates = {k: n for k, n in by_client.items() if n > 1}
    assert duplicates == {}, f"sent twice: {duplicates}"
    assert set(by_client) == set(local_ids), (
        f"missing: {set(local_ids) - set(by_client)}; unknown: {set(by_client) - set(local_ids)}"
    )
    for item in on_portal:
        mine = local[item["client_id"]]
        assert item["id"] == mine.portal_id
        assert item["status"] >= 1 and item["code"] == mine.portal_code, item
        assert item["uploads"], item["id"]
        for upload in item["uploads"]:
            assert upload["offset"] == upload["size"], upload

    # -- the portal's stored bytes ----------------------------------------------------
    rows = portal_upload_rows(sandbox_data, [d.portal_id for d in local.values()])
    by_dossier: dict[str, list[dict]] = {}
    for row in rows:
        by_dossier.setdefault(row["dossier_id"], []).append(row)
    for dossier in local.values():
        stored = by_dossier.get(dossier.portal_id, [])
        expected = sorted(f.blob_sha256 for f in dossier.active_files())
        assert sorted(r["sha256"] for r in stored) == expected, dossier.id
        for row in stored:
            assert row["offset"] == row["size"], row
            path = sandbox_data / "uploads" / row["file_id"]
            assert path.stat().st_size == row["size"], row
            assert _sha256_file(path) == row["sha256"], row

    # -- one key per request, across retries, crashes and restarts ---------------------
    keys = idempotency_keys(sandbox_data)
    reused = {k: n for k, n in keys.items() if n > 1}
    assert reused == {}, f"one request sent under several keys: {reused}"
    return on_portal


def idempotency_keys(sandbox_data: Path) -> dict[tuple[str, str], int]:
    """(path, body hash) -> how many keys the portal recorded for it (finished ones)."""
    conn = sqlite3.connect(f"file:{sandbox_data / 'portal.sqlite3'}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT path, body_hash, count(DISTINCT key) FROM idempotency"
            " WHERE state = 'done' GROUP BY account_id, path, body_hash"
        ).fetchall()
        return {(path, body): n for path, body, n in rows}
    finally:
        conn.close()

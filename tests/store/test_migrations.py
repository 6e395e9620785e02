"""Each schema step upgrades a database made by the previous version, and only whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.messages import UserError
from desktop_app.core.store import Store, migrations
from desktop_app.core.store.db import DATABASE_FILE, connect, migrate, schema_version

FIXTURES = Path(__file__).parent / "fixtures"


def _tables(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _load_fixture(version: int, path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / f"schema_v{version}.sql").read_text(encoding="utf-8"))
    conn.commit()
    return conn


def test_step_1_makes_an_empty_database_version_1(tmp_path):
    conn = connect(tmp_path / "new.sqlite3")
    assert schema_version(conn) == 0
    assert migrate(conn, target=1) == 1
    tables = _tables(conn)
    for expected in (
        "agencies", "fields", "procedures", "components", "fees", "catalog_meta", "blobs",
        "dossiers", "dossier_files", "outbox", "payments", "results", "events", "sync_state",
    ):  # fmt: skip
        assert expected in tables
    assert all(count == 0 for count in tables.values())
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("version", range(1, migrations.LATEST_VERSION + 1))
def test_fixture_exists_for_every_released_version(version):
    assert (FIXTURES / f"schema_v{version}.sql").is_file(), (
        f"run python -m tests.store.make_fixture to record schema v{version}"
    )


@pytest.mark.parametrize("version", range(1, migrations.LATEST_VERSION + 1))
def test_database_of_an_older_version_upgrades_keeping_its_data(tmp_path, version):
    conn = _load_fixture(version, tmp_path / DATABASE_FILE)
    before = _tables(conn)
    assert schema_version(conn) == version
    conn.close()
    store = Store.open(tmp_path)  # the app's own open path migrates
    conn = store.db.conn
    assert schema_version(conn) == migrations.LATEST_VERSION
    assert store.integrity_problems() == []
    after = _tables(conn)
    for table, count in before.items():
        assert after.get(table, count) >= count, f"rows lost from {table}"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_a_failing_step_leaves_the_previous_version_whole(tmp_path, monkeypatch):
    conn = connect(tmp_path / "db.sqlite3")
    migrate(conn)
    broken = "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, broken))
    from desktop_app.core.store import db as db_module

    monkeypatch.setattr(db_module, "STEPS", migrations.STEPS)
    monkeypatch.setattr(db_module, "LATEST_VERSION", len(migrations.STEPS))
    with pytest.raises(sqlite3.OperationalError):
        db_module.migrate(conn)
    assert schema_version(conn) == len(migrations.STEPS) - 1
    assert "half_done" not in _tables(conn)


def test_a_database_from_a_newer_version_is_refused_in_words(tmp_path):
    conn = connect(tmp_path / DATABASE_FILE)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 5}")
    conn.close()
    with pytest.raises(UserError) as caught:
        Store.open(tmp_path)
    assert "phiên bản DossierDesk mới hơn" in caught.value.render("vi")


def test_a_file_that_is_not_a_database_is_refused_in_words(tmp_path):
    (tmp_path / DATABASE_FILE).write_bytes(b"this is a letter, not a database" * 100)
    with pytest.raises(UserError) as caught:
        Store.open(tmp_path)
    assert caught.value.message.key == "storage.not_a_database"

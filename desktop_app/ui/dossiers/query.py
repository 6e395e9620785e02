"""The SQL behind the dossier lists: filters, search and sort run in SQLite, on workers.

No Qt here. A :class:`ListQuery` says which dossiers and in what order; :func:`ordered_ids`
returns only their ids and sort keys (cheap, even for 10,000 dossiers), :func:`fetch_rows`
the shown columns of a window of them, and :func:`probe_rows` what a model needs to move,
insert or drop a few changed dossiers without reloading the rest.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.core.catalog import fold
from desktop_app.core.store import Store

FILTERS = ("all", "drafts", "outbox", "sent", "action", "done")
CLOSED = "(3, 7, 8, 9, 10)"
_FILTER_SQL = {
    "all": "1",
    "drafts": "d.state IN ('draft', 'ready')",
    "outbox": "d.state IN ('queued', 'sending', 'send_failed', 'rejected')",
    "sent": f"d.state = 'submitted' AND coalesce(d.portal_status, 1) NOT IN {CLOSED}",
    "action": (
        "d.state IN ('rejected', 'send_failed') OR d.portal_status IN (5, 6)"
        f" OR (d.state = 'submitted' AND coalesce(d.fees_due_vnd, 0) > 0"
        f" AND coalesce(d.portal_status, 1) NOT IN {CLOSED})"
    ),
    "done": f"d.portal_status IN {CLOSED}",
    # The payments page: sent dossiers with fees to pay or a payment made.
    "payments": (
        "d.state = 'submitted' AND (coalesce(d.fees_due_vnd, 0) > 0"
        " OR EXISTS (SELECT 1 FROM payments px WHERE px.dossier_id = d.id))"
    ),
    # The outbox page: what waits or is being sent, and what this session sent.
    "session": (
        "d.state IN ('queued', 'sending', 'send_failed', 'rejected')"
        " OR (d.state = 'submitted' AND d.first_sent_at >= :since)"
    ),
}

_LATEST_PAYMENT = (
    "(SELECT py.status FROM payments py WHERE py.dossier_id = d.id"
    " ORDER BY py.created_at DESC, py.reference DESC LIMIT 1)"
)
_APPLICANT_NAME = "coalesce(json_extract(d.applicant, '$.full_name'), '')"

SORT_KEYS = {
    "procedure": "coalesce(p.sort_key, d.procedure_code)",
    "applicant": _APPLICANT_NAME,
    "state": "d.state",
    "code": "coalesce(d.portal_code, '')",
    "status": "coalesce(d.portal_status, -1)",
    "payment": f"coalesce({_LATEST_PAYMENT}, '')",
    "changed": "d.updated_at",
    "created": "d.created_at",
}

_SEARCH_TEXT = (
    f"{_APPLICANT_NAME} || ' ' || coalesce(json_extract(d.applicant, '$.id_number'), '')"
    " || ' ' || coalesce(d.portal_code, '') || ' ' || coalesce(d.receipt_no, '')"
    " || ' ' || d.summary || ' ' || coalesce(p.name, d.procedure_code)"
)

_FROM = "FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code"


@dataclass(frozen=True)
class ListQuery:
    """Which dossiers, in which order. ``since`` is for the ``session`` filter."""

    filter: str = "all"
    search: str = ""
    sort: str = "changed"
    descending: bool = True
    since: str = ""

    def words(self) -> list[str]:
        return fold(self.search).split()


@dataclass(frozen=True)
class Row:
    """One dossier as a list shows it."""

    id: str
    procedure_code: str
    procedure_name: str
    applicant: str
    state: str
    portal_code: str | None
    portal_status: int | None
    portal_status_label: str | None
    payment_status: str | None
    fees_due_vnd: int | None
    updated_at: str
    first_sent_at: str | None
    last_error: dict[str, Any] | None
    receipt_no: str | None
    due_at: str | None
    bytes_total: int
    bytes_sent: int


_ROW_COLUMNS = (
    "d.id, d.procedure_code, coalesce(p.name, d.procedure_code), "
    f"{_APPLICANT_NAME}, d.state, d.portal_code, d.portal_status, d.portal_status_label, "
    f"{_LATEST_PAYMENT}, d.fees_due_vnd, d.updated_at, d.first_sent_at, d.last_error, "
    "d.receipt_no, d.due_at, "
    "(SELECT coalesce(sum(f.size), 0) FROM dossier_files f WHERE f.dossier_id = d.id"
    " AND f.active AND f.supplement_id IS NULL), "
    "(SELECT coalesce(sum(f.uploaded_bytes), 0) FROM dossier_files f"
    " WHERE f.dossier_id = d.id AND f.active AND f.supplement_id IS NULL)"
)


def _row(values: Sequence[Any]) -> Row:
    values = list(values)
    values[12] = json.loads(values[12]) if values[12] else None
    return Row(*values)


def _matches(text: str | None, words: str) -> int:
    folded = fold(text or "")
    return int(all(word in folded for word in words.split("\x1f")))


def _connection(store: Store) -> sqlite3.Connection:
    conn = store.db.conn
    conn.create_function("dd_matches", 2, _matches, deterministic=True)
    return conn


def _where(query: ListQuery) -> tuple[str, dict[str, Any]]:
    if query.filter not in _FILTER_SQL:
        raise ValueError(f"unknown filter {query.filter!r}")
    clause = f"({_FILTER_SQL[query.filter]})"
    params: dict[str, Any] = {"since": query.since or "9999"}
    words = query.words()
    if words:
        clause += f" AND dd_matches({_SEARCH_TEXT}, :words)"
        params["words"] = "\x1f".join(words)
    return clause, params


def _order(query: ListQuery) -> str:
    direction = "DESC" if query.descending else "ASC"
    return f"ORDER BY {SORT_KEYS[query.sort]} {direction}, d.id {direction}"


def ordered_ids(store: Store, query: ListQuery) -> tuple[list[str], list[tuple[Any, str]]]:
    """The ids of the dossiers ``query`` selects, in its order, with their sort keys."""
    where, params = _where(query)
    sql = f"SELECT d.id, {SORT_KEYS[query.sort]} {_FROM} WHERE {where} {_order(query)}"
    rows = _connection(store).execute(sql, params).fetchall()
    return [r[0] for r in rows], [(r[1], r[0]) for r in rows]


def fetch_rows(store: Store, ids: Sequence[str]) -> dict[str, Row]:
    """The shown columns of these dossiers (a window of a list)."""
    found: dict[str, Row] = {}
    conn = _connection(store)
    for start in range(0, len(ids), 500):
        part = list(ids[start : start + 500])
        marks = ",".join("?" * len(part))
        sql = f"SELECT {_ROW_COLUMNS} {_FROM} WHERE d.id IN ({marks})"
        for values in conn.execute(sql, part):
            found[values[0]] = _row(values)
    return found


@dataclass(frozen=True)
class Probe:
    """A changed dossier: is it (still) in the list, where does it sort, what it shows."""

    id: str
    exists: bool
    matches: bool
    key: tuple[Any, str] | None
    row: Row | None


def probe_rows(store: Store, query: ListQuery, ids: Sequence[str]) -> list[Probe]:
    """For changed dossiers: whether ``query`` selects them now, their key and columns."""
    where, params = _where(query)
    conn = _connection(store)
    probes: dict[str, Probe] = {}
    for start in range(0, len(ids), 400):
        part = list(ids[start : start + 400])
        named = {f"id{n}": value for n, value in enumerate(part)}
        marks = ",".join(f":{name}" for name in named)
        sql = (
            f"SELECT ({where}) AS matches, {SORT_KEYS[query.sort]} AS sort_key, {_ROW_COLUMNS}"
            f" {_FROM} WHERE d.id IN ({marks})"
        )
        for values in conn.execute(sql, {**params, **named}):
            row = _row(values[2:])
            probes[row.id] = Probe(row.id, True, bool(values[0]), (values[1], row.id), row)
    return [probes.get(i) or Probe(i, False, False, None, None) for i in ids]


def count_by_filter(store: Store, since: str = "") -> dict[str, int]:
    """How many dossiers each filter selects (for the filter buttons)."""
    conn = _connection(store)
    parts = ", ".join(f"sum(CASE WHEN ({_FILTER_SQL[name]}) THEN 1 ELSE 0 END)" for name in FILTERS)
    values = conn.execute(f"SELECT {parts} {_FROM}", {"since": since or "9999"}).fetchone()
    return {name: int(value or 0) for name, value in zip(FILTERS, values, strict=True)}

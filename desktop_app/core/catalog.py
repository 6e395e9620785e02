"""The procedure catalogue: typed procedures, the local cache, diacritic-insensitive search.

The cache lives in the profile's database, so browsing and search work offline. Search
folds case and Vietnamese diacritics (đ/Đ included): "thi tuyen" finds "Thi tuyển", over
the code, the name, the agency and the field.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from desktop_app.core.clock import now_iso
from desktop_app.core.store import Store
from desktop_app.core.store.events import append_event

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower case, without diacritics: ``fold("Thi tuyển ĐƠN")`` is ``"thi tuyen don"``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


@dataclass(frozen=True)
class Component:
    """Thành phần hồ sơ: a document the procedure asks for."""

    code: str
    name: str
    required: bool
    signature_required: bool
    max_files: int = 1
    max_bytes: int | None = None
    accepts: tuple[str, ...] = ()
    template_url: str | None = None

    def accepts_type(self, content_type: str) -> bool:
        return not self.accepts or content_type in self.accepts


@dataclass(frozen=True)
class Fee:
    code: str
    name: str
    kind: str  # phi or le_phi
    amount_vnd: int


@dataclass(frozen=True)
class Procedure:
    """One procedure (TTHC) as the portal describes it (portal-api.md ``Procedure``)."""

    code: str
    name: str
    agency_code: str | None
    field_code: str | None
    level: int | None
    processing_days: int | None
    description: str
    legal_basis: tuple[dict[str, Any], ...]
    components: tuple[Component, ...]
    fees: tuple[Fee, ...]
    delivery: dict[str, bool]
    version: int
    updated_at: str | None
    retired: bool

    def component(self, code: str) -> Component | None:
        return next((c for c in self.components if c.code == code), None)

    @property
    def total_fee_vnd(self) -> int:
        return sum(f.amount_vnd for f in self.fees)

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> Procedure:
        """Build from the portal's JSON (unknown fields are ignored)."""
        return cls(
            code=data["code"],
            name=unicodedata.normalize("NFC", data["name"]),
            agency_code=data.get("agency_code"),
            field_code=data.get("field_code"),
            level=data.get("level"),
            processing_days=data.get("processing_days"),
            description=data.get("description") or "",
            legal_basis=tuple(data.get("legal_basis") or ()),
            components=tuple(
                Component(
                    code=c["code"],
                    name=c["name"],
                    required=bool(c.get("required")),
                    signature_required=bool(c.get("signature_required")),
                    max_files=int(c.get("max_files") or 1),
                    max_bytes=c.get("max_bytes"),
                    accepts=tuple(c.get("accepts") or ()),
                    template_url=c.get("template_url"),
                )
                for c in data.get("components") or ()
            ),
            fees=tuple(
                Fee(f["code"], f["name"], f.get("kind", "phi"), int(f["amount_vnd"]))
                for f in data.get("fees") or ()
            ),
            delivery=dict(data.get("delivery") or {}),
            version=int(data["version"]),
            updated_at=data.get("updated_at"),
            retired=bool(data.get("retired")),
        )


@dataclass(frozen=True)
class ProcedureSummary:
    """A search hit: enough to show a row in the catalogue list."""

    code: str
    name: str
    agency_code: str | None
    field_code: str | None
    level: int | None
    processing_days: int | None
    retired: bool


@dataclass
class CatalogUpdate:
    """What one refresh changed."""

    changed: list[str] = field(default_factory=list)
    flagged_drafts: list[str] = field(default_factory=list)


class CatalogCache:
    """The catalogue as cached in the profile's database."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- meta (ETag, server time of the last delta) --------------------------------
    def meta(self, key: str) -> str | None:
        row = self.store.db.execute(
            "SELECT value FROM catalog_meta WHERE key = ?", (key,)
        ).fetchone()
        return row[0] if row else None

    def set_meta(self, db: sqlite_utils.Database, key: str, value: str | None) -> None:
        db.execute(
            "INSERT INTO catalog_meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- writing -------------------------------------------------------------------
    def save_agencies(self, items: Iterable[dict[str, Any]]) -> None:
        with self.store.write() as db:
            for item in items:
                db.execute(
                    "INSERT OR REPLACE INTO agencies (code, name, parent_code) VALUES (?, ?, ?)",
                    (item["code"], item["name"], item.get("parent_code")),
                )

    def save_fields(self, items: Iterable[dict[str, Any]]) -> None:
        with self.store.write() as db:
            for item in items:
                db.execute(
                    "INSERT OR REPLACE INTO fields (code, name, agency_code) VALUES (?, ?, ?)",
                    (item["code"], item["name"], item.get("agency_code")),
                )

    def save_procedures(
        self,
        items: Sequence[dict[str, Any]],
        *,
        etag: str | None = None,
        server_time: str | None = None,
    ) -> CatalogUpdate:
        """Store procedures from the portal (a full list or a delta) in one transaction,
        then flag drafts whose procedure was retired or changed."""
        update = CatalogUpdate()
        with self.store.write() as db:
            agencies = dict(db.execute("SELECT code, name FROM agencies").fetchall())
            fields = dict(db.execute("SELECT code, name FROM fields").fetchall())
            for item in items:
                procedure = Procedure.from_api(item)
                self._save_one(db, procedure, agencies, fields)
                update.changed.append(procedure.code)
            if etag is not None:
                self.set_meta(db, "etag", etag)
            if server_time is not None:
                self.set_meta(db, "server_time", server_time)
            self.set_meta(db, "fetched_at", now_iso())
            update.flagged_drafts = self._flag_drafts(db, update.changed)
        return update

    def _save_one(
        self,
        db: sqlite_utils.Database,
        p: Procedure,
        agencies: dict[str, str],
        fields: dict[str, str],
    ) -> None:
        search_text = fold(
            " ".join(
                filter(
                    None,
                    (
                        p.code,
                        p.name,
                        agencies.get(p.agency_code or ""),
                        fields.get(p.field_code or ""),
                    ),
                )
            )
        )
        db.execute("DELETE FROM components WHERE procedure_code = ?", (p.code,))
        db.execute("DELETE FROM fees WHERE procedure_code = ?", (p.code,))
        db.execute(
            "INSERT OR REPLACE INTO procedures (code, name, agency_code, field_code, level,"
            " processing_days, description, legal_basis, delivery, version, updated_at, retired,"
            " search_text, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p.code,
                p.name,
                p.agency_code,
                p.field_code,
                p.level,
                p.processing_days,
                p.description,
                json.dumps(list(p.legal_basis), ensure_ascii=False),
                json.dumps(p.delivery),
                p.version,
                p.updated_at,
                int(p.retired),
                search_text,
                fold(p.name),
            ),
        )
        for position, c in enumerate(p.components):
            db.execute(
                "INSERT INTO components (procedure_code, code, position, name, required,"
                " signature_required, max_files, max_bytes, accepts, template_url)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    p.code,
                    c.code,
                    position,
                    c.name,
                    int(c.required),
                    int(c.signature_required),
                    c.max_files,
                    c.max_bytes,
                    json.dumps(list(c.accepts)),
                    c.template_url,
                ),
            )
        for f in p.fees:
            db.execute(
                "INSERT INTO fees (procedure_code, code, name, kind, amount_vnd)"
                " VALUES (?, ?, ?, ?, ?)",
                (p.code, f.code, f.name, f.kind, f.amount_vnd),
            )

    def _flag_drafts(self, db: sqlite_utils.Database, codes: Sequence[str]) -> list[str]:
        """Mark editable dossiers whose procedure is now retired or at another version."""
        if not codes:
            return []
        marks = ",".join("?" * len(codes))
        rows = db.execute(
            "SELECT d.id, d.procedure_version, d.catalog_flag, p.version, p.retired"
            " FROM dossiers d JOIN procedures p ON p.code = d.procedure_code"
            f" WHERE d.procedure_code IN ({marks}) AND d.state IN ('draft', 'ready')",
            list(codes),
        ).fetchall()
        flagged = []
        for dossier_id, version, old_flag, current, retired in rows:
            flag = (
                "procedure_retired"
                if retired
                else ("procedure_changed" if current != version else None)
            )
            if flag == old_flag:
                continue
            db.execute("UPDATE dossiers SET catalog_flag = ? WHERE id = ?", (flag, dossier_id))
            append_event(
                db,
                dossier_id,
                actor="catalog",
                kind="catalog_flag",
                reason=flag,
                data={"procedure_version": version, "catalog_version": current},
            )
            if flag:
                flagged.append(dossier_id)
        return flagged

    # -- reading -------------------------------------------------------------------
    def count(self) -> int:
        return self.store.db.execute("SELECT count(*) FROM procedures").fetchone()[0]

    def agencies(self) -> list[dict[str, Any]]:
        return [
            dict(r)
            for r in self.store.db.query(
                "SELECT code, name, parent_code FROM agencies ORDER BY name"
            )
        ]

    def fields(self, agency_code: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT code, name, agency_code FROM fields"
        params: list[Any] = []
        if agency_code:
            sql += " WHERE agency_code = ?"
            params.append(agency_code)
        return [dict(r) for r in self.store.db.query(sql + " ORDER BY name", params)]

    def get(self, code: str) -> Procedure | None:
        db = self.store.db
        row = db.execute(
            "SELECT code, name, agency_code, field_code, level, processing_days, description,"
            " legal_basis, delivery, version, updated_at, retired FROM procedures WHERE code = ?",
            (code,),
        ).fetchone()
        if row is None:
            return None
        components = tuple(
            Component(
                code=c[0],
                name=c[1],
                required=bool(c[2]),
                signature_required=bool(c[3]),
                max_files=c[4],
                max_bytes=c[5],
                accepts=tuple(json.loads(c[6])),
                template_url=c[7],
            )
            for c in db.execute(
                "SELECT code, name, required, signature_required, max_files, max_bytes, accepts,"
                " template_url FROM components WHERE procedure_code = ? ORDER BY position",
                (code,),
            )
        )
        fees = tuple(
            Fee(*f)
            for f in db.execute(
                "SELECT code, name, kind, amount_vnd FROM fees WHERE procedure_code = ?"
                " ORDER BY code",
                (code,),
            )
        )
        return Procedure(
            code=row[0],
            name=row[1],
            agency_code=row[2],
            field_code=row[3],
            level=row[4],
            processing_days=row[5],
            description=row[6] or "",
            legal_basis=tuple(json.loads(row[7])),
            components=components,
            fees=fees,
            delivery=json.loads(row[8]),
            version=row[9],
            updated_at=row[10],
            retired=bool(row[11]),
        )

    def search(
        self,
        query: str = "",
        *,
        agency_code: str | None = None,
        field_code: str | None = None,
        include_retired: bool = False,
        limit: int | None = None,
    ) -> list[ProcedureSummary]:
        """Procedures whose code, name, agency or field contain every word of ``query``."""
        where, params = [], []
        for word in fold(query).split():
            where.append("search_text LIKE ? ESCAPE '\\'")
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        if agency_code:
            where.append("agency_code = ?")
            params.append(agency_code)
        if field_code:
            where.append("field_code = ?")
            params.append(field_code)
        if not include_retired:
            where.append("retired = 0")
        sql = (
            "SELECT code, name, agency_code, field_code, level, processing_days, retired"
            " FROM procedures"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY sort_key, code"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [
            ProcedureSummary(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
            for r in self.store.db.execute(sql, params)
        ]

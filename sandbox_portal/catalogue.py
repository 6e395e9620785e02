"""The procedure catalogue: read from a data file under resources/, versioned in the
database so that editing the file and restarting bumps exactly the procedures that changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox_portal import clock
from sandbox_portal.config import API_PREFIX
from sandbox_portal.storage import Database
from sandbox_portal.text import nfc_deep

_SCAN = "scan"
_SANDBOX_CODE_NOTE = (
    "Lưu ý: {code} là mã nội bộ của cổng sandbox (không tìm thấy mã thủ tục quốc gia), "
    "không phải mã MaTTHC."
)
_TRAINING_NOTE = "Dữ liệu tập huấn của cổng sandbox, không dùng để nộp hồ sơ thật."


class CatalogueError(ValueError):
    """The catalogue data file is not usable."""


def _hash(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AgencyInfo:
    """An agency of the data file, with what the portal needs beyond the wire shape."""

    code: str
    name: str
    parent_code: str | None
    beneficiary: dict[str, str] | None
    one_stop_unit: str
    processing_unit: str


def _expand(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The procedures of the file in their wire shape (without version and updated_at)."""
    defaults = data.get("component_defaults", {})
    scan_types = data.get("scan_types", ["application/pdf"])
    agencies = {a["code"] for a in data["agencies"]}
    fields = {f["code"] for f in data["fields"]}
    out = []
    seen = set()
    for raw in data["procedures"]:
        code = raw["code"]
        if code in seen:
            raise CatalogueError(f"procedure {code} appears twice")
        seen.add(code)
        if raw["agency_code"] not in agencies or raw["field_code"] not in fields:
            raise CatalogueError(f"procedure {code}: unknown agency or field")
        components = []
        for comp in raw["components"]:
            merged = {**defaults, **comp}
            accepts = merged["accepts"]
            if accepts == _SCAN:
                accepts = list(scan_types)
            if merged["signature_required"]:
                accepts = ["application/pdf"]
            template_url = (
                f"{API_PREFIX}/catalog/procedures/{code}/templates/{merged['code']}"
                if merged.get("template")
                else None
            )
            components.append(
                {
                    "code": merged["code"],
                    "name": merged["name"],
                    "required": bool(merged["required"]),
                    "signature_required": bool(merged["signature_required"]),
                    "max_files": int(merged["max_files"]),
                    "max_bytes": int(merged["max_bytes"]),
                    "accepts": list(accepts),
                    "template_url": template_url,
                }
            )
        description = raw.get("description", "")
        notes = [description] if description else []
        if raw.get("code_source") == "sandbox":
            notes.append(_SANDBOX_CODE_NOTE.format(code=code))
        notes.append(_TRAINING_NOTE)
        out.append(
            {
                "code": code,
                "name": raw["name"],
                "agency_code": raw["agency_code"],
                "field_code": raw["field_code"],
                "level": int(raw["level"]),
                "processing_days": int(raw["processing_days"]),
                "description": " ".join(notes),
                "legal_basis": [
                    {"number": lb["number"], "title": lb["title"]}
                    for lb in raw.get("legal_basis", [])
                ],
                "components": components,
                "fees": [
                    {
                        "code": fee["code"],
                        "name": fee["name"],
                        "kind": fee["kind"],
                        "amount_vnd": int(fee["amount_vnd"]),
                    }
                    for fee in raw.get("fees", [])
                ],
                "delivery": {
                    "home_pickup": bool(raw["delivery"]["home_pickup"]),
                    "home_return": bool(raw["delivery"]["home_return"]),
                },
                "retired": bool(raw.get("retired", False)),
            }
        )
    return nfc_deep(out)


class Catalogue:
    """Agencies, fields and versioned procedures, as served under ``/catalog/``."""

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self.path = path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogueError(f"cannot read the catalogue {path}: {exc}") from exc
        try:
            procedures = _expand(data)
            self.agencies = nfc_deep(
                [
                    {"code": a["code"], "name": a["name"], "parent_code": a.get("parent_code")}
                    for a in data["agencies"]
                ]
            )
            self.fields = nfc_deep(
                [
                    {"code": f["code"], "name": f["name"], "agency_code": f["agency_code"]}
                    for f in data["fields"]
                ]
            )
            self._agency_info = {
                a["code"]: AgencyInfo(
                    code=a["code"],
                    name=a["name"],
                    parent_code=a.get("parent_code"),
                    beneficiary=a.get("beneficiary"),
                    one_stop_unit=a.get("one_stop_unit", "Bộ phận Một cửa"),
                    processing_unit=a.get("processing_unit", a["name"]),
                )
                for a in nfc_deep(data["agencies"])
            }
        except (KeyError, TypeError) as exc:
            raise CatalogueError(f"catalogue {path} is missing {exc}") from exc
        self._procedures: dict[str, dict[str, Any]] = {}
        self._sync(procedures)

    def _sync(self, procedures: list[dict[str, Any]]) -> None:
        """Compare the file with the stored catalogue and bump what changed."""
        now = clock.now()
        in_file = {p["code"] for p in procedures}
        with self._db.tx() as conn:
            stored = {
                row["code"]: row for row in conn.execute("SELECT * FROM procedures").fetchall()
            }
            for proc in procedures:
                content_hash = _hash(proc)
                row = stored.get(proc["code"])
                if row is not None and row["content_hash"] == content_hash:
                    continue
                version = 1 if row is None else int(row["version"]) + 1
                self._store(conn, proc, version, content_hash, now)
            for code, row in stored.items():
                if code in in_file or row["retired"]:
                    continue
                proc = json.loads(row["body"])
                proc["retired"] = True
                self._store(conn, proc, int(row["version"]) + 1, _hash(proc), now)
            for row in conn.execute("SELECT * FROM procedures ORDER BY code").fetchall():
                proc = json.loads(row["body"])
                proc["version"] = int(row["version"])
                proc["updated_at"] = clock.rfc3339(row["updated_at"])
                self._procedures[row["code"]] = {"item": proc, "updated": row["updated_at"]}

    @staticmethod
    def _store(
        conn: Any, proc: dict[str, Any], version: int, content_hash: str, now: float
    ) -> None:
        conn.execute(
            "INSERT INTO procedures (code, version, content_hash, updated_at, retired, body) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET version=excluded.version, "
            "content_hash=excluded.content_hash, updated_at=excluded.updated_at, "
            "retired=excluded.retired, body=excluded.body",
            (
                proc["code"],
                version,
                content_hash,
                now,
                int(proc["retired"]),
                json.dumps(proc, ensure_ascii=False),
            ),
        )
        conn.execute(
            "INSERT OR REPLACE INTO procedure_versions (code, version, components_hash) "
            "VALUES (?, ?, ?)",
            (proc["code"], version, _hash(proc["components"])),
        )

    def procedures(self, updated_since: float | None = None) -> list[dict[str, Any]]:
        """The procedures (retired included) changed strictly after ``updated_since``."""
        return [
            entry["item"]
            for entry in self._procedures.values()
            if updated_since is None or entry["updated"] > updated_since
        ]

    def get(self, code: str) -> dict[str, Any] | None:
        """One procedure by its code, or None."""
        entry = self._procedures.get(code)
        return None if entry is None else entry["item"]

    def component(self, code: str, component_code: str) -> dict[str, Any] | None:
        """One component of a procedure, or None."""
        proc = self.get(code)
        if proc is None:
            return None
        return next((c for c in proc["components"] if c["code"] == component_code), None)

    def components_changed_since(self, code: str, version: int) -> bool:
        """Whether the components of ``code`` differ between ``version`` and the current one."""
        proc = self.get(code)
        if proc is None:
            return True
        with self._db.tx() as conn:
            row = conn.execute(
                "SELECT components_hash FROM procedure_versions WHERE code=? AND version=?",
                (code, version),
            ).fetchone()
        return row is None or row["components_hash"] != _hash(proc["components"])

    def agency(self, code: str) -> AgencyInfo:
        """The agency data of ``code`` (the first agency when unknown)."""
        return self._agency_info.get(code) or next(iter(self._agency_info.values()))

    @staticmethod
    def etag(items: list[dict[str, Any]]) -> str:
        """An ETag that changes exactly when ``items`` change."""
        return f'"{_hash(items)[:32]}"'

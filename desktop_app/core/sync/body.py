"""What is sent to the portal for a dossier or a supplement (portal-api.md shapes).

Built deterministically from the database (files in id order, duplicate names made
unique the same way every time), so the same dossier always hashes to the same body and
keeps its idempotency key across retries and restarts.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import PurePath
from typing import Any

from desktop_app.core.dossier import Dossier, DossierFile


def unique_names(files: list[DossierFile]) -> dict[int, str]:
    """File id -> the name sent: unique within each component."""
    names: dict[int, str] = {}
    taken: set[tuple[str, str]] = set()
    for f in sorted(files, key=lambda f: f.id):
        name = PurePath(f.original_name).name or "tep"
        candidate, n = name, 1
        while (f.component_code, candidate.lower()) in taken:
            n += 1
            stem, suffix = PurePath(name).stem, PurePath(name).suffix
            candidate = f"{stem} ({n}){suffix}"
        taken.add((f.component_code, candidate.lower()))
        names[f.id] = candidate
    return names


def file_entries(files: list[DossierFile]) -> tuple[list[dict[str, Any]], dict[int, str]]:
    names = unique_names(files)
    entries = [
        {
            "component_code": f.component_code,
            "file_name": names[f.id],
            "content_type": f.content_type,
            "size": f.size,
            "sha256": f.blob_sha256,
        }
        for f in sorted(files, key=lambda f: f.id)
    ]
    return entries, names


def dossier_body(dossier: Dossier) -> tuple[dict[str, Any], dict[int, str]]:
    """``(body of POST /dossiers, file id -> name sent)``."""
    files, names = file_entries(dossier.active_files())
    applicant = asdict(dossier.applicant)
    delivery = asdict(dossier.delivery)
    body = {
        "client_id": dossier.id,
        "procedure_code": dossier.procedure_code,
        "procedure_version": dossier.procedure_version,
        "applicant": applicant,
        "summary": dossier.summary,
        "delivery": delivery,
        "files": files,
    }
    return body, names


def supplement_body(
    request_id: str, note: str, files: list[DossierFile]
) -> tuple[dict[str, Any], dict[int, str]]:
    entries, names = file_entries(files)
    return {"request_id": request_id, "note": note, "files": entries}, names

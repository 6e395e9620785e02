"""What an import will create, and the problems found, before anything changes (no Qt).

Packages: each manifest is read and checked (format, known procedure, already on this PC);
the hashes are checked by the import itself, which refuses a damaged package whole.
CSV batches: :func:`desktop_app.core.packages.plan_csv` is the preview.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.messages import Message, UserError
from desktop_app.core.packages import CsvRow, ImportOutcome, read_manifest
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository


@dataclass
class Planned:
    """One dossier an import would create (a package, or a CSV row)."""

    source: str
    procedure: str
    applicant: str
    files: int
    problems: list[str] = field(default_factory=list)
    outcome: str = ""  # filled in after the import: created, or why not
    csv_row: CsvRow | None = None
    path: Path | None = None

    @property
    def importable(self) -> bool:
        return not self.problems


def _procedure_name(catalog: CatalogCache, code: str) -> str:
    procedure = catalog.get(code)
    return f"{procedure.name} ({code})" if procedure else code


def preview_packages(store: Store, paths: Sequence[Path]) -> list[Planned]:
    catalog = CatalogCache(store)
    repo = DossierRepository(store)
    planned = []
    for path in map(Path, paths):
        item = Planned(path.name, "", "", 0, path=path)
        try:
            with zipfile.ZipFile(path) as archive:
                manifest = read_manifest(archive, path.name)
        except (zipfile.BadZipFile, OSError) as exc:
            problem = UserError("package.not_a_package", name=path.name, detail=type(exc).__name__)
            item.problems.append(problem.render())
            planned.append(item)
            continue
        except UserError as problem:
            item.problems.append(problem.render())
            planned.append(item)
            continue
        code = str(manifest["procedure_code"])
        item.procedure = _procedure_name(catalog, code)
        item.applicant = str((manifest.get("applicant") or {}).get("full_name") or "")
        item.files = len(manifest["files"])
        if catalog.get(code) is None:
            item.problems.append(Message("csv.unknown_procedure", {"code": code}).render())
        if repo.exists(str(manifest["client_id"])):
            item.problems.append(
                UserError("package.exists", client_id=manifest["client_id"]).render()
            )
        planned.append(item)
    return planned


def preview_csv(rows: Sequence[CsvRow], store: Store) -> list[Planned]:
    catalog = CatalogCache(store)
    return [
        Planned(
            f"#{row.number}",
            _procedure_name(catalog, row.procedure_code),
            row.applicant.full_name,
            len(row.files),
            [m.render() for m in row.problems],
            csv_row=row,
        )
        for row in rows
    ]


def outcome_text(outcome: ImportOutcome) -> str:
    if outcome.created:
        return ""
    return outcome.problem.render() if outcome.problem else "?"

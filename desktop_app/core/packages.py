"""Dossier packages (``.dossier`` zip files) and CSV batch import (shared/cli.md).

A package moves a prepared dossier between PCs or archives it. Import checks every
member's hash and size and refuses the whole package on any difference; member names that
would escape (absolute, ``..``) are refused; a package whose ``client_id`` already exists
changes nothing. The files go into the blob store first and the dossier is created with
them in one transaction: an import killed half-way leaves the whole dossier or nothing.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import Applicant, Delivery, Dossier
from desktop_app.core.filetypes import sniff
from desktop_app.core.fsutil import fsync_dir, translated_storage_errors
from desktop_app.core.messages import Message, UserError, register
from desktop_app.core.store import BlobInfo, Store
from desktop_app.core.store.dossiers import DossierRepository, NewFile

FORMAT = "dossier-desk/1"
SUFFIX = ".dossier"
MAX_MEMBER_BYTES = 2 * 1024**3

SignatureProbe = Callable[[Path], dict[str, Any] | None]
"""Validates a PDF; returns its report as a dict when it carries signatures, else None."""

register(
    {
        "package.not_a_package": (
            "Tệp {name} không phải gói hồ sơ DossierDesk ({detail}).",
            "{name} is not a DossierDesk package ({detail}).",
        ),
        "package.bad_manifest": (
            "Gói hồ sơ {name} có tệp mô tả (manifest.json) không hợp lệ: {detail}.",
            "The package {name} has an invalid manifest.json: {detail}.",
        ),
        "package.unsafe_member": (
            "Gói hồ sơ {name} bị từ chối: tên tệp “{member}” trỏ ra ngoài gói.",
            "The package {name} was refused: the member name “{member}” points outside it.",
        ),
        "package.missing_member": (
            "Gói hồ sơ {name} thiếu tệp “{member}”.",
            "The package {name} lacks the member “{member}”.",
        ),
        "package.hash_mismatch": (
            "Gói hồ sơ {name} bị từ chối: tệp “{member}” không khớp mã băm hoặc kích thước đã "
            "ghi (có thể bị hỏng khi sao chép). Không có gì được nhập.",
            "The package {name} was refused: “{member}” does not match its recorded hash or "
            "size (damaged in copying?). Nothing was imported.",
        ),
        "package.exists": (
            "Hồ sơ {client_id} đã có trên máy này; không thay đổi gì.",
            "The dossier {client_id} is already on this PC; nothing changed.",
        ),
        "csv.bad_header": (
            "Tệp CSV {name} thiếu cột bắt buộc: {columns}.",
            "The CSV file {name} lacks required columns: {columns}.",
        ),
        "csv.row_problem": (
            "Dòng {row}: {problem}",
            "Row {row}: {problem}",
        ),
        "csv.unknown_procedure": (
            "thủ tục {code} không có trong danh mục trên máy (hãy cập nhật danh mục)",
            "the procedure {code} is not in the local catalogue (refresh it)",
        ),
        "csv.file_missing": (
            "không tìm thấy tệp {path}",
            "the file {path} was not found",
        ),
        "csv.unknown_component": (
            "cột {column}: thủ tục không có thành phần {code}",
            "column {column}: the procedure has no component {code}",
        ),
    }
)


# -- export -------------------------------------------------------------------------------
def export_dossier(store: Store, dossier_id: str, out_dir: Path) -> Path:
    """Write ``<out_dir>/<client_id>.dossier`` atomically; returns its path."""
    dossier = DossierRepository(store).get(dossier_id)
    out_dir = Path(out_dir)
    target = out_dir / f"{dossier.id}{SUFFIX}"
    files = []
    for n, f in enumerate(dossier.active_files(), start=1):
        member = f"files/{n:03d}-{_safe_name(f.original_name)}"
        files.append(
            {
                "component_code": f.component_code,
                "file_name": f.original_name,
                "path": member,
                "sha256": f.blob_sha256,
                "size": f.size,
                "content_type": f.content_type,
            }
        )
    manifest = {
        "format": FORMAT,
        "client_id": dossier.id,
        "procedure_code": dossier.procedure_code,
        "procedure_version": dossier.procedure_version,
        "applicant": asdict(dossier.applicant),
        "summary": dossier.summary,
        "delivery": asdict(dossier.delivery),
        "files": files,
    }
    with translated_storage_errors(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".part", dir=out_dir)
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(
                    "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2)
                )
                for entry, f in zip(files, dossier.active_files(), strict=True):
                    with (
                        store.blobs.open(f.blob_sha256) as source,
                        archive.open(entry["path"], "w", force_zip64=True) as sink,
                    ):
                        while chunk := source.read(1024 * 1024):
                            sink.write(chunk)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
            fsync_dir(out_dir)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target


def _safe_name(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name or "tep"
    return "".join(c if c.isalnum() or c in "._- " else "_" for c in base)[:120]


# -- import -------------------------------------------------------------------------------
@dataclass
class ImportOutcome:
    """One imported (or refused, or already present) dossier."""

    source: str
    dossier_id: str | None = None
    state: str | None = None
    created: bool = False
    problem: UserError | None = None


def _member_path(name: str, member: str) -> str:
    pure = PurePosixPath(member.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or member.startswith(("/", "\\")) or ":" in member:
        raise UserError("package.unsafe_member", name=name, member=member)
    return str(pure)


def read_manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
    except KeyError:
        raise UserError("package.not_a_package", name=name, detail="no manifest.json") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError("package.bad_manifest", name=name, detail=type(exc).__name__) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserError("package.bad_manifest", name=name, detail="format")
    for key in ("client_id", "procedure_code", "procedure_version", "files"):
        if key not in manifest:
            raise UserError("package.bad_manifest", name=name, detail=key)
    if not isinstance(manifest["files"], list):
        raise UserError("package.bad_manifest", name=name, detail="files")
    return manifest


def import_package(
    store: Store, path: Path, probe: SignatureProbe | None = None, actor: str = "import"
) -> ImportOutcome:
    """Import one ``.dossier`` file."""
    path = Path(path)
    outcome = ImportOutcome(str(path))
    repo = DossierRepository(store)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        outcome.problem = UserError(
            "package.not_a_package", name=path.name, detail=type(exc).__name__
        )
        return outcome
    try:
        with archive:
            manifest = read_manifest(archive, path.name)
            client_id = str(manifest["client_id"])
            outcome.dossier_id = client_id
            if repo.exists(client_id):
                outcome.state = repo.get(client_id).state.value
                outcome.problem = UserError("package.exists", client_id=client_id)
                return outcome
            new_files = [
                _import_member(store, archive, path.name, entry, probe)
                for entry in manifest["files"]
            ]
            dossier = repo.create(
                manifest["procedure_code"],
                int(manifest["procedure_version"]),
                applicant=Applicant.from_dict(manifest.get("applicant") or {}),
                summary=str(manifest.get("summary") or ""),
                delivery=Delivery.from_dict(manifest.get("delivery") or {}),
                dossier_id=client_id,
                actor=actor,
                reason=f"package {path.name}",
                files=new_files,
            )
    except UserError as problem:
        outcome.problem = problem
        return outcome
    outcome.created = True
    outcome.state = dossier.state.value
    return outcome


def _import_member(
    store: Store,
    archive: zipfile.ZipFile,
    name: str,
    entry: dict[str, Any],
    probe: SignatureProbe | None,
) -> NewFile:
    try:
        member = _member_path(name, str(entry["path"]))
        expected_sha, expected_size = str(entry["sha256"]).lower(), int(entry["size"])
        component = str(entry["component_code"])
        file_name = str(entry.get("file_name") or PurePosixPath(member).name)
    except (KeyError, TypeError, ValueError):
        raise UserError("package.bad_manifest", name=name, detail="files[]") from None
    try:
        info_zip = archive.getinfo(member)
    except KeyError:
        raise UserError("package.missing_member", name=name, member=member) from None
    if info_zip.file_size != expected_size or expected_size > MAX_MEMBER_BYTES:
        raise UserError("package.hash_mismatch", name=name, member=member)
    with archive.open(info_zip) as source:
        info = store.blobs.put_stream(source, expected_size)
    if info.sha256 != expected_sha or info.size != expected_size:
        raise UserError("package.hash_mismatch", name=name, member=member)
    return _stored_file(store, component, info, file_name, probe)


def _stored_file(
    store: Store, component: str, info: BlobInfo, name: str, probe: SignatureProbe | None
) -> NewFile:
    """A file just copied into the blob store, as a dossier will hold it: its type from
    its first bytes, signed when it carries signatures (with their report)."""
    path = store.blobs.path(info.sha256)
    with open(path, "rb") as handle:
        content_type = sniff(handle.read(2048), name)
    report = probe(path) if probe and content_type == "application/pdf" else None
    return NewFile(component, info, name, content_type, report is not None, report)


# -- CSV batch import -------------------------------------------------------------------
APPLICANT_COLUMNS = ("full_name", "id_number", "date_of_birth", "phone", "email", "address", "kind")
REQUIRED_COLUMNS = ("procedure_code", "full_name")
FILE_PREFIX = "file:"


@dataclass
class CsvRow:
    """One applicant of a CSV batch, as it will be created, with what is wrong with it."""

    number: int
    procedure_code: str
    procedure_version: int | None
    applicant: Applicant
    summary: str
    delivery: Delivery
    files: list[tuple[str, Path]] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "x", "yes", "true", "có", "co", "c"}


def plan_csv(store: Store, path: Path) -> list[CsvRow]:
    """Read a CSV batch without changing anything: the preview the clerk confirms.

    Columns: ``procedure_code``, applicant fields (``full_name``, ``id_number``,
    ``date_of_birth``, ``phone``, ``email``, ``address``, ``kind``), ``summary``,
    ``home_pickup``, ``pickup_address``, ``home_return``, ``return_address``, and one
    ``file:<component code>`` column per component, holding file paths (relative to the
    CSV's folder; several separated by ``;``). UTF-8, with or without BOM (Excel).
    """
    path = Path(path)
    catalog = CatalogCache(store)
    with translated_storage_errors(path), open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(handle, dialect=dialect)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise UserError("csv.bad_header", name=path.name, columns=", ".join(missing))
        rows = []
        for number, raw in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
            rows.append(_plan_row(catalog, path.parent, number, row))
    return rows


def _plan_row(catalog: CatalogCache, base: Path, number: int, row: dict[str, str]) -> CsvRow:
    code = row.get("procedure_code", "")
    procedure = catalog.get(code)
    plan = CsvRow(
        number=number,
        procedure_code=code,
        procedure_version=procedure.version if procedure else None,
        applicant=Applicant.from_dict(
            {k: row[k] for k in APPLICANT_COLUMNS if row.get(k)}
            | {"kind": row.get("kind") or "citizen"}
        ),
        summary=row.get("summary", ""),
        delivery=Delivery(
            home_pickup=_truthy(row.get("home_pickup", "")),
            pickup_address=row.get("pickup_address") or None,
            home_return=_truthy(row.get("home_return", "")),
            return_address=row.get("return_address") or None,
        ),
    )
    if procedure is None:
        plan.problems.append(Message("csv.unknown_procedure", {"code": code or "—"}))
    for column, value in row.items():
        if not column.startswith(FILE_PREFIX) or not value:
            continue
        component = column[len(FILE_PREFIX) :].strip()
        if procedure is not None and procedure.component(component) is None:
            plan.problems.append(
                Message("csv.unknown_component", {"column": column, "code": component})
            )
            continue
        for item in filter(None, (p.strip() for p in value.split(";"))):
            file_path = (base / item).resolve() if not Path(item).is_absolute() else Path(item)
            if not file_path.is_file():
                plan.problems.append(Message("csv.file_missing", {"path": item}))
            else:
                plan.files.append((component, file_path))
    return plan


def import_csv_rows(
    store: Store, rows: list[CsvRow], probe: SignatureProbe | None = None
) -> list[ImportOutcome]:
    """Create a draft per row without problems (each whole or not at all)."""
    repo = DossierRepository(store)
    outcomes = []
    for row in rows:
        outcome = ImportOutcome(f"row {row.number}")
        if row.problems:
            text = "; ".join(m.render() for m in row.problems)
            outcome.problem = UserError("csv.row_problem", row=row.number, problem=text)
            outcomes.append(outcome)
            continue
        try:
            new_files = []
            for component, file_path in row.files:
                info = store.blobs.put_file(file_path)
                new_files.append(_stored_file(store, component, info, file_path.name, probe))
            dossier: Dossier = repo.create(
                row.procedure_code,
                int(row.procedure_version or 0),
                applicant=row.applicant,
                summary=row.summary,
                delivery=row.delivery,
                actor="import",
                reason=f"csv row {row.number}",
                files=new_files,
            )
        except UserError as problem:
            outcome.problem = problem
        else:
            outcome.dossier_id, outcome.state, outcome.created = (
                dossier.id,
                dossier.state.value,
                True,
            )
        outcomes.append(outcome)
    return outcomes

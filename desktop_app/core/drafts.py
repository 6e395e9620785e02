"""New drafts: for a procedure with the submitter prefilled from the portal account, or a
copy of another dossier as a template for the next applicant of the same procedure."""

from __future__ import annotations

from typing import Any

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.dossier import Applicant, Delivery, Dossier
from desktop_app.core.messages import UserError
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository

_KINDS = ("citizen", "business", "agency")


def applicant_from_account(me: dict[str, Any] | None) -> Applicant:
    """``GET /me`` (portal-api.md) as the submitter of a new dossier."""
    me = me or {}
    kind = me.get("kind") if me.get("kind") in _KINDS else "citizen"
    return Applicant(
        full_name=me.get("full_name") or "",
        phone=me.get("phone") or "",
        email=me.get("email") or "",
        address=me.get("address") or "",
        kind=kind,
    )


def create_draft(store: Store, procedure_code: str, me: dict[str, Any] | None) -> Dossier:
    """A draft for ``procedure_code`` at its cached version."""
    procedure = CatalogCache(store).get(procedure_code)
    if procedure is None:
        raise UserError("check.procedure_unknown", code=procedure_code)
    return DossierRepository(store).create(
        procedure.code, procedure.version, applicant=applicant_from_account(me)
    )


def duplicate_as_template(store: Store, dossier_id: str) -> Dossier:
    """A new draft of the same procedure with the summary and delivery choices of
    ``dossier_id``; the applicant's own data and files stay with the original."""
    repo = DossierRepository(store)
    source = repo.get(dossier_id)
    procedure = CatalogCache(store).get(source.procedure_code)
    version = procedure.version if procedure is not None else source.procedure_version
    delivery = Delivery(
        home_pickup=source.delivery.home_pickup,
        home_return=source.delivery.home_return,
    )
    return repo.create(
        source.procedure_code,
        version,
        applicant=Applicant(kind=source.applicant.kind),
        summary=source.summary,
        delivery=delivery,
        reason="duplicated_from:" + source.id,
    )

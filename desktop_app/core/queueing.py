"""Into the outbox and back: a dossier is checked against its procedure before it queues."""

from __future__ import annotations

from desktop_app.core.catalog import CatalogCache
from desktop_app.core.checks import Problem, check_dossier
from desktop_app.core.dossier import Dossier, State
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository


def queue_dossier(
    store: Store, dossier_id: str, *, actor: str = "clerk"
) -> tuple[Dossier, list[Problem]]:
    """Check a draft or ready dossier and move it into the outbox.

    Returns the dossier and the problems found; with problems nothing moves (a ready
    dossier that is no longer complete goes back to draft).
    """
    repo = DossierRepository(store)
    catalog = CatalogCache(store)
    with store.write():
        dossier = repo.get(dossier_id)
        if dossier.state in (State.QUEUED, State.SENDING, State.SUBMITTED):
            return dossier, []
        problems = check_dossier(dossier, catalog.get(dossier.procedure_code))
        if problems:
            if dossier.state == State.READY:
                dossier = repo.transition(dossier_id, State.DRAFT, actor=actor, reason="incomplete")
            return dossier, problems
        if dossier.state == State.DRAFT:
            repo.transition(dossier_id, State.READY, actor=actor)
        elif dossier.state != State.READY:
            return dossier, []
        return repo.transition(dossier_id, State.QUEUED, actor=actor), []


def refresh_readiness(store: Store, dossier_id: str, *, actor: str = "clerk") -> list[Problem]:
    """After an edit: draft <-> ready according to the checks (the editor calls this)."""
    repo = DossierRepository(store)
    with store.write():
        dossier = repo.get(dossier_id)
        if dossier.state not in (State.DRAFT, State.READY):
            return []
        problems = check_dossier(dossier, CatalogCache(store).get(dossier.procedure_code))
        if problems and dossier.state == State.READY:
            repo.transition(dossier_id, State.DRAFT, actor=actor, reason="incomplete")
        elif not problems and dossier.state == State.DRAFT:
            repo.transition(dossier_id, State.READY, actor=actor)
        return problems

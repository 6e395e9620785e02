"""Every allowed and every refused move of the dossier state machine, through the store."""

from __future__ import annotations

import itertools

import pytest

from desktop_app.core import messages
from desktop_app.core.dossier import (
    EDITABLE,
    TRANSITIONS,
    IllegalTransition,
    State,
    check_transition,
)
from desktop_app.core.messages import UserError
from desktop_app.core.store import Store
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.core.store.events import events_of

ALL_PAIRS = list(itertools.product(State, State))
ALLOWED = [(a, b) for a, b in ALL_PAIRS if b in TRANSITIONS[a]]
REFUSED = [(a, b) for a, b in ALL_PAIRS if b not in TRANSITIONS[a]]

# A path from draft to every state, through allowed moves only.
PATHS = {
    State.DRAFT: [],
    State.READY: [State.READY],
    State.QUEUED: [State.READY, State.QUEUED],
    State.SENDING: [State.READY, State.QUEUED, State.SENDING],
    State.SUBMITTED: [State.READY, State.QUEUED, State.SENDING, State.SUBMITTED],
    State.SEND_FAILED: [State.READY, State.QUEUED, State.SENDING, State.SEND_FAILED],
    State.REJECTED: [State.READY, State.QUEUED, State.SENDING, State.REJECTED],
}


@pytest.fixture
def repo(profile):
    store = Store.open(profile)
    yield DossierRepository(store)
    store.close()


def _dossier_in(repo: DossierRepository, state: State) -> str:
    dossier = repo.create("1.014111", 3)
    for step in PATHS[state]:
        repo.transition(dossier.id, step, actor="test")
    assert repo.get(dossier.id).state == state
    return dossier.id


def test_the_expected_moves_are_the_allowed_ones():
    assert set(ALLOWED) == {
        (State.DRAFT, State.READY),
        (State.READY, State.DRAFT),
        (State.READY, State.QUEUED),
        (State.QUEUED, State.READY),
        (State.QUEUED, State.SENDING),
        (State.SENDING, State.SUBMITTED),
        (State.SENDING, State.SEND_FAILED),
        (State.SENDING, State.REJECTED),
        (State.SEND_FAILED, State.SENDING),
        (State.SEND_FAILED, State.READY),
        (State.REJECTED, State.DRAFT),
    }


@pytest.mark.parametrize(("source", "target"), ALLOWED, ids=lambda s: str(s))
def test_allowed_move_changes_state_and_logs_one_event(repo, source, target):
    dossier_id = _dossier_in(repo, source)
    before = events_of(repo.store.db, dossier_id)
    moved = repo.transition(dossier_id, target, actor="clerk", reason="test move")
    assert moved.state == target
    after = events_of(repo.store.db, dossier_id)
    assert len(after) == len(before) + 1
    last = after[-1]
    assert (last.kind, last.from_state, last.to_state) == ("state", source, target)
    assert (last.actor, last.reason) == ("clerk", "test move")


@pytest.mark.parametrize(("source", "target"), REFUSED, ids=lambda s: str(s))
def test_refused_move_raises_and_changes_nothing(repo, source, target):
    dossier_id = _dossier_in(repo, source)
    before = events_of(repo.store.db, dossier_id)
    with pytest.raises(IllegalTransition) as caught:
        repo.transition(dossier_id, target, actor="clerk")
    assert repo.get(dossier_id).state == source
    assert events_of(repo.store.db, dossier_id) == before
    text = caught.value.render("vi")
    assert text.startswith("Không thể chuyển hồ sơ từ trạng thái")


def test_refusal_message_in_both_languages():
    with pytest.raises(IllegalTransition) as caught:
        check_transition(State.SUBMITTED, State.DRAFT)
    assert caught.value.render("vi") == (
        "Không thể chuyển hồ sơ từ trạng thái “Đã nộp” sang “Bản nháp”."
    )
    messages.set_language("en")
    assert str(caught.value) == "A dossier cannot go from “Submitted” to “Draft”."


@pytest.mark.parametrize("state", list(State), ids=str)
def test_editing_is_allowed_only_before_the_outbox(repo, state, tmp_path):
    dossier_id = _dossier_in(repo, state)
    attachment = tmp_path / "phieu.pdf"
    attachment.write_bytes(b"%PDF-1.7\n% test\n")
    if state in EDITABLE:
        repo.update(dossier_id, summary="Trích yếu mới")
        repo.attach(dossier_id, "TP1", attachment)
        assert repo.get(dossier_id).summary == "Trích yếu mới"
    else:
        with pytest.raises(UserError) as caught:
            repo.update(dossier_id, summary="Trích yếu mới")
        assert caught.value.message.key == "dossier.locked"
        with pytest.raises(UserError):
            repo.attach(dossier_id, "TP1", attachment)
        assert repo.get(dossier_id).files == []


def test_take_back_until_the_first_byte_is_sent(repo):
    dossier_id = _dossier_in(repo, State.QUEUED)
    assert repo.take_back(dossier_id).state == State.READY
    repo.transition(dossier_id, State.QUEUED, actor="clerk")
    repo.mark_first_sent(dossier_id)
    with pytest.raises(UserError) as caught:
        repo.take_back(dossier_id)
    assert caught.value.message.key == "dossier.already_sent"
    assert repo.get(dossier_id).state == State.QUEUED


def test_a_stale_expectation_changes_nothing(repo):
    dossier_id = _dossier_in(repo, State.QUEUED)
    repo.transition(dossier_id, State.SENDING, actor="sync")
    with pytest.raises(UserError) as caught:
        repo.transition(dossier_id, State.READY, actor="clerk", expect=State.QUEUED)
    assert caught.value.message.key == "dossier.changed_meanwhile"
    assert repo.get(dossier_id).state == State.SENDING


def test_event_log_is_append_only(repo):
    dossier_id = _dossier_in(repo, State.READY)
    import sqlite3

    with pytest.raises((sqlite3.DatabaseError, UserError)), repo.store.write() as db:
        db.execute("UPDATE events SET reason = 'rewritten' WHERE dossier_id = ?", (dossier_id,))
    with pytest.raises((sqlite3.DatabaseError, UserError)), repo.store.write() as db:
        db.execute("DELETE FROM events WHERE dossier_id = ?", (dossier_id,))
    assert all(e.reason != "rewritten" for e in events_of(repo.store.db, dossier_id))

"""The batch's own rules, with a plain function standing in for the sender (no network)."""

from __future__ import annotations

from desktop_app.core.messages import UserError
from desktop_app.core.portal.errors import AuthenticationError, NetworkError
from desktop_app.core.sync.batch import run_batch
from desktop_app.core.sync.sender import Outcome, SendResult


def _sender(failures: dict[str, BaseException]):
    sent = []

    def send(dossier_id: str) -> SendResult:
        sent.append(dossier_id)
        if dossier_id in failures:
            error = failures[dossier_id]
            if isinstance(error, NetworkError):
                return SendResult(dossier_id, Outcome.WAITING, error)
            raise error
        return SendResult(dossier_id, Outcome.SENT)

    return send, sent


def test_a_dossier_moved_meanwhile_is_skipped_and_the_batch_goes_on():
    send, sent = _sender({"b": UserError("dossier.changed_meanwhile", label="x")})
    result = run_batch(["a", "b", "c"], send, parallel=1)
    assert sent == ["a", "b", "c"]
    assert [r.outcome for r in result.results] == [Outcome.SENT, Outcome.SKIPPED, Outcome.SENT]
    assert result.stopped_by is None


def test_a_full_disk_stops_the_batch_and_leaves_the_rest_queued():
    send, sent = _sender({"b": UserError("storage.disk_full", where="/profile")})
    result = run_batch(["a", "b", "c", "d"], send, parallel=1)
    assert sent == ["a", "b"]
    assert result.stopped_by is not None and result.stopped_by.message.key == "storage.disk_full"
    assert result.not_started == ["c", "d"] and result.waiting == 3


def test_sign_in_needed_stops_it_and_a_network_wait_does_not():
    send, sent = _sender(
        {
            "a": NetworkError("portal.network", detail="x"),
            "b": AuthenticationError("portal.not_signed_in"),
        }
    )
    result = run_batch(["a", "b", "c"], send, parallel=1)
    assert sent == ["a", "b"]
    assert result.stopped_by is not None and result.not_started == ["c"]
    assert [r.outcome for r in result.results] == [Outcome.WAITING, Outcome.WAITING]


def test_several_in_flight_each_dossier_once():
    send, sent = _sender({})
    result = run_batch([str(n) for n in range(20)], send, parallel=4)
    assert result.sent == 20
    assert sorted(sent, key=int) == [str(n) for n in range(20)]

"""The network drops in the middle of a batch: the portal goes away (the sandbox stops)
while dossiers are being uploaded, the batch ends with the rest waiting and says why, the
window notices the portal is offline; the portal comes back on the same port and, with
automatic sending on, the batch finishes by itself. On the portal, each dossier exists
once."""

from __future__ import annotations

from collections import Counter

import pytest
import requests

from desktop_app.core.store.events import events_of
from desktop_app.ui.portal.connection import PortalConnection
from tests.support.dossiers import FAST_RETRY
from tests.ui.flows import signed_dossiers, started_and_signed_in
from tests.ui.journey import WAIT

COUNT = 6


def _portal_dossiers(portal, token: str) -> list[dict]:
    items, cursor = [], None
    while True:
        params = {"limit": 500, **({"changed_since": cursor} if cursor else {})}
        page = requests.get(
            f"{portal.url}/api/v1/dossiers",
            params=params,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).json()
        if not page["items"]:
            return items
        items += page["items"]
        cursor = page["next_cursor"]


@pytest.mark.journey
def test_the_network_drops_mid_batch_and_the_batch_finishes_each_sent_once(
    qtbot, make_app, portal, profile, pki, tmp_path, monkeypatch
):
    monkeypatch.setattr(PortalConnection, "retry_policy", FAST_RETRY)
    monkeypatch.setattr(PortalConnection, "monitor_intervals", (30.0, 0.2, 0.5))
    ids = signed_dossiers(profile, portal, pki, tmp_path, count=COUNT, size=1_200_000)
    application = started_and_signed_in(qtbot, make_app, portal, profile, pki, auto_send=True)
    sync, connection = application.sync, application.workspace.connection
    sync.chunk_size = 64 * 1024
    events: list = []
    sync.event.connect(events.append)
    finished: list = []
    sync.batch_finished.connect(finished.append)

    # Put all six in the outbox: automatic sending starts at once.
    page = application.dossiers_page
    qtbot.waitUntil(lambda: all(page.model.row_of(i) >= 0 for i in ids), timeout=WAIT)
    page.table.selectAll()
    qtbot.waitUntil(page.queue_button.isEnabled, timeout=WAIT)
    page.queue_button.click()

    # The portal goes away once the first dossier is through and others are uploading.
    def first_sent() -> bool:
        return any(e.kind == "state" and e.data.get("state") == "submitted" for e in events)

    qtbot.waitUntil(first_sent, timeout=WAIT)
    portal.stop()
    qtbot.waitUntil(lambda: bool(finished), timeout=60_000)
    batch = finished[0]
    assert batch.sent < COUNT and batch.waiting > 0, "the drop really came mid-batch"
    qtbot.waitUntil(lambda: connection.state == "offline", timeout=WAIT)
    assert "mất kết nối" in application.portal_status.state_text()

    # The outbox says why the others wait, in words, and what to do.
    outbox = application.outbox_page
    qtbot.waitUntil(lambda: "send_failed" in {r.state for r in outbox.rows()}, timeout=WAIT)
    waiting = next(r for r in outbox.rows() if r.state == "send_failed")
    assert "Không kết nối được tới cổng" in outbox.reasons.what(waiting.last_error)
    assert "tự gửi lại khi cổng trả lời" in outbox.reasons.advice("send_failed", waiting.last_error)

    # Back on the same port: the window notices and the batch finishes by itself.
    portal.start()
    qtbot.waitUntil(lambda: connection.state == "online", timeout=WAIT)
    qtbot.waitUntil(
        lambda: sorted(r.state for r in outbox.rows()) == ["submitted"] * COUNT, timeout=60_000
    )

    # Every dossier once on the portal, submitted; locally, some went through a retry.
    token = connection.client.tokens.load().access_token
    mine = [d for d in _portal_dossiers(portal, token) if d["client_id"] in ids]
    assert Counter(d["client_id"] for d in mine) == Counter({i: 1 for i in ids})
    assert {d["status"] for d in mine} == {1}
    store = application.store
    retried = [i for i in ids if any(e.to_state == "send_failed" for e in events_of(store.db, i))]
    assert retried, "some dossier waited for the network and was sent after it came back"

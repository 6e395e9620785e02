"""10,000 dossiers in the profile: opening the window, scrolling the list, and a sync
running beside it never make the main thread late by more than 50 ms (the probe of
test_responsiveness: a 10 ms timer's lateness)."""

from __future__ import annotations

import random
import time

import pytest
from PySide6.QtCore import QTimer

from tests.ui.bulk import fill_profile
from tests.ui.flows import signed_dossiers, started_and_signed_in
from tests.ui.journey import WAIT
from tests.ui.test_responsiveness import LIMIT_MS, LatenessProbe

COUNT = 10_000
FRAME_MS = 16
SIZE = 2_000_000


class Scroller:
    """Scrolls a view as a clerk would, one step per frame: wheel steps, page steps, the
    scroll bar dragged to the end, jumps to anywhere."""

    def __init__(self, table, frames: int, seed: int = 3) -> None:
        self.bar = table.verticalScrollBar()
        rng = random.Random(seed)
        top = self.bar.maximum()
        wheel = [3 * n for n in range(frames // 4)]
        pages = [wheel[-1] + n * self.bar.pageStep() for n in range(frames // 4)]
        drag = [int(top * n / (frames // 4)) for n in range(frames // 4)]
        jumps = [rng.randint(0, top) for _ in range(frames - 3 * (frames // 4))]
        self.positions = [min(top, p) for p in (*wheel, *pages, *drag, *jumps)]
        self.timer = QTimer()
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._step)

    def start(self) -> None:
        self.timer.start()

    @property
    def done(self) -> bool:
        return not self.positions

    def _step(self) -> None:
        if not self.positions:
            self.timer.stop()
            return
        self.bar.setValue(self.positions.pop(0))


@pytest.mark.journey
def test_opening_and_scrolling_10000_dossiers_keep_the_main_thread_on_time(
    qtbot, make_app, profile
):
    fill_profile(profile, COUNT)
    application = make_app(start_portal=False)
    page = application.dossiers_page
    probe = LatenessProbe()
    probe.start()
    started = time.perf_counter()
    with qtbot.waitSignal(application.ready, timeout=WAIT):
        application.start()
    application.window.show_page(page)
    qtbot.waitUntil(lambda: len(page.model.ids) == COUNT, timeout=WAIT)
    listed = time.perf_counter() - started
    opening = probe.worst_ms

    scroller = Scroller(page.table, frames=240)
    scrolled_from = time.perf_counter()
    scroller.start()
    qtbot.waitUntil(lambda: scroller.done, timeout=60_000)
    qtbot.wait(200)  # the last windows arriving and painted count too
    scrolling = time.perf_counter() - scrolled_from
    probe.stop()

    print(
        f"\n{COUNT} dossiers: listed {listed * 1000:.0f} ms after start; worst lateness "
        f"{opening:.1f} ms while opening, {probe.worst_ms:.1f} ms overall "
        f"({probe.ticks} ticks, {scrolling:.1f} s of scrolling, "
        f"{len(page.model.cache)} rows fetched)"
    )
    assert len(page.model.cache) > 2_000, "the view asked for rows all along the list"
    assert probe.ticks > (listed + scrolling) / 0.05
    assert probe.worst_ms <= LIMIT_MS, f"the main thread was late by {probe.worst_ms:.0f} ms"


@pytest.mark.journey
def test_a_sync_beside_10000_dossiers_keeps_the_main_thread_on_time(
    qtbot, make_app, portal, profile, pki, tmp_path
):
    fill_profile(profile, COUNT)
    ids = signed_dossiers(profile, portal, pki, tmp_path, count=8, size=SIZE)
    application = started_and_signed_in(qtbot, make_app, portal, profile, pki, auto_send=False)
    application.sync.chunk_size = 128 * 1024
    page, outbox = application.dossiers_page, application.outbox_page
    qtbot.waitUntil(lambda: len(page.model.ids) == COUNT + len(ids), timeout=WAIT)
    page.search_box.setText("062195004321")  # the ID number of the eight to send
    qtbot.waitUntil(lambda: sorted(page.model.ids) == sorted(ids), timeout=WAIT)
    page.table.selectAll()
    page.queue_button.click()
    qtbot.waitUntil(lambda: set(ids) <= set(outbox.model.ids), timeout=WAIT)
    page.search_box.clear()
    qtbot.waitUntil(lambda: len(page.model.ids) == COUNT + len(ids), timeout=WAIT)

    probe = LatenessProbe()
    probe.start()
    started = time.perf_counter()
    scroller = Scroller(page.table, frames=2_000)  # scrolls until the sync is over
    scroller.start()
    outbox.send_all_button.click()
    qtbot.waitUntil(
        lambda: [r.state for r in outbox.rows() if r.id in ids] == ["submitted"] * len(ids),
        timeout=120_000,
    )
    sync = application.sync
    qtbot.waitUntil(lambda: not sync.busy, timeout=WAIT)  # the follow pass after the batch
    qtbot.wait(200)  # the last changes arriving in the lists count too
    elapsed = time.perf_counter() - started
    scroller.timer.stop()
    probe.stop()
    print(
        f"\nsent {len(ids)} dossiers ({len(ids) * SIZE / 1e6:.0f} MB) beside {COUNT} while "
        f"scrolling: {elapsed:.1f} s, worst lateness {probe.worst_ms:.1f} ms over "
        f"{probe.ticks} ticks"
    )
    assert not scroller.done, "the list was scrolled the whole time"
    assert probe.ticks > elapsed / 0.05
    assert probe.worst_ms <= LIMIT_MS, f"the main thread was late by {probe.worst_ms:.0f} ms"

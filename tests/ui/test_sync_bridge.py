"""The sync engine's events reach the main thread as a Qt signal and the status bar."""

from __future__ import annotations

import threading

from desktop_app.core.sync.events import EventHub, SyncEvent
from desktop_app.ui.i18n import apply_language
from desktop_app.ui.sync.bridge import SyncBridge
from desktop_app.ui.workspace import Activity


def test_events_from_an_engine_thread_arrive_on_the_main_thread(qtbot):
    apply_language("vi")
    hub, activity = EventHub(), Activity()
    bridge = SyncBridge(hub, activity)
    shown, received = [], []
    activity.changed.connect(lambda text, done, total: shown.append((text, done, total)))
    bridge.event.connect(lambda e: received.append((e.kind, threading.current_thread())))

    def engine() -> None:
        hub.emit(SyncEvent("batch", data={"phase": "start", "count": 2}))
        hub.emit(SyncEvent("state", "a", data={"state": "submitted"}))
        hub.emit(SyncEvent("state", "b", data={"state": "send_failed"}))
        hub.emit(SyncEvent("batch", data={"phase": "end", "sent": 1, "waiting": 1}))

    worker = threading.Thread(target=engine)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == 4)
    assert {thread for _, thread in received} == {threading.main_thread()}
    assert shown[0] == ("Đang gửi 2 hồ sơ…", 0, 2)
    assert shown[1:] == [("Đang gửi 2 hồ sơ…", 1, 2), ("Đang gửi 2 hồ sơ…", 2, 2), ("", 0, 0)]
    bridge.close()

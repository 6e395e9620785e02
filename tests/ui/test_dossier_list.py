"""The dossier list: filters, search and sort done by SQL; rows loaded lazily; a change to a
few dossiers moves, adds or drops just their rows (never a reset of the whole list)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.catalog import fold
from desktop_app.core.dossier import State
from desktop_app.core.store.dossiers import DossierRepository
from desktop_app.ui.dossiers.model import PAGE
from tests.ui.bulk import fill_profile
from tests.ui.journey import APPLICANT, WAIT

COUNT = 3_000


@pytest.fixture
def listed(qtbot, make_app, profile):
    fill_profile(profile, COUNT)
    application = make_app(start_portal=False)
    with qtbot.waitSignal(application.ready, timeout=WAIT):
        application.start()
    page = application.dossiers_page
    qtbot.waitUntil(lambda: len(page.model.ids) == COUNT, timeout=WAIT)
    return application


class Signals:
    """Counts what a model tells its views."""

    def __init__(self, model) -> None:
        self.resets = self.inserted = self.removed = self.moved = self.changed = 0
        model.modelReset.connect(lambda: self._add("resets"))
        model.rowsInserted.connect(lambda *_: self._add("inserted"))
        model.rowsRemoved.connect(lambda *_: self._add("removed"))
        model.rowsMoved.connect(lambda *_: self._add("moved"))
        model.dataChanged.connect(lambda *_: self._add("changed"))

    def _add(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)


def test_filters_search_and_sort_are_done_by_sql_and_rows_load_lazily(qtbot, listed):
    page = listed.dossiers_page
    model = page.model
    assert len(model.cache) <= PAGE  # only the first window was read
    qtbot.waitUntil(lambda: page.counts.get("all") == COUNT, timeout=WAIT)
    assert page.filter_buttons["all"].text() == "Tất cả (3000)"

    page.set_filter("drafts")
    qtbot.waitUntil(lambda: len(model.ids) == page.counts["drafts"], timeout=WAIT)
    shown = [model.row_data(r) for r in range(min(PAGE, len(model.ids)))]
    assert {r.state for r in shown} <= {"draft", "ready"}

    page.set_filter("action")
    qtbot.waitUntil(lambda: len(model.ids) == page.counts["action"], timeout=WAIT)
    rows = [model.row_data(r) for r in range(min(50, len(model.ids)))]
    assert all(r.state == "rejected" or r.portal_status in (5, 6) or r.fees_due_vnd for r in rows)

    page.set_filter("all")
    page.search_box.setText("lan TRAN")  # no accents, any case, any order of words
    qtbot.waitUntil(lambda: model.query.search == "lan TRAN" and not model.loading, timeout=WAIT)
    assert 0 < len(model.ids) < COUNT // 10
    qtbot.waitUntil(lambda: all(model.row_data(r) for r in range(len(model.ids))), timeout=WAIT)
    names = {fold(model.row_data(r).applicant) for r in range(len(model.ids))}
    assert all(name.startswith("tran ") and name.endswith(" lan") for name in names), names

    page.search_box.clear()
    qtbot.waitUntil(lambda: len(model.ids) == COUNT, timeout=WAIT)
    page.table.sortByColumn(model.columns.index("applicant"), Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: model.query.sort == "applicant" and not model.loading, timeout=WAIT)
    qtbot.waitUntil(lambda: all(model.row_data(r) for r in range(20)), timeout=WAIT)
    first = [model.row_data(r).applicant for r in range(20)]
    assert first == sorted(first)

    # Far down the list: that window is fetched when the view asks for it.
    assert model.row_data(COUNT - 1) is None
    qtbot.waitUntil(lambda: model.row_data(COUNT - 1) is not None, timeout=WAIT)
    assert len(model.cache) <= 3 * PAGE


def test_a_change_moves_adds_or_drops_only_those_rows(qtbot, listed):
    page, store = listed.dossiers_page, listed.store
    model = page.model
    repo = DossierRepository(store)
    signals = Signals(model)
    last = model.ids[-1]  # the oldest change: bottom of "last change, newest first"

    # A dossier changes: it moves to the top, nothing else is reloaded.
    repo.update_portal(last, {"receipt_no": "BN-MOI"})
    listed.workspace.dossiers_changed.emit([last])
    qtbot.waitUntil(lambda: model.ids[0] == last, timeout=WAIT)
    assert signals.moved == 1 and signals.resets == 0
    assert len(model.ids) == COUNT and model.row_data(0).receipt_no == "BN-MOI"

    # A new dossier appears at its place; a deleted draft goes.
    procedure = listed.workspace.catalog().get("1.014111")
    new = repo.create(procedure.code, procedure.version, applicant=APPLICANT)
    listed.workspace.dossiers_changed.emit([new.id])
    qtbot.waitUntil(lambda: model.ids[0] == new.id, timeout=WAIT)
    assert model.row_data(0).applicant == APPLICANT.full_name
    repo.delete_draft(new.id)
    listed.workspace.dossiers_changed.emit([new.id])
    qtbot.waitUntil(lambda: new.id not in model.ids, timeout=WAIT)
    assert (signals.inserted, signals.removed, signals.resets) == (1, 1, 0)

    # Under a filter, a dossier that no longer matches leaves it.
    page.set_filter("drafts")
    qtbot.waitUntil(lambda: model.query.filter == "drafts" and not model.loading, timeout=WAIT)
    qtbot.waitUntil(lambda: model.row_data(0) is not None, timeout=WAIT)
    before = len(model.ids)
    ready = next(i for i in model.ids[:PAGE] if model.cache[i].state == State.READY)
    repo.transition(ready, State.QUEUED, actor="clerk")
    resets = signals.resets
    listed.workspace.dossiers_changed.emit([ready])
    qtbot.waitUntil(lambda: ready not in model.ids, timeout=WAIT)
    assert len(model.ids) == before - 1 and signals.resets == resets

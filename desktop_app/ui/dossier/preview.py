"""Page thumbnails of the chosen file and a large preview of one page (rendered on workers)."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.errors import describe
from desktop_app.ui.tasks import run_task
from desktop_app.ui.widgets.pdfpages import RenderedPage, render_pages

THUMB_WIDTH = 110
PREVIEW_WIDTH = 620


class FilePreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self._requests = itertools.count(1)
        self._latest = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.thumbnails = QListWidget()
        self.thumbnails.setObjectName("thumbnails")
        self.thumbnails.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnails.setFlow(QListView.Flow.LeftToRight)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setIconSize(QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.42)))
        self.thumbnails.setFixedHeight(int(THUMB_WIDTH * 1.42) + 40)
        self.thumbnails.currentRowChanged.connect(self._page_chosen)
        self.page_view = QLabel()
        self.page_view.setObjectName("pagePreview")
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.page_view)
        layout.addWidget(self.caption)
        layout.addWidget(self.thumbnails)
        layout.addWidget(scroll, 1)
        self.show_file(None)

    def show_file(self, path: Path | None, name: str = "") -> None:
        """Thumbnails of ``path`` (a PDF in the blob store); None clears."""
        self.path = path
        self.name = name
        self.thumbnails.clear()
        self.page_view.clear()
        number = next(self._requests)
        self._latest = number
        if path is None:
            self._caption()
            return
        self.caption.setText(self.tr("Rendering %1…").replace("%1", name))

        def thumbs() -> list[RenderedPage]:
            return render_pages(path, width_px=THUMB_WIDTH)

        run_task(
            thumbs,
            on_done=lambda pages: self._thumbs_ready(number, pages),
            on_error=lambda e: self._failed(number, e),
        )

    def _caption(self) -> None:
        if self.path is None:
            self.caption.setText(self.tr("Choose a file to see its pages."))
        else:
            self.caption.setText(
                self.tr("%1: %n page(s)", "", self.thumbnails.count()).replace("%1", self.name)
            )

    def _thumbs_ready(self, number: int, pages: list[RenderedPage]) -> None:
        if number != self._latest:
            return
        for page in pages:
            item = QListWidgetItem(QIcon(QPixmap.fromImage(page.image)), str(page.index + 1))
            item.setData(Qt.ItemDataRole.UserRole, page.index)
            self.thumbnails.addItem(item)
        self._caption()
        if pages:
            self.thumbnails.setCurrentRow(0)

    def _page_chosen(self, row: int) -> None:
        if row < 0 or self.path is None:
            return
        path, number = self.path, self._latest

        def page() -> list[RenderedPage]:
            return render_pages(path, width_px=PREVIEW_WIDTH, pages=[row])

        run_task(
            page,
            on_done=lambda pages: self._page_ready(number, pages),
            on_error=lambda e: self._failed(number, e),
        )

    def _page_ready(self, number: int, pages: list[RenderedPage]) -> None:
        if number == self._latest and pages:
            self.page_view.setPixmap(QPixmap.fromImage(pages[0].image))

    def _failed(self, number: int, error: BaseException) -> None:
        if number == self._latest:
            self.caption.setText(
                self.tr("This file cannot be shown: %1").replace("%1", describe(error))
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._caption()
        super().changeEvent(event)

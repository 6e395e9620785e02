"""The visible stamp previewed on the page: a box the clerk drags where it should go."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from desktop_app.ui.tasks import run_task
from desktop_app.ui.widgets.pdfpages import RenderedPage, render_pages

PAGE_WIDTH_PX = 380
DEFAULT_SIZE_PT = (240.0, 80.0)
EDGE_PT = 36.0


class _StampBox(QGraphicsRectItem):
    """Moves with the mouse, never leaves the page."""

    def __init__(self, rect: QRectF, page: QRectF) -> None:
        super().__init__(rect)
        self.page = page
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setPen(QPen(QColor("#c00000"), 2))
        self.setBrush(QBrush(QColor(192, 0, 0, 40)))

    def itemChange(self, change, value):  # type: ignore[no-untyped-def]
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            rect = self.rect()
            x = min(
                max(value.x(), self.page.left() - rect.left()), self.page.right() - rect.right()
            )
            y = min(
                max(value.y(), self.page.top() - rect.top()), self.page.bottom() - rect.bottom()
            )
            value.setX(x)
            value.setY(y)
            return value
        return super().itemChange(change, value)


class StampPlacer(QGraphicsView):
    """Shows one page of the first file to sign with the stamp's box on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stampPlacer")
        self.setScene(QGraphicsScene(self))
        self.setMinimumSize(PAGE_WIDTH_PX + 20, 300)
        self.page: RenderedPage | None = None
        self.box: _StampBox | None = None
        self._requests = itertools.count(1)
        self._latest = 0
        self._label = ""

    def show_page(self, path: Path | None, page_number: int, label: str) -> None:
        """Render page ``page_number`` (1-based; -1 the last) on a worker."""
        self._label = label
        number = next(self._requests)
        self._latest = number
        if path is None:
            self.scene().clear()
            self.page = self.box = None
            return

        def render() -> list[RenderedPage]:
            from desktop_app.ui.widgets.pdfpages import page_count

            count = page_count(path)
            index = count - 1 if page_number < 0 else min(page_number - 1, count - 1)
            return render_pages(path, width_px=PAGE_WIDTH_PX, pages=[max(index, 0)])

        run_task(
            render, on_done=lambda pages: self._rendered(number, pages), on_error=lambda e: None
        )

    def _rendered(self, number: int, pages: list[RenderedPage]) -> None:
        if number != self._latest or not pages:
            return
        old = self.box_points()
        page = pages[0]
        self.page = page
        scene = self.scene()
        scene.clear()
        pixmap = QGraphicsPixmapItem(QPixmap.fromImage(page.image))
        scene.addItem(pixmap)
        bounds = QRectF(pixmap.boundingRect())
        width, height = DEFAULT_SIZE_PT
        x1 = page.width_pt - EDGE_PT - width
        y1 = EDGE_PT
        if old is not None:
            x1, y1, x2, y2 = old
            width, height = x2 - x1, y2 - y1
        s = page.scale
        rect = QRectF(0, 0, width * s, height * s)
        self.box = _StampBox(rect, bounds)
        self.box.setPos(x1 * s, (page.height_pt - y1 - height) * s)
        text = QGraphicsSimpleTextItem(self._label, self.box)
        text.setPos(4, 4)
        scene.addItem(self.box)
        scene.setSceneRect(bounds)
        self.fitInView(bounds, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self.page is not None:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def box_points(self) -> tuple[float, float, float, float] | None:
        """The box in PDF points from the page's lower left corner (``StampOptions.box``)."""
        if self.page is None or self.box is None:
            return None
        s = self.page.scale
        rect = self.box.rect().translated(self.box.pos())
        x1 = rect.left() / s
        x2 = rect.right() / s
        y2 = self.page.height_pt - rect.top() / s
        y1 = self.page.height_pt - rect.bottom() / s
        return (round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1))

    def move_box_to(self, x1: float, y1: float) -> None:
        """Place the box's lower left corner at ``(x1, y1)`` points (as a drag would)."""
        if self.page is None or self.box is None:
            return
        s = self.page.scale
        height = self.box.rect().height()
        self.box.setPos(x1 * s, (self.page.height_pt - y1) * s - height)

"""PDF pages as images, with PDFium (pypdfium2): for thumbnails, previews and placing the
signature stamp. Call these on a worker (``run_task``), never on the main thread. PDFium
is not thread-safe, so every call goes through one lock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage

_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class RenderedPage:
    index: int
    image: QImage
    width_pt: float
    height_pt: float
    scale: float  # pixels per PDF point


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(str(path))
        try:
            return len(document)
        finally:
            document.close()


def render_pages(
    path: Path,
    *,
    width_px: int,
    pages: list[int] | None = None,
    limit: int = 50,
    cancelled: Callable[[], bool] | None = None,
) -> list[RenderedPage]:
    """Pages of ``path`` rendered ``width_px`` wide (the first ``limit`` when ``pages``
    is None)."""
    import pypdfium2 as pdfium

    rendered: list[RenderedPage] = []
    with _PDFIUM:
        document = pdfium.PdfDocument(str(path))
        try:
            wanted = pages if pages is not None else list(range(min(len(document), limit)))
            for index in wanted:
                if cancelled is not None and cancelled():
                    break
                page = document[index]
                try:
                    width, height = page.get_size()
                    scale = width_px / width if width else 1.0
                    bitmap = page.render(scale=scale)
                    picture = bitmap.to_pil().convert("RGB")
                finally:
                    page.close()
                data = picture.tobytes()
                image = QImage(
                    data, picture.width, picture.height, 3 * picture.width,
                    QImage.Format.Format_RGB888,
                ).copy()  # fmt: skip
                rendered.append(RenderedPage(index, image, width, height, scale))
        finally:
            document.close()
    return rendered

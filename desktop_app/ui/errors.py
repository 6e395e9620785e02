"""Words for an exception that reaches the window: the core's or signing's own message,
never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from desktop_app.core import messages
from desktop_app.core.messages import UserError

log = logging.getLogger(__name__)


def describe(error: BaseException) -> str:
    """The sentence a clerk reads for ``error``, in the current language."""
    language = messages.current_language()
    if isinstance(error, UserError):
        return error.render(language)
    render = getattr(error, "render", None)  # signing.SigningError and signing.Problem
    if callable(render):
        try:
            return str(render(language))
        except Exception:  # pragma: no cover - a broken message must not hide the error
            pass
    log.error("unexpected error", exc_info=error)
    text = QCoreApplication.translate("errors", "Something unexpected went wrong (%1): %2")
    return text.replace("%1", type(error).__name__).replace("%2", str(error))

"""Why a dossier did not go, in words a clerk understands, and what to do about it.

The sentence of what happened comes from the core (``last_error`` keeps it in Vietnamese
and English, from :mod:`desktop_app.core.portal.errors`); the advice here says which
button to press next.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desktop_app.core.messages import current_language

NETWORK_KEYS = ("portal.network", "portal.server", "portal.busy", "portal.rate_limited")


class Reasons(QObject):
    """``what(error)`` and ``advice(state, error)`` for a dossier's ``last_error``."""

    def what(self, error: dict[str, Any] | None) -> str:
        if not error:
            return ""
        language = current_language()
        return str(error.get(language) or error.get("vi") or error.get("code") or "")

    def advice(self, state: str, error: dict[str, Any] | None) -> str:
        key = str((error or {}).get("key") or "")
        code = str((error or {}).get("code") or "")
        if state == "send_failed":
            if key in ("portal.not_signed_in", "portal.invalid_token") or code in (
                "invalid_token",
                "invalid_credentials",
            ):
                return self.tr(
                    "Sign in again (File ▸ Sign in…). The dossier is sent as soon as you are "
                    "signed in."
                )
            if key in ("portal.tls", "portal.insecure_url") or code.startswith("idempotency_"):
                return self.tr(
                    "Check the portal address in Settings, or call support. Nothing is lost: "
                    "the dossier waits in the outbox."
                )
            return self.tr(
                "Nothing to do: the dossier stays in the outbox and is sent again by itself "
                "when the portal answers. “Retry” tries at once."
            )
        if state == "rejected":
            if code == "incomplete_dossier":
                return self.tr(
                    "Open the dossier with “Fix the dossier”, replace or sign again the files "
                    "listed, then put it in the outbox again."
                )
            if code == "invalid_dossier":
                return self.tr(
                    "Open the dossier with “Fix the dossier”, correct what is listed (fields, "
                    "file size or type), then put it in the outbox again."
                )
            if code == "procedure_outdated":
                return self.tr(
                    "The procedure changed: the catalogue is refreshed by itself. Open the "
                    "dossier with “Fix the dossier”, review its components, then send it again."
                )
            if code == "procedure_retired":
                return self.tr(
                    "The portal no longer accepts this procedure. Ask the agency which "
                    "procedure replaces it."
                )
            return self.tr(
                "Open the dossier with “Fix the dossier”, correct it, then put it in the "
                "outbox again. If the reason is unclear, call support with the dossier's "
                "details (Help ▸ copy diagnostics)."
            )
        return ""

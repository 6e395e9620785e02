"""One procedure in full: code, level, time, components (required, must be signed,
template), fees, delivery options and legal basis."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop_app.core.catalog import Procedure


def money(amount: int) -> str:
    """``500000`` → ``500.000 đ`` (the Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".") + " đ"


class ProcedureDetails(QTextBrowser):
    """Read-only details; a component's template link emits ``template_requested``."""

    template_requested = Signal(str, str)  # component name, template URL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("procedureDetails")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor)
        self.procedure: Procedure | None = None
        self.agency_name = ""
        self.field_name = ""
        self._templates: dict[str, tuple[str, str]] = {}
        self.show_procedure(None)

    def show_procedure(
        self, procedure: Procedure | None, agency_name: str = "", field_name: str = ""
    ) -> None:
        self.procedure = procedure
        self.agency_name = agency_name
        self.field_name = field_name
        self.setHtml(self._html())

    def _anchor(self, url: QUrl) -> None:
        key = url.toString()
        if key in self._templates:
            self.template_requested.emit(*self._templates[key])

    def _html(self) -> str:
        p = self.procedure
        if p is None:
            return "<p>" + escape(self.tr("Choose a procedure to see what it needs.")) + "</p>"
        parts = [f"<h2>{escape(p.name)}</h2>"]
        facts = [
            (self.tr("Code"), p.code),
            (self.tr("Agency"), self.agency_name or p.agency_code or "—"),
            (self.tr("Field"), self.field_name or p.field_code or "—"),
            (
                self.tr("Level"),
                self.tr("Online service level %1").replace("%1", str(p.level or "—")),
            ),
            (
                self.tr("Processing time"),
                self.tr("%n working day(s)", "", p.processing_days)
                if p.processing_days is not None
                else "—",
            ),
        ]
        parts.append("<table cellspacing='0' cellpadding='3'>")
        for label, value in facts:
            parts.append(f"<tr><td><b>{escape(label)}</b></td><td>{escape(str(value))}</td></tr>")
        parts.append("</table>")
        if p.retired:
            parts.append(
                "<p style='color:#a40000'><b>"
                + escape(self.tr("This procedure was retired: no new dossier can be sent."))
                + "</b></p>"
            )
        if p.description:
            parts.append(f"<p>{escape(p.description)}</p>")
        parts.append(self._components_html(p))
        words = escape(self.tr("Fees"))
        parts.append(f"<h3>{words}</h3>")
        if p.fees:
            parts.append("<ul>")
            for fee in p.fees:
                parts.append(f"<li>{escape(fee.name)}: <b>{money(fee.amount_vnd)}</b></li>")
            parts.append("</ul>")
        else:
            words = escape(self.tr("No fee."))
            parts.append(f"<p>{words}</p>")
        words = escape(self.tr("Delivery"))
        parts.append(f"<h3>{words}</h3><ul>")
        words = escape(self.tr("Submit and collect at the one-stop desk"))
        parts.append(f"<li>{words}</li>")
        if p.delivery.get("home_pickup"):
            words = escape(self.tr("Papers picked up at home (postal service)"))
            parts.append(f"<li>{words}</li>")
        if p.delivery.get("home_return"):
            words = escape(self.tr("Result returned at home (postal service)"))
            parts.append(f"<li>{words}</li>")
        parts.append("</ul>")
        words = escape(self.tr("Legal basis"))
        parts.append(f"<h3>{words}</h3>")
        if p.legal_basis:
            parts.append("<ul>")
            for item in p.legal_basis:
                text = " ".join(
                    str(item.get(k)) for k in ("number", "title", "name") if item.get(k)
                )
                parts.append(f"<li>{escape(text or str(item))}</li>")
            parts.append("</ul>")
        else:
            words = escape(self.tr("Not given by the portal."))
            parts.append(f"<p>{words}</p>")
        return "".join(parts)

    def _components_html(self, p: Procedure) -> str:
        self._templates = {}
        words = escape(self.tr("Components of the dossier"))
        rows = [f"<h3>{words}</h3><ol>"]
        for c in p.components:
            marks = [self.tr("required") if c.required else self.tr("optional")]
            if c.signature_required:
                marks.append(self.tr("must be digitally signed"))
            if c.max_files > 1:
                marks.append(self.tr("up to %n file(s)", "", c.max_files))
            line = f"<li><b>{escape(c.name)}</b> <i>({escape(', '.join(marks))})</i>"
            if c.template_url:
                key = f"template-{c.code}"
                self._templates[key] = (c.name, c.template_url)
                words = escape(self.tr("Download the template"))
                line += f" — <a href='{key}'>{words}</a>"
            rows.append(line + "</li>")
        rows.append("</ol>")
        return "".join(rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setHtml(self._html())
        super().changeEvent(event)

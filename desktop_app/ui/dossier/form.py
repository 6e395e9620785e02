"""The submitter and delivery part of the editor: fields, and what they mean for the core."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.dossier import Applicant, Delivery, Dossier

KINDS = ("citizen", "business", "agency")


class SubmitterForm(QWidget):
    """Thông tin người nộp hồ sơ, trích yếu, and home pickup / home return."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.applicant_box = QGroupBox()
        form = QFormLayout(self.applicant_box)
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QWidget] = {}
        for name in ("full_name", "id_number", "date_of_birth", "phone", "email", "address"):
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            edit.textEdited.connect(self._changed)
            self.fields[name] = edit
            form.addRow(name, edit)
            self.labels[name] = form.labelForField(edit)
        self.kind_box = QComboBox()
        self.kind_box.currentIndexChanged.connect(self._changed)
        form.addRow("kind", self.kind_box)
        self.labels["kind"] = form.labelForField(self.kind_box)
        self.summary = QLineEdit()
        self.summary.setObjectName("field_summary")
        self.summary.textEdited.connect(self._changed)
        self.fields["summary"] = self.summary
        form.addRow("summary", self.summary)
        self.labels["summary"] = form.labelForField(self.summary)
        layout.addWidget(self.applicant_box)

        self.delivery_box = QGroupBox()
        delivery = QFormLayout(self.delivery_box)
        self.home_pickup = QCheckBox()
        self.home_pickup.setObjectName("homePickup")
        self.pickup_address = QLineEdit()
        self.pickup_address.setObjectName("pickupAddress")
        self.home_return = QCheckBox()
        self.home_return.setObjectName("homeReturn")
        self.return_address = QLineEdit()
        self.return_address.setObjectName("returnAddress")
        for box in (self.home_pickup, self.home_return):
            box.toggled.connect(self._changed)
        for edit in (self.pickup_address, self.return_address):
            edit.textEdited.connect(self._changed)
        delivery.addRow(self.home_pickup)
        delivery.addRow("pickup", self.pickup_address)
        self.pickup_label = delivery.labelForField(self.pickup_address)
        delivery.addRow(self.home_return)
        delivery.addRow("return", self.return_address)
        self.return_label = delivery.labelForField(self.return_address)
        layout.addWidget(self.delivery_box)
        self.retranslate()

    def retranslate(self) -> None:
        self.applicant_box.setTitle(self.tr("Submitter"))
        texts = {
            "full_name": self.tr("Full name"),
            "id_number": self.tr("ID number (CCCD)"),
            "date_of_birth": self.tr("Date of birth"),
            "phone": self.tr("Phone"),
            "email": self.tr("E-mail"),
            "address": self.tr("Address"),
            "kind": self.tr("Submitting as"),
            "summary": self.tr("Summary of the dossier"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)  # type: ignore[attr-defined]
        self.fields["date_of_birth"].setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.fields["id_number"].setPlaceholderText(self.tr("9 or 12 digits"))
        kinds = (self.tr("Citizen"), self.tr("Business"), self.tr("Agency"))
        self.kind_box.blockSignals(True)
        if self.kind_box.count() == 0:
            for kind, text in zip(KINDS, kinds, strict=True):
                self.kind_box.addItem(text, kind)
        else:
            for row, text in enumerate(kinds):
                self.kind_box.setItemText(row, text)
        self.kind_box.blockSignals(False)
        self.delivery_box.setTitle(self.tr("Delivery"))
        self.home_pickup.setText(self.tr("Pick up the papers at home (postal service)"))
        self.home_return.setText(self.tr("Return the result at home (postal service)"))
        self.pickup_label.setText(self.tr("Pickup address"))  # type: ignore[attr-defined]
        self.return_label.setText(self.tr("Return address"))  # type: ignore[attr-defined]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _changed(self, *_: object) -> None:
        self._sync_enabled()
        if not self._filling:
            self.edited.emit()

    def _sync_enabled(self) -> None:
        self.pickup_address.setEnabled(self.home_pickup.isChecked() and self.isEnabled())
        self.return_address.setEnabled(self.home_return.isChecked() and self.isEnabled())

    # -- in and out ----------------------------------------------------------------
    def fill(self, dossier: Dossier, delivery_options: dict[str, bool]) -> None:
        """Show ``dossier`` (without emitting ``edited``)."""
        self._filling = True
        try:
            a = dossier.applicant
            for name in ("full_name", "id_number", "phone", "email", "address"):
                self.fields[name].setText(getattr(a, name) or "")
            self.fields["date_of_birth"].setText(a.date_of_birth or "")
            self.kind_box.setCurrentIndex(max(self.kind_box.findData(a.kind), 0))
            self.summary.setText(dossier.summary)
            d = dossier.delivery
            self.home_pickup.setChecked(d.home_pickup)
            self.pickup_address.setText(d.pickup_address or "")
            self.home_return.setChecked(d.home_return)
            self.return_address.setText(d.return_address or "")
            self.home_pickup.setVisible(bool(delivery_options.get("home_pickup")))
            self.pickup_address.setVisible(bool(delivery_options.get("home_pickup")))
            self.pickup_label.setVisible(bool(delivery_options.get("home_pickup")))  # type: ignore[attr-defined]
            self.home_return.setVisible(bool(delivery_options.get("home_return")))
            self.return_address.setVisible(bool(delivery_options.get("home_return")))
            self.return_label.setVisible(bool(delivery_options.get("home_return")))  # type: ignore[attr-defined]
            self.setEnabled(dossier.editable)
            self._sync_enabled()
        finally:
            self._filling = False

    def applicant(self) -> Applicant:
        f = self.fields
        return Applicant(
            full_name=f["full_name"].text().strip(),
            id_number=f["id_number"].text().strip(),
            date_of_birth=f["date_of_birth"].text().strip() or None,
            phone=f["phone"].text().strip(),
            email=f["email"].text().strip(),
            address=f["address"].text().strip(),
            kind=self.kind_box.currentData() or "citizen",
        )

    def delivery(self) -> Delivery:
        return Delivery(
            home_pickup=self.home_pickup.isChecked(),
            pickup_address=self.pickup_address.text().strip() or None,
            home_return=self.home_return.isChecked(),
            return_address=self.return_address.text().strip() or None,
        )

    def mark_invalid(self, names: set[str]) -> None:
        """Outline the fields the core's checks complain about."""
        widgets = {**self.fields, "home_pickup": self.pickup_address}
        widgets["home_return"] = self.return_address
        for name, widget in widgets.items():
            invalid = name in names
            if widget.property("invalid") != invalid:
                widget.setProperty("invalid", invalid)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

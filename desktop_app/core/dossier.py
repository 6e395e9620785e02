"""The Dossier aggregate and its client-side state machine (DESIGN.md, "Dossier states").

::

    draft <-> ready <-> queued -> sending -> submitted
                ^                   |  ^  \\
                |                   v  |   rejected -> draft  (4xx: a person fixes it)
                +--------------- send_failed                   (network, 5xx, 429: retried)

After ``submitted`` the portal's status codes 0-10 are mirrored in ``portal_status``;
they are recorded in the event log but are not client states. A dossier is locked for
editing from ``queued`` on; taking it back out of the queue is allowed until the first
byte for it has been sent (``first_sent_at`` is set, and committed, just before that).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desktop_app.core.messages import Localized, UserError, register


class State(StrEnum):
    DRAFT = "draft"
    READY = "ready"
    QUEUED = "queued"
    SENDING = "sending"
    SUBMITTED = "submitted"
    SEND_FAILED = "send_failed"
    REJECTED = "rejected"


TRANSITIONS: dict[State, frozenset[State]] = {
    State.DRAFT: frozenset({State.READY}),
    State.READY: frozenset({State.DRAFT, State.QUEUED}),
    State.QUEUED: frozenset({State.READY, State.SENDING}),
    State.SENDING: frozenset({State.SUBMITTED, State.SEND_FAILED, State.REJECTED}),
    State.SEND_FAILED: frozenset({State.SENDING, State.READY}),
    State.REJECTED: frozenset({State.DRAFT}),
    State.SUBMITTED: frozenset(),
}
"""Every allowed move. Anything else raises :class:`IllegalTransition`."""

EDITABLE = frozenset({State.DRAFT, State.READY})
"""States in which the clerk may change the dossier's content."""

TAKE_BACK_FROM = frozenset({State.QUEUED, State.SEND_FAILED})
"""States from which a dossier may go back to ``ready``, if nothing was sent for it yet."""

PORTAL_STATUS_LABELS = {
    0: ("Chưa nộp", "Not submitted"),
    1: ("Mới đăng ký", "Newly registered"),
    2: ("Được tiếp nhận", "Received"),
    3: ("Không được tiếp nhận", "Not accepted"),
    4: ("Đang xử lý", "Being processed"),
    5: ("Yêu cầu bổ sung giấy tờ", "Supplement requested"),
    6: ("Yêu cầu thực hiện nghĩa vụ tài chính", "Payment requested"),
    7: ("Công dân yêu cầu rút hồ sơ", "Withdrawn at the applicant's request"),
    8: ("Dừng xử lý", "Processing stopped"),
    9: ("Đã xử lý xong", "Processed"),
    10: ("Đã trả kết quả", "Result returned"),
}
"""DVCQG TrangThaiHoSo, plus 0 for a portal-side draft."""

STATE_LABELS = {
    State.DRAFT: ("Bản nháp", "Draft"),
    State.READY: ("Sẵn sàng", "Ready"),
    State.QUEUED: ("Chờ gửi", "In the outbox"),
    State.SENDING: ("Đang gửi", "Sending"),
    State.SUBMITTED: ("Đã nộp", "Submitted"),
    State.SEND_FAILED: ("Gửi lỗi, sẽ thử lại", "Send failed, will retry"),
    State.REJECTED: ("Bị cổng từ chối", "Refused by the portal"),
}

register(
    {
        "dossier.illegal_transition": (
            "Không thể chuyển hồ sơ từ trạng thái “{from_label}” sang “{to_label}”.",
            "A dossier cannot go from “{from_label}” to “{to_label}”.",
        ),
        "dossier.locked": (
            "Hồ sơ đang ở trạng thái “{label}” nên không sửa được. Hãy rút hồ sơ khỏi hàng "
            "đợi gửi trước khi sửa.",
            "The dossier is “{label}” and cannot be edited. Take it out of the outbox first.",
        ),
        "dossier.already_sent": (
            "Không rút được hồ sơ khỏi hàng đợi: dữ liệu đã bắt đầu được gửi lên cổng lúc {at}.",
            "The dossier cannot be taken out of the outbox: sending started at {at}.",
        ),
        "dossier.not_found": (
            "Không tìm thấy hồ sơ {dossier_id}.",
            "No dossier {dossier_id}.",
        ),
        "dossier.file_not_found": (
            "Không tìm thấy tệp {file_id} trong hồ sơ.",
            "No file {file_id} in this dossier.",
        ),
        "dossier.changed_meanwhile": (
            "Hồ sơ vừa được thay đổi ở nơi khác (trạng thái hiện tại: “{label}”). Hãy thử lại.",
            "The dossier changed meanwhile (it is now “{label}”). Try again.",
        ),
    }
)


def state_label(state: State | str) -> Localized:
    """The state's name for people; renders in the language current when it is shown."""
    return Localized(*STATE_LABELS[State(state)])


class IllegalTransition(UserError):
    """A move the state machine does not allow."""

    def __init__(self, current: State, target: State) -> None:
        super().__init__(
            "dossier.illegal_transition",
            from_label=state_label(current),
            to_label=state_label(target),
        )
        self.current = current
        self.target = target


def check_transition(current: State | str, target: State | str) -> None:
    """Raise :class:`IllegalTransition` unless ``current -> target`` is allowed."""
    current, target = State(current), State(target)
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current, target)


def check_editable(state: State | str) -> None:
    state = State(state)
    if state not in EDITABLE:
        raise UserError("dossier.locked", label=state_label(state))


@dataclass
class Applicant:
    """Thông tin người nộp hồ sơ (the ``applicant`` object of portal-api.md)."""

    full_name: str = ""
    id_number: str = ""
    date_of_birth: str | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    kind: str = "citizen"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Applicant:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class Delivery:
    """Home pickup of the papers and home return of the result."""

    home_pickup: bool = False
    pickup_address: str | None = None
    home_return: bool = False
    return_address: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Delivery:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class DossierFile:
    """A file attached to a component; its bytes are the blob ``blob_sha256``."""

    id: int
    dossier_id: str
    component_code: str
    blob_sha256: str
    original_name: str
    content_type: str
    size: int
    signed: bool = False
    signature_report: dict[str, Any] | None = None
    source_file_id: int | None = None
    active: bool = True
    supplement_id: int | None = None
    portal_file_id: str | None = None
    upload_url: str | None = None
    uploaded_bytes: int = 0
    added_at: str = ""


@dataclass
class Dossier:
    """One dossier as the client knows it."""

    id: str
    procedure_code: str
    procedure_version: int
    state: State
    applicant: Applicant = field(default_factory=Applicant)
    summary: str = ""
    delivery: Delivery = field(default_factory=Delivery)
    catalog_flag: str | None = None
    portal_id: str | None = None
    portal_code: str | None = None
    portal_status: int | None = None
    portal_status_label: str | None = None
    receipt_no: str | None = None
    received_at: str | None = None
    due_at: str | None = None
    fees_due_vnd: int | None = None
    portal_updated_at: str | None = None
    first_sent_at: str | None = None
    last_error: dict[str, Any] | None = None
    created_at: str = ""
    updated_at: str = ""
    files: list[DossierFile] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE

    def active_files(self, component_code: str | None = None) -> list[DossierFile]:
        """The files that will be sent (signed versions replace their originals)."""
        return [
            f
            for f in self.files
            if f.active
            and f.supplement_id is None
            and (component_code is None or f.component_code == component_code)
        ]

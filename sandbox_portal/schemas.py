"""Request and response models: the OpenAPI document the app serves is built from these,
and they follow shared/portal-api.md field for field (``name?`` = present, may be null)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["citizen", "business", "agency"]
SHA256_HEX = r"^[0-9a-fA-F]{64}$"


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore")


# --- accounts ---------------------------------------------------------------------------


class AccountIn(_In):
    username: str = Field(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    password: str = Field(min_length=8, max_length=256)
    email: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    full_name: str = Field(min_length=1, max_length=200)
    phone: str = Field(pattern=r"^\+?[0-9][0-9 .-]{7,18}$")
    kind: Kind


class AccountCreated(BaseModel):
    username: str
    status: Literal["pending_confirmation"]


class ConfirmIn(_In):
    token: str


class ConfirmOut(BaseModel):
    status: Literal["active"]


class TokenIn(_In):
    username: str
    password: str


class RefreshIn(_In):
    refresh_token: str


class TokenOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"]
    expires_in: int


class Me(BaseModel):
    username: str
    full_name: str
    email: str
    phone: str
    kind: Kind
    agency_code: str | None
    address: str | None


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    server_time: str


# --- catalogue --------------------------------------------------------------------------


class Agency(BaseModel):
    code: str
    name: str
    parent_code: str | None


class AgencyList(BaseModel):
    items: list[Agency]


class FieldOfWork(BaseModel):
    code: str
    name: str
    agency_code: str


class FieldList(BaseModel):
    items: list[FieldOfWork]


class LegalBasis(BaseModel):
    number: str
    title: str


class Component(BaseModel):
    code: str
    name: str
    required: bool
    signature_required: bool
    max_files: int
    max_bytes: int
    accepts: list[str]
    template_url: str | None


class Fee(BaseModel):
    code: str
    name: str
    kind: Literal["phi", "le_phi"]
    amount_vnd: int


class DeliveryOptions(BaseModel):
    home_pickup: bool
    home_return: bool


class Procedure(BaseModel):
    code: str
    name: str
    agency_code: str
    field_code: str
    level: int
    processing_days: int
    description: str
    legal_basis: list[LegalBasis]
    components: list[Component]
    fees: list[Fee]
    delivery: DeliveryOptions
    version: int
    updated_at: str
    retired: bool


class ProcedureList(BaseModel):
    items: list[Procedure]
    server_time: str


# --- dossiers ---------------------------------------------------------------------------


class ApplicantIn(_In):
    full_name: str = Field(min_length=1)
    id_number: str = Field(min_length=1)
    date_of_birth: str | None = None
    phone: str = Field(min_length=1)
    email: str = Field(min_length=1)
    address: str = Field(min_length=1)
    kind: Kind


class DeliveryIn(_In):
    home_pickup: bool = False
    pickup_address: str | None = None
    home_return: bool = False
    return_address: str | None = None


class FileIn(_In):
    component_code: str = Field(min_length=1)
    file_name: str = Field(min_length=1, max_length=255)
    content_type: str = Field(min_length=1)
    size: int = Field(ge=1)
    sha256: str = Field(pattern=SHA256_HEX)


class DossierIn(_In):
    client_id: str = Field(min_length=1, max_length=100)
    procedure_code: str = Field(min_length=1)
    procedure_version: int = Field(ge=1)
    applicant: ApplicantIn
    summary: str = Field(min_length=1)
    delivery: DeliveryIn
    files: list[FileIn] = Field(max_length=100)


class Upload(BaseModel):
    file_id: str
    component_code: str
    file_name: str
    upload_url: str
    size: int
    offset: int


class HistoryEntry(BaseModel):
    at: str
    status: int
    step: str
    handler: str
    unit: str
    note: str | None


class SupplementRequest(BaseModel):
    id: str
    requested_at: str
    due_at: str
    note: str | None
    component_codes: list[str]


class FeeItem(BaseModel):
    code: str
    name: str
    amount_vnd: int


class Beneficiary(BaseModel):
    account_name: str
    account_no: str
    bank: str


class Payment(BaseModel):
    reference: str
    dossier_id: str
    amount_vnd: int
    items: list[FeeItem]
    beneficiary: Beneficiary
    pay_url: str
    expires_at: str
    status: Literal["pending", "paid", "failed", "expired", "cancelled"]
    paid_at: str | None
    transaction_no: str | None
    channel: str | None
    receipt_url: str | None


class Result(BaseModel):
    id: str
    name: str
    content_type: str
    size: int
    sha256: str
    url: str


class Dossier(BaseModel):
    id: str
    client_id: str
    code: str | None
    procedure_code: str
    status: int = Field(ge=0, le=10)
    status_label: str
    receipt_no: str | None
    received_at: str | None
    due_at: str | None
    history: list[HistoryEntry]
    supplement_request: SupplementRequest | None
    fees: list[FeeItem]
    fees_due_vnd: int
    payment: Payment | None
    results: list[Result]
    uploads: list[Upload]
    updated_at: str


class DossierPage(BaseModel):
    items: list[Dossier]
    next_cursor: str


class WithdrawIn(_In):
    reason: str = Field(max_length=2000)


class SupplementIn(_In):
    request_id: str = Field(min_length=1)
    note: str | None = None
    files: list[FileIn] = Field(max_length=100)


class SupplementCreated(BaseModel):
    id: str
    uploads: list[Upload]


# --- sandbox extras ---------------------------------------------------------------------

OfficerAction = Literal[
    "receive",
    "process",
    "request_supplement",
    "request_payment",
    "finish",
    "return_result",
    "reject",
    "stop",
]


class OfficerIn(_In):
    action: OfficerAction
    note: str | None = None
    component_codes: list[str] | None = None


class GatewayOutcomeIn(_In):
    outcome: Literal["paid", "failed"]


class Mail(BaseModel):
    to: str
    subject: str
    body: str
    sent_at: str
    confirm_token: str | None


class MailList(BaseModel):
    items: list[Mail]

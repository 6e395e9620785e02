"""Numbered schema steps. ``STEPS[n - 1]`` takes a database from version ``n - 1`` to ``n``.

A step is plain SQL run in one transaction together with the ``PRAGMA user_version``
bump, so a crash leaves the database at either the old or the new version. Steps are
never edited once released: a change is a new step, with a test that upgrades a database
made by the previous version (``tests/store/test_migrations.py``).
"""

from __future__ import annotations

STEP_1 = """
-- Catalogue cache ---------------------------------------------------------------
CREATE TABLE agencies (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    parent_code TEXT
);
CREATE TABLE fields (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    agency_code TEXT
);
CREATE TABLE procedures (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    agency_code     TEXT,
    field_code      TEXT,
    level           INTEGER,
    processing_days INTEGER,
    description     TEXT,
    legal_basis     TEXT NOT NULL DEFAULT '[]',   -- JSON list
    delivery        TEXT NOT NULL DEFAULT '{}',   -- JSON object
    version         INTEGER NOT NULL,
    updated_at      TEXT,
    retired         INTEGER NOT NULL DEFAULT 0,
    search_text     TEXT NOT NULL DEFAULT ''      -- folded: lower case, no diacritics
);
CREATE INDEX procedures_field ON procedures(field_code);
CREATE INDEX procedures_agency ON procedures(agency_code);
CREATE TABLE components (
    procedure_code     TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,
    code               TEXT NOT NULL,
    position           INTEGER NOT NULL,
    name               TEXT NOT NULL,
    required           INTEGER NOT NULL,
    signature_required INTEGER NOT NULL,
    max_files          INTEGER NOT NULL DEFAULT 1,
    max_bytes          INTEGER,
    accepts            TEXT NOT NULL DEFAULT '[]',  -- JSON list of media types
    template_url       TEXT,
    PRIMARY KEY (procedure_code, code)
);
CREATE TABLE fees (
    procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('phi', 'le_phi')),
    amount_vnd     INTEGER NOT NULL,
    PRIMARY KEY (procedure_code, code)
);
CREATE TABLE catalog_meta (
    key   TEXT PRIMARY KEY,   -- etag, server_time, fetched_at
    value TEXT
);

-- Blobs known to the store (the bytes live in blobs/ab/cdef...) ------------------
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size       INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

-- Dossiers -----------------------------------------------------------------------
CREATE TABLE dossiers (
    id                TEXT PRIMARY KEY,          -- the client_id sent to the portal
    procedure_code    TEXT NOT NULL,
    procedure_version INTEGER NOT NULL,
    applicant         TEXT NOT NULL DEFAULT '{}', -- JSON
    summary           TEXT NOT NULL DEFAULT '',
    delivery          TEXT NOT NULL DEFAULT '{}', -- JSON
    state             TEXT NOT NULL,
    catalog_flag      TEXT,                      -- null, 'procedure_retired', 'procedure_changed'
    portal_id         TEXT,
    portal_code       TEXT,
    portal_status     INTEGER,
    portal_status_label TEXT,
    receipt_no        TEXT,
    received_at       TEXT,
    due_at            TEXT,
    fees_due_vnd      INTEGER,
    portal_updated_at TEXT,
    first_sent_at     TEXT,                      -- set before the first request leaves
    last_error        TEXT,                      -- JSON {code, message} of the last refusal
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX dossiers_state ON dossiers(state, created_at);
CREATE INDEX dossiers_updated ON dossiers(updated_at);
CREATE UNIQUE INDEX dossiers_portal_id ON dossiers(portal_id) WHERE portal_id IS NOT NULL;

CREATE TABLE dossier_files (
    id                INTEGER PRIMARY KEY,
    dossier_id        TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    component_code    TEXT NOT NULL,
    blob_sha256       TEXT NOT NULL REFERENCES blobs(sha256),
    original_name     TEXT NOT NULL,
    content_type      TEXT NOT NULL,
    size              INTEGER NOT NULL,
    signed            INTEGER NOT NULL DEFAULT 0,
    signature_report  TEXT,                      -- JSON validation report
    source_file_id    INTEGER REFERENCES dossier_files(id), -- the unsigned original
    active            INTEGER NOT NULL DEFAULT 1, -- 0: kept as the unsigned original
    supplement_id     INTEGER,                   -- files added to answer a supplement
    portal_file_id    TEXT,
    upload_url        TEXT,
    uploaded_bytes    INTEGER NOT NULL DEFAULT 0,
    added_at          TEXT NOT NULL
);
CREATE INDEX dossier_files_dossier ON dossier_files(dossier_id, component_code);
CREATE INDEX dossier_files_blob ON dossier_files(blob_sha256);

-- Outbox: one row per network step of a dossier, with the key it reuses on retry ---
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    dossier_id      TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    step            TEXT NOT NULL,     -- create, upload, submit, supplement:<n>, payment, ...
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash    TEXT,              -- what the key was used for; a change needs a new key
    state           TEXT NOT NULL DEFAULT 'pending', -- pending, done, failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (dossier_id, step)
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

-- Payments ---------------------------------------------------------------------------
CREATE TABLE payments (
    reference      TEXT PRIMARY KEY,
    dossier_id     TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    amount_vnd     INTEGER NOT NULL,
    items          TEXT NOT NULL DEFAULT '[]',
    beneficiary    TEXT NOT NULL DEFAULT '{}',
    pay_url        TEXT,
    expires_at     TEXT,
    status         TEXT NOT NULL,
    paid_at        TEXT,
    transaction_no TEXT,
    channel        TEXT,
    receipt_url    TEXT,
    receipt_sha256 TEXT REFERENCES blobs(sha256),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX payments_dossier ON payments(dossier_id);

-- Results issued by the agency -------------------------------------------------------
CREATE TABLE results (
    id           TEXT NOT NULL,
    dossier_id   TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    url          TEXT NOT NULL,
    blob_sha256  TEXT REFERENCES blobs(sha256),  -- null until downloaded and checked
    validation   TEXT,                           -- JSON report of its signatures
    PRIMARY KEY (dossier_id, id)
);

-- Append-only event log: who, when, from, to, why ----------------------------------
CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id TEXT,               -- no foreign key: a discarded draft keeps its history
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    kind       TEXT NOT NULL,      -- state, portal_status, file, sign, payment, note, ...
    from_state TEXT,
    to_state   TEXT,
    reason     TEXT,
    data       TEXT                -- JSON details
);
CREATE INDEX events_dossier ON events(dossier_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

-- Small key/value state of the sync engine (changed_since cursor, ...) -------------
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT
);
"""

STEP_2 = """
-- Supplement requests (Yêu cầu bổ sung) and the clerk's answers ---------------------
CREATE TABLE supplements (
    id                   INTEGER PRIMARY KEY,
    dossier_id           TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    request_id           TEXT NOT NULL,
    requested_at         TEXT,
    due_at               TEXT,
    note                 TEXT,
    component_codes      TEXT NOT NULL DEFAULT '[]',
    state                TEXT NOT NULL DEFAULT 'requested', -- requested, queued, sent
    answer_note          TEXT,
    portal_supplement_id TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (dossier_id, request_id)
);
CREATE INDEX supplements_state ON supplements(state);
CREATE INDEX dossier_files_supplement ON dossier_files(supplement_id);
CREATE INDEX dossiers_portal_status ON dossiers(portal_status);
-- Sort procedures the way a Vietnamese reader expects (Đ with D), not by code point.
ALTER TABLE procedures ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
UPDATE procedures SET sort_key = lower(name);
"""

STEPS: tuple[str, ...] = (STEP_1, STEP_2)
"""All schema steps in order; ``len(STEPS)`` is the current schema version."""

LATEST_VERSION = len(STEPS)

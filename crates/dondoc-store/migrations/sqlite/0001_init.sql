-- dondoc schema, migration 0001 (SQLite). Append-only: never edit a released migration, add
-- 0002_… instead. Dates are TEXT 'YYYY-MM-DD', timestamps TEXT RFC 3339 UTC, JSON is TEXT.
-- Keep in step with migrations/postgres/0001_init.sql: the conformance suite checks both.

CREATE TABLE organisations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    code           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL,
    level          TEXT CHECK (level IN ('trung_uong', 'tinh', 'huyen', 'xa')),
    parent_id      INTEGER REFERENCES organisations (id),
    name           TEXT NOT NULL,
    abbreviations  TEXT NOT NULL DEFAULT '[]',
    aliases        TEXT NOT NULL DEFAULT '[]',
    valid_from     TEXT,
    valid_to       TEXT,
    replaced_by_id INTEGER REFERENCES organisations (id)
);
CREATE INDEX organisations_kind_level ON organisations (kind, level);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username        TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'leader', 'focal')),
    organisation_id INTEGER REFERENCES organisations (id),
    email           TEXT,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    totp_secret     TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE notices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256       TEXT NOT NULL UNIQUE,
    file_name    TEXT NOT NULL,
    format       TEXT NOT NULL,
    source_bytes BLOB NOT NULL,
    text         TEXT NOT NULL,
    extraction   TEXT NOT NULL,
    reviewed     TEXT,
    state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
    restricted   BOOLEAN NOT NULL DEFAULT FALSE,
    issued_on    TEXT,
    reference    TEXT,
    title        TEXT,
    created_at   TEXT NOT NULL,
    published_at TEXT
);

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    notice_id     INTEGER NOT NULL REFERENCES notices (id),
    ord           INTEGER NOT NULL,
    ext_id        TEXT NOT NULL,
    section       TEXT NOT NULL,
    text          TEXT NOT NULL,
    deadline_due  TEXT,
    deadline_text TEXT,
    urgent        BOOLEAN NOT NULL DEFAULT FALSE,
    recurrence    TEXT,
    quota_min     INTEGER,
    quota_max     INTEGER,
    quota_unit    TEXT,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    UNIQUE (notice_id, ord)
);

CREATE TABLE assignments (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id            INTEGER NOT NULL REFERENCES tasks (id),
    organisation_id    INTEGER REFERENCES organisations (id),
    unresolved_mention TEXT,
    role               TEXT NOT NULL CHECK (role IN ('lead', 'collab')),
    status             TEXT NOT NULL DEFAULT 'chua_nhan',
    due                TEXT,
    period             TEXT,
    done_on            TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (organisation_id IS NOT NULL OR unresolved_mention IS NOT NULL)
);
CREATE UNIQUE INDEX assignments_one_per_org ON assignments (
    task_id, COALESCE(organisation_id, -1), COALESCE(unresolved_mention, ''), COALESCE(period, '')
);
CREATE INDEX assignments_org_status ON assignments (organisation_id, status);
CREATE INDEX assignments_due ON assignments (due);

CREATE TABLE due_changes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment_id INTEGER NOT NULL REFERENCES assignments (id),
    old_due       TEXT,
    new_due       TEXT,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    reason        TEXT NOT NULL
);
CREATE INDEX due_changes_assignment ON due_changes (assignment_id);

CREATE TABLE progress_reports (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment_id INTEGER NOT NULL REFERENCES assignments (id),
    author        TEXT NOT NULL,
    text          TEXT NOT NULL,
    percent       INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    created_at    TEXT NOT NULL
);
CREATE INDEX progress_reports_assignment ON progress_reports (assignment_id);

CREATE TABLE report_files (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES progress_reports (id),
    name      TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    bytes     BLOB NOT NULL
);
CREATE INDEX report_files_report ON report_files (report_id);

CREATE TABLE proposals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    notice_id       INTEGER NOT NULL REFERENCES notices (id),
    ord             INTEGER NOT NULL,
    proposer_org_id INTEGER REFERENCES organisations (id),
    proposer_text   TEXT,
    person          TEXT,
    text            TEXT NOT NULL,
    response        TEXT,
    handled_by      TEXT NOT NULL DEFAULT '[]',
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
    earlier_id      INTEGER REFERENCES proposals (id),
    UNIQUE (notice_id, ord)
);
CREATE INDEX proposals_proposer ON proposals (proposer_org_id);

-- The audit trail: a hash chain, append-only. prev_hash is unique, so two appends that read
-- the same head cannot both commit: the chain cannot fork even if locking failed.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   INTEGER,
    action      TEXT NOT NULL,
    old         TEXT,
    new         TEXT,
    prev_hash   TEXT NOT NULL UNIQUE,
    hash        TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit is append-only');
END;

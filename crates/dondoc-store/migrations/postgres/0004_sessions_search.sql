-- Log-in sessions of the web application. Only the SHA-256 of the session token is kept, so a
-- copy of the database does not let anyone in; csrf is the token every form must echo. A
-- session ends when idle too long or too old (both judged by the application) or on log-out.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    csrf         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Who may read restricted (Mật) notices beyond the organisations they assign.
ALTER TABLE users ADD COLUMN restricted_access BOOLEAN NOT NULL DEFAULT FALSE;

-- What search reads: notices, tasks, proposals and progress reports with their text folded
-- (lower case, no diacritics, đ as d) by the program, so that both backends match alike.
-- Derived from the other tables and filled in id order by the store; not in backups.
CREATE TABLE search_index (
    kind      TEXT NOT NULL CHECK (kind IN ('notice', 'task', 'proposal', 'report')),
    ref_id    BIGINT NOT NULL,
    notice_id BIGINT NOT NULL REFERENCES notices (id),
    title     TEXT NOT NULL,
    body      TEXT NOT NULL,
    folded    TEXT NOT NULL,
    PRIMARY KEY (kind, ref_id)
);

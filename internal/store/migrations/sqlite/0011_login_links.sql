-- One-time links sent by email: one logs a person in, the other lets them
-- choose a new password. As for sessions and invitations, only the SHA-256
-- of the token is stored, so a copy of the database holds no working link.
--
-- A link works once and until expires_at (15 minutes after it was made).
-- Using it sets used_at with one conditional UPDATE (used_at IS NULL AND
-- expires_at > now), so of two attempts at the same moment exactly one
-- succeeds. Used and expired rows stay, so that the page can tell "used"
-- from "expired" from "unknown"; deleting the account deletes them.
-- Times follow 0002: fixed-width UTC text with microseconds.
CREATE TABLE login_links (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('login', 'reset')),
    token_hash BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    used_at    TEXT
);

-- A person's links, newest first.
CREATE INDEX login_links_user ON login_links (user_id, created_at);

-- One-time login and password-reset links. Keep this file equivalent to
-- migrations/sqlite/0011_login_links.sql, whose comments explain the table.
CREATE TABLE login_links (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text        NOT NULL CHECK (purpose IN ('login', 'reset')),
    token_hash bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX login_links_user ON login_links (user_id, created_at);

-- Calendar feed tokens. Keep this file equivalent to
-- migrations/sqlite/0009_calendar_tokens.sql, whose comments explain the table.
CREATE TABLE calendar_tokens (
    community_id bigint      NOT NULL REFERENCES communities (id),
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (community_id, user_id)
);

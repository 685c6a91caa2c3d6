-- Calendar feed tokens: the secret in the address of a member's private
-- iCalendar feed, which calendar apps fetch without a session. Only the
-- SHA-256 of the token is stored. One token per member and community (the
-- primary key), so rotating replaces it and revoking deletes the row. The
-- feed looks the token up by its hash alone, hence the unique index on it.
-- Leaving the community does not delete the row; the feed checks the
-- membership on every read.
CREATE TABLE calendar_tokens (
    community_id INTEGER  NOT NULL REFERENCES communities (id),
    user_id      INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   BLOB     NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   DATETIME NOT NULL,
    PRIMARY KEY (community_id, user_id)
) WITHOUT ROWID;

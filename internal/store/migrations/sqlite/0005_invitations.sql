-- Invitations into a community with a role. The link's token is random and
-- only its SHA-256 is kept, as for sessions, so a copy of the database holds
-- no working link. A link works once (accepted_at and accepted_by are set when
-- it is used) and until expires_at.
--
-- The token hash is unique on its own, not per community: the link carries
-- only the token, so it is looked up across communities, like a session.
-- Times follow 0002: fixed-width UTC text with microseconds.
CREATE TABLE invitations (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    token_hash   BLOB    NOT NULL UNIQUE CHECK (length(token_hash) > 0),
    email        TEXT    NOT NULL CHECK (email <> ''),
    role         TEXT    NOT NULL CHECK (role IN ('member', 'volunteer', 'coordinator', 'admin')),
    invited_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    expires_at   TEXT    NOT NULL,
    accepted_at  TEXT,
    accepted_by  INTEGER REFERENCES users (id),
    UNIQUE (community_id, id),
    CHECK ((accepted_at IS NULL) = (accepted_by IS NULL))
);

-- The admin page lists a community's unused invitations, newest first.
CREATE INDEX invitations_open ON invitations (community_id, created_at) WHERE accepted_at IS NULL;

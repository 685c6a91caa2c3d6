-- Invitations into a community with a role. Keep this file equivalent to
-- migrations/sqlite/0005_invitations.sql, whose comments explain the table.
CREATE TABLE invitations (
    community_id bigint      NOT NULL REFERENCES communities (id),
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    token_hash   bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) > 0),
    email        text        NOT NULL CHECK (email <> ''),
    role         text        NOT NULL CHECK (role IN ('member', 'volunteer', 'coordinator', 'admin')),
    invited_by   bigint      NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    accepted_by  bigint      REFERENCES users (id),
    PRIMARY KEY (community_id, id),
    CHECK ((accepted_at IS NULL) = (accepted_by IS NULL))
);

CREATE INDEX invitations_open ON invitations (community_id, created_at) WHERE accepted_at IS NULL;

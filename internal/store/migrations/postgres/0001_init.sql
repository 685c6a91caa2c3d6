-- Communities, accounts, memberships and sessions. Keep this file equivalent
-- to migrations/sqlite/0001_init.sql.

-- A community is one tenant. languages and categories are JSON arrays of
-- strings: short lists that are always read whole.
CREATE TABLE communities (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text             NOT NULL UNIQUE CHECK (char_length(slug) BETWEEN 1 AND 40),
    name       text             NOT NULL CHECK (name <> ''),
    languages  jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
    center_lat double precision NOT NULL CHECK (center_lat BETWEEN -90 AND 90),
    center_lng double precision NOT NULL CHECK (center_lng BETWEEN -180 AND 180),
    radius_km  double precision NOT NULL CHECK (radius_km > 0),
    categories jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(categories) = 'array'),
    created_at timestamptz      NOT NULL DEFAULT now()
);

-- Accounts are instance-wide; what a user may do in a community comes from
-- memberships. Emails arrive normalized, so UNIQUE compares them exactly.
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL UNIQUE CHECK (email <> ''),
    name          text        NOT NULL,
    language      text        NOT NULL DEFAULT '',
    password_hash text        NOT NULL DEFAULT '',
    is_operator   boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- A user's role in a community. Deleting an account takes its memberships
-- with it; deleting a community that still has members is refused.
CREATE TABLE memberships (
    community_id bigint      NOT NULL REFERENCES communities (id),
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('member', 'volunteer', 'coordinator', 'admin')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, user_id)
);

-- "Which communities is this user in" runs on every request of a logged-in
-- user; counting admins runs before every role change.
CREATE INDEX memberships_user ON memberships (user_id);
CREATE INDEX memberships_community_role ON memberships (community_id, role);

-- Sessions are found by the hash of their token, never by the token itself.
CREATE TABLE sessions (
    token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) > 0),
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Communities, accounts, memberships and sessions.
--
-- Times are text in one fixed-width UTC layout with microseconds
-- ('2006-01-02 15:04:05.000000+00:00'), written by the store and by the
-- defaults below alike, so that comparing the text compares the times. The
-- columns are declared DATETIME so that the driver hands them back as times.

-- A community is one tenant. languages and categories are JSON arrays of
-- strings: short lists that are always read whole.
CREATE TABLE communities (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 40),
    name       TEXT    NOT NULL CHECK (name <> ''),
    languages  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    center_lat REAL    NOT NULL CHECK (center_lat BETWEEN -90 AND 90),
    center_lng REAL    NOT NULL CHECK (center_lng BETWEEN -180 AND 180),
    radius_km  REAL    NOT NULL CHECK (radius_km > 0),
    categories TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(categories) AND json_type(categories) = 'array'),
    created_at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now'))
);

-- Accounts are instance-wide; what a user may do in a community comes from
-- memberships. Emails arrive normalized, so UNIQUE compares them exactly.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT     NOT NULL UNIQUE CHECK (email <> ''),
    name          TEXT     NOT NULL,
    language      TEXT     NOT NULL DEFAULT '',
    password_hash TEXT     NOT NULL DEFAULT '',
    is_operator   BOOLEAN  NOT NULL DEFAULT FALSE CHECK (is_operator IN (0, 1)),
    created_at    DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now'))
);

-- A user's role in a community. Deleting an account takes its memberships
-- with it; deleting a community that still has members is refused.
CREATE TABLE memberships (
    community_id INTEGER  NOT NULL REFERENCES communities (id),
    user_id      INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         TEXT     NOT NULL CHECK (role IN ('member', 'volunteer', 'coordinator', 'admin')),
    created_at   DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    updated_at   DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    PRIMARY KEY (community_id, user_id)
) WITHOUT ROWID;

-- "Which communities is this user in" runs on every request of a logged-in
-- user; counting admins runs before every role change.
CREATE INDEX memberships_user ON memberships (user_id);
CREATE INDEX memberships_community_role ON memberships (community_id, role);

-- Sessions are found by the hash of their token, never by the token itself.
CREATE TABLE sessions (
    token_hash BLOB     NOT NULL PRIMARY KEY CHECK (length(token_hash) > 0),
    user_id    INTEGER  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    expires_at DATETIME NOT NULL
) WITHOUT ROWID;

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

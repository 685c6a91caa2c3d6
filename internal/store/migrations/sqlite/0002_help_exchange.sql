-- The help exchange: community settings, clients, requests and their
-- history, volunteer profiles, assignments, contributions and messages.
--
-- Every table carries community_id and every index starts with it, so that a
-- query of one community reads only that community's rows; the one exception,
-- the expiry index, says why. A row pointing at another community-owned row
-- does so through (community_id, id), so the database itself refuses a request
-- naming another community's client or an assignment of another community's
-- request. Keyed like this the tables can also be sharded by community later
-- (Citus wants the distribution column in every unique key and foreign key).
--
-- Times follow 0001: fixed-width UTC text with microseconds, so comparing the
-- text compares the times. Unlike 0001 the columns are declared TEXT, not
-- DATETIME: for DATETIME the driver parses every value itself, trying layouts
-- in turn, which made a quarter of the candidates query's time; the store's
-- own scanner reads the one layout it writes directly. Lists and small
-- records are JSON text.

ALTER TABLE communities ADD COLUMN timezone TEXT NOT NULL DEFAULT 'Europe/Brussels' CHECK (timezone <> '');
ALTER TABLE communities ADD COLUMN vetting_categories TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(vetting_categories) AND json_type(vetting_categories) = 'array');
ALTER TABLE communities ADD COLUMN offer_mode TEXT NOT NULL DEFAULT 'approval' CHECK (offer_mode IN ('direct', 'approval'));

-- People helped without an account. phone_rev holds the phone's digits
-- without leading zeros, reversed: "the number ends in these digits" becomes
-- "phone_rev starts with them", a range on the index instead of a scan with
-- LIKE '%…'. name_key is the name lowered in Go, because SQLite's lower() only
-- knows ASCII and would miss "Šuštar" when searching "šuštar".
CREATE TABLE clients (
    id                  INTEGER  PRIMARY KEY,
    community_id        INTEGER  NOT NULL REFERENCES communities (id),
    name                TEXT     NOT NULL CHECK (name <> ''),
    name_key            TEXT     NOT NULL,
    phone               TEXT     NOT NULL DEFAULT '',
    phone_rev           TEXT     NOT NULL DEFAULT '',
    address             TEXT     NOT NULL DEFAULT '',
    lat                 REAL     NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng                 REAL     NOT NULL CHECK (lng BETWEEN -180 AND 180),
    languages           TEXT     NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    notes               TEXT     NOT NULL DEFAULT '',
    consent_given_at    TEXT     NOT NULL,
    consent_method      TEXT     NOT NULL CHECK (consent_method IN ('phone', 'in_person', 'written', 'online')),
    consent_recorded_by INTEGER  NOT NULL REFERENCES users (id),
    created_at          TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    updated_at          TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    UNIQUE (community_id, id)
);

-- Name search scans the community's clients (a few thousand at most), so only
-- the phone gets an index.
CREATE INDEX clients_phone ON clients (community_id, phone_rev);

-- Requests for help. cell is the s2 leaf cell of the approximate location as a
-- signed 64-bit integer, so "near a point" is a few ranges on a B-tree. A
-- request names a client or a requesting user, or neither.
CREATE TABLE requests (
    id           INTEGER  PRIMARY KEY,
    community_id INTEGER  NOT NULL REFERENCES communities (id),
    category     TEXT     NOT NULL CHECK (category <> ''),
    title        TEXT     NOT NULL CHECK (title <> ''),
    description  TEXT     NOT NULL DEFAULT '',
    needed_from  TEXT     NOT NULL,
    needed_by    TEXT     NOT NULL,
    expires_at   TEXT     NOT NULL,
    urgency      TEXT     NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'high')),
    languages    TEXT     NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    lat          REAL     NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          REAL     NOT NULL CHECK (lng BETWEEN -180 AND 180),
    address      TEXT     NOT NULL DEFAULT '',
    approx_lat   REAL     NOT NULL CHECK (approx_lat BETWEEN -90 AND 90),
    approx_lng   REAL     NOT NULL CHECK (approx_lng BETWEEN -180 AND 180),
    cell         INTEGER  NOT NULL,
    client_id    INTEGER,
    requester_id INTEGER  REFERENCES users (id),
    created_by   INTEGER  NOT NULL REFERENCES users (id),
    recurrence   TEXT     NOT NULL DEFAULT '{"kind":"once"}' CHECK (json_valid(recurrence) AND json_type(recurrence) = 'object'),
    status       TEXT     NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'done', 'cancelled', 'expired')),
    created_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    updated_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    CHECK (needed_by > needed_from),
    CHECK (expires_at >= needed_by),
    UNIQUE (community_id, id),
    FOREIGN KEY (community_id, client_id) REFERENCES clients (community_id, id)
);

-- The feed of open requests near a volunteer: status, then the cell ranges;
-- the category lets requests of other kinds be skipped in the index.
CREATE INDEX requests_feed ON requests (community_id, status, cell, category);
-- Lists, newest first.
CREATE INDEX requests_created ON requests (community_id, created_at);
-- The expiry job looks for open requests past expires_at (needed_by, or the
-- last day of a weekly request) in every community at
-- once, on purpose: one statement per run instead of one per community.
CREATE INDEX requests_expiry ON requests (status, expires_at);
-- "My requests" and a client's requests, newest first.
CREATE INDEX requests_requester ON requests (community_id, requester_id, created_at);
CREATE INDEX requests_client ON requests (community_id, client_id, created_at);

-- The history of a request: who did what when.
CREATE TABLE request_events (
    id           INTEGER  PRIMARY KEY,
    community_id INTEGER  NOT NULL,
    request_id   INTEGER  NOT NULL,
    actor_id     INTEGER  REFERENCES users (id),
    kind         TEXT     NOT NULL CHECK (kind <> ''),
    status       TEXT     NOT NULL DEFAULT '',
    note         TEXT     NOT NULL DEFAULT '',
    at           TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id)
);

CREATE INDEX request_events_request ON request_events (community_id, request_id, id);

-- A member's profile as a helper. Only members have one, and leaving the
-- community (or deleting the account) takes it away.
--
-- skill_mask has bit i set when domain.Categories[i] is among the skills, so
-- "can help with groceries" is (skill_mask & 1) <> 0 on an index column
-- instead of a look into the JSON. active counts live assignments; the CHECK
-- turns a bookkeeping error into a failed statement instead of a negative
-- count.
CREATE TABLE volunteers (
    community_id INTEGER  NOT NULL,
    user_id      INTEGER  NOT NULL,
    skills       TEXT     NOT NULL DEFAULT '[]' CHECK (json_valid(skills) AND json_type(skills) = 'array'),
    skill_mask   INTEGER  NOT NULL DEFAULT 0,
    languages    TEXT     NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    lat          REAL     NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          REAL     NOT NULL CHECK (lng BETWEEN -180 AND 180),
    cell         INTEGER  NOT NULL,
    radius_km    REAL     NOT NULL CHECK (radius_km > 0),
    availability TEXT     NOT NULL DEFAULT '[]' CHECK (json_valid(availability) AND json_type(availability) = 'array'),
    max_active   INTEGER  NOT NULL CHECK (max_active >= 1),
    active       INTEGER  NOT NULL DEFAULT 0 CHECK (active >= 0),
    vetted       BOOLEAN  NOT NULL DEFAULT FALSE CHECK (vetted IN (0, 1)),
    vetted_at    TEXT,
    vetted_by    INTEGER  REFERENCES users (id),
    created_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    updated_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    PRIMARY KEY (community_id, user_id),
    FOREIGN KEY (community_id, user_id) REFERENCES memberships (community_id, user_id) ON DELETE CASCADE
);

-- The candidates query: cell ranges, then every cheap filter. The filter
-- columns are in the index so that SQLite rejects a busy, unskilled or
-- unvetted volunteer from the index entry alone and reads the table row only
-- for those it returns.
CREATE INDEX volunteers_cell ON volunteers (community_id, cell, skill_mask, active, max_active, vetted);
-- The largest radius, which bounds every search for candidates, read from
-- the end of this index instead of a scan of the community's volunteers.
CREATE INDEX volunteers_radius ON volunteers (community_id, radius_km);

-- A volunteer's assignment to a request. hours are bounded by a year of whole
-- days; the service applies the real limit.
CREATE TABLE assignments (
    id           INTEGER  PRIMARY KEY,
    community_id INTEGER  NOT NULL,
    request_id   INTEGER  NOT NULL,
    volunteer_id INTEGER  NOT NULL REFERENCES users (id),
    status       TEXT     NOT NULL CHECK (status IN ('proposed', 'offered', 'accepted', 'declined', 'completed', 'withdrawn')),
    proposed_by  INTEGER  NOT NULL REFERENCES users (id),
    hours        REAL     NOT NULL DEFAULT 0 CHECK (hours >= 0 AND hours <= 8784),
    created_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    updated_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    completed_at TEXT,
    UNIQUE (community_id, id),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id)
);

-- At most one live assignment per volunteer and request; declined, withdrawn
-- and completed ones stay as history and do not count.
CREATE UNIQUE INDEX assignments_live ON assignments (community_id, request_id, volunteer_id)
    WHERE status IN ('proposed', 'offered', 'accepted');
CREATE INDEX assignments_request ON assignments (community_id, request_id);
-- A volunteer's assignments newest first; with status the statistics for
-- matching are read from the index alone.
CREATE INDEX assignments_volunteer ON assignments (community_id, volunteer_id, created_at, status);

-- One gift of time, written when an assignment is completed. The receiver is
-- the requesting member or the client.
CREATE TABLE contributions (
    id                 INTEGER  PRIMARY KEY,
    community_id       INTEGER  NOT NULL,
    giver_id           INTEGER  NOT NULL REFERENCES users (id),
    receiver_user_id   INTEGER  REFERENCES users (id),
    receiver_client_id INTEGER,
    hours              REAL     NOT NULL CHECK (hours >= 0 AND hours <= 8784),
    request_id         INTEGER  NOT NULL,
    assignment_id      INTEGER  NOT NULL,
    category           TEXT     NOT NULL CHECK (category <> ''),
    at                 TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    UNIQUE (community_id, assignment_id),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id),
    FOREIGN KEY (community_id, assignment_id) REFERENCES assignments (community_id, id),
    FOREIGN KEY (community_id, receiver_client_id) REFERENCES clients (community_id, id)
);

CREATE INDEX contributions_at ON contributions (community_id, at);

-- The thread of an assignment, paged by id.
CREATE TABLE messages (
    id            INTEGER  PRIMARY KEY,
    community_id  INTEGER  NOT NULL,
    assignment_id INTEGER  NOT NULL,
    author_id     INTEGER  NOT NULL REFERENCES users (id),
    body          TEXT     NOT NULL CHECK (body <> ''),
    created_at    TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    FOREIGN KEY (community_id, assignment_id) REFERENCES assignments (community_id, id)
);

CREATE INDEX messages_assignment ON messages (community_id, assignment_id, id);

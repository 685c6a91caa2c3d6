-- Organisations, their volunteering opportunities, shifts, sign-ups and the
-- hours closed shifts log. Same conventions as 0002: every table carries
-- community_id, every index starts with it, rows point at other
-- community-owned rows through (community_id, id), times are fixed-width UTC
-- text and lists are JSON text.

-- An organisation inside a community: proposed by a member, approved by a
-- community admin. Its location and contact are public.
CREATE TABLE organisations (
    id           INTEGER  PRIMARY KEY,
    community_id INTEGER  NOT NULL REFERENCES communities (id),
    name         TEXT     NOT NULL CHECK (name <> ''),
    type         TEXT     NOT NULL CHECK (type IN ('ngo', 'school', 'business', 'public', 'cooperative', 'informal')),
    sector       TEXT     NOT NULL DEFAULT '',
    description  TEXT     NOT NULL DEFAULT '',
    website      TEXT     NOT NULL DEFAULT '',
    lat          REAL     NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          REAL     NOT NULL CHECK (lng BETWEEN -180 AND 180),
    contact      TEXT     NOT NULL DEFAULT '',
    status       TEXT     NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved')),
    proposed_by  INTEGER  NOT NULL REFERENCES users (id),
    approved_by  INTEGER  REFERENCES users (id),
    created_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    UNIQUE (community_id, id),
    UNIQUE (community_id, name)
);

-- Who runs an organisation: its admins and coordinators.
CREATE TABLE organisation_members (
    community_id    INTEGER  NOT NULL,
    organisation_id INTEGER  NOT NULL,
    user_id         INTEGER  NOT NULL REFERENCES users (id),
    role            TEXT     NOT NULL CHECK (role IN ('org_admin', 'org_coordinator')),
    created_at      TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    PRIMARY KEY (community_id, organisation_id, user_id),
    FOREIGN KEY (community_id, organisation_id) REFERENCES organisations (community_id, id)
);

-- An opportunity to volunteer. recurrence is '{}' or the weekly rule its
-- generated shifts come from. cell indexes the location for "near" searches.
CREATE TABLE opportunities (
    id               INTEGER  PRIMARY KEY,
    community_id     INTEGER  NOT NULL,
    organisation_id  INTEGER  NOT NULL,
    title            TEXT     NOT NULL CHECK (title <> ''),
    description      TEXT     NOT NULL DEFAULT '',
    category         TEXT     NOT NULL CHECK (category <> ''),
    skills           TEXT     NOT NULL DEFAULT '[]' CHECK (json_valid(skills) AND json_type(skills) = 'array'),
    online           INTEGER  NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    lat              REAL     NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng              REAL     NOT NULL CHECK (lng BETWEEN -180 AND 180),
    cell             INTEGER  NOT NULL,
    address          TEXT     NOT NULL DEFAULT '',
    min_age          INTEGER  NOT NULL DEFAULT 0 CHECK (min_age BETWEEN 0 AND 120),
    vetting_required INTEGER  NOT NULL DEFAULT 0 CHECK (vetting_required IN (0, 1)),
    languages        TEXT     NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    recurrence       TEXT     NOT NULL DEFAULT '{}' CHECK (json_valid(recurrence) AND json_type(recurrence) = 'object'),
    created_by       INTEGER  NOT NULL REFERENCES users (id),
    created_at       TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    UNIQUE (community_id, id),
    FOREIGN KEY (community_id, organisation_id) REFERENCES organisations (community_id, id)
);

CREATE INDEX opportunities_cell ON opportunities (community_id, cell);
CREATE INDEX opportunities_organisation ON opportunities (community_id, organisation_id);

-- One shift of an opportunity. from_rule marks shifts generated from the
-- weekly rule: a rule generates at most one shift per start.
CREATE TABLE shifts (
    id             INTEGER  PRIMARY KEY,
    community_id   INTEGER  NOT NULL,
    opportunity_id INTEGER  NOT NULL,
    starts_at      TEXT     NOT NULL,
    ends_at        TEXT     NOT NULL,
    capacity       INTEGER  NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    status         TEXT     NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    from_rule      INTEGER  NOT NULL DEFAULT 0 CHECK (from_rule IN (0, 1)),
    created_at     TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    CHECK (ends_at > starts_at),
    UNIQUE (community_id, id),
    FOREIGN KEY (community_id, opportunity_id) REFERENCES opportunities (community_id, id)
);

CREATE INDEX shifts_opportunity ON shifts (community_id, opportunity_id, starts_at);
CREATE INDEX shifts_starts ON shifts (community_id, starts_at);
CREATE UNIQUE INDEX shifts_rule_start ON shifts (community_id, opportunity_id, starts_at) WHERE from_rule = 1;

-- A sign-up for a shift: one person, or a team of team_size people under
-- one contact. A person has at most one sign-up per shift that is not
-- cancelled; the waiting list is the waitlisted ones in id order.
CREATE TABLE shift_signups (
    id           INTEGER  PRIMARY KEY,
    community_id INTEGER  NOT NULL,
    shift_id     INTEGER  NOT NULL,
    user_id      INTEGER  NOT NULL REFERENCES users (id),
    team_size    INTEGER  NOT NULL DEFAULT 1 CHECK (team_size BETWEEN 1 AND 10000),
    team_contact TEXT     NOT NULL DEFAULT '',
    status       TEXT     NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'checked_in', 'no_show')),
    created_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    updated_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    UNIQUE (community_id, id),
    FOREIGN KEY (community_id, shift_id) REFERENCES shifts (community_id, id)
);

CREATE INDEX shift_signups_shift ON shift_signups (community_id, shift_id, status, id);
CREATE UNIQUE INDEX shift_signups_live ON shift_signups (community_id, shift_id, user_id) WHERE status <> 'cancelled';
CREATE INDEX shift_signups_user ON shift_signups (community_id, user_id);

-- What happened to sign-ups that someone must hear about: promotions from
-- the waiting list. The notifications outbox reads these.
CREATE TABLE shift_events (
    id           INTEGER  PRIMARY KEY,
    community_id INTEGER  NOT NULL,
    shift_id     INTEGER  NOT NULL,
    user_id      INTEGER  NOT NULL REFERENCES users (id),
    kind         TEXT     NOT NULL CHECK (kind <> ''),
    at           TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    FOREIGN KEY (community_id, shift_id) REFERENCES shifts (community_id, id)
);

CREATE INDEX shift_events_shift ON shift_events (community_id, shift_id, id);

-- Contributions now come from completed assignments or from closed shifts:
-- request_id and assignment_id become optional and shift_id is added, with
-- exactly one source per row. SQLite cannot drop NOT NULL in place, so the
-- table is rebuilt; nothing refers to it.
CREATE TABLE contributions_new (
    id                 INTEGER  PRIMARY KEY,
    community_id       INTEGER  NOT NULL,
    giver_id           INTEGER  NOT NULL REFERENCES users (id),
    receiver_user_id   INTEGER  REFERENCES users (id),
    receiver_client_id INTEGER,
    hours              REAL     NOT NULL CHECK (hours >= 0 AND hours <= 8784),
    request_id         INTEGER,
    assignment_id      INTEGER,
    shift_id           INTEGER,
    category           TEXT     NOT NULL CHECK (category <> ''),
    at                 TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    CHECK ((assignment_id IS NOT NULL AND request_id IS NOT NULL AND shift_id IS NULL)
        OR (assignment_id IS NULL AND request_id IS NULL AND shift_id IS NOT NULL)),
    UNIQUE (community_id, assignment_id),
    UNIQUE (community_id, shift_id, giver_id),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id),
    FOREIGN KEY (community_id, assignment_id) REFERENCES assignments (community_id, id),
    FOREIGN KEY (community_id, shift_id) REFERENCES shifts (community_id, id),
    FOREIGN KEY (community_id, receiver_client_id) REFERENCES clients (community_id, id)
);

INSERT INTO contributions_new (id, community_id, giver_id, receiver_user_id, receiver_client_id, hours,
    request_id, assignment_id, category, at)
SELECT id, community_id, giver_id, receiver_user_id, receiver_client_id, hours,
    request_id, assignment_id, category, at
FROM contributions;

DROP TABLE contributions;
ALTER TABLE contributions_new RENAME TO contributions;
CREATE INDEX contributions_at ON contributions (community_id, at);

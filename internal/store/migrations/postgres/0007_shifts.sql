-- Organisations, their volunteering opportunities, shifts, sign-ups and the
-- hours closed shifts log; the same tables as the SQLite migration, keyed by
-- PRIMARY KEY (community_id, id) as in 0002.

CREATE TABLE organisations (
    community_id bigint           NOT NULL REFERENCES communities (id),
    id           bigint           GENERATED ALWAYS AS IDENTITY,
    name         text             NOT NULL CHECK (name <> ''),
    type         text             NOT NULL CHECK (type IN ('ngo', 'school', 'business', 'public', 'cooperative', 'informal')),
    sector       text             NOT NULL DEFAULT '',
    description  text             NOT NULL DEFAULT '',
    website      text             NOT NULL DEFAULT '',
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    contact      text             NOT NULL DEFAULT '',
    status       text             NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved')),
    proposed_by  bigint           NOT NULL REFERENCES users (id),
    approved_by  bigint           REFERENCES users (id),
    created_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id),
    UNIQUE (community_id, name)
);

CREATE TABLE organisation_members (
    community_id    bigint      NOT NULL,
    organisation_id bigint      NOT NULL,
    user_id         bigint      NOT NULL REFERENCES users (id),
    role            text        NOT NULL CHECK (role IN ('org_admin', 'org_coordinator')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, organisation_id, user_id),
    FOREIGN KEY (community_id, organisation_id) REFERENCES organisations (community_id, id)
);

CREATE TABLE opportunities (
    community_id     bigint           NOT NULL,
    id               bigint           GENERATED ALWAYS AS IDENTITY,
    organisation_id  bigint           NOT NULL,
    title            text             NOT NULL CHECK (title <> ''),
    description      text             NOT NULL DEFAULT '',
    category         text             NOT NULL CHECK (category <> ''),
    skills           jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(skills) = 'array'),
    online           boolean          NOT NULL DEFAULT false,
    lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng              double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    cell             bigint           NOT NULL,
    address          text             NOT NULL DEFAULT '',
    min_age          integer          NOT NULL DEFAULT 0 CHECK (min_age BETWEEN 0 AND 120),
    vetting_required boolean          NOT NULL DEFAULT false,
    languages        jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
    recurrence       jsonb            NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(recurrence) = 'object'),
    created_by       bigint           NOT NULL REFERENCES users (id),
    created_at       timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, organisation_id) REFERENCES organisations (community_id, id)
);

CREATE INDEX opportunities_cell ON opportunities (community_id, cell);
CREATE INDEX opportunities_organisation ON opportunities (community_id, organisation_id);

CREATE TABLE shifts (
    community_id   bigint      NOT NULL,
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    opportunity_id bigint      NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    capacity       integer     NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    status         text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    from_rule      boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, opportunity_id) REFERENCES opportunities (community_id, id)
);

CREATE INDEX shifts_opportunity ON shifts (community_id, opportunity_id, starts_at);
CREATE INDEX shifts_starts ON shifts (community_id, starts_at);
CREATE UNIQUE INDEX shifts_rule_start ON shifts (community_id, opportunity_id, starts_at) WHERE from_rule;

CREATE TABLE shift_signups (
    community_id bigint      NOT NULL,
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    shift_id     bigint      NOT NULL,
    user_id      bigint      NOT NULL REFERENCES users (id),
    team_size    integer     NOT NULL DEFAULT 1 CHECK (team_size BETWEEN 1 AND 10000),
    team_contact text        NOT NULL DEFAULT '',
    status       text        NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'checked_in', 'no_show')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, shift_id) REFERENCES shifts (community_id, id)
);

CREATE INDEX shift_signups_shift ON shift_signups (community_id, shift_id, status, id);
CREATE UNIQUE INDEX shift_signups_live ON shift_signups (community_id, shift_id, user_id) WHERE status <> 'cancelled';
CREATE INDEX shift_signups_user ON shift_signups (community_id, user_id);

CREATE TABLE shift_events (
    community_id bigint      NOT NULL,
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    shift_id     bigint      NOT NULL,
    user_id      bigint      NOT NULL REFERENCES users (id),
    kind         text        NOT NULL CHECK (kind <> ''),
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, shift_id) REFERENCES shifts (community_id, id)
);

CREATE INDEX shift_events_shift ON shift_events (community_id, shift_id, id);

-- Contributions come from completed assignments or from closed shifts, one
-- source per row.
ALTER TABLE contributions ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE contributions ALTER COLUMN assignment_id DROP NOT NULL;
ALTER TABLE contributions ADD COLUMN shift_id bigint;
ALTER TABLE contributions ADD CONSTRAINT contributions_one_source CHECK (
    (assignment_id IS NOT NULL AND request_id IS NOT NULL AND shift_id IS NULL)
    OR (assignment_id IS NULL AND request_id IS NULL AND shift_id IS NOT NULL));
ALTER TABLE contributions ADD CONSTRAINT contributions_shift_giver UNIQUE (community_id, shift_id, giver_id);
ALTER TABLE contributions ADD CONSTRAINT contributions_shift
    FOREIGN KEY (community_id, shift_id) REFERENCES shifts (community_id, id);

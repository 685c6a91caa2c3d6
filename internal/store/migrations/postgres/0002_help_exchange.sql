-- The help exchange. Keep this file equivalent to
-- migrations/sqlite/0002_help_exchange.sql, whose comments explain the
-- columns; only what differs is explained here.
--
-- The community-owned tables have PRIMARY KEY (community_id, id) where SQLite
-- has its rowid id plus UNIQUE (community_id, id): one index instead of two,
-- and the key shape Citus needs to shard by community. The identity column
-- still makes id unique on its own.

ALTER TABLE communities ADD COLUMN timezone text NOT NULL DEFAULT 'Europe/Brussels' CHECK (timezone <> '');
ALTER TABLE communities ADD COLUMN vetting_categories jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(vetting_categories) = 'array');
ALTER TABLE communities ADD COLUMN offer_mode text NOT NULL DEFAULT 'approval' CHECK (offer_mode IN ('direct', 'approval'));

-- phone_rev compares byte by byte (COLLATE "C"): the suffix search is a range
-- ending at the character after '9', and a language-aware collation, which
-- may ignore punctuation or order digits differently, would break that range
-- and keep the index from serving it.
CREATE TABLE clients (
    community_id        bigint           NOT NULL REFERENCES communities (id),
    id                  bigint           GENERATED ALWAYS AS IDENTITY,
    name                text             NOT NULL CHECK (name <> ''),
    name_key            text             NOT NULL,
    phone               text             NOT NULL DEFAULT '',
    phone_rev           text COLLATE "C" NOT NULL DEFAULT '',
    address             text             NOT NULL DEFAULT '',
    lat                 double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng                 double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    languages           jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
    notes               text             NOT NULL DEFAULT '',
    consent_given_at    timestamptz      NOT NULL,
    consent_method      text             NOT NULL CHECK (consent_method IN ('phone', 'in_person', 'written', 'online')),
    consent_recorded_by bigint           NOT NULL REFERENCES users (id),
    created_at          timestamptz      NOT NULL DEFAULT now(),
    updated_at          timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id)
);

CREATE INDEX clients_phone ON clients (community_id, phone_rev);

CREATE TABLE requests (
    community_id bigint           NOT NULL REFERENCES communities (id),
    id           bigint           GENERATED ALWAYS AS IDENTITY,
    category     text             NOT NULL CHECK (category <> ''),
    title        text             NOT NULL CHECK (title <> ''),
    description  text             NOT NULL DEFAULT '',
    needed_from  timestamptz      NOT NULL,
    needed_by    timestamptz      NOT NULL,
    expires_at   timestamptz      NOT NULL,
    urgency      text             NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'high')),
    languages    jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    address      text             NOT NULL DEFAULT '',
    approx_lat   double precision NOT NULL CHECK (approx_lat BETWEEN -90 AND 90),
    approx_lng   double precision NOT NULL CHECK (approx_lng BETWEEN -180 AND 180),
    cell         bigint           NOT NULL,
    client_id    bigint,
    requester_id bigint           REFERENCES users (id),
    created_by   bigint           NOT NULL REFERENCES users (id),
    recurrence   jsonb            NOT NULL DEFAULT '{"kind":"once"}' CHECK (jsonb_typeof(recurrence) = 'object'),
    status       text             NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'done', 'cancelled', 'expired')),
    created_at   timestamptz      NOT NULL DEFAULT now(),
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    CHECK (needed_by > needed_from),
    CHECK (expires_at >= needed_by),
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, client_id) REFERENCES clients (community_id, id)
);

CREATE INDEX requests_feed ON requests (community_id, status, cell, category);
CREATE INDEX requests_created ON requests (community_id, created_at);
-- Crosses communities on purpose: the expiry job runs one statement for all.
CREATE INDEX requests_expiry ON requests (status, expires_at);
CREATE INDEX requests_requester ON requests (community_id, requester_id, created_at);
CREATE INDEX requests_client ON requests (community_id, client_id, created_at);

CREATE TABLE request_events (
    community_id bigint      NOT NULL,
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    request_id   bigint      NOT NULL,
    actor_id     bigint      REFERENCES users (id),
    kind         text        NOT NULL CHECK (kind <> ''),
    status       text        NOT NULL DEFAULT '',
    note         text        NOT NULL DEFAULT '',
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id)
);

CREATE INDEX request_events_request ON request_events (community_id, request_id, id);

CREATE TABLE volunteers (
    community_id bigint           NOT NULL,
    user_id      bigint           NOT NULL,
    skills       jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(skills) = 'array'),
    skill_mask   bigint           NOT NULL DEFAULT 0,
    languages    jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    cell         bigint           NOT NULL,
    radius_km    double precision NOT NULL CHECK (radius_km > 0),
    availability jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(availability) = 'array'),
    max_active   integer          NOT NULL CHECK (max_active >= 1),
    active       integer          NOT NULL DEFAULT 0 CHECK (active >= 0),
    vetted       boolean          NOT NULL DEFAULT false,
    vetted_at    timestamptz,
    vetted_by    bigint           REFERENCES users (id),
    created_at   timestamptz      NOT NULL DEFAULT now(),
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, user_id),
    FOREIGN KEY (community_id, user_id) REFERENCES memberships (community_id, user_id) ON DELETE CASCADE
);

CREATE INDEX volunteers_cell ON volunteers (community_id, cell, skill_mask, active, max_active, vetted);
CREATE INDEX volunteers_radius ON volunteers (community_id, radius_km);

CREATE TABLE assignments (
    community_id bigint           NOT NULL,
    id           bigint           GENERATED ALWAYS AS IDENTITY,
    request_id   bigint           NOT NULL,
    volunteer_id bigint           NOT NULL REFERENCES users (id),
    status       text             NOT NULL CHECK (status IN ('proposed', 'offered', 'accepted', 'declined', 'completed', 'withdrawn')),
    proposed_by  bigint           NOT NULL REFERENCES users (id),
    hours        double precision NOT NULL DEFAULT 0 CHECK (hours >= 0 AND hours <= 8784),
    created_at   timestamptz      NOT NULL DEFAULT now(),
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    completed_at timestamptz,
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id)
);

CREATE UNIQUE INDEX assignments_live ON assignments (community_id, request_id, volunteer_id)
    WHERE status IN ('proposed', 'offered', 'accepted');
CREATE INDEX assignments_request ON assignments (community_id, request_id);
CREATE INDEX assignments_volunteer ON assignments (community_id, volunteer_id, created_at, status);

CREATE TABLE contributions (
    community_id       bigint           NOT NULL,
    id                 bigint           GENERATED ALWAYS AS IDENTITY,
    giver_id           bigint           NOT NULL REFERENCES users (id),
    receiver_user_id   bigint           REFERENCES users (id),
    receiver_client_id bigint,
    hours              double precision NOT NULL CHECK (hours >= 0 AND hours <= 8784),
    request_id         bigint           NOT NULL,
    assignment_id      bigint           NOT NULL,
    category           text             NOT NULL CHECK (category <> ''),
    at                 timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id),
    UNIQUE (community_id, assignment_id),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id),
    FOREIGN KEY (community_id, assignment_id) REFERENCES assignments (community_id, id),
    FOREIGN KEY (community_id, receiver_client_id) REFERENCES clients (community_id, id)
);

CREATE INDEX contributions_at ON contributions (community_id, at);

CREATE TABLE messages (
    community_id  bigint      NOT NULL,
    id            bigint      GENERATED ALWAYS AS IDENTITY,
    assignment_id bigint      NOT NULL,
    author_id     bigint      NOT NULL REFERENCES users (id),
    body          text        NOT NULL CHECK (body <> ''),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, assignment_id) REFERENCES assignments (community_id, id)
);

CREATE INDEX messages_assignment ON messages (community_id, assignment_id, id);

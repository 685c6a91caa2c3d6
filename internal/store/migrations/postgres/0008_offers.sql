-- Offers of goods, services and space, and the links that reserve part of
-- an offer for a help request.
--
-- reserved is the sum of the quantities of the offer's active links. It is
-- kept on the offer so that "reserve n if n are still free" is one
-- conditional UPDATE of one row: of two coordinators taking the last units
-- exactly one finds them free (the second waits for the first's row lock
-- and then re-checks the condition). The CHECK turns a bookkeeping error
-- into a failed statement instead of an over-reserved offer.
--
-- organisation_id is set when an organisation (0007) makes the offer; like
-- every reference between community rows it goes through (community_id, id).
-- cell is the s2 leaf cell of the approximate place, as for requests, so
-- that a search by place is answered from public data.
CREATE TABLE offers (
    community_id    bigint           NOT NULL REFERENCES communities (id),
    id              bigint           GENERATED ALWAYS AS IDENTITY,
    offered_by      bigint           NOT NULL REFERENCES users (id),
    organisation_id bigint,
    kind            text             NOT NULL CHECK (kind IN ('goods', 'service', 'space')),
    category        text             NOT NULL CHECK (category <> ''),
    title           text             NOT NULL CHECK (title <> ''),
    title_key       text             NOT NULL,
    description     text             NOT NULL DEFAULT '',
    quantity        integer          NOT NULL CHECK (quantity >= 1),
    unit            text             NOT NULL DEFAULT '',
    reserved        integer          NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= quantity),
    lat             double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng             double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    address         text             NOT NULL DEFAULT '',
    approx_lat      double precision NOT NULL CHECK (approx_lat BETWEEN -90 AND 90),
    approx_lng      double precision NOT NULL CHECK (approx_lng BETWEEN -180 AND 180),
    cell            bigint           NOT NULL,
    available_from  timestamptz      NOT NULL,
    available_until timestamptz,
    conditions      text             NOT NULL DEFAULT '',
    status          text             NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    created_at      timestamptz      NOT NULL DEFAULT now(),
    updated_at      timestamptz      NOT NULL DEFAULT now(),
    CHECK (available_until IS NULL OR available_until > available_from),
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, organisation_id) REFERENCES organisations (community_id, id)
);

-- Search near a place: status, then the cell ranges, as requests_feed.
CREATE INDEX offers_near ON offers (community_id, status, cell, category);
-- Lists without a place, newest first.
CREATE INDEX offers_created ON offers (community_id, created_at);

-- Part of an offer promised to a request.
CREATE TABLE offer_links (
    community_id bigint      NOT NULL,
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    offer_id     bigint      NOT NULL,
    request_id   bigint      NOT NULL,
    quantity     integer     NOT NULL CHECK (quantity >= 1),
    status       text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released')),
    created_by   bigint      NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    released_at  timestamptz,
    PRIMARY KEY (community_id, id),
    FOREIGN KEY (community_id, offer_id) REFERENCES offers (community_id, id),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id)
);

-- One active link per offer and request: a second reservation for the same
-- request changes nothing a coordinator could not say with one.
CREATE UNIQUE INDEX offer_links_live ON offer_links (community_id, offer_id, request_id) WHERE status = 'active';
CREATE INDEX offer_links_offer ON offer_links (community_id, offer_id, id);
-- Releasing the links of a request that is cancelled or expires.
CREATE INDEX offer_links_request ON offer_links (community_id, request_id, status);

-- Offers of goods, services and space, and the links that reserve part of
-- an offer for a help request.
--
-- reserved is the sum of the quantities of the offer's active links. It is
-- kept on the offer so that "reserve n if n are still free" is one
-- conditional UPDATE of one row: of two coordinators taking the last units
-- exactly one finds them free. The CHECK turns a bookkeeping error into a
-- failed statement instead of an over-reserved offer.
--
-- organisation_id is set when an organisation (0007) makes the offer; like
-- every reference between community rows it goes through (community_id, id).
-- cell is the s2 leaf cell of the approximate place, as for requests, so
-- that a search by place is answered from public data.
CREATE TABLE offers (
    id              INTEGER  PRIMARY KEY,
    community_id    INTEGER  NOT NULL REFERENCES communities (id),
    offered_by      INTEGER  NOT NULL REFERENCES users (id),
    organisation_id INTEGER,
    kind            TEXT     NOT NULL CHECK (kind IN ('goods', 'service', 'space')),
    category        TEXT     NOT NULL CHECK (category <> ''),
    title           TEXT     NOT NULL CHECK (title <> ''),
    title_key       TEXT     NOT NULL,
    description     TEXT     NOT NULL DEFAULT '',
    quantity        INTEGER  NOT NULL CHECK (quantity >= 1),
    unit            TEXT     NOT NULL DEFAULT '',
    reserved        INTEGER  NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= quantity),
    lat             REAL     NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng             REAL     NOT NULL CHECK (lng BETWEEN -180 AND 180),
    address         TEXT     NOT NULL DEFAULT '',
    approx_lat      REAL     NOT NULL CHECK (approx_lat BETWEEN -90 AND 90),
    approx_lng      REAL     NOT NULL CHECK (approx_lng BETWEEN -180 AND 180),
    cell            INTEGER  NOT NULL,
    available_from  TEXT     NOT NULL,
    available_until TEXT,
    conditions      TEXT     NOT NULL DEFAULT '',
    status          TEXT     NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    created_at      TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    updated_at      TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    CHECK (available_until IS NULL OR available_until > available_from),
    UNIQUE (community_id, id),
    FOREIGN KEY (community_id, organisation_id) REFERENCES organisations (community_id, id)
);

-- Search near a place: status, then the cell ranges, as requests_feed.
CREATE INDEX offers_near ON offers (community_id, status, cell, category);
-- Lists without a place, newest first.
CREATE INDEX offers_created ON offers (community_id, created_at);

-- Part of an offer promised to a request.
CREATE TABLE offer_links (
    id           INTEGER  PRIMARY KEY,
    community_id INTEGER  NOT NULL,
    offer_id     INTEGER  NOT NULL,
    request_id   INTEGER  NOT NULL,
    quantity     INTEGER  NOT NULL CHECK (quantity >= 1),
    status       TEXT     NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released')),
    created_by   INTEGER  NOT NULL REFERENCES users (id),
    created_at   TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    released_at  TEXT,
    FOREIGN KEY (community_id, offer_id) REFERENCES offers (community_id, id),
    FOREIGN KEY (community_id, request_id) REFERENCES requests (community_id, id)
);

-- One active link per offer and request: a second reservation for the same
-- request changes nothing a coordinator could not say with one.
CREATE UNIQUE INDEX offer_links_live ON offer_links (community_id, offer_id, request_id) WHERE status = 'active';
CREATE INDEX offer_links_offer ON offer_links (community_id, offer_id, id);
-- Releasing the links of a request that is cancelled or expires.
CREATE INDEX offer_links_request ON offer_links (community_id, request_id, status);

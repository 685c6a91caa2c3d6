-- Named places of a community (neighbourhoods, villages): what people choose
-- as their location when they cannot drop a pin on a map. A community has a
-- handful to a few dozen, always read all at once, so the unique index on
-- (community_id, name) both forbids two places of one name and serves the
-- listing in name order.
CREATE TABLE places (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    name         TEXT    NOT NULL CHECK (name <> ''),
    lat          REAL    NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          REAL    NOT NULL CHECK (lng BETWEEN -180 AND 180),
    UNIQUE (community_id, name)
);

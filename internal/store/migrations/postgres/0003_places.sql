-- Named places of a community. Keep this file equivalent to
-- migrations/sqlite/0003_places.sql, whose comments explain the table.
CREATE TABLE places (
    community_id bigint           NOT NULL REFERENCES communities (id),
    id           bigint           GENERATED ALWAYS AS IDENTITY,
    name         text             NOT NULL CHECK (name <> ''),
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    PRIMARY KEY (community_id, id),
    UNIQUE (community_id, name)
);

-- The directory of local initiatives (issue 7). Approved organisations
-- (0007) are listed in the directory straight from their own table; this
-- table holds the initiatives that do not otherwise use mutua. Same
-- conventions as 0002: every table carries community_id, every index
-- starts with it, times are fixed-width UTC text and lists are JSON text.
--
-- search_text is name, description and address folded in Go (lower case,
-- no diacritics), so that both databases search the same words.
CREATE TABLE initiatives (
    id            INTEGER  PRIMARY KEY,
    community_id  INTEGER  NOT NULL REFERENCES communities (id),
    name          TEXT     NOT NULL CHECK (name <> ''),
    sector        TEXT     NOT NULL CHECK (sector IN ('food', 'repair', 'energy', 'gardening', 'mobility', 'care',
                                                      'housing', 'culture', 'education', 'platform_coop', 'other')),
    description   TEXT     NOT NULL DEFAULT '',
    address       TEXT     NOT NULL DEFAULT '',
    lat           REAL     NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng           REAL     NOT NULL CHECK (lng BETWEEN -180 AND 180),
    website       TEXT     NOT NULL DEFAULT '',
    contact       TEXT     NOT NULL DEFAULT '',
    opening_times TEXT     NOT NULL DEFAULT '',
    languages     TEXT     NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    status        TEXT     NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved')),
    proposed_by   INTEGER  NOT NULL REFERENCES users (id),
    approved_by   INTEGER  REFERENCES users (id),
    search_text   TEXT     NOT NULL DEFAULT '',
    created_at    TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    updated_at    TEXT     NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    UNIQUE (community_id, id)
);

-- The directory in name order, approved ones or those waiting.
CREATE INDEX initiatives_list ON initiatives (community_id, status, name);
-- Searches near a point narrow by latitude first.
CREATE INDEX initiatives_lat ON initiatives (community_id, lat);

-- The full-text index of the directory: one row per initiative and per
-- organisation, kept in step by the triggers below. unicode61 with
-- remove_diacritics 2 folds "Žalec" to "zalec" in the index and in the
-- query alike; initiatives index their already folded search_text.
CREATE VIRTUAL TABLE directory_fts USING fts5 (
    body,
    community_id UNINDEXED,
    kind UNINDEXED,
    ref_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER initiatives_fts_insert AFTER INSERT ON initiatives BEGIN
    INSERT INTO directory_fts (body, community_id, kind, ref_id)
    VALUES (new.search_text, new.community_id, 'initiative', new.id);
END;

CREATE TRIGGER initiatives_fts_update AFTER UPDATE OF search_text ON initiatives BEGIN
    DELETE FROM directory_fts WHERE kind = 'initiative' AND ref_id = old.id;
    INSERT INTO directory_fts (body, community_id, kind, ref_id)
    VALUES (new.search_text, new.community_id, 'initiative', new.id);
END;

CREATE TRIGGER initiatives_fts_delete AFTER DELETE ON initiatives BEGIN
    DELETE FROM directory_fts WHERE kind = 'initiative' AND ref_id = old.id;
END;

CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations BEGIN
    INSERT INTO directory_fts (body, community_id, kind, ref_id)
    VALUES (new.name || ' ' || new.sector || ' ' || new.description, new.community_id, 'organisation', new.id);
END;

CREATE TRIGGER organisations_fts_update AFTER UPDATE OF name, sector, description ON organisations BEGIN
    DELETE FROM directory_fts WHERE kind = 'organisation' AND ref_id = old.id;
    INSERT INTO directory_fts (body, community_id, kind, ref_id)
    VALUES (new.name || ' ' || new.sector || ' ' || new.description, new.community_id, 'organisation', new.id);
END;

CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN
    DELETE FROM directory_fts WHERE kind = 'organisation' AND ref_id = old.id;
END;

-- Organisations that existed before this migration.
INSERT INTO directory_fts (body, community_id, kind, ref_id)
SELECT name || ' ' || sector || ' ' || description, community_id, 'organisation', id FROM organisations;

-- The directory of local initiatives (issue 7). Approved organisations
-- (0007) are listed in the directory straight from their own table; this
-- table holds the initiatives that do not otherwise use mutua. Same
-- conventions as 0002: every table carries community_id and every index
-- starts with it.
--
-- search_text is name, description and address folded in Go (lower case,
-- no diacritics), so that search needs no unaccent extension, which a
-- production server may not have. The GIN index serves
-- to_tsvector('simple', search_text) @@ plainto_tsquery('simple', ?).
CREATE TABLE initiatives (
    community_id  bigint           NOT NULL REFERENCES communities (id),
    id            bigint           GENERATED ALWAYS AS IDENTITY,
    name          text             NOT NULL CHECK (name <> ''),
    sector        text             NOT NULL CHECK (sector IN ('food', 'repair', 'energy', 'gardening', 'mobility', 'care',
                                                              'housing', 'culture', 'education', 'platform_coop', 'other')),
    description   text             NOT NULL DEFAULT '',
    address       text             NOT NULL DEFAULT '',
    lat           double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng           double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    website       text             NOT NULL DEFAULT '',
    contact       text             NOT NULL DEFAULT '',
    opening_times text             NOT NULL DEFAULT '',
    languages     jsonb            NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
    status        text             NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved')),
    proposed_by   bigint           NOT NULL REFERENCES users (id),
    approved_by   bigint           REFERENCES users (id),
    search_text   text             NOT NULL DEFAULT '',
    created_at    timestamptz      NOT NULL DEFAULT now(),
    updated_at    timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, id)
);

-- The directory in name order, approved ones or those waiting.
CREATE INDEX initiatives_list ON initiatives (community_id, status, name);
-- Searches near a point narrow by latitude first.
CREATE INDEX initiatives_lat ON initiatives (community_id, lat);
CREATE INDEX initiatives_search ON initiatives USING gin (to_tsvector('simple', search_text));

-- directory_fold folds an organisation's text the way the store folds an
-- initiative's in Go (foldSearch): lower case, Latin letters without their
-- diacritics. Organisations keep their own table, so their words are
-- folded here when searched; a community has few enough of them.
CREATE FUNCTION directory_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(translate(
        replace(replace(replace(replace(replace(t, 'ß', 'ss'), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'), 'œ', 'oe'),
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžĐđŁłØøĦħŦŧı',
        'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzddlloohhtti')) $$;

-- Faster searches for candidates: masks of a volunteer's languages and
-- weekly availability, and one index per category of help.
--
-- lang_mask and avail_mask (see match.LanguageMask and match.WeekMask) let
-- the database drop volunteers who speak none of the request's languages or
-- are never free when it is needed, from the index entry, without reading
-- their rows. A shared bit is necessary for a match, not sufficient;
-- matching still checks every volunteer returned. Profiles stored before
-- this migration get -1, every bit: never dropped by a mask, only not sped
-- up, until their next update writes the real masks.
--
-- The single cell index of 0002 held every volunteer, so a search for
-- someone to do the shopping walked past the cooks, drivers and
-- babysitters of each cell too. A partial index per category holds only the
-- volunteers with that skill: a search reads a quarter of the entries or
-- fewer. Its WHERE is the term NearbyVolunteers writes, with the same
-- number, which is how both databases know the index applies. The number is
-- the category's bit in skill_mask (store.skillMask): a category added to
-- domain.Categories needs its index added by a migration, and a test checks
-- that every category has one.
ALTER TABLE volunteers ADD COLUMN lang_mask INTEGER NOT NULL DEFAULT -1;
ALTER TABLE volunteers ADD COLUMN avail_mask INTEGER NOT NULL DEFAULT -1;

DROP INDEX volunteers_cell;
CREATE INDEX volunteers_cell_groceries ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 1) <> 0;
CREATE INDEX volunteers_cell_pharmacy ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 2) <> 0;
CREATE INDEX volunteers_cell_meals ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 4) <> 0;
CREATE INDEX volunteers_cell_transport ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 8) <> 0;
CREATE INDEX volunteers_cell_companionship ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 16) <> 0;
CREATE INDEX volunteers_cell_childcare ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 32) <> 0;
CREATE INDEX volunteers_cell_petcare ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 64) <> 0;
CREATE INDEX volunteers_cell_household ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 128) <> 0;
CREATE INDEX volunteers_cell_repairs ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 256) <> 0;
CREATE INDEX volunteers_cell_digital_help ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 512) <> 0;
CREATE INDEX volunteers_cell_paperwork ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 1024) <> 0;
CREATE INDEX volunteers_cell_translation ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 2048) <> 0;
CREATE INDEX volunteers_cell_other ON volunteers (community_id, cell, lang_mask, avail_mask, active, max_active, vetted)
    WHERE (skill_mask & 4096) <> 0;

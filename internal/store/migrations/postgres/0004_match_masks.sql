-- Faster searches for candidates. Keep this file equivalent to
-- migrations/sqlite/0004_match_masks.sql, whose comments explain it.
ALTER TABLE volunteers ADD COLUMN lang_mask bigint NOT NULL DEFAULT -1;
ALTER TABLE volunteers ADD COLUMN avail_mask bigint NOT NULL DEFAULT -1;

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

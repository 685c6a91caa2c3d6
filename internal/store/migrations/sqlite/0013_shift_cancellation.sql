-- Organisers may cancel a shift before it begins. A cancelled shift is
-- closed (it takes no sign-ups and logs no hours) with the time it was
-- cancelled; a column rather than a third status because SQLite cannot
-- change the CHECK of an existing table.
ALTER TABLE shifts ADD COLUMN cancelled_at TEXT;

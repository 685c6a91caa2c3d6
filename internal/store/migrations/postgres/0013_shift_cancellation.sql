-- Cancelled shifts. Keep this file equivalent to
-- migrations/sqlite/0013_shift_cancellation.sql, whose comment explains it.
ALTER TABLE shifts ADD COLUMN cancelled_at timestamptz;

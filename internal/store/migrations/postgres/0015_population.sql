-- Population per community. Keep this file equivalent to
-- migrations/sqlite/0015_population.sql, whose comment explains it.
ALTER TABLE communities ADD COLUMN population integer NOT NULL DEFAULT 0 CHECK (population BETWEEN 0 AND 100000000);

-- The number of inhabitants of the area a community serves, set by the
-- operator, so that the comparison of impact across the instance can group
-- communities of similar size and give figures per 1,000 inhabitants.
-- 0 means not known.
ALTER TABLE communities ADD COLUMN population INTEGER NOT NULL DEFAULT 0 CHECK (population BETWEEN 0 AND 100000000);

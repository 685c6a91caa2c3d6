-- The coordinators' queue lists a community's requests of one status by
-- when help is needed, soonest first, optionally only those due before a
-- moment ("overdue"). This index serves that range already in order, so a
-- page of the queue reads a page of rows however many finished requests the
-- community has collected.
CREATE INDEX requests_queue ON requests (community_id, status, needed_by);

-- The daily digest gathers the notifications its readers chose to get in
-- it, community by community: this finds the people who have some waiting.
-- The other schedules need no index of their own: the alert about
-- unassigned requests reads requests_queue (community_id, status,
-- needed_by), and the time of a person's last digest notifications_user.
CREATE INDEX notifications_digest ON notifications (community_id, user_id) WHERE status = 'digest';

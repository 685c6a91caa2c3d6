-- Keep this file equivalent to migrations/sqlite/0012_notify_schedule.sql,
-- whose comments explain it.
CREATE INDEX notifications_digest ON notifications (community_id, user_id) WHERE status = 'digest';

-- The outbox and notification preferences. Keep this file equivalent to
-- migrations/sqlite/0010_notifications.sql, whose comments explain them.
CREATE TABLE notifications (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id  bigint      REFERENCES communities (id),
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    subject_id    bigint      NOT NULL DEFAULT 0,
    data          text        NOT NULL DEFAULT '{}',
    message_id    text        NOT NULL UNIQUE,
    status        text        NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sent', 'dead', 'skipped', 'digest', 'digested')),
    attempts      integer     NOT NULL DEFAULT 0,
    due_at        timestamptz NOT NULL,
    claimed_until timestamptz,
    last_error    text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz
);

CREATE INDEX notifications_due ON notifications (due_at, id) WHERE status = 'pending';
CREATE INDEX notifications_dead ON notifications (community_id, id) WHERE status = 'dead';
CREATE INDEX notifications_user ON notifications (user_id, kind, subject_id);

CREATE TABLE notification_prefs (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    text   NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    mode    text   NOT NULL CHECK (mode IN ('immediate', 'digest', 'off')),
    PRIMARY KEY (user_id, kind)
);

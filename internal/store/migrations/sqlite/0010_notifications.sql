-- The outbox. A notification is written in the same transaction as the
-- change it tells someone about, so a change is never committed without
-- its message, nor a message queued for a change that rolled back. A
-- dispatcher sends it later. Rows are kept after sending: they are the
-- record of what was sent, and the unique message_id lets a retry after a
-- crash go out as the same email.
--
-- community_id is NULL only for messages about the account itself (a login
-- link). subject_id is the row the message is about (an assignment, a
-- shift sign-up), so that a message can be checked against it when it is
-- due. data holds what the text needs (titles, names), as JSON.
--
-- status: pending until sent; sent; dead after the last failed attempt, or
-- at once when the server refused the address for good; skipped when the
-- person turned this kind off or it no longer applies; digest while it
-- waits for the daily digest, digested once a digest carried it.
--
-- due_at is when to try next: now for most, in the future for reminders
-- and for retries after a failure. claimed_until is a dispatcher's lease:
-- a row whose lease ran out (its dispatcher died) is claimed again.
CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER REFERENCES communities (id),
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    subject_id    INTEGER NOT NULL DEFAULT 0,
    data          TEXT    NOT NULL DEFAULT '{}',
    message_id    TEXT    NOT NULL UNIQUE,
    status        TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sent', 'dead', 'skipped', 'digest', 'digested')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    due_at        TEXT    NOT NULL,
    claimed_until TEXT,
    last_error    TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')),
    sent_at       TEXT
);

-- What the dispatcher reads: pending rows in the order they fall due.
CREATE INDEX notifications_due ON notifications (due_at, id) WHERE status = 'pending';
-- The admins' page of failures, newest first.
CREATE INDEX notifications_dead ON notifications (community_id, id) WHERE status = 'dead';
-- A person's messages, for the digest and to cancel reminders.
CREATE INDEX notifications_user ON notifications (user_id, kind, subject_id);

-- How each person wants each kind: immediately (the default, no row),
-- in the daily digest, or not at all.
CREATE TABLE notification_prefs (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    TEXT    NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    mode    TEXT    NOT NULL CHECK (mode IN ('immediate', 'digest', 'off')),
    PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;

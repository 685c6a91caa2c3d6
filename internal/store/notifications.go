package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"mutua/internal/domain"
)

const notificationColumns = "id, community_id, user_id, kind, subject_id, data, message_id, status, attempts, due_at, last_error, created_at, sent_at"

// EnqueueNotification writes n to the outbox, in the context's transaction
// when there is one: that is what makes the message and the change it
// reports commit together. It fills n.ID and n.CreatedAt.
func (s *Store) EnqueueNotification(ctx context.Context, n *domain.Notification) error {
	data, err := json.Marshal(n.Data)
	if err != nil {
		return fmt.Errorf("encode notification data: %w", err)
	}
	if n.Data == nil {
		data = []byte("{}")
	}
	if n.Status == "" {
		n.Status = domain.NotificationPending
	}
	err = s.writer(ctx).queryRow(ctx, `
		INSERT INTO notifications (community_id, user_id, kind, subject_id, data, message_id, status, due_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at`,
		optionalCommunity(n.CommunityID), n.UserID, string(n.Kind), n.SubjectID, string(data), n.MessageID,
		string(n.Status), s.d.timeArg(n.DueAt),
	).Scan(&n.ID, utc{&n.CreatedAt})
	if err != nil {
		return fmt.Errorf("enqueue %s notification for user %d: %w", n.Kind, n.UserID, mapError(err))
	}
	return nil
}

func optionalCommunity(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ClaimNotifications leases up to limit pending notifications that are due
// at now and not leased by another dispatcher, until leaseUntil, counting
// the attempt. A dispatcher that dies mid-send leaves its lease to run out,
// after which the rows are claimed again: a message is sent at least once,
// and a repeat carries the same Message-ID. PostgreSQL skips rows another
// replica is claiming at the same moment (SKIP LOCKED); SQLite has one
// writer, which serialises claims.
func (s *Store) ClaimNotifications(ctx context.Context, now, leaseUntil time.Time, limit int) ([]domain.Notification, error) {
	lock := ""
	if s.d.name == dialectPostgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	rows, err := s.writer(ctx).query(ctx, `
		UPDATE notifications SET claimed_until = ?, attempts = attempts + 1
		WHERE id IN (
			SELECT id FROM notifications
			WHERE status = 'pending' AND due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
			ORDER BY due_at, id LIMIT ?`+lock+`)
		RETURNING `+notificationColumns,
		s.d.timeArg(leaseUntil), s.d.timeArg(now), s.d.timeArg(now), limit)
	if err != nil {
		return nil, fmt.Errorf("claim notifications: %w", mapError(err))
	}
	list, err := scanNotifications(rows)
	if err != nil {
		return nil, fmt.Errorf("claim notifications: %w", err)
	}
	// RETURNING gives rows in no promised order; send the oldest first.
	sort.Slice(list, func(i, j int) bool {
		if !list[i].DueAt.Equal(list[j].DueAt) {
			return list[i].DueAt.Before(list[j].DueAt)
		}
		return list[i].ID < list[j].ID
	})
	return list, nil
}

func scanNotifications(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]domain.Notification, error) {
	defer rows.Close()
	list := []domain.Notification{}
	for rows.Next() {
		var n domain.Notification
		var kind, status string
		err := rows.Scan(&n.ID, zeroID{&n.CommunityID}, &n.UserID, &kind, &n.SubjectID, jsonValue{&n.Data},
			&n.MessageID, &status, &n.Attempts, utc{&n.DueAt}, &n.LastError, utc{&n.CreatedAt}, optionalUTC{&n.SentAt})
		if err != nil {
			return nil, mapError(err)
		}
		n.Kind, n.Status = domain.NotificationKind(kind), domain.NotificationStatus(status)
		list = append(list, n)
	}
	return list, mapError(rows.Err())
}

// wipeSecrets is the SET clause that empties the data of the kinds whose
// data holds a secret: the one-time login and password-reset links carry
// their raw token in the link's path, and the table keeps only hashes of
// tokens everywhere else. The token must sit in the row while the message
// waits, since the email is rendered from it when it is sent; once the row
// leaves 'pending' (sent, dead or skipped) nothing will read it again, so
// it is wiped and a copy of the database holds no working link.
const wipeSecrets = `data = CASE WHEN kind IN ('` + string(domain.NotifyLoginLink) + `', '` +
	string(domain.NotifyPasswordReset) + `') THEN '{}' ELSE data END`

// MarkNotificationSent records that the server accepted the message.
func (s *Store) MarkNotificationSent(ctx context.Context, id int64, at time.Time) error {
	_, err := s.writer(ctx).exec(ctx, `
		UPDATE notifications SET status = 'sent', sent_at = ?, claimed_until = NULL, last_error = '', `+wipeSecrets+`
		WHERE id = ?`, s.d.timeArg(at), id)
	if err != nil {
		return fmt.Errorf("mark notification %d sent: %w", id, mapError(err))
	}
	return nil
}

// RetryNotification puts a failed message back in the queue, due again at due.
func (s *Store) RetryNotification(ctx context.Context, id int64, due time.Time, lastError string) error {
	_, err := s.writer(ctx).exec(ctx, `
		UPDATE notifications SET due_at = ?, claimed_until = NULL, last_error = ?
		WHERE id = ? AND status = 'pending'`, s.d.timeArg(due), clipError(lastError), id)
	if err != nil {
		return fmt.Errorf("retry notification %d: %w", id, mapError(err))
	}
	return nil
}

// EndNotification takes a pending message out of the queue without sending
// it: dead after its last failure, skipped, or waiting for the digest.
func (s *Store) EndNotification(ctx context.Context, id int64, status domain.NotificationStatus, lastError string) error {
	_, err := s.writer(ctx).exec(ctx, `
		UPDATE notifications SET status = ?, claimed_until = NULL, last_error = ?, `+wipeSecrets+`
		WHERE id = ? AND status = 'pending'`, string(status), clipError(lastError), id)
	if err != nil {
		return fmt.Errorf("end notification %d as %s: %w", id, status, mapError(err))
	}
	return nil
}

// clipError keeps error texts from SMTP servers to a readable size.
func clipError(s string) string {
	const max = 1000
	if len(s) > max {
		return s[:max]
	}
	return s
}

// NotificationPref returns how the user wants kind; without a choice of
// theirs it is immediately.
func (s *Store) NotificationPref(ctx context.Context, userID int64, kind domain.NotificationKind) (domain.NotifyMode, error) {
	var mode string
	err := s.reader(ctx).queryRow(ctx, "SELECT mode FROM notification_prefs WHERE user_id = ? AND kind = ?",
		userID, string(kind)).Scan(&mode)
	err = mapError(err)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.NotifyImmediate, nil
	case err != nil:
		return "", fmt.Errorf("notification preference of user %d: %w", userID, err)
	}
	return domain.NotifyMode(mode), nil
}

// NotificationPrefs returns every choice the user made, by kind.
func (s *Store) NotificationPrefs(ctx context.Context, userID int64) (map[domain.NotificationKind]domain.NotifyMode, error) {
	rows, err := s.reader(ctx).query(ctx, "SELECT kind, mode FROM notification_prefs WHERE user_id = ?", userID)
	if err != nil {
		return nil, fmt.Errorf("notification preferences of user %d: %w", userID, mapError(err))
	}
	defer rows.Close()
	prefs := map[domain.NotificationKind]domain.NotifyMode{}
	for rows.Next() {
		var kind, mode string
		if err := rows.Scan(&kind, &mode); err != nil {
			return nil, mapError(err)
		}
		prefs[domain.NotificationKind(kind)] = domain.NotifyMode(mode)
	}
	return prefs, mapError(rows.Err())
}

// PutNotificationPref records how the user wants kind.
func (s *Store) PutNotificationPref(ctx context.Context, userID int64, kind domain.NotificationKind, mode domain.NotifyMode) error {
	_, err := s.writer(ctx).exec(ctx, `
		INSERT INTO notification_prefs (user_id, kind, mode) VALUES (?, ?, ?)
		ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode`, userID, string(kind), string(mode))
	if err != nil {
		return fmt.Errorf("put notification preference of user %d: %w", userID, mapError(err))
	}
	return nil
}

// OutboxStats counts what waits and what failed for good. Reminders that
// are not due yet do not count as waiting.
func (s *Store) OutboxStats(ctx context.Context, now time.Time) (domain.OutboxStats, error) {
	var st domain.OutboxStats
	err := s.reader(ctx).queryRow(ctx, `
		SELECT count(*), min(due_at) FROM notifications WHERE status = 'pending' AND due_at <= ?`,
		s.d.timeArg(now)).Scan(&st.Pending, optionalUTC{&st.OldestPending})
	if err == nil {
		err = s.reader(ctx).queryRow(ctx, "SELECT count(*) FROM notifications WHERE status = 'dead'").Scan(&st.Dead)
	}
	if err != nil {
		return domain.OutboxStats{}, fmt.Errorf("outbox stats: %w", mapError(err))
	}
	return st, nil
}

// Notifications lists a user's messages, newest first, for tests and for
// the person's own history.
func (s *Store) Notifications(ctx context.Context, userID int64, page domain.Page) ([]domain.Notification, error) {
	limit, offset := window(page)
	rows, err := s.reader(ctx).query(ctx, "SELECT "+notificationColumns+
		" FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", userID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("notifications of user %d: %w", userID, mapError(err))
	}
	return scanNotifications(rows)
}

// SkipNotifications takes out of the queue the user's pending messages of
// kind about subjectID, such as the reminders of a shift they cancelled.
// It returns how many it took out.
func (s *Store) SkipNotifications(ctx context.Context, userID int64, kind domain.NotificationKind, subjectID int64) (int, error) {
	res, err := s.writer(ctx).exec(ctx, `
		UPDATE notifications SET status = 'skipped', last_error = 'no longer applies'
		WHERE user_id = ? AND kind = ? AND subject_id = ? AND status = 'pending'`, userID, string(kind), subjectID)
	if err != nil {
		return 0, fmt.Errorf("skip %s notifications of user %d: %w", kind, userID, mapError(err))
	}
	n, err := res.RowsAffected()
	return int(n), err
}

package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

// The outbox as a community's admins see it: what failed for good, the
// queue's figures, and sending a failed message again. Every query filters
// on the community; the dead rows come from the partial index
// notifications_dead (community_id, id).

// DeadNotifications lists the community's messages that could not be
// delivered, newest first, with the name and address of each recipient.
func (s *Store) DeadNotifications(ctx context.Context, communityID int64, page domain.Page) ([]domain.FailedNotification, error) {
	limit, offset := window(page)
	rows, err := s.reader(ctx).query(ctx, `
		SELECT n.id, n.kind, n.user_id, u.name, u.email, n.attempts, n.last_error, n.created_at, n.due_at
		FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE n.community_id = ? AND n.status = 'dead'
		ORDER BY n.id DESC LIMIT ? OFFSET ?`, communityID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("dead notifications of community %d: %w", communityID, mapError(err))
	}
	defer rows.Close()
	list := []domain.FailedNotification{}
	for rows.Next() {
		var f domain.FailedNotification
		var kind string
		if err := rows.Scan(&f.ID, &kind, &f.UserID, &f.RecipientName, &f.RecipientEmail, &f.Attempts, &f.LastError,
			utc{&f.CreatedAt}, utc{&f.DueAt}); err != nil {
			return nil, mapError(err)
		}
		f.Kind = domain.NotificationKind(kind)
		list = append(list, f)
	}
	return list, mapError(rows.Err())
}

// CommunityOutboxStats is OutboxStats for one community: its messages due
// and not yet sent, when the longest-waiting of them fell due, and its
// dead ones.
func (s *Store) CommunityOutboxStats(ctx context.Context, communityID int64, now time.Time) (domain.OutboxStats, error) {
	var st domain.OutboxStats
	err := s.reader(ctx).queryRow(ctx, `
		SELECT count(*), min(due_at) FROM notifications
		WHERE community_id = ? AND status = 'pending' AND due_at <= ?`,
		communityID, s.d.timeArg(now)).Scan(&st.Pending, optionalUTC{&st.OldestPending})
	if err == nil {
		err = s.reader(ctx).queryRow(ctx, `
			SELECT count(*) FROM notifications WHERE community_id = ? AND status = 'dead'`,
			communityID).Scan(&st.Dead)
	}
	if err != nil {
		return domain.OutboxStats{}, fmt.Errorf("outbox stats of community %d: %w", communityID, mapError(err))
	}
	return st, nil
}

// RequeueDeadNotification puts a dead message of the community back in the
// queue as if it were new: pending, no attempts yet, due at due and
// claimed by nobody. It keeps its Message-ID and its last error, which the
// next outcome replaces. A message that is not dead, or not the
// community's, is domain.ErrNotFound.
func (s *Store) RequeueDeadNotification(ctx context.Context, communityID, id int64, due time.Time) error {
	err := notFoundIfNone(s.writer(ctx).exec(ctx, `
		UPDATE notifications SET status = 'pending', attempts = 0, due_at = ?, claimed_until = NULL
		WHERE community_id = ? AND id = ? AND status = 'dead'`, s.d.timeArg(due), communityID, id))
	if err != nil {
		return fmt.Errorf("requeue notification %d: %w", id, err)
	}
	return nil
}

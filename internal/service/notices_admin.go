package service

import (
	"context"
	"errors"
	"time"

	"mutua/internal/domain"
)

// NoticesAdminStore is the outbox as a community's admins see it.
type NoticesAdminStore interface {
	// DeadNotifications lists the community's undeliverable messages,
	// newest first, with their recipients' names and addresses.
	DeadNotifications(ctx context.Context, communityID int64, page domain.Page) ([]domain.FailedNotification, error)
	// CommunityOutboxStats counts the community's messages due and not yet
	// sent, and its dead ones.
	CommunityOutboxStats(ctx context.Context, communityID int64, now time.Time) (domain.OutboxStats, error)
	// RequeueDeadNotification makes a dead message of the community
	// pending again, with no attempts, due at due; domain.ErrNotFound
	// when it is not a dead message of that community.
	RequeueDeadNotification(ctx context.Context, communityID, id int64, due time.Time) error
}

// OutboxFigures is a community's outbox at a glance.
type OutboxFigures struct {
	// Pending counts the messages due and not yet sent.
	Pending int `json:"pending" doc:"messages due and not yet sent"`
	// OldestWait is how long the longest-waiting of them has waited; zero
	// when none waits.
	OldestWait time.Duration `json:"-"`
	// OldestWaitSeconds is OldestWait for API clients.
	OldestWaitSeconds int64 `json:"oldest_wait_seconds" doc:"how long the longest-waiting due message has waited; 0 when none waits"`
	// Dead counts the messages that could not be delivered.
	Dead int `json:"dead" doc:"messages that could not be delivered"`
}

// FailedNotifications is one page of a community's undeliverable messages
// with the outbox's figures.
type FailedNotifications struct {
	Outbox OutboxFigures               `json:"outbox"`
	Failed []domain.FailedNotification `json:"failed" doc:"newest first"`
}

// FailedNotifications shows a community's admins the messages that could
// not be delivered, so that they can correct an address or send one
// again. Admins see the recipients' addresses: they manage the members.
func (s *Service) FailedNotifications(ctx context.Context, slug string, page domain.Page) (FailedNotifications, error) {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return FailedNotifications{}, err
	}
	now := s.now()
	st, err := s.store.CommunityOutboxStats(ctx, a.community.ID, now)
	if err != nil {
		return FailedNotifications{}, err
	}
	list, err := s.store.DeadNotifications(ctx, a.community.ID, clampPage(page))
	if err != nil {
		return FailedNotifications{}, err
	}
	fig := OutboxFigures{Pending: st.Pending, Dead: st.Dead}
	if !st.OldestPending.IsZero() && now.After(st.OldestPending) {
		fig.OldestWait = now.Sub(st.OldestPending)
		fig.OldestWaitSeconds = int64(fig.OldestWait / time.Second)
	}
	return FailedNotifications{Outbox: fig, Failed: list}, nil
}

// SendNotificationAgain puts an undeliverable message of the community
// back in the queue, due now with a fresh count of attempts, and wakes the
// dispatcher. It goes out with its Message-ID unchanged. A message that is
// not (or no longer) among the community's failed ones is not found.
func (s *Service) SendNotificationAgain(ctx context.Context, slug string, id int64) error {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return err
	}
	err = s.store.RequeueDeadNotification(ctx, a.community.ID, id, s.now())
	if errors.Is(err, domain.ErrNotFound) {
		return domain.NotFound("notification")
	}
	if err != nil {
		return err
	}
	s.log.InfoContext(ctx, "notification queued again", "community", slug, "notification_id", id, "by", a.user.ID)
	if s.wake != nil {
		s.wake()
	}
	return nil
}

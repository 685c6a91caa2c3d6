package service

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/notify"
)

// NotificationStore is the outbox as the service writes it: always inside
// the transaction of the change a message reports.
type NotificationStore interface {
	EnqueueNotification(ctx context.Context, n *domain.Notification) error
	SkipNotifications(ctx context.Context, userID int64, kind domain.NotificationKind, subjectID int64) (int, error)
}

// Reminders of a shift go out this long before it starts.
var shiftReminders = []time.Duration{24 * time.Hour, 2 * time.Hour}

// enqueue writes a notification to the outbox in the context's
// transaction, due now unless n says otherwise, and nudges the dispatcher.
// The nudge may come before the commit; the dispatcher then finds the row
// at its next poll.
func (s *Service) enqueue(ctx context.Context, n domain.Notification) error {
	n.MessageID = notify.NewMessageID(s.mailHost)
	if n.DueAt.IsZero() {
		n.DueAt = s.now()
	}
	if err := s.store.EnqueueNotification(ctx, &n); err != nil {
		return err
	}
	if s.wake != nil {
		s.wake()
	}
	return nil
}

// notifyShift tells a person about their place on a shift (kind says
// how they got it) and queues its reminders, each due its own time ahead
// of the start; reminders whose time has passed are left out.
func (s *Service) notifyShift(ctx context.Context, a access, kind domain.NotificationKind, userID int64, sh domain.Shift, o domain.Opportunity) error {
	base := domain.Notification{CommunityID: a.community.ID, UserID: userID, SubjectID: sh.ID, Data: shiftData(a, sh, o)}
	n := base
	n.Kind = kind
	if err := s.enqueue(ctx, n); err != nil {
		return err
	}
	for _, ahead := range shiftReminders {
		due := sh.Start.Add(-ahead)
		if !due.After(s.now()) {
			continue
		}
		r := base
		r.Kind, r.DueAt = domain.NotifyShiftReminder, due
		if err := s.enqueue(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// shiftData is what a message about a shift says: the opportunity's
// title, when the shift starts, and the opportunity's page.
func shiftData(a access, sh domain.Shift, o domain.Opportunity) map[string]string {
	return map[string]string{
		"shift_title": o.Title,
		"starts_at":   sh.Start.UTC().Format(time.RFC3339),
		"path":        "/c/" + url.PathEscape(a.community.Slug) + "/opportunities/" + strconv.FormatInt(o.ID, 10),
	}
}

package service

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/notify"
)

// ScheduleStore holds what the scheduled notifications read: requests
// nobody has taken, the people to alert, and who is due a digest. The
// schedules are the rows themselves (a request's needed_by, the time of a
// person's last digest), so a restart loses nothing and a job that runs
// twice at once writes nothing twice.
type ScheduleStore interface {
	// UnassignedRequests lists the community's open requests without a
	// live assignment whose needed_by lies in (from, to].
	UnassignedRequests(ctx context.Context, communityID int64, from, to time.Time) ([]domain.Request, error)
	// LockUnassignedRequest reports, inside a transaction, whether the
	// request is still open without a live assignment; no other
	// transaction alerts about it until this one ends.
	LockUnassignedRequest(ctx context.Context, communityID, id int64) (bool, error)
	// StaffWithoutNotice lists the community's coordinators and admins
	// who have no notification of kind about subjectID.
	StaffWithoutNotice(ctx context.Context, communityID int64, kind domain.NotificationKind, subjectID int64) ([]int64, error)
	// EnqueueScheduled is EnqueueNotification with n.CreatedAt kept.
	EnqueueScheduled(ctx context.Context, n *domain.Notification) error
	// DigestRecipients lists the community's members who have the digest
	// on, got none of the community's after since, and volunteer there or
	// have notifications waiting for the digest.
	DigestRecipients(ctx context.Context, communityID int64, since time.Time) ([]int64, error)
	// LockDigest reports, inside a transaction, whether the member still
	// got no digest after since; no other transaction writes their digest
	// until this one ends.
	LockDigest(ctx context.Context, communityID, userID int64, since time.Time) (bool, error)
	// TakeDigestNotifications marks the user's notifications waiting for
	// the digest as digested and returns them, oldest first.
	TakeDigestNotifications(ctx context.Context, communityID, userID int64) ([]domain.Notification, error)
}

// unassignedLead is the longest a request's coordinators are warned ahead
// of its needed_by; see alertTime.
const unassignedLead = 24 * time.Hour

// alertTime is when the coordinators hear that nobody has taken r: a day
// before its needed_by, or, for a request made less than two days ahead,
// halfway between its creation and its needed_by. A request for this
// afternoon made this morning thus first has a few hours in the feed
// before the coordinators are called in, and none alerts the moment it is
// made.
func alertTime(r domain.Request) time.Time {
	lead := min(unassignedLead, r.NeededBy.Sub(r.CreatedAt)/2)
	return r.NeededBy.Add(-lead)
}

// AlertUnassigned tells the coordinators and admins of every community
// about each open request that nobody has taken and whose alert time (see
// alertTime) has come, once per request and person, linking to the
// request on the desk. A scheduled job calls it; it returns how many
// alerts it queued.
func (s *Service) AlertUnassigned(ctx context.Context) (int, error) {
	now := s.now()
	total := 0
	err := s.eachCommunity(ctx, func(c domain.Community) error {
		reqs, err := s.store.UnassignedRequests(ctx, c.ID, now, now.Add(unassignedLead))
		if err != nil {
			return err
		}
		var errs []error
		for _, r := range reqs {
			if now.Before(alertTime(r)) {
				continue
			}
			n, err := s.alertUnassigned(ctx, c, r)
			total += n
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
	return total, err
}

// alertUnassigned queues the alerts about r for whoever has none yet, in
// one transaction that holds the request, so that two jobs at once (two
// replicas) do not both write them.
func (s *Service) alertUnassigned(ctx context.Context, c domain.Community, r domain.Request) (int, error) {
	n := 0
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		open, err := s.store.LockUnassignedRequest(ctx, c.ID, r.ID)
		if err != nil || !open {
			return err
		}
		staff, err := s.store.StaffWithoutNotice(ctx, c.ID, domain.NotifyUnassigned, r.ID)
		if err != nil {
			return err
		}
		for _, id := range staff {
			err := s.enqueueScheduled(ctx, domain.Notification{CommunityID: c.ID, UserID: id,
				Kind: domain.NotifyUnassigned, SubjectID: r.ID, Data: map[string]string{
					"request_title": r.Title,
					"needed_by_at":  r.NeededBy.UTC().Format(time.RFC3339),
					"path":          communityPath(c) + "/desk/requests/" + strconv.FormatInt(r.ID, 10),
				}})
			if err != nil {
				return err
			}
		}
		n = len(staff)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// enqueueScheduled writes n to the outbox in the context's transaction,
// created and due now on the service's clock, and nudges the dispatcher
// when there is something to send.
func (s *Service) enqueueScheduled(ctx context.Context, n domain.Notification) error {
	n.MessageID = notify.NewMessageID(s.mailHost)
	n.CreatedAt, n.DueAt = s.now(), s.now()
	if err := s.store.EnqueueScheduled(ctx, &n); err != nil {
		return err
	}
	if s.wake != nil && n.Status == domain.NotificationPending {
		s.wake()
	}
	return nil
}

// eachCommunity calls fn for every community, a page at a time, going on
// after a community whose fn failed and returning every error.
func (s *Service) eachCommunity(ctx context.Context, fn func(domain.Community) error) error {
	const page = 100
	var errs []error
	for offset := 0; ; offset += page {
		list, err := s.store.ListCommunities(ctx, domain.Page{Limit: page, Offset: offset})
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		for _, c := range list {
			if ctx.Err() != nil {
				return errors.Join(append(errs, ctx.Err())...)
			}
			errs = append(errs, fn(c))
		}
		if len(list) < page {
			return errors.Join(errs...)
		}
	}
}

// communityPath is the start of every page of the community.
func communityPath(c domain.Community) string {
	return "/c/" + url.PathEscape(c.Slug)
}

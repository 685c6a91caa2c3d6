package service

import (
	"context"
	"slices"
	"time"

	"mutua/internal/domain"
)

// DueSoon is how close to its needed_by an open or assigned request counts
// as overdue on the desk: a day ahead leaves time to find someone, or to
// call the person back.
const DueSoon = 24 * time.Hour

// QueueAll is the QueueQuery status that lists requests in every status.
const QueueAll = "all"

// Due says how pressing a request in the queue is.
type Due string

// How pressing a request is: its time has passed, it is within DueSoon, or
// neither (also for requests that are finished).
const (
	DuePassed  Due = "passed"
	DueShortly Due = "soon"
	DueLater   Due = ""
)

// QueueQuery filters the coordinators' queue.
type QueueQuery struct {
	// Status is a request status, QueueAll, or "" for open requests: the
	// ones still waiting for a volunteer.
	Status   string
	Category string
	Urgency  string
	// Overdue keeps open and assigned requests whose needed_by has passed
	// or is less than DueSoon away.
	Overdue bool
	Page    domain.Page
}

// QueueItem is one request in the queue with the name of the person it is
// for, a client's or a member's, so the coordinator recognises a caller.
type QueueItem struct {
	RequestView
	Who string
	Due Due
}

// Queue lists requests for the coordinators' desk, the most pressing first:
// open ones by default, ordered by when help is needed.
func (s *Service) Queue(ctx context.Context, slug string, q QueueQuery) ([]QueueItem, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return nil, err
	}
	now := s.now()
	f, ok, err := queueFilter(q, now)
	if err != nil || !ok {
		return []QueueItem{}, err
	}
	reqs, err := s.store.QueueRequests(ctx, a.community.ID, f)
	if err != nil {
		return nil, err
	}
	who, err := s.requestPeople(ctx, a, reqs)
	if err != nil {
		return nil, err
	}
	out := make([]QueueItem, len(reqs))
	for i, r := range reqs {
		out[i] = QueueItem{RequestView: publicView(r, a.user.ID), Who: who(r), Due: dueOf(r, now)}
	}
	return out, nil
}

// activeStatuses are the statuses in which a request can still be late.
var activeStatuses = []domain.RequestStatus{domain.RequestOpen, domain.RequestAssigned}

// queueFilter checks a query and turns it into the store's filter; ok is
// false when the query can match nothing (overdue among finished requests).
func queueFilter(q QueueQuery, now time.Time) (f domain.QueueFilter, ok bool, err error) {
	var p domain.Problems
	statuses := []domain.RequestStatus{domain.RequestOpen}
	switch st := domain.RequestStatus(q.Status); {
	case q.Status == "":
	case q.Status == QueueAll:
		statuses = nil
		// Finished requests pile up; the recent ones matter.
		f.Latest = !q.Overdue
	case slices.Contains(allStatuses, st):
		statuses = []domain.RequestStatus{st}
		f.Latest = !slices.Contains(activeStatuses, st)
	default:
		p.Add("status", "unknown", "choose one of the statuses")
	}
	if q.Category != "" && !domain.IsCategory(q.Category) {
		p.Add("category", "unknown", "choose one of the categories")
	}
	if q.Urgency != "" && !slices.Contains(domain.Urgencies, q.Urgency) {
		p.Add("urgency", "unknown", "urgency is low, normal or high")
	}
	if err := p.Err(); err != nil {
		return f, false, err
	}
	if q.Overdue {
		if statuses == nil {
			statuses = activeStatuses
		}
		statuses = slices.DeleteFunc(slices.Clone(statuses), func(st domain.RequestStatus) bool {
			return !slices.Contains(activeStatuses, st)
		})
		if len(statuses) == 0 {
			return f, false, nil
		}
		f.DueBefore = now.Add(DueSoon)
	}
	f.Statuses, f.Category, f.Urgency, f.Page = statuses, q.Category, q.Urgency, clampPage(q.Page)
	return f, true, nil
}

// allStatuses are the statuses a request can be in.
var allStatuses = []domain.RequestStatus{
	domain.RequestOpen, domain.RequestAssigned, domain.RequestDone, domain.RequestCancelled, domain.RequestExpired,
}

// dueOf says whether an open or assigned request is late or nearly so.
func dueOf(r domain.Request, now time.Time) Due {
	switch {
	case !slices.Contains(activeStatuses, r.Status):
		return DueLater
	case !r.NeededBy.After(now):
		return DuePassed
	case r.NeededBy.Before(now.Add(DueSoon)):
		return DueShortly
	}
	return DueLater
}

// requestPeople looks up, in two queries, the names of the clients and
// members the requests are for, and returns the lookup for one request.
func (s *Service) requestPeople(ctx context.Context, a access, reqs []domain.Request) (func(domain.Request) string, error) {
	var clientIDs, userIDs []int64
	for _, r := range reqs {
		switch {
		case r.ClientID != nil:
			clientIDs = append(clientIDs, *r.ClientID)
		case r.RequesterID != nil:
			userIDs = append(userIDs, *r.RequesterID)
		}
	}
	clients, err := s.store.ClientNames(ctx, a.community.ID, clientIDs)
	if err != nil {
		return nil, err
	}
	users, err := s.store.UserNames(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	return func(r domain.Request) string {
		switch {
		case r.ClientID != nil:
			return clients[*r.ClientID]
		case r.RequesterID != nil:
			return users[*r.RequesterID]
		}
		return ""
	}, nil
}

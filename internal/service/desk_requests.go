package service

import (
	"context"

	"mutua/internal/domain"
)

// Desk opens the coordinators' desk: it returns the community when the
// actor may both coordinate requests and manage clients there, the two
// things a helpdesk does on every call.
func (s *Service) Desk(ctx context.Context, slug string) (domain.Community, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return domain.Community{}, err
	}
	if !a.can(domain.PermManageClients) {
		return domain.Community{}, domain.Forbidden("forbidden", "your role in this community does not allow this")
	}
	return a.community, nil
}

// HistoryEntry is one line of a request's history with the name of the
// person who made the change ("" for the system, such as expiry).
type HistoryEntry struct {
	domain.RequestEvent
	ActorName string
}

// NamedRequestHistory is RequestHistory with the actors' names, as the
// desk shows it: "proposed by Tomaž Zupan".
func (s *Service) NamedRequestHistory(ctx context.Context, slug string, id int64) ([]HistoryEntry, error) {
	events, err := s.RequestHistory(ctx, slug, id)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, e := range events {
		if e.ActorID != nil {
			ids = append(ids, *e.ActorID)
		}
	}
	names, err := s.store.UserNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]HistoryEntry, len(events))
	for i, e := range events {
		out[i] = HistoryEntry{RequestEvent: e}
		if e.ActorID != nil {
			out[i].ActorName = names[*e.ActorID]
		}
	}
	return out, nil
}

// AssignmentView is an assignment with the volunteer's name.
type AssignmentView struct {
	domain.Assignment
	VolunteerName string
}

// RequestAssignments lists every proposal, offer and task of a request,
// oldest first, for the coordinators following it.
func (s *Service) RequestAssignments(ctx context.Context, slug string, requestID int64) ([]AssignmentView, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return nil, err
	}
	if _, err := s.request(ctx, a, requestID); err != nil {
		return nil, err
	}
	list, err := s.store.AssignmentsOfRequest(ctx, a.community.ID, requestID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(list))
	for i, as := range list {
		ids[i] = as.VolunteerID
	}
	names, err := s.store.UserNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]AssignmentView, len(list))
	for i, as := range list {
		out[i] = AssignmentView{Assignment: as, VolunteerName: names[as.VolunteerID]}
	}
	return out, nil
}

// ClientFile is what a coordinator sees of a client: the details, who
// recorded their consent, and their requests, newest first.
type ClientFile struct {
	Client domain.Client
	// ConsentRecordedBy is the name of the coordinator who recorded the
	// consent.
	ConsentRecordedBy string
	Requests          []RequestView
}

// ClientFile returns a client with their consent's recorder and a page of
// their requests.
func (s *Service) ClientFile(ctx context.Context, slug string, id int64, page domain.Page) (ClientFile, error) {
	a, err := s.authorize(ctx, slug, domain.PermManageClients)
	if err != nil {
		return ClientFile{}, err
	}
	if !a.can(domain.PermCoordinate) {
		return ClientFile{}, domain.Forbidden("forbidden", "your role in this community does not allow this")
	}
	c, err := s.client(ctx, a, id)
	if err != nil {
		return ClientFile{}, err
	}
	names, err := s.store.UserNames(ctx, []int64{c.Consent.RecordedBy})
	if err != nil {
		return ClientFile{}, err
	}
	reqs, err := s.store.FindRequests(ctx, a.community.ID, domain.RequestFilter{ClientID: c.ID, Page: clampPage(page)})
	if err != nil {
		return ClientFile{}, err
	}
	out := ClientFile{Client: c, ConsentRecordedBy: names[c.Consent.RecordedBy], Requests: make([]RequestView, len(reqs))}
	for i, r := range reqs {
		out.Requests[i] = publicView(r, a.user.ID)
	}
	return out, nil
}

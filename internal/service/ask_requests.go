package service

import (
	"context"

	"mutua/internal/domain"
)

// MyRequest is one of the acting member's own requests with what they need
// to follow it: who is helping and everything that happened so far.
type MyRequest struct {
	RequestView
	// Helper is the volunteer who took the request, nil while nobody has.
	Helper *Helper `json:"helper,omitempty"`
	// History lists every change, oldest first.
	History []domain.RequestEvent `json:"history"`
}

// Helper is the volunteer on a request, as the person helped sees them: a
// name and the assignment whose message thread they share.
type Helper struct {
	AssignmentID int64                   `json:"assignment_id"`
	Name         string                  `json:"name"`
	Status       domain.AssignmentStatus `json:"status"`
}

// MyRequests lists the requests the acting member made for themself,
// newest first, each with its helper and history.
func (s *Service) MyRequests(ctx context.Context, slug string, page domain.Page) ([]MyRequest, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	reqs, err := s.store.FindRequests(ctx, a.community.ID, domain.RequestFilter{RequesterID: a.user.ID, Page: clampPage(page)})
	if err != nil {
		return nil, err
	}
	return s.describeMine(ctx, a, reqs)
}

// MyRequest returns one of the acting member's own requests with its helper
// and history. Anyone else's request is not found here, so the answer does
// not tell whether it exists.
func (s *Service) MyRequest(ctx context.Context, slug string, id int64) (MyRequest, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return MyRequest{}, err
	}
	r, err := s.request(ctx, a, id)
	if err != nil {
		return MyRequest{}, err
	}
	if r.RequesterID == nil || *r.RequesterID != a.user.ID {
		return MyRequest{}, domain.NotFound("request")
	}
	list, err := s.describeMine(ctx, a, []domain.Request{r})
	if err != nil {
		return MyRequest{}, err
	}
	return list[0], nil
}

// describeMine adds helpers and histories to the actor's own requests with
// three reads however many requests there are.
func (s *Service) describeMine(ctx context.Context, a access, reqs []domain.Request) ([]MyRequest, error) {
	ids := make([]int64, len(reqs))
	for i, r := range reqs {
		ids[i] = r.ID
	}
	assignments, err := s.store.AssignmentsOfRequests(ctx, a.community.ID, ids)
	if err != nil {
		return nil, err
	}
	events, err := s.store.HistoryOfRequests(ctx, a.community.ID, ids)
	if err != nil {
		return nil, err
	}
	helpers, err := s.helpers(ctx, assignments)
	if err != nil {
		return nil, err
	}
	history := map[int64][]domain.RequestEvent{}
	for _, e := range events {
		history[e.RequestID] = append(history[e.RequestID], e)
	}
	out := make([]MyRequest, len(reqs))
	for i, r := range reqs {
		// The requester sees their own address; no contact details are
		// added, because they are the contact.
		v := publicView(r, a.user.ID)
		loc := r.Location
		v.Location, v.Address, v.RequesterID = &loc, r.Address, r.RequesterID
		out[i] = MyRequest{RequestView: v, Helper: helpers[r.ID], History: history[r.ID]}
		if out[i].History == nil {
			out[i].History = []domain.RequestEvent{}
		}
	}
	return out, nil
}

// helpers picks, per request, the volunteer who took it: the latest
// accepted or completed assignment. Proposals and offers still wait for an
// answer, and declined or withdrawn ones are over, so neither counts.
func (s *Service) helpers(ctx context.Context, assignments []domain.Assignment) (map[int64]*Helper, error) {
	taken := map[int64]domain.Assignment{}
	var volunteers []int64
	for _, as := range assignments {
		if as.Status == domain.AssignAccepted || as.Status == domain.AssignCompleted {
			// Oldest first: a later assignment replaces an earlier one.
			taken[as.RequestID] = as
			volunteers = append(volunteers, as.VolunteerID)
		}
	}
	out := make(map[int64]*Helper, len(taken))
	if len(taken) == 0 {
		return out, nil
	}
	names, err := s.store.UserNames(ctx, volunteers)
	if err != nil {
		return nil, err
	}
	for requestID, as := range taken {
		out[requestID] = &Helper{AssignmentID: as.ID, Name: names[as.VolunteerID], Status: as.Status}
	}
	return out, nil
}

package service

import (
	"context"
	"errors"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// CreateRequest records a request for help: a member's own, or one a
// coordinator enters for a client on the phone.
func (s *Service) CreateRequest(ctx context.Context, slug string, r domain.Request) (RequestView, error) {
	a, err := s.authorize(ctx, slug, domain.PermAskHelp)
	if err != nil {
		return RequestView{}, err
	}
	r.Normalize()
	if err := s.checkNewRequest(ctx, a, &r); err != nil {
		return RequestView{}, err
	}
	r.CommunityID, r.CreatedBy, r.Status = a.community.ID, a.user.ID, domain.RequestOpen
	r.Approx = geo.Approximate(r.Location)
	r.ExpiresAt = expiry(r, a.community.Location())
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		// The index holds the approximate place: every search by place is
		// then answered from public data and cannot be used to narrow down
		// where someone lives.
		if err := s.store.CreateRequest(ctx, &r, geo.CellID(r.Approx)); err != nil {
			return err
		}
		return s.event(ctx, a, r, "created", domain.RequestOpen, "")
	})
	if err != nil {
		return RequestView{}, err
	}
	s.log.InfoContext(ctx, "request created", "community", slug, "request_id", r.ID, "category", r.Category, "by", a.user.ID)
	return s.privateView(ctx, a, r)
}

// checkNewRequest applies the rules that need the community and the clock,
// reporting every invalid field at once.
func (s *Service) checkNewRequest(ctx context.Context, a access, r *domain.Request) error {
	var p domain.Problems
	if err := r.Validate(); err != nil {
		var de *domain.Error
		if !errors.As(err, &de) {
			return err
		}
		p = de.Fields
	}
	if domain.IsCategory(r.Category) && !a.community.HasCategory(r.Category) {
		p.Add("category", "not_offered", "this community does not offer help of this kind")
	}
	if r.Location.Valid() && !geo.Contains(a.community.Center, a.community.RadiusKM, r.Location) {
		p.Add("location", "outside_area", "this place is outside the community's area")
	}
	if !r.NeededBy.IsZero() && !r.NeededBy.After(s.now()) {
		p.Add("needed_by", "in_past", "needed_by must be in the future")
	}
	if r.ClientID != nil {
		if !a.can(domain.PermCoordinate) {
			return domain.Forbidden("coordinators_only", "only coordinators make requests for clients")
		}
		c, err := s.store.ClientByID(ctx, a.community.ID, *r.ClientID)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			p.Add("client_id", "unknown", "there is no such client in this community")
		case err != nil:
			return err
		case len(r.Languages) == 0:
			r.Languages = c.Languages
		}
	} else {
		uid := a.user.ID
		r.RequesterID = &uid
	}
	return p.Err()
}

// Request returns one request as the actor may see it.
func (s *Service) Request(ctx context.Context, slug string, id int64) (RequestView, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return RequestView{}, err
	}
	r, err := s.request(ctx, a, id)
	if err != nil {
		return RequestView{}, err
	}
	private, err := s.seesPrivate(ctx, a, r)
	if err != nil {
		return RequestView{}, err
	}
	if private {
		return s.privateView(ctx, a, r)
	}
	if r.Status != domain.RequestOpen && !s.involved(ctx, a, r) {
		// Finished requests of others are nobody else's business.
		return RequestView{}, domain.NotFound("request")
	}
	return publicView(r, a.user.ID), nil
}

// involved reports whether the actor has ever been assigned to or offered
// help with the request.
func (s *Service) involved(ctx context.Context, a access, r domain.Request) bool {
	list, err := s.store.AssignmentsOfRequest(ctx, a.community.ID, r.ID)
	if err != nil {
		return false
	}
	for _, as := range list {
		if as.VolunteerID == a.user.ID {
			return true
		}
	}
	return false
}

func (s *Service) request(ctx context.Context, a access, id int64) (domain.Request, error) {
	r, err := s.store.RequestByID(ctx, a.community.ID, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Request{}, domain.NotFound("request")
	}
	return r, err
}

// event appends a line to the request's history.
func (s *Service) event(ctx context.Context, a access, r domain.Request, kind string, status domain.RequestStatus, note string) error {
	e := domain.RequestEvent{CommunityID: r.CommunityID, RequestID: r.ID, Kind: kind, Status: string(status), Note: note, At: s.now().UTC()}
	if a.user.ID != 0 {
		id := a.user.ID
		e.ActorID = &id
	}
	return s.store.AddRequestEvent(ctx, &e)
}

// RequestHistory lists every change to a request, for its requester and
// the coordinators.
func (s *Service) RequestHistory(ctx context.Context, slug string, id int64) ([]domain.RequestEvent, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	r, err := s.request(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !a.can(domain.PermCoordinate) && (r.RequesterID == nil || *r.RequesterID != a.user.ID) {
		return nil, domain.Forbidden("forbidden", "only the person who asked and the coordinators see the history")
	}
	return s.store.RequestHistory(ctx, a.community.ID, id)
}

// CancelRequest withdraws a request: the requester or a coordinator may,
// while it is open or assigned. Live assignments end with it.
func (s *Service) CancelRequest(ctx context.Context, slug string, id int64) (RequestView, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return RequestView{}, err
	}
	var r domain.Request
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if r, err = s.request(ctx, a, id); err != nil {
			return err
		}
		if !a.can(domain.PermCoordinate) && (r.RequesterID == nil || *r.RequesterID != a.user.ID) {
			return domain.Forbidden("forbidden", "only the person who asked and the coordinators may cancel")
		}
		if r.Status != domain.RequestOpen && r.Status != domain.RequestAssigned {
			return statusConflict("only an open or assigned request can be cancelled")
		}
		if err := s.store.TransitionRequest(ctx, a.community.ID, id, r.Status, domain.RequestCancelled); err != nil {
			return err
		}
		if err := s.endLiveAssignments(ctx, a, r.ID); err != nil {
			return err
		}
		if err := s.releaseOfferLinks(ctx, a.community.ID, r.ID); err != nil {
			return err
		}
		r.Status = domain.RequestCancelled
		return s.event(ctx, a, r, "cancelled", domain.RequestCancelled, "")
	})
	if err != nil {
		return RequestView{}, err
	}
	return s.privateView(ctx, a, r)
}

// endLiveAssignments withdraws every proposal, offer and accepted
// assignment of a request that ends, freeing the volunteers' capacity.
func (s *Service) endLiveAssignments(ctx context.Context, a access, requestID int64) error {
	list, err := s.store.AssignmentsOfRequest(ctx, a.community.ID, requestID)
	if err != nil {
		return err
	}
	for _, as := range list {
		if as.Status != domain.AssignProposed && as.Status != domain.AssignOffered && as.Status != domain.AssignAccepted {
			continue
		}
		if err := s.store.TransitionAssignment(ctx, a.community.ID, as.ID, as.Status, domain.AssignWithdrawn, 0, s.now()); err != nil {
			return err
		}
		if as.Status.Live() {
			if err := s.store.AdjustActive(ctx, a.community.ID, as.VolunteerID, -1); err != nil {
				return err
			}
		}
	}
	return nil
}

// statusConflict is the error for an action the request's or assignment's
// current status does not allow; it names the status field.
func statusConflict(msg string) error {
	return &domain.Error{Kind: domain.KindConflict, Code: "wrong_status", Message: msg,
		Fields: []domain.FieldError{{Field: "status", Code: "wrong_status", Message: msg}}}
}

// expiry is when an open request lapses: at needed_by, or for a weekly
// request at the end of its last day in the community's time zone.
func expiry(r domain.Request, loc *time.Location) time.Time {
	if r.Recurrence.Kind != domain.RecurWeekly {
		return r.NeededBy
	}
	until, err := time.ParseInLocation(time.DateOnly, r.Recurrence.Until, loc)
	if err != nil {
		return r.NeededBy
	}
	end := until.AddDate(0, 0, 1).UTC()
	if end.Before(r.NeededBy) {
		return r.NeededBy
	}
	return end
}

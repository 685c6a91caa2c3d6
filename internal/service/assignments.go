package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
)

// Propose asks a volunteer to take an open request (a coordinator's
// choice, often from the ranked candidates). The request is held for them
// until they accept or decline.
func (s *Service) Propose(ctx context.Context, slug string, requestID, volunteerID int64) (domain.Assignment, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return domain.Assignment{}, err
	}
	var as domain.Assignment
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		r, v, err := s.requestAndVolunteer(ctx, a, requestID, volunteerID, "volunteer_id")
		if err != nil {
			return err
		}
		if err := s.takeRequest(ctx, a, r); err != nil {
			return err
		}
		as = domain.Assignment{CommunityID: a.community.ID, RequestID: r.ID, VolunteerID: v.UserID,
			Status: domain.AssignProposed, ProposedBy: a.user.ID}
		return s.startAssignment(ctx, a, r, &as, "proposed")
	})
	return as, err
}

// Offer is a volunteer offering to take a request. Depending on the
// community's setting it assigns them at once or waits for a coordinator.
func (s *Service) Offer(ctx context.Context, slug string, requestID int64) (domain.Assignment, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return domain.Assignment{}, err
	}
	var as domain.Assignment
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		r, v, err := s.requestAndVolunteer(ctx, a, requestID, a.user.ID, "request")
		if err != nil {
			return err
		}
		if r.RequesterID != nil && *r.RequesterID == v.UserID {
			return domain.Forbidden("own_request", "you cannot take your own request")
		}
		as = domain.Assignment{CommunityID: a.community.ID, RequestID: r.ID, VolunteerID: v.UserID, ProposedBy: a.user.ID}
		if a.community.OfferMode == domain.OfferDirect {
			if err := s.takeRequest(ctx, a, r); err != nil {
				return err
			}
			as.Status = domain.AssignAccepted
			return s.startAssignment(ctx, a, r, &as, "accepted")
		}
		if r.Status != domain.RequestOpen {
			return statusConflict("someone else has taken this request")
		}
		as.Status = domain.AssignOffered
		return s.startAssignment(ctx, a, r, &as, "offered")
	})
	return as, err
}

// requestAndVolunteer loads a request that is open and a volunteer who may
// take it: a profile in this community, room for another task, and vetted
// where the community requires it.
func (s *Service) requestAndVolunteer(ctx context.Context, a access, requestID, userID int64, field string) (domain.Request, domain.Volunteer, error) {
	r, err := s.request(ctx, a, requestID)
	if err != nil {
		return r, domain.Volunteer{}, err
	}
	if r.Status != domain.RequestOpen {
		return r, domain.Volunteer{}, statusConflict("this request is not open any more")
	}
	v, err := s.store.Volunteer(ctx, a.community.ID, userID)
	if errors.Is(err, domain.ErrNotFound) {
		return r, v, fieldError(domain.KindInvalid, field, "no_profile", "this person has no volunteer profile in the community")
	}
	if err != nil {
		return r, v, err
	}
	if v.Active >= v.MaxActive {
		return r, v, fieldError(domain.KindConflict, field, "at_capacity", "this volunteer already has as many tasks as they accept")
	}
	if a.community.RequiresVetting(r.Category) && !v.Vetted {
		return r, v, fieldError(domain.KindForbidden, field, "not_vetted", "this kind of help needs a vetted volunteer")
	}
	return r, v, nil
}

// takeRequest moves an open request to assigned; of several people trying
// at once exactly one succeeds, the others get a conflict.
func (s *Service) takeRequest(ctx context.Context, a access, r domain.Request) error {
	err := s.store.TransitionRequest(ctx, a.community.ID, r.ID, domain.RequestOpen, domain.RequestAssigned)
	if errors.Is(err, domain.ErrStateChanged) {
		return statusConflict("someone else has taken this request")
	}
	return err
}

// startAssignment stores a new assignment, counts it against the
// volunteer's capacity when live, and writes the history line.
func (s *Service) startAssignment(ctx context.Context, a access, r domain.Request, as *domain.Assignment, kind string) error {
	err := s.store.CreateAssignment(ctx, as)
	if errors.Is(err, domain.ErrDuplicate) {
		return statusConflict("this volunteer already has an open offer or task for this request")
	}
	if err != nil {
		return err
	}
	if as.Status.Live() {
		if err := s.store.AdjustActive(ctx, a.community.ID, as.VolunteerID, 1); err != nil {
			return err
		}
	}
	status := domain.RequestOpen
	if kind != "offered" {
		status = domain.RequestAssigned
	}
	if err := s.event(ctx, a, r, kind, status, ""); err != nil {
		return err
	}
	return s.notifyRequestChange(ctx, a, r, as, kind)
}

func fieldError(kind domain.Kind, field, code, msg string) error {
	return &domain.Error{Kind: kind, Code: code, Message: msg,
		Fields: []domain.FieldError{{Field: field, Code: code, Message: msg}}}
}

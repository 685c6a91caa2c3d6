package service

import (
	"context"
	"errors"
	"time"

	"mutua/internal/domain"
)

// Limits of the coordinator overview.
const (
	overviewDefaultSpan = 28 * 24 * time.Hour
	overviewMaxSpan     = 366 * 24 * time.Hour
)

// ShiftClosing is what closing a shift did: the closed shift and the
// contribution rows it logged, with their hours in total.
type ShiftClosing struct {
	Shift         domain.Shift `json:"shift"`
	Contributions int          `json:"contributions"`
	Hours         float64      `json:"hours"`
}

// CheckIn marks that a confirmed person came to the shift (coordinators of
// the organisation or the community).
func (s *Service) CheckIn(ctx context.Context, slug string, shiftID, userID int64) (domain.Signup, error) {
	return s.markAttendance(ctx, slug, shiftID, userID, domain.SignupCheckedIn)
}

// MarkNoShow marks that a confirmed person did not come.
func (s *Service) MarkNoShow(ctx context.Context, slug string, shiftID, userID int64) (domain.Signup, error) {
	return s.markAttendance(ctx, slug, shiftID, userID, domain.SignupNoShow)
}

// markAttendance moves a person's place on an open shift to checked in or
// no-show; either may be corrected into the other until the shift closes.
func (s *Service) markAttendance(ctx context.Context, slug string, shiftID, userID int64, to domain.SignupStatus) (domain.Signup, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return domain.Signup{}, err
	}
	var sg domain.Signup
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		sh, err := s.coordinatedShift(ctx, a, shiftID)
		if err != nil {
			return err
		}
		if sh.Status == domain.ShiftClosed {
			return fieldError(domain.KindConflict, "shift_id", "closed", "this shift is closed")
		}
		sg, err = s.store.LiveSignup(ctx, a.community.ID, sh.ID, userID)
		if errors.Is(err, domain.ErrNotFound) {
			return fieldError(domain.KindInvalid, "user_id", "not_signed_up", "this person is not signed up for the shift")
		}
		if err != nil {
			return err
		}
		if !sg.Status.HoldsPlace() {
			return fieldError(domain.KindInvalid, "user_id", "waitlisted", "this person is on the waiting list, not confirmed")
		}
		if sg.Status == to {
			return nil
		}
		if err := s.store.SetSignupStatus(ctx, a.community.ID, sg.ID, sg.Status, to); err != nil {
			return err
		}
		sg.Status = to
		return nil
	})
	return sg, err
}

// CloseShift ends a shift that has begun: confirmed people never checked
// in become no-shows, and each checked-in sign-up is logged as one
// contribution of the shift's hours times its team's size, given by the
// person who signed up (team members have no accounts of their own).
func (s *Service) CloseShift(ctx context.Context, slug string, shiftID int64) (ShiftClosing, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return ShiftClosing{}, err
	}
	var out ShiftClosing
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		sh, o, err := s.lockShift(ctx, a, shiftID)
		if err != nil {
			return err
		}
		if err := s.coordinatesOrganisation(ctx, a, o.OrganisationID); err != nil {
			return err
		}
		if sh.Start.After(s.now()) {
			return fieldError(domain.KindConflict, "shift_id", "not_started", "a shift can be closed once it has begun")
		}
		if err := s.store.CloseShift(ctx, a.community.ID, sh.ID); err != nil {
			if errors.Is(err, domain.ErrStateChanged) {
				return fieldError(domain.KindConflict, "shift_id", "closed", "this shift is closed already")
			}
			return err
		}
		if _, err := s.store.MarkNoShows(ctx, a.community.ID, sh.ID); err != nil {
			return err
		}
		n, err := s.store.LogShiftHours(ctx, a.community.ID, sh.ID, sh.Hours(), o.Category, s.now().UTC())
		if err != nil {
			return err
		}
		logged, err := s.store.ShiftContributions(ctx, a.community.ID, sh.ID)
		if err != nil {
			return err
		}
		out.Contributions = n
		for _, h := range logged {
			out.Hours += h
		}
		out.Shift, err = s.store.ShiftByID(ctx, a.community.ID, sh.ID)
		return err
	})
	if err != nil {
		return ShiftClosing{}, err
	}
	s.log.InfoContext(ctx, "shift closed", "community", slug, "shift_id", shiftID, "contributions", out.Contributions)
	return out, nil
}

// ShiftSignups lists a shift's sign-ups in order, the waiting list
// included, for those who run it.
func (s *Service) ShiftSignups(ctx context.Context, slug string, shiftID int64) ([]domain.Signup, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	if err := s.readCoordinatedShift(ctx, a, shiftID); err != nil {
		return nil, err
	}
	return s.store.SignupsOfShift(ctx, a.community.ID, shiftID)
}

// ShiftEvents lists what happened to a shift's sign-ups that people must
// hear about, oldest first, for those who run it.
func (s *Service) ShiftEvents(ctx context.Context, slug string, shiftID int64) ([]domain.ShiftEvent, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	if err := s.readCoordinatedShift(ctx, a, shiftID); err != nil {
		return nil, err
	}
	return s.store.ShiftEvents(ctx, a.community.ID, shiftID)
}

// OrganisationShifts is the coordinator overview: the organisation's open
// shifts starting in [from, to) with fill, waiting list and free places.
// A zero from is now; a zero to is four weeks after from.
func (s *Service) OrganisationShifts(ctx context.Context, slug string, orgID int64, from, to time.Time) ([]domain.Shift, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	if _, err := s.organisation(ctx, a, orgID); err != nil {
		return nil, err
	}
	if err := s.coordinatesOrganisation(ctx, a, orgID); err != nil {
		return nil, err
	}
	if from.IsZero() {
		from = s.now()
	}
	if to.IsZero() {
		to = from.Add(overviewDefaultSpan)
	}
	switch {
	case !to.After(from):
		return nil, fieldError(domain.KindInvalid, "to", "before_start", "to must be after from")
	case to.Sub(from) > overviewMaxSpan:
		return nil, fieldError(domain.KindInvalid, "to", "too_long", "the overview spans at most a year")
	}
	return s.store.OrganisationShifts(ctx, a.community.ID, orgID, from, to)
}

// coordinatedShift loads a shift of the community that the actor runs.
func (s *Service) coordinatedShift(ctx context.Context, a access, shiftID int64) (domain.Shift, error) {
	sh, o, err := s.lockShift(ctx, a, shiftID)
	if err != nil {
		return sh, err
	}
	return sh, s.coordinatesOrganisation(ctx, a, o.OrganisationID)
}

// readCoordinatedShift checks, without locking, that the shift is the
// community's and that the actor runs it.
func (s *Service) readCoordinatedShift(ctx context.Context, a access, shiftID int64) error {
	sh, err := s.store.ShiftByID(ctx, a.community.ID, shiftID)
	if err != nil {
		return shiftsNotFound(err, "shift")
	}
	o, err := s.store.OpportunityByID(ctx, a.community.ID, sh.OpportunityID)
	if err != nil {
		return err
	}
	return s.coordinatesOrganisation(ctx, a, o.OrganisationID)
}

package service

import (
	"context"
	"errors"
	"fmt"

	"mutua/internal/domain"
)

// SignUp puts the actor (alone, or with a team under their contact) on a
// shift. The team is confirmed when it fits in the free places, otherwise
// it joins the waiting list as a whole; a team larger than the shift is
// refused. The shift is locked while places are counted, so concurrent
// sign-ups never exceed its capacity.
func (s *Service) SignUp(ctx context.Context, slug string, shiftID int64, sg domain.Signup) (domain.Signup, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return domain.Signup{}, err
	}
	sg.Normalize()
	if err := sg.Validate(); err != nil {
		return domain.Signup{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		sh, o, err := s.lockShift(ctx, a, shiftID)
		if err != nil {
			return err
		}
		if err := s.checkSignup(ctx, a, sh, o, sg); err != nil {
			return err
		}
		sg.CommunityID, sg.ShiftID, sg.UserID = a.community.ID, sh.ID, a.user.ID
		sg.Status = domain.SignupWaitlisted
		if sg.TeamSize <= sh.Free {
			sg.Status = domain.SignupConfirmed
		}
		err = s.store.CreateSignup(ctx, &sg)
		if errors.Is(err, domain.ErrDuplicate) {
			return alreadySignedUp()
		}
		if err != nil || sg.Status != domain.SignupConfirmed {
			return err
		}
		return s.notifyShift(ctx, a, domain.NotifyShiftConfirmed, a.user.ID, sh, o)
	})
	if err != nil {
		return domain.Signup{}, err
	}
	s.log.InfoContext(ctx, "shift sign-up", "community", slug, "shift_id", shiftID, "user", a.user.ID, "status", sg.Status)
	return sg, nil
}

func (s *Service) checkSignup(ctx context.Context, a access, sh domain.Shift, o domain.Opportunity, sg domain.Signup) error {
	if err := s.checkOpenShift(sh); err != nil {
		return err
	}
	if sg.TeamSize > sh.Capacity {
		return fieldError(domain.KindInvalid, "team_size", "larger_than_shift", "the team is larger than the shift's capacity")
	}
	if o.MinAge > 0 && !sg.AgeConfirmed {
		return fieldError(domain.KindInvalid, "age_confirmed", "required",
			fmt.Sprintf("this opportunity is for people aged %d or over: confirm that everyone you sign up is", o.MinAge))
	}
	if o.VettingRequired {
		v, err := s.store.Volunteer(ctx, a.community.ID, a.user.ID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		if !v.Vetted {
			return domain.Forbidden("not_vetted", "this opportunity is for vetted volunteers only")
		}
	}
	_, err := s.store.LiveSignup(ctx, a.community.ID, sh.ID, a.user.ID)
	switch {
	case err == nil:
		return alreadySignedUp()
	case !errors.Is(err, domain.ErrNotFound):
		return err
	}
	return nil
}

func alreadySignedUp() error {
	return fieldError(domain.KindConflict, "shift_id", "already_signed_up", "you are signed up for this shift already")
}

// checkOpenShift refuses changes to a closed shift or one that has begun.
func (s *Service) checkOpenShift(sh domain.Shift) error {
	if sh.Status == domain.ShiftClosed {
		return fieldError(domain.KindConflict, "shift_id", "closed", "this shift is closed")
	}
	if !sh.Start.After(s.now()) {
		return fieldError(domain.KindConflict, "shift_id", "started", "this shift has already begun")
	}
	return nil
}

// CancelSignup takes the actor off a shift or its waiting list. A freed
// place goes to the first people waiting whose team fits.
func (s *Service) CancelSignup(ctx context.Context, slug string, shiftID int64) error {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		sh, _, err := s.lockShift(ctx, a, shiftID)
		if err != nil {
			return err
		}
		if err := s.checkOpenShift(sh); err != nil {
			return err
		}
		sg, err := s.store.LiveSignup(ctx, a.community.ID, sh.ID, a.user.ID)
		if err != nil {
			return shiftsNotFound(err, "signup")
		}
		if sg.Status != domain.SignupConfirmed && sg.Status != domain.SignupWaitlisted {
			return statusConflict("only a confirmed or waiting sign-up can be cancelled")
		}
		if err := s.store.SetSignupStatus(ctx, a.community.ID, sg.ID, sg.Status, domain.SignupCancelled); err != nil {
			return err
		}
		if _, err := s.store.SkipNotifications(ctx, a.user.ID, domain.NotifyShiftReminder, sh.ID); err != nil {
			return err
		}
		if sg.Status != domain.SignupConfirmed {
			return nil
		}
		return s.promote(ctx, a, sh.ID)
	})
}

// promote fills free places from the waiting list in order: each waiting
// sign-up whose team fits what is still free is confirmed, a "promoted"
// event records it, and the outbox tells its person. It runs inside the
// transaction holding the shift's lock.
func (s *Service) promote(ctx context.Context, a access, shiftID int64) error {
	sh, err := s.store.LockShift(ctx, a.community.ID, shiftID)
	if err != nil {
		return err
	}
	o, err := s.store.OpportunityByID(ctx, a.community.ID, sh.OpportunityID)
	if err != nil {
		return err
	}
	list, err := s.store.SignupsOfShift(ctx, a.community.ID, shiftID)
	if err != nil {
		return err
	}
	free := sh.Free
	for _, w := range list {
		if free == 0 {
			break
		}
		if w.Status != domain.SignupWaitlisted || w.TeamSize > free {
			continue
		}
		if err := s.store.SetSignupStatus(ctx, a.community.ID, w.ID, domain.SignupWaitlisted, domain.SignupConfirmed); err != nil {
			return err
		}
		free -= w.TeamSize
		e := domain.ShiftEvent{ShiftID: shiftID, UserID: w.UserID, Kind: domain.EventPromoted}
		if err := s.store.AddShiftEvent(ctx, a.community.ID, &e); err != nil {
			return err
		}
		if err := s.notifyShift(ctx, a, domain.NotifyShiftPromoted, w.UserID, sh, o); err != nil {
			return err
		}
		s.log.InfoContext(ctx, "promoted from waiting list", "community", a.community.Slug, "shift_id", shiftID, "user", w.UserID)
	}
	return nil
}

// lockShift locks the community's shift and loads its opportunity.
func (s *Service) lockShift(ctx context.Context, a access, shiftID int64) (domain.Shift, domain.Opportunity, error) {
	sh, err := s.store.LockShift(ctx, a.community.ID, shiftID)
	if err != nil {
		return sh, domain.Opportunity{}, shiftsNotFound(err, "shift")
	}
	o, err := s.store.OpportunityByID(ctx, a.community.ID, sh.OpportunityID)
	return sh, o, err
}

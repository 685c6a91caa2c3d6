package service

import (
	"context"
	"time"

	"mutua/internal/domain"
)

// ShiftPagesStore is what the pages of shifts read beyond the shift store:
// one person's sign-ups with the waiting list.
type ShiftPagesStore interface {
	// UserSignups lists the user's sign-ups that are not cancelled whose
	// shift ends after since, soonest shift first; opportunityID, when not
	// 0, keeps that opportunity's.
	UserSignups(ctx context.Context, communityID, userID, opportunityID int64, since time.Time) ([]domain.Signup, error)
}

// MySignup is one of the actor's sign-ups with its shift (and how full it
// is) and its opportunity (without its shifts).
type MySignup struct {
	Signup      domain.Signup
	Shift       domain.Shift
	Opportunity domain.Opportunity
	// Position is the place on the waiting list, 1 for the next in line;
	// 0 when the sign-up is not waiting.
	Position int
}

// MySignupQuery selects the actor's sign-ups: those whose shift ends after
// Since, of one opportunity when OpportunityID is not 0.
type MySignupQuery struct {
	OpportunityID int64
	Since         time.Time
}

// MySignups lists the actor's own sign-ups in the community, confirmed,
// waiting, checked in or marked absent, soonest shift first, each with its
// place on the waiting list.
func (s *Service) MySignups(ctx context.Context, slug string, q MySignupQuery) ([]MySignup, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return nil, err
	}
	list, err := s.store.UserSignups(ctx, a.community.ID, a.user.ID, q.OpportunityID, q.Since)
	if err != nil {
		return nil, err
	}
	opportunities := map[int64]domain.Opportunity{}
	out := make([]MySignup, 0, len(list))
	for _, sg := range list {
		sh, err := s.store.ShiftByID(ctx, a.community.ID, sg.ShiftID)
		if err != nil {
			return nil, err
		}
		o, seen := opportunities[sh.OpportunityID]
		if !seen {
			if o, err = s.store.OpportunityByID(ctx, a.community.ID, sh.OpportunityID); err != nil {
				return nil, err
			}
			opportunities[o.ID] = o
		}
		m := MySignup{Signup: sg, Shift: sh, Opportunity: o}
		if sg.Status == domain.SignupWaitlisted {
			if m.Position, err = s.waitingPosition(ctx, a, sg); err != nil {
				return nil, err
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// waitingPosition counts the sign-ups waiting for the shift before sg, in
// the order promote serves them.
func (s *Service) waitingPosition(ctx context.Context, a access, sg domain.Signup) (int, error) {
	all, err := s.store.SignupsOfShift(ctx, a.community.ID, sg.ShiftID)
	if err != nil {
		return 0, err
	}
	pos := 1
	for _, w := range all {
		if w.ID == sg.ID {
			break
		}
		if w.Status == domain.SignupWaitlisted {
			pos++
		}
	}
	return pos, nil
}

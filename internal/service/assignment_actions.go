package service

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"mutua/internal/domain"
)

// Approve accepts a volunteer's offer on behalf of the community.
func (s *Service) Approve(ctx context.Context, slug string, id int64) (domain.Assignment, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return domain.Assignment{}, err
	}
	return s.changeAssignment(ctx, a, id, func(ctx context.Context, as *domain.Assignment, r domain.Request) error {
		if as.Status != domain.AssignOffered {
			return statusConflict("only an offer can be approved")
		}
		if err := s.takeRequest(ctx, a, r); err != nil {
			return err
		}
		if err := s.moveAssignment(ctx, a, as, domain.AssignAccepted, 0); err != nil {
			return err
		}
		return s.afterChange(ctx, a, r, as, +1, "accepted", domain.RequestAssigned)
	})
}

// Accept is the volunteer saying yes to a coordinator's proposal.
func (s *Service) Accept(ctx context.Context, slug string, id int64) (domain.Assignment, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return domain.Assignment{}, err
	}
	return s.changeAssignment(ctx, a, id, func(ctx context.Context, as *domain.Assignment, r domain.Request) error {
		if err := ownAssignment(a, *as); err != nil {
			return err
		}
		if as.Status != domain.AssignProposed {
			return statusConflict("only a proposal can be accepted")
		}
		if err := s.moveAssignment(ctx, a, as, domain.AssignAccepted, 0); err != nil {
			return err
		}
		return s.afterChange(ctx, a, r, as, 0, "accepted", domain.RequestAssigned)
	})
}

// Decline is the volunteer saying no to a proposal, or withdrawing an offer
// or a task they accepted. The request is open again for someone else, and
// they are not suggested for it again.
func (s *Service) Decline(ctx context.Context, slug string, id int64) (domain.Assignment, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return domain.Assignment{}, err
	}
	return s.changeAssignment(ctx, a, id, func(ctx context.Context, as *domain.Assignment, r domain.Request) error {
		if err := ownAssignment(a, *as); err != nil {
			return err
		}
		was := as.Status
		to, kind := domain.AssignWithdrawn, "withdrawn"
		switch was {
		case domain.AssignProposed:
			to, kind = domain.AssignDeclined, "declined"
		case domain.AssignOffered, domain.AssignAccepted:
		default:
			return statusConflict("this task is already finished")
		}
		if err := s.moveAssignment(ctx, a, as, to, 0); err != nil {
			return err
		}
		if !was.Live() {
			if err := s.event(ctx, a, r, kind, r.Status, ""); err != nil {
				return err
			}
			return s.notifyRequestChange(ctx, a, r, as, kind)
		}
		if err := s.store.TransitionRequest(ctx, a.community.ID, r.ID, domain.RequestAssigned, domain.RequestOpen); err != nil {
			return err
		}
		return s.afterChange(ctx, a, r, as, -1, kind, domain.RequestOpen)
	})
}

// Complete marks the task done with the hours given, and records the
// contribution: who gave how much time to whom, for what.
func (s *Service) Complete(ctx context.Context, slug string, id int64, hours float64) (domain.Assignment, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return domain.Assignment{}, err
	}
	return s.changeAssignment(ctx, a, id, func(ctx context.Context, as *domain.Assignment, r domain.Request) error {
		if !a.can(domain.PermCoordinate) {
			if err := ownAssignment(a, *as); err != nil {
				return err
			}
		}
		if as.Status != domain.AssignAccepted || r.Status != domain.RequestAssigned {
			return statusConflict("only an accepted task of an assigned request can be completed")
		}
		if err := checkHours(hours, taskDays(r, s.now(), a.community.Location())); err != nil {
			return err
		}
		if err := s.moveAssignment(ctx, a, as, domain.AssignCompleted, hours); err != nil {
			return err
		}
		if err := s.store.TransitionRequest(ctx, a.community.ID, r.ID, domain.RequestAssigned, domain.RequestDone); err != nil {
			return err
		}
		c := domain.Contribution{CommunityID: a.community.ID, GiverID: as.VolunteerID, ReceiverUserID: r.RequesterID,
			ReceiverClientID: r.ClientID, Hours: hours, RequestID: r.ID, AssignmentID: as.ID, Category: r.Category, At: s.now().UTC()}
		if err := s.store.CreateContribution(ctx, &c); err != nil {
			return err
		}
		return s.afterChange(ctx, a, r, as, -1, "completed", domain.RequestDone)
	})
}

// checkHours refuses negative, zero and absurd hours: at most 24 for each
// day the task could have taken.
func checkHours(hours float64, days int) error {
	limit := domain.MaxHoursPerDay * float64(days)
	if math.IsNaN(hours) || hours <= 0 || hours > limit {
		return fieldError(domain.KindInvalid, "hours", "range",
			fmt.Sprintf("give the hours spent: more than 0 and at most %g", limit))
	}
	return nil
}

// taskDays is how many days a task can have taken: the days its window
// spans, or for a weekly request the occurrences so far, counted in the
// community's time zone.
func taskDays(r domain.Request, now time.Time, loc *time.Location) int {
	if r.Recurrence.Kind != domain.RecurWeekly {
		return max(1, int(math.Ceil(r.NeededBy.Sub(r.NeededFrom).Hours()/24)))
	}
	until, _ := time.ParseInLocation(time.DateOnly, r.Recurrence.Until, loc)
	end := until.Add(24 * time.Hour)
	if now.Before(end) {
		end = now
	}
	days := 0
	for d := r.NeededFrom; !d.After(end); d = d.Add(24 * time.Hour) {
		if containsDay(r.Recurrence.Days, domain.WeekdayOf(d.In(loc))) {
			days++
		}
	}
	return max(1, days)
}

func containsDay(days []string, d string) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}

// changeAssignment runs change on an assignment and its request inside one
// transaction, so nothing is half-written when a rule refuses.
func (s *Service) changeAssignment(ctx context.Context, a access, id int64, change func(context.Context, *domain.Assignment, domain.Request) error) (domain.Assignment, error) {
	var as domain.Assignment
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if as, err = s.assignment(ctx, a, id); err != nil {
			return err
		}
		r, err := s.request(ctx, a, as.RequestID)
		if err != nil {
			return err
		}
		return change(ctx, &as, r)
	})
	return as, err
}

func (s *Service) assignment(ctx context.Context, a access, id int64) (domain.Assignment, error) {
	as, err := s.store.AssignmentByID(ctx, a.community.ID, id)
	if errors.Is(err, domain.ErrNotFound) {
		return as, domain.NotFound("assignment")
	}
	return as, err
}

func ownAssignment(a access, as domain.Assignment) error {
	if as.VolunteerID != a.user.ID {
		return domain.Forbidden("not_your_assignment", "this task is assigned to someone else")
	}
	return nil
}

// moveAssignment changes the assignment's status, turning a lost race into
// a conflict.
func (s *Service) moveAssignment(ctx context.Context, a access, as *domain.Assignment, to domain.AssignmentStatus, hours float64) error {
	now := s.now().UTC()
	err := s.store.TransitionAssignment(ctx, a.community.ID, as.ID, as.Status, to, hours, now)
	if errors.Is(err, domain.ErrStateChanged) {
		return statusConflict("this task was changed by someone else in the meantime")
	}
	if err != nil {
		return err
	}
	as.Status, as.UpdatedAt = to, now
	if to == domain.AssignCompleted {
		as.Hours, as.CompletedAt = hours, now
	}
	return nil
}

// afterChange keeps the volunteer's count of live tasks in step and writes
// the request's history line.
func (s *Service) afterChange(ctx context.Context, a access, r domain.Request, as *domain.Assignment, delta int, kind string, status domain.RequestStatus) error {
	if delta != 0 {
		if err := s.store.AdjustActive(ctx, a.community.ID, as.VolunteerID, delta); err != nil {
			return err
		}
	}
	if err := s.event(ctx, a, r, kind, status, ""); err != nil {
		return err
	}
	return s.notifyRequestChange(ctx, a, r, as, kind)
}

// MyAssignments lists the acting volunteer's assignments, newest first.
func (s *Service) MyAssignments(ctx context.Context, slug string, page domain.Page) ([]domain.Assignment, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return nil, err
	}
	return s.store.AssignmentsOfVolunteer(ctx, a.community.ID, a.user.ID, clampPage(page))
}

package service

import (
	"context"
	"time"

	"mutua/internal/domain"
)

// generateShifts adds the shifts of o's weekly rule from now to the
// horizon, skipping those already there.
func (s *Service) generateShifts(ctx context.Context, c domain.Community, o domain.Opportunity) error {
	if o.Recurrence.Empty() {
		return nil
	}
	now := s.now()
	shifts := ruleShifts(o.Recurrence, c.Location(), now, now.Add(domain.RuleHorizon))
	_, err := s.store.AddRuleShifts(ctx, c.ID, o.ID, shifts)
	return err
}

// ruleShifts lists the shifts rule generates that start after from and
// before to, on the rule's days in loc until its last date. Times are built
// from the wall clock in loc, so a Saturday 09:00 shift stays at 09:00
// across a change to or from summer time.
func ruleShifts(rule domain.ShiftRule, loc *time.Location, from, to time.Time) []domain.Shift {
	startMin, err1 := domain.ParseClock(rule.Start)
	endMin, err2 := domain.ParseClock(rule.End)
	until, err3 := time.ParseInLocation(time.DateOnly, rule.Until, loc)
	if err1 != nil || err2 != nil || err3 != nil {
		return nil
	}
	var out []domain.Shift
	day := from.In(loc)
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	for ; !day.After(until) && day.Before(to); day = day.AddDate(0, 0, 1) {
		if !containsDay(rule.Days, domain.WeekdayOf(day)) {
			continue
		}
		start := time.Date(day.Year(), day.Month(), day.Day(), startMin/60, startMin%60, 0, 0, loc)
		end := time.Date(day.Year(), day.Month(), day.Day(), endMin/60, endMin%60, 0, 0, loc)
		if start.After(from) && start.Before(to) {
			out = append(out, domain.Shift{Start: start.UTC(), End: end.UTC(), Capacity: rule.Capacity, FromRule: true})
		}
	}
	return out
}

// SetRecurrence replaces an opportunity's weekly rule. Future generated
// shifts nobody signed up for are replaced by the new rule's; shifts with
// sign-ups stay as they are, so nobody loses a place. An empty rule stops
// the recurrence.
func (s *Service) SetRecurrence(ctx context.Context, slug string, id int64, rule domain.ShiftRule) (domain.Opportunity, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return domain.Opportunity{}, err
	}
	if !rule.Empty() {
		if err := rule.Validate(); err != nil {
			return domain.Opportunity{}, err
		}
	}
	var o domain.Opportunity
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if o, err = s.store.OpportunityByID(ctx, a.community.ID, id); err != nil {
			return shiftsNotFound(err, "opportunity")
		}
		if err := s.coordinatesOrganisation(ctx, a, o.OrganisationID); err != nil {
			return err
		}
		if err := s.store.SetRecurrence(ctx, a.community.ID, id, rule); err != nil {
			return err
		}
		if _, err := s.store.DeleteRuleShiftsAfter(ctx, a.community.ID, id, s.now()); err != nil {
			return err
		}
		o.Recurrence = rule
		return s.generateShifts(ctx, a.community, o)
	})
	if err != nil {
		return domain.Opportunity{}, err
	}
	return s.withShifts(ctx, a, o)
}

// ExtendRecurringShifts generates the shifts of every weekly rule of every
// community up to the horizon and returns how many it added. The
// scheduler calls it daily; running it again adds nothing twice.
func (s *Service) ExtendRecurringShifts(ctx context.Context) (int, error) {
	list, err := s.store.RecurringOpportunities(ctx)
	if err != nil {
		return 0, err
	}
	added := 0
	communities := map[int64]domain.Community{}
	for _, o := range list {
		c, ok := communities[o.CommunityID]
		if !ok {
			if c, err = s.store.CommunityByID(ctx, o.CommunityID); err != nil {
				return added, err
			}
			communities[o.CommunityID] = c
		}
		now := s.now()
		n, err := s.store.AddRuleShifts(ctx, c.ID, o.ID, ruleShifts(o.Recurrence, c.Location(), now, now.Add(domain.RuleHorizon)))
		if err != nil {
			return added, err
		}
		added += n
	}
	return added, nil
}

package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
)

// What the coordinator's pages read beyond the shift use cases: the roster
// of a shift with the names and addresses of the people on it, and the
// titles of the opportunities the overview lists.

// RosterPerson is one sign-up on a shift's roster with what those who run
// the shift need to reach its person. Name and Email are empty for an
// account that no longer exists.
type RosterPerson struct {
	domain.Signup
	Name  string `json:"name"`
	Email string `json:"email"`
	// Hours is what closing the shift logged for this sign-up; 0 while
	// the shift is open and for people who did not come.
	Hours float64 `json:"hours"`
}

// RosterEvent is a shift event with the name of the person it concerns.
type RosterEvent struct {
	domain.ShiftEvent
	Name string `json:"name"`
}

// ShiftRoster is one shift as those who run it see it: its opportunity
// and organisation, the people holding places and waiting in order of
// sign-up, what happened to them, and once the shift is closed the hours
// it logged.
type ShiftRoster struct {
	Shift        domain.Shift        `json:"shift"`
	Opportunity  domain.Opportunity  `json:"opportunity"`
	Organisation domain.Organisation `json:"organisation"`
	People       []RosterPerson      `json:"people"`
	Events       []RosterEvent       `json:"events"`
	// Logged is filled in once the shift is closed.
	Logged *ShiftClosing `json:"logged,omitempty"`
}

// ShiftRoster returns the roster of a shift to those who run it, who may
// ShiftSignups: the organisation's admins and coordinators and the
// community's coordinators and admins.
func (s *Service) ShiftRoster(ctx context.Context, slug string, shiftID int64) (ShiftRoster, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return ShiftRoster{}, err
	}
	var out ShiftRoster
	if out.Shift, err = s.store.ShiftByID(ctx, a.community.ID, shiftID); err != nil {
		return ShiftRoster{}, shiftsNotFound(err, "shift")
	}
	if out.Opportunity, err = s.store.OpportunityByID(ctx, a.community.ID, out.Shift.OpportunityID); err != nil {
		return ShiftRoster{}, err
	}
	if err := s.coordinatesOrganisation(ctx, a, out.Opportunity.OrganisationID); err != nil {
		return ShiftRoster{}, err
	}
	if out.Organisation, err = s.store.OrganisationByID(ctx, a.community.ID, out.Opportunity.OrganisationID); err != nil {
		return ShiftRoster{}, err
	}
	if err := s.rosterPeople(ctx, a, &out); err != nil {
		return ShiftRoster{}, err
	}
	if out.Shift.Status == domain.ShiftClosed {
		if err := s.rosterHours(ctx, a, &out); err != nil {
			return ShiftRoster{}, err
		}
	}
	return out, nil
}

// rosterPeople fills in the sign-ups and events with their people's names.
func (s *Service) rosterPeople(ctx context.Context, a access, out *ShiftRoster) error {
	signups, err := s.store.SignupsOfShift(ctx, a.community.ID, out.Shift.ID)
	if err != nil {
		return err
	}
	events, err := s.store.ShiftEvents(ctx, a.community.ID, out.Shift.ID)
	if err != nil {
		return err
	}
	people := map[int64]domain.User{}
	person := func(id int64) (domain.User, error) {
		if u, ok := people[id]; ok {
			return u, nil
		}
		u, err := s.store.UserByID(ctx, id)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return u, err
		}
		people[id] = u
		return u, nil
	}
	out.People = make([]RosterPerson, 0, len(signups))
	for _, sg := range signups {
		u, err := person(sg.UserID)
		if err != nil {
			return err
		}
		out.People = append(out.People, RosterPerson{Signup: sg, Name: u.Name, Email: u.Email})
	}
	out.Events = make([]RosterEvent, 0, len(events))
	for _, e := range events {
		u, err := person(e.UserID)
		if err != nil {
			return err
		}
		out.Events = append(out.Events, RosterEvent{ShiftEvent: e, Name: u.Name})
	}
	return nil
}

// rosterHours adds what closing the shift logged, in total and per person.
func (s *Service) rosterHours(ctx context.Context, a access, out *ShiftRoster) error {
	logged, err := s.store.ShiftContributions(ctx, a.community.ID, out.Shift.ID)
	if err != nil {
		return err
	}
	out.Logged = &ShiftClosing{Shift: out.Shift, Contributions: len(logged)}
	for _, h := range logged {
		out.Logged.Hours += h
	}
	for i := range out.People {
		out.People[i].Hours = logged[out.People[i].UserID]
	}
	return nil
}

// OpportunityTitles names the community's opportunities with the given
// ids, for lists of shifts. Opportunities are public, so everyone may ask;
// ids of no opportunity here are left out.
func (s *Service) OpportunityTitles(ctx context.Context, slug string, ids []int64) (map[int64]string, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return nil, err
	}
	titles := make(map[int64]string, len(ids))
	for _, id := range ids {
		if _, done := titles[id]; done {
			continue
		}
		o, err := s.store.OpportunityByID(ctx, a.community.ID, id)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			continue
		case err != nil:
			return nil, err
		}
		titles[id] = o.Title
	}
	return titles, nil
}

package service

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"mutua/internal/ical"
)

// OpportunityCalendar returns an opportunity's shifts, from the past week
// on, as a public calendar anyone may subscribe to. origin ("https://host")
// is where it was fetched: each event links back to the opportunity's
// page, and a shift has the same UID here as in a member's private feed,
// so an app that shows both calendars recognises the one shift.
func (s *Service) OpportunityCalendar(ctx context.Context, slug string, id int64, origin string) (ical.Calendar, error) {
	o, err := s.Opportunity(ctx, slug, id)
	if err != nil {
		return ical.Calendar{}, err
	}
	host := origin
	if u, err := url.Parse(origin); err == nil && u.Host != "" {
		host = u.Host
	}
	page := origin + "/c/" + url.PathEscape(slug) + "/opportunities/" + strconv.FormatInt(o.ID, 10)
	since := s.now().Add(-shiftHistory)
	events := []ical.Event{}
	for _, sh := range o.Shifts {
		if sh.End.Before(since) {
			continue
		}
		e := ical.Event{
			UID:         fmt.Sprintf("shift-%d@%s", sh.ID, host),
			Stamp:       s.now(),
			Start:       sh.Start,
			End:         sh.End,
			Summary:     o.Title,
			Description: o.Description,
			URL:         page,
			Status:      ical.StatusConfirmed,
		}
		if !o.Online {
			e.Location = o.Address
		}
		if sh.Cancelled {
			e.Status = ical.StatusCancelled // apps strike it out
		}
		events = append(events, e)
	}
	return ical.Calendar{ProdID: calendarProdID, Name: o.Title, Events: events}, nil
}

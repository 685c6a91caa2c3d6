package service

import (
	"context"
	"errors"
	"net/url"
	"sort"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/ical"
)

// calendarProdID names mutua as the writer of its calendars.
const calendarProdID = "-//mutua//calendar//EN"

// NewCalendarToken makes a fresh token for the acting member's private
// calendar feed in the community and returns it; it is stored only as its
// hash, so this is the one time it can be shown. An earlier token stops
// working: making a new one is how a member rotates a leaked address.
func (s *Service) NewCalendarToken(ctx context.Context, slug string) (string, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return "", err
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	t := domain.CalendarToken{CommunityID: a.community.ID, UserID: a.user.ID, TokenHash: hash, CreatedAt: s.now().UTC()}
	if err := s.store.PutCalendarToken(ctx, t); err != nil {
		return "", err
	}
	return token, nil
}

// RevokeCalendarToken stops the acting member's feed address in the
// community from working. Revoking when there is none succeeds.
func (s *Service) RevokeCalendarToken(ctx context.Context, slug string) error {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return err
	}
	return s.store.DeleteCalendarToken(ctx, a.community.ID, a.user.ID)
}

// CalendarFeed returns the private calendar the token opens: the member's
// accepted tasks in the community, earliest first. Calendar apps cannot
// log in, so the token is the only credential; origin ("https://host") is
// where the feed was fetched, used for links back and to make event UIDs
// unique. A wrong, revoked or foreign token, or one whose owner is no
// longer a volunteering member, is the same not-found as an unknown
// address, so tokens cannot be probed.
func (s *Service) CalendarFeed(ctx context.Context, slug, token, origin string) (ical.Calendar, error) {
	a, err := s.feedAccess(ctx, slug, token)
	if err != nil {
		return ical.Calendar{}, err
	}
	host := origin
	if u, err := url.Parse(origin); err == nil && u.Host != "" {
		host = u.Host
	}
	site := feedSite{origin: origin, host: host}
	var events []ical.Event
	// Each source turns one kind of commitment into events.
	for _, source := range []feedSource{s.taskEvents, s.shiftEvents} {
		list, err := source(ctx, a, site)
		if err != nil {
			return ical.Calendar{}, err
		}
		events = append(events, list...)
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Start.Before(events[j].Start) })
	return ical.Calendar{ProdID: calendarProdID, Name: a.community.Name, Events: events}, nil
}

// feedSite is where a feed was fetched from.
type feedSite struct{ origin, host string }

// feedSource lists one kind of event of a member's private feed.
type feedSource func(ctx context.Context, a access, site feedSite) ([]ical.Event, error)

// errNoCalendar is what every refused feed answers.
var errNoCalendar = domain.NotFound("calendar")

// feedAccess resolves a feed token to the member it speaks for, checked
// like a session: the token must belong to this community and its owner
// must still be a member allowed to volunteer.
func (s *Service) feedAccess(ctx context.Context, slug, token string) (access, error) {
	if token == "" || len(token) > 200 {
		return access{}, errNoCalendar
	}
	t, err := s.store.CalendarTokenByHash(ctx, auth.HashToken(token))
	if errors.Is(err, domain.ErrNotFound) {
		return access{}, errNoCalendar
	}
	if err != nil {
		return access{}, err
	}
	c, err := s.communityBySlug(ctx, slug)
	if domain.KindOf(err) == domain.KindNotFound || (err == nil && c.ID != t.CommunityID) {
		return access{}, errNoCalendar
	}
	if err != nil {
		return access{}, err
	}
	u, err := s.store.UserByID(ctx, t.UserID)
	if err != nil {
		return access{}, err
	}
	a := access{user: u, community: c}
	m, err := s.store.Membership(ctx, c.ID, u.ID)
	switch {
	case err == nil:
		a.role = m.Role
	case !errors.Is(err, domain.ErrNotFound):
		return access{}, err
	}
	// As in authorize: operators who are not members act as admins.
	if u.IsOperator {
		a.role = domain.RoleAdmin
	}
	if !a.can(domain.PermVolunteer) {
		return access{}, errNoCalendar
	}
	return a, nil
}

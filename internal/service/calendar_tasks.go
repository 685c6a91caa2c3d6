package service

import (
	"context"
	"fmt"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/ical"
)

// taskEvents lists the member's accepted tasks: what they promised to do
// and when. Proposed, declined or finished ones are not commitments and
// stay out. The address appears only when the privacy rules show it to
// this volunteer, exactly as on the task page.
func (s *Service) taskEvents(ctx context.Context, a access, site feedSite) ([]ical.Event, error) {
	accepted, err := s.acceptedAssignments(ctx, a)
	if err != nil {
		return nil, err
	}
	events := make([]ical.Event, 0, len(accepted))
	for _, as := range accepted {
		r, err := s.request(ctx, a, as.RequestID)
		if err != nil {
			return nil, err
		}
		private, err := s.seesPrivate(ctx, a, r)
		if err != nil {
			return nil, err
		}
		e := ical.Event{
			UID:         fmt.Sprintf("assignment-%d@%s", as.ID, site.host),
			Stamp:       s.now(),
			Start:       r.NeededFrom,
			End:         r.NeededBy,
			Summary:     r.Title,
			Description: strings.TrimSpace(r.Category + "\n\n" + r.Description),
			URL:         fmt.Sprintf("%s/c/%s/tasks/%d", site.origin, a.community.Slug, as.ID),
			Status:      ical.StatusConfirmed,
		}
		if private {
			e.Location = r.Address
		}
		events = append(events, e)
	}
	return events, nil
}

// acceptedAssignments pages through all the member's assignments and keeps
// the accepted ones; a volunteer holds only a few live ones at a time.
func (s *Service) acceptedAssignments(ctx context.Context, a access) ([]domain.Assignment, error) {
	var out []domain.Assignment
	page := clampPage(domain.Page{Limit: 200})
	for {
		list, err := s.store.AssignmentsOfVolunteer(ctx, a.community.ID, a.user.ID, page)
		if err != nil {
			return nil, err
		}
		for _, as := range list {
			if as.Status == domain.AssignAccepted {
				out = append(out, as)
			}
		}
		if len(list) < page.Limit {
			return out, nil
		}
		page.Offset += page.Limit
	}
}

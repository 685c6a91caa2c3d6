package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mutua/internal/ical"
)

// shiftHistory is how far back a feed keeps shifts: the past week, so a
// calendar does not lose last Saturday the moment it is over.
const shiftHistory = 7 * 24 * time.Hour

// shiftEvents lists the shifts the member holds a place on (confirmed or
// checked in), from the past week on. A shift's place is public, so the
// address is always shown; a team sign-up says how many come.
func (s *Service) shiftEvents(ctx context.Context, a access, site feedSite) ([]ical.Event, error) {
	shifts, err := s.store.UserShifts(ctx, a.community.ID, a.user.ID, s.now().Add(-shiftHistory))
	if err != nil {
		return nil, err
	}
	events := make([]ical.Event, 0, len(shifts))
	for _, sh := range shifts {
		description := sh.Description
		if sh.TeamSize > 1 {
			description = strings.TrimSpace(fmt.Sprintf("Team of %d.\n\n%s", sh.TeamSize, sh.Description))
		}
		e := ical.Event{
			UID:         fmt.Sprintf("shift-%d@%s", sh.ShiftID, site.host),
			Stamp:       s.now(),
			Start:       sh.Start,
			End:         sh.End,
			Summary:     sh.Title,
			Description: description,
			Status:      ical.StatusConfirmed,
		}
		if !sh.Online {
			e.Location = sh.Address
		}
		events = append(events, e)
	}
	return events, nil
}

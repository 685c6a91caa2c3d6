package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

// maxUserShifts bounds a calendar feed's shifts: a year of weekly shifts on
// several opportunities is far below it.
const maxUserShifts = 500

// UserShifts lists the shifts userID holds a place on (confirmed or checked
// in) that end after since, soonest first, through shift_signups_user.
func (s *Store) UserShifts(ctx context.Context, communityID, userID int64, since time.Time) ([]domain.UserShift, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT sh.id, o.id, o.title, o.description, o.address, o.online, sh.starts_at, sh.ends_at, su.team_size
		FROM shift_signups su
		JOIN shifts sh ON sh.community_id = su.community_id AND sh.id = su.shift_id
		JOIN opportunities o ON o.community_id = sh.community_id AND o.id = sh.opportunity_id
		WHERE su.community_id = ? AND su.user_id = ? AND su.status IN ('confirmed', 'checked_in') AND sh.ends_at > ?
		ORDER BY sh.starts_at, sh.id
		LIMIT ?`, communityID, userID, s.d.timeArg(since), maxUserShifts)
	if err != nil {
		return nil, fmt.Errorf("shifts of user %d: %w", userID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.UserShift, error) {
		var u domain.UserShift
		err := r.Scan(&u.ShiftID, &u.OpportunityID, &u.Title, &u.Description, &u.Address, &u.Online,
			utc{&u.Start}, utc{&u.End}, &u.TeamSize)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("shifts of user %d: %w", userID, err)
	}
	return list, nil
}

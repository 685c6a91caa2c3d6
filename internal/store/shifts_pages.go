package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

// maxUserSignups bounds the list of one person's sign-ups on the pages:
// weeks of shifts on several opportunities stay far below it.
const maxUserSignups = 200

// UserSignups lists userID's sign-ups that are not cancelled, waiting
// list included, whose shift ends after since, soonest shift first; with
// opportunityID other than 0 only those for that opportunity's shifts.
func (s *Store) UserSignups(ctx context.Context, communityID, userID, opportunityID int64, since time.Time) ([]domain.Signup, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT su.id, su.community_id, su.shift_id, su.user_id, su.team_size, su.team_contact, su.status,
			su.created_at, su.updated_at
		FROM shift_signups su
		JOIN shifts sh ON sh.community_id = su.community_id AND sh.id = su.shift_id
		WHERE su.community_id = ? AND su.user_id = ? AND su.status <> 'cancelled' AND sh.ends_at > ?
			AND (CAST(? AS BIGINT) = 0 OR sh.opportunity_id = ?)
		ORDER BY sh.starts_at, sh.id
		LIMIT ?`, communityID, userID, s.d.timeArg(since), opportunityID, opportunityID, maxUserSignups)
	if err != nil {
		return nil, fmt.Errorf("sign-ups of user %d: %w", userID, mapError(err))
	}
	list, err := collect(rows, scanSignup)
	if err != nil {
		return nil, fmt.Errorf("sign-ups of user %d: %w", userID, err)
	}
	return list, nil
}

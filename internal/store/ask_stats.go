package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

// ImpactCounts returns the community's figures since since: requests made
// (through the requests_created index) and, from the contributions that
// completed assignments record (through contributions_at), the requests
// helped with, the people who helped and the hours they gave.
func (s *Store) ImpactCounts(ctx context.Context, communityID int64, since time.Time) (domain.ImpactCounts, error) {
	var c domain.ImpactCounts
	at := s.d.timeArg(since)
	err := s.reader(ctx).queryRow(ctx, `
		SELECT (SELECT COUNT(*) FROM requests WHERE community_id = ? AND created_at >= ?),
			COUNT(DISTINCT request_id), COUNT(DISTINCT giver_id), COALESCE(SUM(hours), 0)
		FROM contributions
		WHERE community_id = ? AND at >= ?`,
		communityID, at, communityID, at,
	).Scan(&c.RequestsMade, &c.RequestsDone, &c.Volunteers, &c.Hours)
	if err != nil {
		return domain.ImpactCounts{}, fmt.Errorf("impact of community %d: %w", communityID, mapError(err))
	}
	return c, nil
}

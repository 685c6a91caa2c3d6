package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

// ImpactFacts reads the rows the impact figures of [from, to) are computed
// from: requests made, requests that ended, contributions, shifts that
// began before now and were not cancelled, and volunteer profiles created.
// Every query is one community's, through indexes that start with
// community_id.
func (s *Store) ImpactFacts(ctx context.Context, communityID int64, from, to, now time.Time) (domain.ImpactFacts, error) {
	var f domain.ImpactFacts
	var err error
	lo, hi := s.d.timeArg(from), s.d.timeArg(to)
	if f.Requests, err = s.impactRequests(ctx, communityID, lo, hi); err != nil {
		return f, err
	}
	if f.Outcomes, err = s.impactOutcomes(ctx, communityID, lo, hi); err != nil {
		return f, err
	}
	if f.Contributions, err = s.impactContributions(ctx, communityID, lo, hi); err != nil {
		return f, err
	}
	if now.Before(to) {
		hi = s.d.timeArg(now)
	}
	if f.Shifts, err = s.impactShifts(ctx, communityID, lo, hi); err != nil {
		return f, err
	}
	if f.VolunteersJoined, err = s.impactVolunteers(ctx, communityID, lo, s.d.timeArg(to)); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Store) impactRequests(ctx context.Context, communityID int64, lo, hi any) ([]domain.ImpactRequestFact, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT r.category, r.created_at,
			(SELECT MIN(e.at) FROM request_events e
			 WHERE e.community_id = r.community_id AND e.request_id = r.id AND e.kind = 'accepted')
		FROM requests r
		WHERE r.community_id = ? AND r.created_at >= ? AND r.created_at < ?`,
		communityID, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("impact requests of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.ImpactRequestFact, error) {
		var f domain.ImpactRequestFact
		err := r.Scan(&f.Category, utc{&f.CreatedAt}, optionalUTC{&f.AcceptedAt})
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("impact requests of community %d: %w", communityID, err)
	}
	return list, nil
}

// impactOutcomes dates each ended request by the last event that gave it
// its present status.
func (s *Store) impactOutcomes(ctx context.Context, communityID int64, lo, hi any) ([]domain.ImpactOutcomeFact, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT r.category, r.status, MAX(e.at)
		FROM requests r
		JOIN request_events e ON e.community_id = r.community_id AND e.request_id = r.id AND e.status = r.status
		WHERE r.community_id = ? AND r.status IN ('done', 'cancelled', 'expired')
		GROUP BY r.id, r.category, r.status
		HAVING MAX(e.at) >= ? AND MAX(e.at) < ?`,
		communityID, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("impact outcomes of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.ImpactOutcomeFact, error) {
		var f domain.ImpactOutcomeFact
		err := r.Scan(&f.Category, &f.Status, utc{&f.At})
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("impact outcomes of community %d: %w", communityID, err)
	}
	return list, nil
}

func (s *Store) impactContributions(ctx context.Context, communityID int64, lo, hi any) ([]domain.ImpactContributionFact, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT category, giver_id, receiver_user_id, receiver_client_id, hours, at
		FROM contributions
		WHERE community_id = ? AND at >= ? AND at < ?`,
		communityID, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("impact contributions of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.ImpactContributionFact, error) {
		var f domain.ImpactContributionFact
		err := r.Scan(&f.Category, &f.GiverID, zeroID{&f.ReceiverUserID}, zeroID{&f.ReceiverClientID}, &f.Hours, utc{&f.At})
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("impact contributions of community %d: %w", communityID, err)
	}
	return list, nil
}

func (s *Store) impactShifts(ctx context.Context, communityID int64, lo, hi any) ([]domain.ImpactShiftFact, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT o.category, sh.starts_at, sh.capacity,
			(SELECT COALESCE(SUM(su.team_size), 0) FROM shift_signups su
			 WHERE su.community_id = sh.community_id AND su.shift_id = sh.id
			   AND su.status IN ('confirmed', 'checked_in', 'no_show'))
		FROM shifts sh
		JOIN opportunities o ON o.community_id = sh.community_id AND o.id = sh.opportunity_id
		WHERE sh.community_id = ? AND sh.starts_at >= ? AND sh.starts_at < ? AND sh.cancelled_at IS NULL`,
		communityID, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("impact shifts of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.ImpactShiftFact, error) {
		var f domain.ImpactShiftFact
		err := r.Scan(&f.Category, utc{&f.StartsAt}, &f.Capacity, &f.Taken)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("impact shifts of community %d: %w", communityID, err)
	}
	return list, nil
}

func (s *Store) impactVolunteers(ctx context.Context, communityID int64, lo, hi any) ([]time.Time, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT created_at FROM volunteers WHERE community_id = ? AND created_at >= ? AND created_at < ?`,
		communityID, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("impact volunteers of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (time.Time, error) {
		var t time.Time
		err := r.Scan(utc{&t})
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("impact volunteers of community %d: %w", communityID, err)
	}
	return list, nil
}

// CommunityPopulations returns the population of every community with one
// set, by community id.
func (s *Store) CommunityPopulations(ctx context.Context) (map[int64]int, error) {
	rows, err := s.reader(ctx).query(ctx, `SELECT id, population FROM communities WHERE population > 0`)
	if err != nil {
		return nil, fmt.Errorf("community populations: %w", mapError(err))
	}
	type pop struct {
		id int64
		n  int
	}
	list, err := collect(rows, func(r scanner) (pop, error) {
		var p pop
		err := r.Scan(&p.id, &p.n)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("community populations: %w", err)
	}
	out := make(map[int64]int, len(list))
	for _, p := range list {
		out[p.id] = p.n
	}
	return out, nil
}

// SetCommunityPopulation records a community's population (0: unknown).
func (s *Store) SetCommunityPopulation(ctx context.Context, communityID int64, population int) error {
	res, err := s.writer(ctx).exec(ctx, `UPDATE communities SET population = ? WHERE id = ?`, population, communityID)
	if err != nil {
		return fmt.Errorf("population of community %d: %w", communityID, mapError(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

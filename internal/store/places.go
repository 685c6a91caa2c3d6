package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

// CreatePlace inserts p and sets its ID. A name the community already uses
// is domain.ErrDuplicate.
func (s *Store) CreatePlace(ctx context.Context, p *domain.Place) error {
	err := s.writer(ctx).queryRow(ctx,
		"INSERT INTO places (community_id, name, lat, lng) VALUES (?, ?, ?, ?) RETURNING id",
		p.CommunityID, p.Name, p.Point.Lat, p.Point.Lng).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("create place in community %d: %w", p.CommunityID, mapError(err))
	}
	return nil
}

// DeletePlace removes a place; one not in the community is
// domain.ErrNotFound. Nothing refers to places: requests and profiles keep
// the point, not the place, so removing one changes no one's location.
func (s *Store) DeletePlace(ctx context.Context, communityID, id int64) error {
	err := notFoundIfNone(s.writer(ctx).exec(ctx,
		"DELETE FROM places WHERE community_id = ? AND id = ?", communityID, id))
	if err != nil {
		return fmt.Errorf("delete place %d: %w", id, err)
	}
	return nil
}

// Places returns the community's places in name order.
func (s *Store) Places(ctx context.Context, communityID int64) ([]domain.Place, error) {
	rows, err := s.reader(ctx).query(ctx,
		"SELECT id, community_id, name, lat, lng FROM places WHERE community_id = ? ORDER BY name, id", communityID)
	if err != nil {
		return nil, fmt.Errorf("places of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.Place, error) {
		var p domain.Place
		err := r.Scan(&p.ID, &p.CommunityID, &p.Name, &p.Point.Lat, &p.Point.Lng)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("places of community %d: %w", communityID, err)
	}
	return list, nil
}

package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// Places lists the community's named places, for the location pickers of
// the ask-for-help and volunteer forms. They are no secret: anyone who may
// see the community may see them.
func (s *Service) Places(ctx context.Context, slug string) ([]domain.Place, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	return s.store.Places(ctx, a.community.ID)
}

// AddPlace names a spot inside the community's area.
func (s *Service) AddPlace(ctx context.Context, slug string, p domain.Place) (domain.Place, error) {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return domain.Place{}, err
	}
	p.Normalize()
	p.ID, p.CommunityID = 0, a.community.ID
	if err := p.Validate(); err != nil {
		return domain.Place{}, err
	}
	// A place outside the area would give requests a location the request
	// check then refuses: catch it here, where the admin can fix it.
	if !geo.Contains(a.community.Center, a.community.RadiusKM, p.Point) {
		var pr domain.Problems
		pr.Add("point", "outside_area", "this place is outside the community's area")
		return domain.Place{}, pr.Err()
	}
	err = s.store.CreatePlace(ctx, &p)
	if errors.Is(err, domain.ErrDuplicate) {
		return domain.Place{}, &domain.Error{Kind: domain.KindConflict, Code: "place_taken",
			Message: "the community has a place of this name already",
			Fields:  []domain.FieldError{{Field: "name", Code: "taken", Message: "already taken"}}}
	}
	if err != nil {
		return domain.Place{}, err
	}
	s.log.InfoContext(ctx, "place added", "community", slug, "place_id", p.ID, "by", a.user.ID)
	return p, nil
}

// RemovePlace deletes a named place. Requests and profiles keep their point,
// so nobody's location changes.
func (s *Service) RemovePlace(ctx context.Context, slug string, id int64) error {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return err
	}
	if err := s.store.DeletePlace(ctx, a.community.ID, id); err != nil {
		return err
	}
	s.log.InfoContext(ctx, "place removed", "community", slug, "place_id", id, "by", a.user.ID)
	return nil
}

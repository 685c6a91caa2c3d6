package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
)

// CommunitySettings returns the community for its admins' settings form.
func (s *Service) CommunitySettings(ctx context.Context, slug string) (domain.Community, error) {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return domain.Community{}, err
	}
	return a.community, nil
}

// UpdateCommunity changes everything an admin may change after creation:
// name, languages, area, categories and the settings (see UpdateSettings,
// which changes only the latter). The slug stays, since links and
// printed posters use it. in's ID, slug and creation time are ignored.
func (s *Service) UpdateCommunity(ctx context.Context, slug string, in domain.Community) (domain.Community, error) {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return domain.Community{}, err
	}
	c := a.community
	c.Name, c.Languages, c.Center, c.RadiusKM = in.Name, in.Languages, in.Center, in.RadiusKM
	c.Categories, c.Settings = in.Categories, in.Settings
	// Normalize turns an empty category list into every category, which is
	// right for a new community but here would undo the admin unticking
	// them all; ask for at least one instead.
	var p domain.Problems
	if len(c.Categories) == 0 {
		p.Add("categories", "required", "choose at least one category")
	}
	c.Normalize()
	if err := joinProblems(p, c.Validate()); err != nil {
		return domain.Community{}, err
	}
	if err := s.store.UpdateCommunity(ctx, c); err != nil {
		return domain.Community{}, err
	}
	s.log.InfoContext(ctx, "community updated", "community", slug, "by", a.user.ID)
	return c, nil
}

// joinProblems adds the field errors of a validation error to p, so a form
// shows the service's own findings and the domain's at once. Errors of
// another kind pass through unchanged.
func joinProblems(p domain.Problems, err error) error {
	if err == nil {
		return p.Err()
	}
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
		return err
	}
	return append(p, de.Fields...).Err()
}

package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
)

// RunsOrganisation reports whether the actor may post the organisation's
// opportunities and run its shifts, so that pages offer only the links
// that will work. It answers false to visitors and to anyone outside the
// community; the actions themselves check again.
func (s *Service) RunsOrganisation(ctx context.Context, slug string, orgID int64) (bool, error) {
	a, err := s.reader(ctx, slug)
	if err != nil || a.role == "" {
		return false, err
	}
	err = s.coordinatesOrganisation(ctx, a, orgID)
	if domain.KindOf(err) == domain.KindForbidden {
		return false, nil
	}
	return err == nil, err
}

// MyOrganisationRole returns the actor's own role in the organisation, or
// "" when they have none (community admins act without one).
func (s *Service) MyOrganisationRole(ctx context.Context, slug string, orgID int64) (domain.OrgRole, error) {
	a, err := s.reader(ctx, slug)
	if err != nil || a.role == "" {
		return "", err
	}
	role, err := s.store.OrganisationRole(ctx, a.community.ID, orgID, a.user.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return "", nil
	}
	return role, err
}

package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// PutMyVolunteer creates or replaces the acting member's volunteer profile.
// A member who fills one in becomes a volunteer of the community.
func (s *Service) PutMyVolunteer(ctx context.Context, slug string, v domain.Volunteer) (domain.Volunteer, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return domain.Volunteer{}, err
	}
	v.Normalize()
	v.UserID, v.CommunityID, v.Name = a.user.ID, a.community.ID, a.user.Name
	if err := v.Validate(); err != nil {
		return domain.Volunteer{}, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.PutVolunteer(ctx, &v, geo.CellID(v.Home)); err != nil {
			return err
		}
		if a.role == domain.RoleMember && !a.user.IsOperator {
			return s.store.PutMembership(ctx, a.community.ID, a.user.ID, domain.RoleVolunteer)
		}
		return nil
	})
	if err != nil {
		return domain.Volunteer{}, err
	}
	return s.store.Volunteer(ctx, a.community.ID, a.user.ID)
}

// MyVolunteer returns the acting member's volunteer profile.
func (s *Service) MyVolunteer(ctx context.Context, slug string) (domain.Volunteer, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return domain.Volunteer{}, err
	}
	return s.volunteer(ctx, a, a.user.ID)
}

func (s *Service) volunteer(ctx context.Context, a access, userID int64) (domain.Volunteer, error) {
	v, err := s.store.Volunteer(ctx, a.community.ID, userID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Volunteer{}, domain.NotFound("volunteer")
	}
	return v, err
}

// Volunteer returns anyone's volunteer profile to a coordinator.
func (s *Service) Volunteer(ctx context.Context, slug string, userID int64) (domain.Volunteer, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return domain.Volunteer{}, err
	}
	return s.volunteer(ctx, a, userID)
}

// SetVetted records that a coordinator checked a volunteer (or withdrew
// that), as some communities require for childcare.
func (s *Service) SetVetted(ctx context.Context, slug string, userID int64, vetted bool) (domain.Volunteer, error) {
	a, err := s.authorize(ctx, slug, domain.PermVet)
	if err != nil {
		return domain.Volunteer{}, err
	}
	if _, err := s.volunteer(ctx, a, userID); err != nil {
		return domain.Volunteer{}, err
	}
	if err := s.store.SetVetted(ctx, a.community.ID, userID, vetted, a.user.ID, s.now().UTC()); err != nil {
		return domain.Volunteer{}, err
	}
	s.log.InfoContext(ctx, "volunteer vetting changed", "community", slug, "user_id", userID, "vetted", vetted, "by", a.user.ID)
	return s.volunteer(ctx, a, userID)
}

// UpdateSettings changes a community's settings (admins).
func (s *Service) UpdateSettings(ctx context.Context, slug string, st domain.Settings) (domain.Community, error) {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return domain.Community{}, err
	}
	c := a.community
	c.Settings = st
	c.Normalize()
	if err := c.Validate(); err != nil {
		return domain.Community{}, err
	}
	if err := s.store.UpdateSettings(ctx, c.ID, c.Settings); err != nil {
		return domain.Community{}, err
	}
	return c, nil
}

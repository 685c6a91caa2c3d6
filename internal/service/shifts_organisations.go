package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// ProposeOrganisation records an organisation a member proposes; it is
// listed once a community admin approves it. The proposer becomes its admin.
func (s *Service) ProposeOrganisation(ctx context.Context, slug string, o domain.Organisation) (domain.Organisation, error) {
	a, err := s.authorize(ctx, slug, domain.PermAskHelp)
	if err != nil {
		return domain.Organisation{}, err
	}
	o.Normalize()
	if err := checkOrganisation(a, o); err != nil {
		return domain.Organisation{}, err
	}
	o.CommunityID, o.ProposedBy, o.Status, o.ApprovedBy = a.community.ID, a.user.ID, domain.OrgProposed, nil
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateOrganisation(ctx, &o); err != nil {
			if errors.Is(err, domain.ErrDuplicate) {
				return fieldError(domain.KindConflict, "name", "taken", "an organisation of this name exists already")
			}
			return err
		}
		return s.store.PutOrganisationMember(ctx, a.community.ID, o.ID, a.user.ID, domain.OrgAdmin)
	})
	if err != nil {
		return domain.Organisation{}, err
	}
	s.log.InfoContext(ctx, "organisation proposed", "community", slug, "organisation_id", o.ID, "by", a.user.ID)
	return o, nil
}

func checkOrganisation(a access, o domain.Organisation) error {
	var p domain.Problems
	if err := o.Validate(); err != nil {
		var de *domain.Error
		if !errors.As(err, &de) {
			return err
		}
		p = de.Fields
	}
	if o.Location.Valid() && !geo.Contains(a.community.Center, a.community.RadiusKM, o.Location) {
		p.Add("location", "outside_area", "this place is outside the community's area")
	}
	return p.Err()
}

// ApproveOrganisation lets a community admin accept a proposed organisation.
func (s *Service) ApproveOrganisation(ctx context.Context, slug string, id int64) (domain.Organisation, error) {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return domain.Organisation{}, err
	}
	var o domain.Organisation
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.ApproveOrganisation(ctx, a.community.ID, id, a.user.ID); err != nil {
			if errors.Is(err, domain.ErrStateChanged) {
				return statusConflict("this organisation is approved already")
			}
			return shiftsNotFound(err, "organisation")
		}
		o, err = s.store.OrganisationByID(ctx, a.community.ID, id)
		return err
	})
	return o, err
}

// Organisations lists the community's approved organisations, to everyone;
// community admins also see those waiting for approval.
func (s *Service) Organisations(ctx context.Context, slug string, page domain.Page) ([]domain.Organisation, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return nil, err
	}
	return s.store.ListOrganisations(ctx, a.community.ID, a.can(domain.PermEditCommunity), clampPage(page))
}

// Organisation returns one organisation: an approved one to everyone, a
// proposed one only to community admins and its own people.
func (s *Service) Organisation(ctx context.Context, slug string, id int64) (domain.Organisation, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return domain.Organisation{}, err
	}
	o, err := s.organisation(ctx, a, id)
	if err != nil {
		return domain.Organisation{}, err
	}
	if o.Status != domain.OrgApproved && !a.can(domain.PermEditCommunity) {
		if _, err := s.store.OrganisationRole(ctx, a.community.ID, id, a.user.ID); err != nil {
			return domain.Organisation{}, domain.NotFound("organisation")
		}
	}
	return o, nil
}

func (s *Service) organisation(ctx context.Context, a access, id int64) (domain.Organisation, error) {
	o, err := s.store.OrganisationByID(ctx, a.community.ID, id)
	return o, shiftsNotFound(err, "organisation")
}

// coordinatesOrganisation checks that the actor may run the organisation's
// opportunities and shifts: its admins and coordinators, and the
// community's coordinators and admins.
func (s *Service) coordinatesOrganisation(ctx context.Context, a access, orgID int64) error {
	if a.can(domain.PermCoordinate) {
		return nil
	}
	_, err := s.store.OrganisationRole(ctx, a.community.ID, orgID, a.user.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.Forbidden("not_organiser", "only the organisation's admins and coordinators may do this")
	case err != nil:
		return err
	}
	return nil
}

// shiftsNotFound names what was not found, so the client learns which id was wrong.
func shiftsNotFound(err error, what string) error {
	if errors.Is(err, domain.ErrNotFound) {
		return domain.NotFound(what)
	}
	return err
}

// AddOrganisationMember gives a member of the community a role in the
// organisation: its admins and the community's admins decide who runs it.
func (s *Service) AddOrganisationMember(ctx context.Context, slug string, orgID, userID int64, role domain.OrgRole) error {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return err
	}
	if _, err := s.organisation(ctx, a, orgID); err != nil {
		return err
	}
	if !a.can(domain.PermEditCommunity) {
		mine, err := s.store.OrganisationRole(ctx, a.community.ID, orgID, a.user.ID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		if mine != domain.OrgAdmin {
			return domain.Forbidden("not_organisation_admin", "only the organisation's admins may add its people")
		}
	}
	if role != domain.OrgAdmin && role != domain.OrgCoordinator {
		return fieldError(domain.KindInvalid, "role", "unknown", "the role is org_admin or org_coordinator")
	}
	if _, err := s.store.Membership(ctx, a.community.ID, userID); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return fieldError(domain.KindInvalid, "user_id", "not_a_member", "this person is not a member of the community")
		}
		return err
	}
	return s.store.PutOrganisationMember(ctx, a.community.ID, orgID, userID, role)
}

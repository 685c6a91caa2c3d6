package service

import (
	"context"
	"errors"
	"slices"

	"mutua/internal/domain"
)

// OrgPagesStore is what the organisation pages read beyond the shift
// store: the people who run an organisation.
type OrgPagesStore interface {
	// OrganisationPeople returns the accounts holding each role in the
	// organisation, each list ordered by name.
	OrganisationPeople(ctx context.Context, communityID, orgID int64) (map[domain.OrgRole][]domain.User, error)
}

// OrgPerson is one person who runs an organisation, as its admins see it.
type OrgPerson struct {
	UserID int64
	Name   string
	Role   domain.OrgRole
}

// OrganisationPeople lists the organisation's admins, then its
// coordinators, each by name. Like AddOrganisationMember it is for the
// organisation's admins and the community's admins: they decide who runs
// it, so they see who does.
func (s *Service) OrganisationPeople(ctx context.Context, slug string, orgID int64) ([]OrgPerson, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	if err := s.managesOrganisation(ctx, a, orgID); err != nil {
		return nil, err
	}
	byRole, err := s.store.OrganisationPeople(ctx, a.community.ID, orgID)
	if err != nil {
		return nil, err
	}
	people := []OrgPerson{}
	for _, role := range []domain.OrgRole{domain.OrgAdmin, domain.OrgCoordinator} {
		for _, u := range byRole[role] {
			people = append(people, OrgPerson{UserID: u.ID, Name: u.Name, Role: role})
		}
	}
	return people, nil
}

// AddOrganisationMemberByEmail is AddOrganisationMember for people who know
// a member by their email address rather than by an id. Who may add
// people is checked before the address is looked up, so nobody else learns
// which addresses have accounts; an address of no member of this community
// is a field error on "email", whether or not it has an account elsewhere.
func (s *Service) AddOrganisationMemberByEmail(ctx context.Context, slug string, orgID int64, email string, role domain.OrgRole) (OrgPerson, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return OrgPerson{}, err
	}
	if err := s.managesOrganisation(ctx, a, orgID); err != nil {
		return OrgPerson{}, err
	}
	var p domain.Problems
	email = domain.NormalizeEmail(email)
	if !domain.ValidEmail(email) {
		p.Add("email", "format", "give an email address like name@example.com")
	}
	if !slices.Contains([]domain.OrgRole{domain.OrgAdmin, domain.OrgCoordinator}, role) {
		p.Add("role", "unknown", "the role is org_admin or org_coordinator")
	}
	if err := p.Err(); err != nil {
		return OrgPerson{}, err
	}
	u, err := s.communityMemberByEmail(ctx, a, email)
	if err != nil {
		return OrgPerson{}, err
	}
	if err := s.store.PutOrganisationMember(ctx, a.community.ID, orgID, u.ID, role); err != nil {
		return OrgPerson{}, err
	}
	s.log.InfoContext(ctx, "organisation member added", "community", slug, "organisation_id", orgID,
		"user_id", u.ID, "role", role, "by", a.user.ID)
	return OrgPerson{UserID: u.ID, Name: u.Name, Role: role}, nil
}

// communityMemberByEmail finds the member of the community with email.
func (s *Service) communityMemberByEmail(ctx context.Context, a access, email string) (domain.User, error) {
	notMember := fieldError(domain.KindInvalid, "email", "not_a_member", "no member of this community has this email")
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.User{}, notMember
	}
	if err != nil {
		return domain.User{}, err
	}
	if _, err := s.store.Membership(ctx, a.community.ID, u.ID); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return domain.User{}, notMember
		}
		return domain.User{}, err
	}
	return u, nil
}

// managesOrganisation checks, as AddOrganisationMember does, that the
// organisation exists here and that the actor is one of its admins or a
// community admin.
func (s *Service) managesOrganisation(ctx context.Context, a access, orgID int64) error {
	if _, err := s.organisation(ctx, a, orgID); err != nil {
		return err
	}
	if a.can(domain.PermEditCommunity) {
		return nil
	}
	mine, err := s.store.OrganisationRole(ctx, a.community.ID, orgID, a.user.ID)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return err
	}
	if mine != domain.OrgAdmin {
		return domain.Forbidden("not_organisation_admin", "only the organisation's admins and the community's admins may manage its people")
	}
	return nil
}

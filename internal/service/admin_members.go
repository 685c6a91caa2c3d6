package service

import (
	"context"

	"mutua/internal/auth"
	"mutua/internal/domain"
)

// AdminRights is what the acting user may do on a community's admin pages,
// so the pages offer only what the service would allow.
type AdminRights struct {
	Community domain.Community
	// Role is the acting user's role; operators count as admins.
	Role domain.Role
	// Grantable are the roles the user may give, least trusted first.
	Grantable []domain.Role
	// EditCommunity: settings and places. Vet: mark volunteers as vetted.
	EditCommunity, Vet bool
}

// AdminRights returns the acting user's rights in the community: admins and
// coordinators have some, everyone else gets a forbidden error.
func (s *Service) AdminRights(ctx context.Context, slug string) (AdminRights, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewMembers)
	if err != nil {
		return AdminRights{}, err
	}
	r := AdminRights{Community: a.community, Role: a.role,
		EditCommunity: a.can(domain.PermEditCommunity), Vet: a.can(domain.PermVet)}
	for _, role := range domain.Roles {
		if auth.CanGrant(a.role, role) {
			r.Grantable = append(r.Grantable, role)
		}
	}
	return r, nil
}

// MemberRow is one line of the members page: the member, and whether they
// have a volunteer profile and whether it is vetted.
type MemberRow struct {
	domain.Member
	HasProfile, Vetted bool
}

// MemberList lists a page of the community's members (see Members) with
// their vetting, for its coordinators and admins.
func (s *Service) MemberList(ctx context.Context, slug string, page domain.Page) ([]MemberRow, error) {
	members, err := s.Members(ctx, slug, page)
	if err != nil {
		return nil, err
	}
	if len(members) == 0 {
		return []MemberRow{}, nil
	}
	ids := make([]int64, len(members))
	for i, m := range members {
		ids[i] = m.UserID
	}
	vetting, err := s.store.VolunteerVetting(ctx, members[0].CommunityID, ids)
	if err != nil {
		return nil, err
	}
	rows := make([]MemberRow, len(members))
	for i, m := range members {
		vetted, has := vetting[m.UserID]
		rows[i] = MemberRow{Member: m, HasProfile: has, Vetted: vetted}
	}
	return rows, nil
}

// roleRank orders roles from least to most trusted.
func roleRank(r domain.Role) int {
	for i, x := range domain.Roles {
		if x == r {
			return i
		}
	}
	return -1
}

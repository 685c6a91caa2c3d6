package service

import (
	"context"
	"errors"

	"mutua/internal/auth"
	"mutua/internal/domain"
)

// GrantRole gives the account with g.Email the role g.Role in the community.
// Admins grant any role; coordinators onboard members and volunteers. Nobody
// may change the role of someone above what they could grant, and the last
// admin cannot be demoted, so a community never locks itself out.
//
// created reports whether the person was not a member before.
func (s *Service) GrantRole(ctx context.Context, slug string, g domain.Grant) (m domain.Member, created bool, err error) {
	g.Email = domain.NormalizeEmail(g.Email)
	if err := g.Validate(); err != nil {
		return domain.Member{}, false, err
	}
	a, err := s.authorize(ctx, slug, domain.PermGrantRoles)
	if err != nil {
		return domain.Member{}, false, err
	}
	if !auth.CanGrant(a.role, g.Role) {
		return domain.Member{}, false, domain.Forbidden("role_not_grantable", "your role may not grant the role "+string(g.Role))
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		target, err := s.store.UserByEmail(ctx, g.Email)
		if errors.Is(err, domain.ErrNotFound) {
			return &domain.Error{Kind: domain.KindNotFound, Code: "user_not_found",
				Message: "there is no account with this email; ask the person to register first"}
		}
		if err != nil {
			return err
		}
		existed, err := s.checkRoleChange(ctx, a, target.ID, g.Role)
		if err != nil {
			return err
		}
		created = !existed
		if err := s.store.PutMembership(ctx, a.community.ID, target.ID, g.Role); err != nil {
			return err
		}
		got, err := s.store.Membership(ctx, a.community.ID, target.ID)
		got.CommunitySlug = a.community.Slug
		m = domain.Member{Membership: got, Email: target.Email, Name: target.Name}
		return err
	})
	if err != nil {
		return domain.Member{}, false, err
	}
	s.log.InfoContext(ctx, "role granted", "community", slug, "user_id", m.UserID, "role", g.Role, "by", a.user.ID)
	return m, created, nil
}

// checkRoleChange refuses to change a current role the actor could not
// grant, and refuses to demote the community's last admin.
// It reports whether the user already was a member.
func (s *Service) checkRoleChange(ctx context.Context, a access, userID int64, to domain.Role) (bool, error) {
	cur, err := s.store.Membership(ctx, a.community.ID, userID)
	if errors.Is(err, domain.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !auth.CanGrant(a.role, cur.Role) {
		return true, domain.Forbidden("role_not_grantable", "your role may not change the role of a "+string(cur.Role))
	}
	if cur.Role == domain.RoleAdmin && to != domain.RoleAdmin {
		n, err := s.store.CountMembersWithRole(ctx, a.community.ID, domain.RoleAdmin)
		if err != nil {
			return true, err
		}
		if n <= 1 {
			return true, &domain.Error{Kind: domain.KindConflict, Code: "last_admin",
				Message: "a community needs at least one admin; make someone else admin first"}
		}
	}
	return true, nil
}

// Members lists a community's members for its coordinators and admins.
func (s *Service) Members(ctx context.Context, slug string, page domain.Page) ([]domain.Member, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewMembers)
	if err != nil {
		return nil, err
	}
	return s.store.ListMembers(ctx, a.community.ID, clampPage(page))
}

// Join makes the acting user a member of the community. Joining twice keeps
// the role the user already has.
func (s *Service) Join(ctx context.Context, slug string) (domain.Membership, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return domain.Membership{}, err
	}
	c, err := s.communityBySlug(ctx, slug)
	if err != nil {
		return domain.Membership{}, err
	}
	var m domain.Membership
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		m, err = s.store.Membership(ctx, c.ID, u.ID)
		if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		if err := s.store.PutMembership(ctx, c.ID, u.ID, domain.RoleMember); err != nil {
			return err
		}
		m, err = s.store.Membership(ctx, c.ID, u.ID)
		return err
	})
	m.CommunitySlug = c.Slug
	return m, err
}

// Role returns the acting user's role in the community, or "" when they are
// not a member. Pages use it to show what the user can do.
func (s *Service) Role(ctx context.Context, c domain.Community) domain.Role {
	u, ok := ActorFrom(ctx)
	if !ok {
		return ""
	}
	m, err := s.store.Membership(ctx, c.ID, u.ID)
	if err != nil {
		return ""
	}
	return m.Role
}

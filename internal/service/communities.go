package service

import (
	"context"
	"errors"

	"mutua/internal/auth"
	"mutua/internal/domain"
)

// CreateCommunity lets the instance operator open a new community.
func (s *Service) CreateCommunity(ctx context.Context, c domain.Community) (domain.Community, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return domain.Community{}, err
	}
	if !u.IsOperator {
		return domain.Community{}, domain.Forbidden("operator_only", "only the instance operator can create communities")
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return domain.Community{}, err
	}
	err = s.store.CreateCommunity(ctx, &c)
	if errors.Is(err, domain.ErrDuplicate) {
		return domain.Community{}, &domain.Error{Kind: domain.KindConflict, Code: "slug_taken",
			Message: "a community with this slug already exists",
			Fields:  []domain.FieldError{{Field: "slug", Code: "taken", Message: "already taken"}}}
	}
	if err != nil {
		return domain.Community{}, err
	}
	s.log.InfoContext(ctx, "community created", "community", c.Slug, "by", u.ID)
	return c, nil
}

// Communities lists the public information of every community.
func (s *Service) Communities(ctx context.Context, page domain.Page) ([]domain.Community, error) {
	return s.store.ListCommunities(ctx, clampPage(page))
}

// Community returns one community's public information by slug.
func (s *Service) Community(ctx context.Context, slug string) (domain.Community, error) {
	return s.communityBySlug(ctx, slug)
}

func (s *Service) communityBySlug(ctx context.Context, slug string) (domain.Community, error) {
	if slug == "" || len(slug) > 40 {
		return domain.Community{}, domain.NotFound("community")
	}
	c, err := s.store.CommunityBySlug(ctx, slug)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Community{}, domain.NotFound("community")
	}
	return c, err
}

// access is what the acting user may do in one community.
type access struct {
	user      domain.User
	community domain.Community
	// role is the member's role; operators who are not members act as admins.
	role domain.Role
}

// authorize loads the community and checks that the acting user holds perm
// there. It is the one gate every community-scoped use case passes.
func (s *Service) authorize(ctx context.Context, slug string, perm domain.Permission) (access, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return access{}, err
	}
	c, err := s.communityBySlug(ctx, slug)
	if err != nil {
		return access{}, err
	}
	a := access{user: u, community: c}
	m, err := s.store.Membership(ctx, c.ID, u.ID)
	switch {
	case err == nil:
		a.role = m.Role
	case !errors.Is(err, domain.ErrNotFound):
		return access{}, err
	}
	if u.IsOperator {
		a.role = domain.RoleAdmin
	}
	if a.role == "" {
		return access{}, domain.Forbidden("not_a_member", "you are not a member of this community")
	}
	if !auth.Can(a.role, perm) {
		return access{}, domain.Forbidden("forbidden", "your role in this community does not allow this")
	}
	return a, nil
}

// can reports whether the access allows perm.
func (a access) can(perm domain.Permission) bool { return auth.Can(a.role, perm) }

// reader is authorize for what the community shows to everyone:
// organisations, opportunities and their shifts. Visitors who are not
// logged in, and people who are not members, read with no role. A
// credential that was sent but is wrong still fails, so that a client
// with an expired token learns it instead of silently seeing less.
func (s *Service) reader(ctx context.Context, slug string) (access, error) {
	u, err := s.actor(ctx)
	if err != nil && !errors.Is(err, domain.ErrUnauthenticated) {
		return access{}, err
	}
	if err != nil {
		c, err := s.communityBySlug(ctx, slug)
		return access{community: c}, err
	}
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if domain.KindOf(err) == domain.KindForbidden {
		c, err := s.communityBySlug(ctx, slug)
		return access{user: u, community: c}, err
	}
	return a, err
}

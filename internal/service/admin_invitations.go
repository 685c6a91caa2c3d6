package service

import (
	"context"
	"errors"
	"fmt"

	"mutua/internal/auth"
	"mutua/internal/domain"
)

// Invite creates an invitation into the community with a role for the
// person at g.Email, and returns it with the token for its link. The token
// is shown this once: only its hash is stored. Admins invite with any role,
// coordinators with the roles they may grant (see GrantRole).
func (s *Service) Invite(ctx context.Context, slug string, g domain.Grant) (domain.Invitation, string, error) {
	g.Email = domain.NormalizeEmail(g.Email)
	if err := g.Validate(); err != nil {
		return domain.Invitation{}, "", err
	}
	a, err := s.authorize(ctx, slug, domain.PermGrantRoles)
	if err != nil {
		return domain.Invitation{}, "", err
	}
	if !auth.CanGrant(a.role, g.Role) {
		return domain.Invitation{}, "", domain.Forbidden("role_not_grantable", "your role may not grant the role "+string(g.Role))
	}
	if err := s.checkNotMember(ctx, a.community.ID, g.Email); err != nil {
		return domain.Invitation{}, "", err
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return domain.Invitation{}, "", err
	}
	inv := domain.Invitation{CommunityID: a.community.ID, Email: g.Email, Role: g.Role, TokenHash: hash,
		InvitedBy: a.user.ID, InvitedByName: a.user.Name, ExpiresAt: s.now().UTC().Add(domain.InvitationTTL)}
	if err := s.store.CreateInvitation(ctx, &inv); err != nil {
		return domain.Invitation{}, "", err
	}
	s.log.InfoContext(ctx, "invitation created", "community", slug, "invitation_id", inv.ID, "role", g.Role, "by", a.user.ID)
	return inv, token, nil
}

// checkNotMember refuses to invite someone who is a member already: their
// role is changed on the members page, where the last-admin rule holds.
func (s *Service) checkNotMember(ctx context.Context, communityID int64, email string) error {
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = s.store.Membership(ctx, communityID, u.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return &domain.Error{Kind: domain.KindConflict, Code: "already_member",
		Message: "this person is a member already; change their role on the members page",
		Fields:  []domain.FieldError{{Field: "email", Code: "member", Message: "already a member"}}}
}

// Invitations lists the community's unused invitations, newest first, to
// those who may invite.
func (s *Service) Invitations(ctx context.Context, slug string, page domain.Page) ([]domain.Invitation, error) {
	a, err := s.authorize(ctx, slug, domain.PermGrantRoles)
	if err != nil {
		return nil, err
	}
	return s.store.OpenInvitations(ctx, a.community.ID, clampPage(page))
}

// RevokeInvitation withdraws an unused invitation, so its link stops
// working. Anyone who may invite may withdraw any open invitation: that
// only ever takes access away.
func (s *Service) RevokeInvitation(ctx context.Context, slug string, id int64) error {
	a, err := s.authorize(ctx, slug, domain.PermGrantRoles)
	if err != nil {
		return err
	}
	if err := s.store.DeleteInvitation(ctx, a.community.ID, id); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return domain.NotFound("invitation")
		}
		return err
	}
	s.log.InfoContext(ctx, "invitation revoked", "community", slug, "invitation_id", id, "by", a.user.ID)
	return nil
}

// InvitationView is what the page behind an invitation link shows.
type InvitationView struct {
	Invitation domain.Invitation
	Community  domain.Community
}

var (
	errInvitationUsed = &domain.Error{Kind: domain.KindConflict, Code: "invitation_used",
		Message: "this invitation has been used already"}
	errInvitationExpired = &domain.Error{Kind: domain.KindConflict, Code: "invitation_expired",
		Message: "this invitation has expired; ask for a new one"}
)

// Invitation looks up the invitation behind a link's token. Anyone holding
// the link may see it: the link is the credential. A used or expired link
// says so, so the person knows to ask for a new one.
func (s *Service) Invitation(ctx context.Context, token string) (InvitationView, error) {
	if token == "" || len(token) > 100 {
		return InvitationView{}, domain.NotFound("invitation")
	}
	inv, err := s.store.InvitationByHash(ctx, auth.HashToken(token))
	if errors.Is(err, domain.ErrNotFound) {
		return InvitationView{}, domain.NotFound("invitation")
	}
	if err != nil {
		return InvitationView{}, err
	}
	switch now := s.now(); {
	case !inv.AcceptedAt.IsZero():
		return InvitationView{}, errInvitationUsed
	case inv.Expired(now):
		return InvitationView{}, errInvitationExpired
	}
	c, err := s.store.CommunityByID(ctx, inv.CommunityID)
	if err != nil {
		return InvitationView{}, err
	}
	return InvitationView{Invitation: inv, Community: c}, nil
}

// AcceptInvitation makes the logged-in user a member with the invitation's
// role. Accepting never lowers a role someone already has: an admin who
// follows a link meant for a volunteer stays admin. The link then is used.
func (s *Service) AcceptInvitation(ctx context.Context, token string) (domain.Membership, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return domain.Membership{}, err
	}
	view, err := s.Invitation(ctx, token)
	if err != nil {
		return domain.Membership{}, err
	}
	inv, c := view.Invitation, view.Community
	var m domain.Membership
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.useInvitation(ctx, inv, u.ID); err != nil {
			return err
		}
		cur, err := s.store.Membership(ctx, c.ID, u.ID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		isMember := err == nil
		if !isMember || roleRank(inv.Role) > roleRank(cur.Role) {
			if err := s.store.PutMembership(ctx, c.ID, u.ID, inv.Role); err != nil {
				return err
			}
		}
		m, err = s.store.Membership(ctx, c.ID, u.ID)
		return err
	})
	if err != nil {
		return domain.Membership{}, err
	}
	s.log.InfoContext(ctx, "invitation accepted", "community", c.Slug, "invitation_id", inv.ID, "user_id", u.ID, "role", m.Role)
	return m, nil
}

// RegisterByInvitation opens an account for the invitation's email, makes
// it a member with the invitation's role and logs it in. Name, password and
// language come from r; its community and email are ignored.
func (s *Service) RegisterByInvitation(ctx context.Context, token string, r domain.Registration) (Session, error) {
	if err := limited(s.regIP, clientIP(ctx)); err != nil {
		return Session{}, err
	}
	view, err := s.Invitation(ctx, token)
	if err != nil {
		return Session{}, err
	}
	inv, c := view.Invitation, view.Community
	r.Community, r.Email = c.Slug, inv.Email
	r.Normalize()
	if err := r.Validate(); err != nil {
		return Session{}, err
	}
	hash, err := s.hasher.Hash(r.Password)
	if err != nil {
		return Session{}, fmt.Errorf("hash password: %w", err)
	}
	u := domain.User{Email: r.Email, Name: r.Name, Language: r.Language, PasswordHash: hash}
	var sess Session
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateUser(ctx, &u); err != nil {
			return err
		}
		if err := s.store.PutMembership(ctx, c.ID, u.ID, inv.Role); err != nil {
			return err
		}
		if err := s.useInvitation(ctx, inv, u.ID); err != nil {
			return err
		}
		sess, err = s.openSession(ctx, u)
		return err
	})
	if errors.Is(err, domain.ErrDuplicate) {
		return Session{}, &domain.Error{Kind: domain.KindConflict, Code: "email_taken",
			Message: "an account with this email already exists; log in and accept the invitation"}
	}
	if err != nil {
		return Session{}, err
	}
	s.log.InfoContext(ctx, "account registered by invitation", "user_id", u.ID, "community", c.Slug, "role", inv.Role)
	return sess, nil
}

// useInvitation marks the invitation used, turning a race lost to another
// use, or an expiry in the meantime, into the error the page explains.
func (s *Service) useInvitation(ctx context.Context, inv domain.Invitation, userID int64) error {
	err := s.store.UseInvitation(ctx, inv.CommunityID, inv.ID, userID, s.now().UTC())
	switch {
	case errors.Is(err, domain.ErrStateChanged):
		return errInvitationUsed
	case errors.Is(err, domain.ErrNotFound):
		// Revoked between loading and using it.
		return domain.NotFound("invitation")
	}
	return err
}

package service

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"mutua/internal/auth"
	"mutua/internal/domain"
)

// SetLanguage stores the language the acting user wants pages and messages
// in. It must be one mutua has a catalogue for: a preference nobody can
// honour would silently fall back to English.
func (s *Service) SetLanguage(ctx context.Context, lang string) (domain.User, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return domain.User{}, err
	}
	if !slices.Contains(domain.Languages, lang) {
		var p domain.Problems
		p.Add("language", "format", "choose one of "+fmt.Sprint(domain.Languages))
		return domain.User{}, p.Err()
	}
	if err := s.store.SetUserLanguage(ctx, u.ID, lang); err != nil {
		return domain.User{}, err
	}
	u.Language = lang
	return u, nil
}

var errWrongPassword = &domain.Error{Kind: domain.KindInvalid, Code: "wrong_password",
	Message: "the current password is not right",
	Fields:  []domain.FieldError{{Field: "current_password", Code: "wrong", Message: "not your current password"}}}

// ChangePassword replaces the acting user's password after checking the
// current one. Guessing through this form costs the same tries as guessing
// at the login form: both draw on the same per-address and per-account
// limits, so having two forms does not double an attacker's budget.
//
// Every session of the user ends, since a password is often changed because
// someone else may know it; the returned session replaces the caller's.
func (s *Service) ChangePassword(ctx context.Context, current, next string) (Session, error) {
	actor, err := s.actor(ctx)
	if err != nil {
		return Session{}, err
	}
	if ip := clientIP(ctx); ip != "" {
		if err := limited(s.loginIP, ip); err != nil {
			return Session{}, err
		}
		if err := limited(s.loginAc, actor.Email); err != nil {
			return Session{}, err
		}
	}
	u, err := s.store.UserByID(ctx, actor.ID)
	if err != nil {
		return Session{}, err
	}
	var p domain.Problems
	if ok, err := s.checkPassword(current, u.PasswordHash); err != nil {
		return Session{}, err
	} else if !ok {
		p = append(p, errWrongPassword.Fields...)
	}
	domain.ValidatePassword(&p, "new_password", next)
	if len(p) > 0 {
		if len(p) == 1 && p[0].Field == "current_password" {
			return Session{}, errWrongPassword
		}
		return Session{}, p.Err()
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return Session{}, fmt.Errorf("hash password: %w", err)
	}
	var sess Session
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		if err := s.store.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		sess, err = s.openSession(ctx, u)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	s.log.InfoContext(ctx, "password changed", "user_id", u.ID)
	return sess, nil
}

// checkPassword verifies password against a stored hash. An account
// without a usable hash (imported, never logged in) has no current
// password to give, so nothing matches.
func (s *Service) checkPassword(password, hash string) (bool, error) {
	if password == "" || len(password) > 4*domain.MaxPasswordLen {
		return false, nil
	}
	ok, err := s.hasher.Verify(password, hash)
	if errors.Is(err, auth.ErrMalformedHash) {
		s.hasher.Dummy(password)
		return false, nil
	}
	return ok, err
}

// MyCommunity is one community of the acting user, for the account page.
type MyCommunity struct {
	Community domain.Community
	Role      domain.Role
	// Manage: the role opens the community's admin pages (members and
	// invitations); Edit: its settings and places too.
	Manage, Edit bool
}

// MyCommunities lists the communities the acting user belongs to with
// their role, ordered by community name. People belong to a handful, so
// the communities are read one by one.
func (s *Service) MyCommunities(ctx context.Context) ([]MyCommunity, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := s.store.MembershipsOfUser(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	out := make([]MyCommunity, 0, len(ms))
	for _, m := range ms {
		c, err := s.store.CommunityByID(ctx, m.CommunityID)
		if err != nil {
			return nil, err
		}
		out = append(out, MyCommunity{Community: c, Role: m.Role,
			Manage: auth.Can(m.Role, domain.PermViewMembers), Edit: auth.Can(m.Role, domain.PermEditCommunity)})
	}
	return out, nil
}

// OperatorCommunities lists every community for the instance operator's
// page, ordered by name.
func (s *Service) OperatorCommunities(ctx context.Context, page domain.Page) ([]domain.Community, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return nil, err
	}
	if !u.IsOperator {
		return nil, domain.Forbidden("operator_only", "only the instance operator may see this")
	}
	return s.store.ListCommunities(ctx, clampPage(page))
}

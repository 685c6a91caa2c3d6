package service

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
)

// LoginLinkStore keeps one-time login and password-reset links by the hash
// of their token.
type LoginLinkStore interface {
	// CreateLoginLink stores a link and sets its ID.
	CreateLoginLink(ctx context.Context, l *domain.LoginLink) error
	// LoginLinkByHash returns a link whatever its state, or is
	// domain.ErrNotFound.
	LoginLinkByHash(ctx context.Context, hash []byte) (domain.LoginLink, error)
	// UseLoginLink marks an unused, unexpired link of the purpose used at
	// at, atomically; anything else is domain.ErrStateChanged.
	UseLoginLink(ctx context.Context, hash []byte, purpose domain.LinkPurpose, at time.Time) (domain.LoginLink, error)
	// DeleteExpiredLoginLinks removes links that expired before the time.
	DeleteExpiredLoginLinks(ctx context.Context, before time.Time) (int64, error)
}

// linkKeep is how long an expired or used link's row stays: for a day its
// page still says "expired" rather than "unknown".
const linkKeep = 24 * time.Hour

// PruneLoginLinks removes the rows of links that expired more than a day
// ago; a scheduled job calls it. It returns how many it removed.
func (s *Service) PruneLoginLinks(ctx context.Context) (int64, error) {
	return s.store.DeleteExpiredLoginLinks(ctx, s.now().Add(-linkKeep))
}

// Errors of one-time links. Used and expired links say so, so that the page
// can tell the person what happened and offer a fresh link; a token that
// was never issued (or was mistyped, or is for the other purpose) is
// link_invalid.
var (
	errLinkInvalid = &domain.Error{Kind: domain.KindNotFound, Code: "link_invalid",
		Message: "this link does not work; ask for a new one"}
	errLinkUsed = &domain.Error{Kind: domain.KindConflict, Code: "link_used",
		Message: "this link has been used already; ask for a new one"}
	errLinkExpired = &domain.Error{Kind: domain.KindConflict, Code: "link_expired",
		Message: "this link has expired; ask for a new one"}
)

// LinkGone reports whether err says a one-time link was used or has
// expired: gone for good, so the person needs a new one (HTTP 410).
func LinkGone(err error) bool {
	return errors.Is(err, errLinkUsed) || errors.Is(err, errLinkExpired)
}

// linkPaths are the pages the emailed links open, by purpose.
var linkPaths = map[domain.LinkPurpose]string{
	domain.LinkLogin: "/login/link",
	domain.LinkReset: "/login/reset",
}

// linkKinds are the notifications that carry the links, by purpose.
var linkKinds = map[domain.LinkPurpose]domain.NotificationKind{
	domain.LinkLogin: domain.NotifyLoginLink,
	domain.LinkReset: domain.NotifyPasswordReset,
}

// RequestLoginLink emails the account with this address a one-time link
// that logs it in. next, a local path, is where the link leads afterwards.
// See requestLink for what the answer does not reveal.
func (s *Service) RequestLoginLink(ctx context.Context, email, next string) error {
	return s.requestLink(ctx, domain.LinkLogin, email, next)
}

// RequestPasswordReset emails the account with this address a one-time
// link to choose a new password. See requestLink.
func (s *Service) RequestPasswordReset(ctx context.Context, email, next string) error {
	return s.requestLink(ctx, domain.LinkReset, email, next)
}

// linkRequestFloor is the least time a request for a link takes, whether
// an account has the address or not. Without an account the two inserts
// and the commit are skipped, which is measurably faster (about 0.5 ms
// against 0.08 ms on SQLite); waiting out the floor makes both answers
// take the same time, as hasher.Dummy does for logins.
const linkRequestFloor = 40 * time.Millisecond

// requestLink makes a link and queues its email in one transaction. The
// answer is the same whether an account has the address or not, and so is
// the time it takes: a token is made and a transaction runs either way,
// and the answer waits for linkRequestFloor. Otherwise the form would tell
// anyone who uses this site.
//
// Requests are limited per address and per client address, in buckets of
// their own beside the login attempts' (keys prefixed "link:"), so asking
// for links cannot lock anyone out of logging in with a password, and
// nobody can flood an inbox with them.
func (s *Service) requestLink(ctx context.Context, purpose domain.LinkPurpose, email, next string) error {
	email = domain.NormalizeEmail(email)
	if !domain.ValidEmail(email) {
		var p domain.Problems
		p.Add("email", "format", "enter a valid email address")
		return p.Err()
	}
	if ip := clientIP(ctx); ip != "" {
		if err := limited(s.loginIP, "link:"+ip); err != nil {
			return err
		}
		if err := limited(s.loginAc, "link:"+email); err != nil {
			return err
		}
	}
	defer waitOut(ctx, time.Now().Add(linkRequestFloor))
	token, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	now := s.now().UTC()
	var sentTo int64
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		u, err := s.store.UserByEmail(ctx, email)
		if errors.Is(err, domain.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		l := domain.LoginLink{UserID: u.ID, Purpose: purpose, TokenHash: hash, CreatedAt: now, ExpiresAt: now.Add(domain.LoginLinkTTL)}
		if err := s.store.CreateLoginLink(ctx, &l); err != nil {
			return err
		}
		sentTo = u.ID
		return s.enqueue(ctx, domain.Notification{UserID: u.ID, Kind: linkKinds[purpose],
			Data: map[string]string{"path": linkPath(purpose, token, next)}})
	})
	if err != nil {
		return fmt.Errorf("request %s link: %w", purpose, err)
	}
	if sentTo != 0 {
		s.log.InfoContext(ctx, "one-time link sent", "purpose", purpose, "user_id", sentTo)
	}
	return nil
}

// waitOut sleeps until the wall clock reaches until, or the caller gives
// up. It uses the real clock, not the service's: it is about how long the
// answer takes to arrive.
func waitOut(ctx context.Context, until time.Time) {
	d := time.Until(until)
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// linkPath is the local address the email links to: the page for the
// purpose with the token, and next when it is a path on this site.
func linkPath(purpose domain.LinkPurpose, token, next string) string {
	q := url.Values{"token": {token}}
	if u, err := url.Parse(next); err == nil && next != "" && u.Scheme == "" && u.Host == "" &&
		len(next) < 500 && next[0] == '/' && (len(next) == 1 || (next[1] != '/' && next[1] != '\\')) {
		q.Set("next", next)
	}
	return linkPaths[purpose] + "?" + q.Encode()
}

// LoginLinkUser returns the account a link of the purpose opens, without
// using the link: the page behind it shows whose it is and asks for a
// click, because mail scanners open links by themselves and must not use
// them up. A link that would not work gives the error that says why.
func (s *Service) LoginLinkUser(ctx context.Context, purpose domain.LinkPurpose, token string) (domain.User, error) {
	l, err := s.usableLink(ctx, purpose, token)
	if err != nil {
		return domain.User{}, err
	}
	return s.store.UserByID(ctx, l.UserID)
}

// usableLink finds the link behind token and checks, without using it,
// that it is of the purpose, unused and unexpired.
func (s *Service) usableLink(ctx context.Context, purpose domain.LinkPurpose, token string) (domain.LoginLink, error) {
	if token == "" || len(token) > 100 {
		return domain.LoginLink{}, errLinkInvalid
	}
	l, err := s.store.LoginLinkByHash(ctx, auth.HashToken(token))
	if errors.Is(err, domain.ErrNotFound) || (err == nil && l.Purpose != purpose) {
		return domain.LoginLink{}, errLinkInvalid
	}
	if err != nil {
		return domain.LoginLink{}, err
	}
	switch {
	case l.Used():
		return domain.LoginLink{}, errLinkUsed
	case l.Expired(s.now()):
		return domain.LoginLink{}, errLinkExpired
	}
	return l, nil
}

// useLink uses the link for good inside the context's transaction. When
// another request used it first, or it expired in the meantime, the error
// says which.
func (s *Service) useLink(ctx context.Context, purpose domain.LinkPurpose, token string) (domain.LoginLink, error) {
	l, err := s.store.UseLoginLink(ctx, auth.HashToken(token), purpose, s.now().UTC())
	if errors.Is(err, domain.ErrStateChanged) {
		if _, err := s.usableLink(ctx, purpose, token); err != nil {
			return domain.LoginLink{}, err
		}
		return domain.LoginLink{}, errLinkUsed
	}
	return l, err
}

// RedeemLoginLink uses a login link and opens a session for its account.
func (s *Service) RedeemLoginLink(ctx context.Context, token string) (Session, error) {
	if _, err := s.usableLink(ctx, domain.LinkLogin, token); err != nil {
		return Session{}, err
	}
	var sess Session
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		l, err := s.useLink(ctx, domain.LinkLogin, token)
		if err != nil {
			return err
		}
		u, err := s.store.UserByID(ctx, l.UserID)
		if err != nil {
			return err
		}
		sess, err = s.openSession(ctx, u)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	s.log.InfoContext(ctx, "logged in by link", "user_id", sess.User.ID)
	return sess, nil
}

// RedeemPasswordReset uses a reset link: it sets the new password, ends
// every session of the account (whoever knew the old password is out) and
// opens a new one. A password the rules refuse leaves the link unused, so
// the person can try again with a better one.
func (s *Service) RedeemPasswordReset(ctx context.Context, token, password string) (Session, error) {
	if _, err := s.usableLink(ctx, domain.LinkReset, token); err != nil {
		return Session{}, err
	}
	var p domain.Problems
	domain.ValidatePassword(&p, "password", password)
	if err := p.Err(); err != nil {
		return Session{}, err
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return Session{}, fmt.Errorf("hash password: %w", err)
	}
	var sess Session
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		l, err := s.useLink(ctx, domain.LinkReset, token)
		if err != nil {
			return err
		}
		u, err := s.store.UserByID(ctx, l.UserID)
		if err != nil {
			return err
		}
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
	s.log.InfoContext(ctx, "password reset by link", "user_id", sess.User.ID)
	return sess, nil
}

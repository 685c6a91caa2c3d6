package service

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"mutua/internal/auth"
	"mutua/internal/domain"
)

var errBadCredentials = &domain.Error{Kind: domain.KindUnauthenticated, Code: "invalid_credentials",
	Message: "the email or password is not right"}

// Register opens an account and makes it a member of the named community.
func (s *Service) Register(ctx context.Context, r domain.Registration) (domain.User, error) {
	r.Normalize()
	if err := limited(s.regIP, clientIP(ctx)); err != nil {
		return domain.User{}, err
	}
	if err := r.Validate(); err != nil {
		return domain.User{}, err
	}
	c, err := s.communityBySlug(ctx, r.Community)
	if err != nil {
		return domain.User{}, err
	}
	hash, err := s.hasher.Hash(r.Password)
	if err != nil {
		return domain.User{}, fmt.Errorf("hash password: %w", err)
	}
	u := domain.User{Email: r.Email, Name: r.Name, Language: r.Language, PasswordHash: hash}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateUser(ctx, &u); err != nil {
			return err
		}
		if err := s.store.PutMembership(ctx, c.ID, u.ID, domain.RoleMember); err != nil {
			return err
		}
		return s.enqueue(ctx, domain.Notification{CommunityID: c.ID, UserID: u.ID, Kind: domain.NotifyWelcome,
			Data: map[string]string{"path": "/c/" + url.PathEscape(c.Slug)}})
	})
	if errors.Is(err, domain.ErrDuplicate) {
		return domain.User{}, &domain.Error{Kind: domain.KindConflict, Code: "email_taken",
			Message: "an account with this email already exists; log in instead",
			Fields:  []domain.FieldError{{Field: "email", Code: "taken", Message: "already registered"}}}
	}
	if err != nil {
		return domain.User{}, err
	}
	s.log.InfoContext(ctx, "account registered", "user_id", u.ID, "community", c.Slug)
	return u, nil
}

// Session is a fresh login: the token is shown once, to its owner.
type Session struct {
	Token string
	User  domain.User
	domain.Session
}

// Login checks credentials and opens a session.
func (s *Service) Login(ctx context.Context, email, password string) (Session, error) {
	email = domain.NormalizeEmail(email)
	if ip := clientIP(ctx); ip != "" {
		if err := limited(s.loginIP, ip); err != nil {
			return Session{}, err
		}
		if err := limited(s.loginAc, email); err != nil {
			return Session{}, err
		}
	}
	if email == "" || password == "" || len(password) > 4*domain.MaxPasswordLen {
		return Session{}, errBadCredentials
	}
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) {
		s.hasher.Dummy(password)
		return Session{}, errBadCredentials
	}
	if err != nil {
		return Session{}, err
	}
	ok, err := s.hasher.Verify(password, u.PasswordHash)
	if errors.Is(err, auth.ErrMalformedHash) {
		// Imported accounts without a password: answer as slowly as for
		// a real one, so timing does not tell them apart.
		s.hasher.Dummy(password)
	} else if err != nil {
		return Session{}, err
	}
	if !ok {
		return Session{}, errBadCredentials
	}
	return s.openSession(ctx, u)
}

func (s *Service) openSession(ctx context.Context, u domain.User) (Session, error) {
	token, hash, err := auth.NewToken()
	if err != nil {
		return Session{}, err
	}
	now := s.now().UTC()
	sess := domain.Session{TokenHash: hash, UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.ttl)}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return Session{}, err
	}
	return Session{Token: token, User: u, Session: sess}, nil
}

var (
	errInvalidToken = &domain.Error{Kind: domain.KindUnauthenticated, Code: "invalid_token", Message: "this session is not valid; please log in again"}
	errExpiredToken = &domain.Error{Kind: domain.KindUnauthenticated, Code: "token_expired", Message: "this session has expired; please log in again"}
)

// Authenticate returns the user a session cookie or bearer token belongs to.
func (s *Service) Authenticate(ctx context.Context, token string) (domain.User, error) {
	if token == "" || len(token) > 100 {
		return domain.User{}, errInvalidToken
	}
	sess, err := s.store.SessionByHash(ctx, auth.HashToken(token))
	if errors.Is(err, domain.ErrNotFound) {
		return domain.User{}, errInvalidToken
	}
	if err != nil {
		return domain.User{}, err
	}
	if !s.now().Before(sess.ExpiresAt) {
		if err := s.store.DeleteSession(ctx, sess.TokenHash); err != nil {
			s.log.WarnContext(ctx, "delete expired session", "err", err)
		}
		return domain.User{}, errExpiredToken
	}
	return s.store.UserByID(ctx, sess.UserID)
}

// Logout ends the session with token. Ending an unknown session is not an
// error: the caller wanted it gone and it is.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.store.DeleteSession(ctx, auth.HashToken(token))
}

// LogoutEverywhere ends every session of the acting user.
func (s *Service) LogoutEverywhere(ctx context.Context) error {
	u, err := s.actor(ctx)
	if err != nil {
		return err
	}
	return s.store.DeleteUserSessions(ctx, u.ID)
}

// Me describes the acting user: account, memberships and what each allows.
type Me struct {
	User        domain.User    `json:"user"`
	Memberships []MyMembership `json:"memberships"`
}

// MyMembership is one community of the acting user with its permissions.
type MyMembership struct {
	domain.Membership
	Permissions []domain.Permission `json:"permissions"`
}

// Me returns the acting user's account and memberships.
func (s *Service) Me(ctx context.Context) (Me, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return Me{}, err
	}
	ms, err := s.store.MembershipsOfUser(ctx, u.ID)
	if err != nil {
		return Me{}, err
	}
	me := Me{User: u, Memberships: make([]MyMembership, 0, len(ms))}
	for _, m := range ms {
		me.Memberships = append(me.Memberships, MyMembership{Membership: m, Permissions: auth.PermissionsOf(m.Role)})
	}
	return me, nil
}

// CreateOperator bootstraps an instance from the command line: it creates
// the account, or promotes an existing one and resets its password. There is
// no acting user; whoever runs the binary on the server is trusted.
func (s *Service) CreateOperator(ctx context.Context, email, password, name string) (domain.User, error) {
	email = domain.NormalizeEmail(email)
	var p domain.Problems
	if !domain.ValidEmail(email) {
		p.Add("email", "format", "enter a valid email address")
	}
	domain.ValidatePassword(&p, "password", password)
	if err := p.Err(); err != nil {
		return domain.User{}, err
	}
	if name == "" {
		name = "Operator"
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return domain.User{}, err
	}
	var u domain.User
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		u, err = s.store.UserByEmail(ctx, email)
		if errors.Is(err, domain.ErrNotFound) {
			u = domain.User{Email: email, Name: name, PasswordHash: hash}
			if err := s.store.CreateUser(ctx, &u); err != nil {
				return err
			}
		} else if err != nil {
			return err
		} else if err := s.store.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		u.IsOperator = true
		return s.store.SetOperator(ctx, u.ID, true)
	})
	return u, err
}

// PruneSessions deletes sessions that have expired, so the table holds only
// logins that still count. A scheduled job calls it.
func (s *Service) PruneSessions(ctx context.Context) (int64, error) {
	return s.store.DeleteExpiredSessions(ctx, s.now())
}

package service

import (
	"context"
	"time"

	"mutua/internal/domain"
)

// Store is everything the service layer needs from storage. Package store
// implements it for SQLite and PostgreSQL; the service never sees SQL.
//
// Every method that reads or writes community data takes the community id, and
// every "not there" answer is domain.ErrNotFound, never a zero value.
type Store interface {
	// InTx runs fn in one transaction carried by the context it passes on;
	// store methods called with that context join the transaction.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error

	CommunityStore
	UserStore
	MembershipStore
	SessionStore
}

// CommunityStore keeps communities.
type CommunityStore interface {
	// CreateCommunity inserts c and sets its ID and CreatedAt. A taken slug
	// is domain.ErrDuplicate.
	CreateCommunity(ctx context.Context, c *domain.Community) error
	CommunityBySlug(ctx context.Context, slug string) (domain.Community, error)
	CommunityByID(ctx context.Context, id int64) (domain.Community, error)
	// ListCommunities returns communities ordered by name.
	ListCommunities(ctx context.Context, page domain.Page) ([]domain.Community, error)
}

// UserStore keeps accounts.
type UserStore interface {
	// CreateUser inserts u (with its PasswordHash) and sets its ID and
	// CreatedAt. A taken email is domain.ErrDuplicate.
	CreateUser(ctx context.Context, u *domain.User) error
	UserByID(ctx context.Context, id int64) (domain.User, error)
	// UserByEmail looks an account up by its normalized email.
	UserByEmail(ctx context.Context, email string) (domain.User, error)
	SetOperator(ctx context.Context, userID int64, operator bool) error
	SetPasswordHash(ctx context.Context, userID int64, hash string) error
}

// MembershipStore keeps who belongs to which community with which role.
type MembershipStore interface {
	// PutMembership creates the membership or changes its role.
	PutMembership(ctx context.Context, communityID, userID int64, role domain.Role) error
	// Membership returns the user's membership in the community.
	Membership(ctx context.Context, communityID, userID int64) (domain.Membership, error)
	// MembershipsOfUser lists every community the user belongs to, with slugs.
	MembershipsOfUser(ctx context.Context, userID int64) ([]domain.Membership, error)
	// ListMembers lists a community's members ordered by name.
	ListMembers(ctx context.Context, communityID int64, page domain.Page) ([]domain.Member, error)
	// CountMembersWithRole counts the community's members holding role.
	CountMembersWithRole(ctx context.Context, communityID int64, role domain.Role) (int, error)
}

// SessionStore keeps login sessions and API tokens by the hash of their token.
type SessionStore interface {
	CreateSession(ctx context.Context, s domain.Session) error
	// SessionByHash returns the session whatever its expiry; the service
	// decides whether it still counts.
	SessionByHash(ctx context.Context, hash []byte) (domain.Session, error)
	DeleteSession(ctx context.Context, hash []byte) error
	// DeleteUserSessions logs a user out everywhere.
	DeleteUserSessions(ctx context.Context, userID int64) error
	// DeleteExpiredSessions removes sessions that expired before now and
	// returns how many.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
}

package domain

import "time"

// Invitation lets an admin or coordinator bring a person into a community
// with a role: whoever opens its link registers (or, logged in, accepts) and
// becomes a member with Role. Only the hash of the link's token is stored, so
// the database does not hold working links.
type Invitation struct {
	ID          int64
	CommunityID int64
	// Email is the address the link was meant for; registering through the
	// link opens the account with it.
	Email string
	Role  Role
	// TokenHash is auth.HashToken of the token in the link.
	TokenHash []byte
	InvitedBy int64
	// InvitedByName is filled by listings, for the admin pages.
	InvitedByName string
	CreatedAt     time.Time
	ExpiresAt     time.Time
	// AcceptedAt is zero until someone used the link; a link works once.
	AcceptedAt time.Time
	AcceptedBy int64
}

// InvitationTTL is how long a link stays valid: two weeks leaves time for a
// letter or a holiday, and a forgotten link does not work forever.
const InvitationTTL = 14 * 24 * time.Hour

// Usable reports whether the link can still be used at now.
func (i Invitation) Usable(now time.Time) bool {
	return i.AcceptedAt.IsZero() && now.Before(i.ExpiresAt)
}

// Expired reports whether the unused link ran out before now.
func (i Invitation) Expired(now time.Time) bool {
	return i.AcceptedAt.IsZero() && !now.Before(i.ExpiresAt)
}

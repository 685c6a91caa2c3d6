package domain

import "time"

// LinkPurpose says what a one-time link emailed to a person does.
type LinkPurpose string

// The purposes of one-time links.
const (
	// LinkLogin logs the person in.
	LinkLogin LinkPurpose = "login"
	// LinkReset lets the person choose a new password, then logs them in.
	LinkReset LinkPurpose = "reset"
)

// LoginLinkTTL is how long a one-time link works after it is made: long
// enough for an email to arrive, short enough that an old message in an
// inbox is no key to the account.
const LoginLinkTTL = 15 * time.Minute

// LoginLink is a one-time link sent by email. Only the SHA-256 of its token
// is stored; the token itself travels in the email alone.
type LoginLink struct {
	ID        int64
	UserID    int64
	Purpose   LinkPurpose
	TokenHash []byte
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero until the link is used
}

// Used reports whether the link has been used.
func (l LoginLink) Used() bool { return !l.UsedAt.IsZero() }

// Expired reports whether the link no longer works at now.
func (l LoginLink) Expired(now time.Time) bool { return !now.Before(l.ExpiresAt) }

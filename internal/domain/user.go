package domain

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// User is a person with an account on this instance. Accounts are
// instance-wide; what a user may do in a community comes from a Membership.
type User struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Language     string    `json:"language,omitempty"`
	IsOperator   bool      `json:"is_operator"`
	CreatedAt    time.Time `json:"created_at"`
	PasswordHash string    `json:"-"`
}

// Limits on account fields. Passwords are capped so hashing cannot be used to
// burn CPU; 128 characters is far above any passphrase people use.
const (
	MaxEmailLen      = 254
	MinPasswordLen   = 10
	MaxPasswordLen   = 128
	MaxPersonNameLen = 100
)

// NormalizeEmail lowercases and trims an address so that lookups are exact.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidEmail reports whether s is a plain address (no display name).
func ValidEmail(s string) bool {
	if s == "" || len(s) > MaxEmailLen {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// Registration is what a person gives to open an account in a community.
type Registration struct {
	Community string
	Email     string
	Password  string
	Name      string
	Language  string
}

// Normalize trims the registration's fields.
func (r *Registration) Normalize() {
	r.Email = NormalizeEmail(r.Email)
	r.Name = strings.TrimSpace(r.Name)
	r.Community = strings.ToLower(strings.TrimSpace(r.Community))
}

// Validate checks a registration, reporting every invalid field at once.
func (r Registration) Validate() error {
	var p Problems
	if !ValidEmail(r.Email) {
		p.Add("email", "format", "enter a valid email address")
	}
	ValidatePassword(&p, "password", r.Password)
	if r.Name == "" || utf8.RuneCountInString(r.Name) > MaxPersonNameLen {
		p.Add("name", "length", "give a name of 1 to 100 characters")
	}
	if r.Language != "" && !ValidLanguage(r.Language) {
		p.Add("language", "format", "not a language code")
	}
	return p.Err()
}

// ValidatePassword adds a problem when pw is too short or too long.
func ValidatePassword(p *Problems, field, pw string) {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		p.Add(field, "too_short", "use at least 10 characters")
	case n > MaxPasswordLen:
		p.Add(field, "too_long", "use at most 128 characters")
	}
}

// Session is a logged-in browser or API client. Only the hash of its token is
// stored, so a leaked database does not leak sessions.
type Session struct {
	TokenHash []byte
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

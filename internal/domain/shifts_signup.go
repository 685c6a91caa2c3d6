package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// SignupStatus is where a sign-up for a shift stands.
type SignupStatus string

// Sign-up statuses. Confirmed, checked-in and no-show sign-ups hold places;
// waitlisted ones wait in order of sign-up.
const (
	SignupConfirmed  SignupStatus = "confirmed"
	SignupWaitlisted SignupStatus = "waitlisted"
	SignupCancelled  SignupStatus = "cancelled"
	SignupCheckedIn  SignupStatus = "checked_in"
	SignupNoShow     SignupStatus = "no_show"
)

// HoldsPlace reports whether a sign-up in status s counts against capacity.
func (s SignupStatus) HoldsPlace() bool {
	return s == SignupConfirmed || s == SignupCheckedIn || s == SignupNoShow
}

// Signup is one person's place on a shift, or a team's under one contact.
type Signup struct {
	ID          int64  `json:"id"`
	CommunityID int64  `json:"-"`
	ShiftID     int64  `json:"shift_id"`
	UserID      int64  `json:"user_id"`
	TeamSize    int    `json:"team_size"`
	TeamContact string `json:"team_contact,omitempty"`
	// AgeConfirmed is the person's word that everyone signed up is at
	// least the opportunity's minimum age. mutua keeps no birth dates, so
	// it asks instead of checking; only the sign-up needs it.
	AgeConfirmed bool         `json:"-"`
	Status       SignupStatus `json:"status"`
	CreatedAt    time.Time    `json:"created_at"`
	UpdatedAt    time.Time    `json:"updated_at"`
}

// Normalize fills the default team of one.
func (s *Signup) Normalize() {
	if s.TeamSize == 0 {
		s.TeamSize = 1
	}
	s.TeamContact = strings.TrimSpace(s.TeamContact)
}

// Validate checks a sign-up's own fields; whether the team fits the shift
// is the service's question.
func (s Signup) Validate() error {
	var p Problems
	if s.TeamSize < 1 || s.TeamSize > MaxTeamSize {
		p.Add("team_size", "range", "a team has 1 to 500 people")
	}
	if utf8.RuneCountInString(s.TeamContact) > MaxOrgContactLen {
		p.Add("team_contact", "length", "use at most 300 characters")
	}
	return p.Err()
}

// ShiftEvent records something that happened to a sign-up that its person
// must hear about, such as a promotion from the waiting list.
type ShiftEvent struct {
	ID      int64     `json:"id"`
	ShiftID int64     `json:"shift_id"`
	UserID  int64     `json:"user_id"`
	Kind    string    `json:"kind"`
	At      time.Time `json:"at"`
}

// ShiftEvent kinds.
const (
	EventPromoted = "promoted"
)

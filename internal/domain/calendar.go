package domain

import "time"

// CalendarToken lets a calendar app read one member's private feed of one
// community without logging in. Only the SHA-256 of the token is kept; a
// member has at most one per community, so making a new one revokes the old.
type CalendarToken struct {
	CommunityID int64
	UserID      int64
	TokenHash   []byte
	CreatedAt   time.Time
}

// UserShift is a shift a person holds a place on, with what their calendar
// shows of it.
type UserShift struct {
	ShiftID       int64
	OpportunityID int64
	Title         string
	Description   string
	Address       string
	Online        bool
	Start, End    time.Time
	TeamSize      int
}

package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// AssignmentStatus is where an assignment of a volunteer to a request is.
type AssignmentStatus string

// Assignment statuses. A coordinator's proposal waits for the volunteer; a
// volunteer's offer waits for a coordinator unless the community assigns
// offers directly.
const (
	AssignProposed  AssignmentStatus = "proposed"
	AssignOffered   AssignmentStatus = "offered"
	AssignAccepted  AssignmentStatus = "accepted"
	AssignDeclined  AssignmentStatus = "declined"
	AssignCompleted AssignmentStatus = "completed"
	AssignWithdrawn AssignmentStatus = "withdrawn"
)

// Live reports whether the assignment still holds the volunteer's time.
func (s AssignmentStatus) Live() bool {
	return s == AssignProposed || s == AssignAccepted
}

// Assignment links a volunteer to a request.
type Assignment struct {
	ID          int64            `json:"id"`
	CommunityID int64            `json:"community_id"`
	RequestID   int64            `json:"request_id"`
	VolunteerID int64            `json:"volunteer_id"`
	Status      AssignmentStatus `json:"status"`
	ProposedBy  int64            `json:"proposed_by"`
	Hours       float64          `json:"hours,omitempty"`
	CreatedAt   time.Time        `json:"created_at"`
	UpdatedAt   time.Time        `json:"updated_at"`
	CompletedAt time.Time        `json:"completed_at,omitzero"`
}

// MaxHoursPerDay bounds logged hours: nobody helps more than 24 hours a day.
const MaxHoursPerDay = 24.0

// Contribution is one gift of time: who gave, who received, how long, for
// what. The ledger and impact figures are built on these rows.
type Contribution struct {
	ID               int64     `json:"id"`
	CommunityID      int64     `json:"community_id"`
	GiverID          int64     `json:"giver_id"`
	ReceiverUserID   *int64    `json:"receiver_user_id,omitempty"`
	ReceiverClientID *int64    `json:"receiver_client_id,omitempty"`
	Hours            float64   `json:"hours"`
	RequestID        int64     `json:"request_id"`
	AssignmentID     int64     `json:"assignment_id"`
	Category         string    `json:"category"`
	At               time.Time `json:"at"`
}

// Message is one line in an assignment's thread, so the volunteer and the
// person helped can talk without exchanging phone numbers.
type Message struct {
	ID           int64     `json:"id"`
	CommunityID  int64     `json:"-"`
	AssignmentID int64     `json:"assignment_id"`
	AuthorID     int64     `json:"author_id"`
	AuthorName   string    `json:"author_name"`
	Body         string    `json:"body"`
	CreatedAt    time.Time `json:"created_at"`
}

// MaxMessageLen bounds one message.
const MaxMessageLen = 4000

// ValidateMessage trims and checks a message body.
func ValidateMessage(body string) (string, error) {
	body = strings.TrimSpace(body)
	var p Problems
	if body == "" || utf8.RuneCountInString(body) > MaxMessageLen {
		p.Add("body", "length", "write 1 to 4000 characters")
	}
	return body, p.Err()
}

// MessagePage selects messages older than Before (0: the newest), at most
// Limit, returned oldest first.
type MessagePage struct {
	Before int64
	Limit  int
}

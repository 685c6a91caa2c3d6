package domain

import "time"

// FailedNotification is a message of a community that could not be
// delivered (status dead), as its admins see it: who it was for, what it
// was about and why it failed.
type FailedNotification struct {
	ID   int64            `json:"id"`
	Kind NotificationKind `json:"kind"`
	// UserID, RecipientName and RecipientEmail are the person it was for.
	UserID         int64  `json:"recipient_id"`
	RecipientName  string `json:"recipient_name"`
	RecipientEmail string `json:"recipient_email"`
	Attempts       int    `json:"attempts" doc:"how often sending was tried"`
	LastError      string `json:"last_error" doc:"what the mail server or mutua answered the last time"`
	// CreatedAt is when the message was queued; DueAt when its last
	// attempt fell due.
	CreatedAt time.Time `json:"created_at"`
	DueAt     time.Time `json:"last_due_at"`
}

package domain

import "time"

// NotificationKind names what a message is about. Each kind has its
// subject, text and link in every language of the catalogue.
type NotificationKind string

// The kinds of notification.
const (
	// NotifyAssignmentProposed: a coordinator proposes a task to a volunteer.
	NotifyAssignmentProposed NotificationKind = "assignment_proposed"
	// NotifyAssignmentAccepted: the person helped learns who comes.
	NotifyAssignmentAccepted NotificationKind = "assignment_accepted"
	// NotifyAssignmentDeclined: the coordinators learn a volunteer said no.
	NotifyAssignmentDeclined NotificationKind = "assignment_declined"
	// NotifyRequestCompleted: the person helped learns it is done.
	NotifyRequestCompleted NotificationKind = "request_completed"
	// NotifyRequestExpired: nobody could help in time.
	NotifyRequestExpired NotificationKind = "request_expired"
	// NotifyMessage: a new message in a task's thread.
	NotifyMessage NotificationKind = "message"
	// NotifyShiftConfirmed: a sign-up holds a place.
	NotifyShiftConfirmed NotificationKind = "shift_confirmed"
	// NotifyShiftPromoted: a place freed up and the person moved up from
	// the waiting list.
	NotifyShiftPromoted NotificationKind = "shift_promoted"
	// NotifyShiftCancelled: the organisers cancelled a shift.
	NotifyShiftCancelled NotificationKind = "shift_cancelled"
	// NotifyShiftReminder: a shift starts in a day, or in two hours.
	NotifyShiftReminder NotificationKind = "shift_reminder"
	// NotifyUnassigned: coordinators learn a request is close to its
	// deadline and nobody has it.
	NotifyUnassigned NotificationKind = "request_unassigned"
	// NotifyDigest: the daily round-up of what fits a volunteer.
	NotifyDigest NotificationKind = "digest"
	// NotifyWelcome: a new account.
	NotifyWelcome NotificationKind = "welcome"
	// NotifyLoginLink: a one-time login link.
	NotifyLoginLink NotificationKind = "login_link"
	// NotifyPasswordReset: a one-time link to set a new password.
	NotifyPasswordReset NotificationKind = "password_reset"
)

// NotificationKinds lists every kind, in the order preferences show them.
var NotificationKinds = []NotificationKind{
	NotifyAssignmentProposed, NotifyAssignmentAccepted, NotifyAssignmentDeclined,
	NotifyRequestCompleted, NotifyRequestExpired, NotifyMessage,
	NotifyShiftConfirmed, NotifyShiftPromoted, NotifyShiftCancelled, NotifyShiftReminder,
	NotifyUnassigned, NotifyDigest, NotifyWelcome, NotifyLoginLink, NotifyPasswordReset,
}

// Critical reports whether a person must get this kind whatever their
// preferences say: a task given to them, a shift of theirs that changed,
// and the links they asked for themselves.
func (k NotificationKind) Critical() bool {
	switch k {
	case NotifyAssignmentProposed, NotifyShiftCancelled, NotifyShiftPromoted, NotifyLoginLink, NotifyPasswordReset:
		return true
	}
	return false
}

// Known reports whether k is one of NotificationKinds.
func (k NotificationKind) Known() bool {
	for _, x := range NotificationKinds {
		if x == k {
			return true
		}
	}
	return false
}

// NotificationStatus is where a notification stands in the outbox.
type NotificationStatus string

// Notification statuses; see the notifications migration.
const (
	NotificationPending  NotificationStatus = "pending"
	NotificationSent     NotificationStatus = "sent"
	NotificationDead     NotificationStatus = "dead"
	NotificationSkipped  NotificationStatus = "skipped"
	NotificationDigest   NotificationStatus = "digest"
	NotificationDigested NotificationStatus = "digested"
)

// NotifyMode is how a person wants one kind of notification.
type NotifyMode string

// Notification preferences. Immediate is the default.
const (
	NotifyImmediate NotifyMode = "immediate"
	NotifyInDigest  NotifyMode = "digest"
	NotifyOff       NotifyMode = "off"
)

// Notification is one message to one person in the outbox.
type Notification struct {
	ID          int64
	CommunityID int64 // 0 for messages about the account itself
	UserID      int64
	Kind        NotificationKind
	// SubjectID is the row the message is about, such as an assignment.
	SubjectID int64
	// Data holds what the text needs: titles, names, the path of the link.
	Data map[string]string
	// MessageID is the email's Message-ID, the same on every attempt.
	MessageID string
	Status    NotificationStatus
	Attempts  int
	DueAt     time.Time
	LastError string
	CreatedAt time.Time
	SentAt    time.Time // zero until sent
}

// OutboxStats is the outbox at a glance, for /metrics.
type OutboxStats struct {
	// Pending counts the messages due and not yet sent.
	Pending int
	// OldestPending is when the longest-waiting due message fell due; zero
	// when none is due.
	OldestPending time.Time
	Dead          int
}

// DigestItem is one request or opportunity a digest lists: what, when,
// about how far from the volunteer's home (never where exactly), the
// address when it is public (an opportunity's), and the path of its page.
// The digest keeps them as data; the email writes them in the reader's
// language.
type DigestItem struct {
	Title   string    `json:"title"`
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
	KM      float64   `json:"km"`
	Address string    `json:"address,omitempty"`
	Path    string    `json:"path"`
}

// DigestUpdate is a notification a person chose to read in the digest.
type DigestUpdate struct {
	Kind NotificationKind  `json:"kind"`
	Data map[string]string `json:"data"`
}

package domain

import "time"

// QueueFilter selects requests for the coordinators' queue. Unlike
// RequestFilter, which lists newest first for feeds and "my requests", the
// queue is ordered by when help is needed, so the most pressing requests
// come first.
type QueueFilter struct {
	// Statuses keeps requests in any of these; empty keeps every status.
	Statuses []RequestStatus
	Category string
	Urgency  string
	// DueBefore keeps requests whose needed_by is before it; zero keeps all.
	DueBefore time.Time
	// Latest orders by needed_by latest first instead of soonest first:
	// for finished requests the recent ones matter most.
	Latest bool
	Page   Page
}

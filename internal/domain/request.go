package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// RequestStatus is where a help request is in its life.
type RequestStatus string

// Request statuses: open → assigned → done, or → cancelled / expired.
const (
	RequestOpen      RequestStatus = "open"
	RequestAssigned  RequestStatus = "assigned"
	RequestDone      RequestStatus = "done"
	RequestCancelled RequestStatus = "cancelled"
	RequestExpired   RequestStatus = "expired"
)

// Urgencies of a request.
var Urgencies = []string{"low", "normal", "high"}

// Limits on requests.
const (
	MaxTitleLen       = 120
	MaxDescriptionLen = 4000
	// MaxRequestSpan bounds needed_from..needed_by so "any time this
	// year" does not crowd every feed.
	MaxRequestSpan = 90 * 24 * time.Hour
)

// Request is a person's request for help. Address and Location are
// private; Approx is what everyone else sees.
type Request struct {
	ID          int64     `json:"id"`
	CommunityID int64     `json:"community_id"`
	Category    string    `json:"category"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	NeededFrom  time.Time `json:"needed_from"`
	NeededBy    time.Time `json:"needed_by"`
	// ExpiresAt is when an open request lapses: needed_by, or for a
	// weekly request the end of its last day.
	ExpiresAt   time.Time     `json:"expires_at"`
	Urgency     string        `json:"urgency"`
	Languages   []string      `json:"languages"`
	Location    Point         `json:"location"`
	Address     string        `json:"address"`
	Approx      Point         `json:"approx_location"`
	ClientID    *int64        `json:"client_id,omitempty"`
	RequesterID *int64        `json:"requester_id,omitempty"`
	CreatedBy   int64         `json:"created_by"`
	Recurrence  Recurrence    `json:"recurrence"`
	Status      RequestStatus `json:"status"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
}

// Normalize trims text and fills defaults.
func (r *Request) Normalize() {
	r.Title = strings.TrimSpace(r.Title)
	r.Description = strings.TrimSpace(r.Description)
	r.Address = strings.TrimSpace(r.Address)
	if r.Urgency == "" {
		r.Urgency = "normal"
	}
	if r.Recurrence.Kind == "" {
		r.Recurrence.Kind = RecurOnce
	}
	if r.Languages == nil {
		r.Languages = []string{}
	}
	r.NeededFrom, r.NeededBy = r.NeededFrom.UTC(), r.NeededBy.UTC()
}

// Validate checks a request before it is stored. Whether the location lies
// in the community's area and the category is enabled there is checked by
// the service, which knows the community.
func (r Request) Validate() error {
	var p Problems
	if !IsCategory(r.Category) {
		p.Add("category", "unknown", "choose one of the categories")
	}
	if r.Title == "" || utf8.RuneCountInString(r.Title) > MaxTitleLen {
		p.Add("title", "length", "give a title of 1 to 120 characters")
	}
	if utf8.RuneCountInString(r.Description) > MaxDescriptionLen {
		p.Add("description", "length", "use at most 4000 characters")
	}
	r.validateWindow(&p)
	if !contains(Urgencies, r.Urgency) {
		p.Add("urgency", "unknown", "urgency is low, normal or high")
	}
	if len(r.Languages) > 0 {
		validateLanguages(&p, r.Languages)
	}
	if !r.Location.Valid() {
		p.Add("location", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if utf8.RuneCountInString(r.Address) > MaxAddressLen {
		p.Add("address", "length", "use at most 300 characters")
	}
	r.validateRecurrence(&p)
	return p.Err()
}

func (r Request) validateWindow(p *Problems) {
	switch {
	case r.NeededFrom.IsZero() || r.NeededBy.IsZero():
		p.Add("needed_by", "required", "say from when and until when help is needed")
	case !r.NeededBy.After(r.NeededFrom):
		p.Add("needed_by", "before_start", "needed_by must be after needed_from")
	case r.Recurrence.Kind == RecurWeekly && r.NeededBy.Sub(r.NeededFrom) > 24*time.Hour:
		p.Add("needed_by", "too_long", "a weekly request's window must be at most one day")
	case r.NeededBy.Sub(r.NeededFrom) > MaxRequestSpan:
		p.Add("needed_by", "too_long", "the window may be at most 90 days")
	}
}

func (r Request) validateRecurrence(p *Problems) {
	switch r.Recurrence.Kind {
	case RecurOnce:
		if len(r.Recurrence.Days) > 0 || r.Recurrence.Until != "" {
			p.Add("recurrence", "once_with_days", "a one-off request has no days or end date")
		}
	case RecurWeekly:
		if len(r.Recurrence.Days) == 0 || len(r.Recurrence.Days) > 7 {
			p.Add("recurrence.days", "required", "choose the days of the week")
		}
		for _, d := range r.Recurrence.Days {
			if WeekdayIndex(d) < 0 {
				p.Add("recurrence.days", "unknown", "use mon, tue, wed, thu, fri, sat or sun")
				break
			}
		}
		until, err := time.Parse(time.DateOnly, r.Recurrence.Until)
		if err != nil {
			p.Add("recurrence.until", "format", "give the last date as YYYY-MM-DD")
		} else if until.Before(r.NeededFrom.Truncate(24*time.Hour)) || until.Sub(r.NeededFrom) > 366*24*time.Hour {
			p.Add("recurrence.until", "range", "the last date must be after the first and within a year")
		}
	default:
		p.Add("recurrence.kind", "unknown", "recurrence is once or weekly")
	}
}

// RequestEvent is one line of a request's history.
type RequestEvent struct {
	ID          int64     `json:"id"`
	CommunityID int64     `json:"-"`
	RequestID   int64     `json:"request_id"`
	ActorID     *int64    `json:"actor_id"`
	Kind        string    `json:"kind" doc:"created, status, proposed, offered, accepted, declined, completed, withdrawn, cancelled, expired"`
	Status      string    `json:"status,omitempty"`
	Note        string    `json:"note,omitempty"`
	At          time.Time `json:"at"`
}

// RequestFilter selects requests for lists.
type RequestFilter struct {
	Status      RequestStatus
	Category    string
	Cells       []CellRange // near a point: the covering of the search area
	RequesterID int64       // requests a member made for themself
	ClientID    int64
	Categories  []string // any of these categories (a volunteer's skills)
	Page        Page
}

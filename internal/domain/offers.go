package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// OfferKinds are what can be offered: things, a person's or firm's work,
// or room (a hall, hotel rooms for care workers, storage).
var OfferKinds = []string{"goods", "service", "space"}

// OfferCategories group offers for search. They are fewer and coarser than
// the categories of help requests because an offer describes a thing, not
// a task.
var OfferCategories = []string{"food", "clothing", "furniture", "transport", "rooms", "meals", "equipment", "other"}

// OfferStatus is whether an offer still takes reservations.
type OfferStatus string

// Offer statuses. A withdrawn offer keeps its links: what was promised to a
// request stays promised.
const (
	OfferActive    OfferStatus = "active"
	OfferWithdrawn OfferStatus = "withdrawn"
)

// Limits on offers.
const (
	MaxOfferQuantity  = 1_000_000
	MaxOfferUnitLen   = 30
	MaxConditionsLen  = 1000
	MaxOfferSearchLen = 80
)

// Offer is a member's or an organisation's offer of goods, a service or space. Address and
// Location are private to the offerer and the coordinators; Approx is what
// everyone else sees. Reserved is the part of Quantity linked to requests.
type Offer struct {
	ID          int64 `json:"id"`
	CommunityID int64 `json:"community_id"`
	OfferedBy   int64 `json:"offered_by"`
	// OrganisationID is set when the offer is made on behalf of an
	// organisation, by one of the people who run it.
	OrganisationID *int64      `json:"organisation_id,omitempty"`
	Kind           string      `json:"kind"`
	Category       string      `json:"category"`
	Title          string      `json:"title"`
	Description    string      `json:"description"`
	Quantity       int         `json:"quantity"`
	Unit           string      `json:"unit"`
	Reserved       int         `json:"reserved"`
	Location       Point       `json:"location"`
	Address        string      `json:"address"`
	Approx         Point       `json:"approx_location"`
	AvailableFrom  time.Time   `json:"available_from"`
	AvailableUntil *time.Time  `json:"available_until,omitempty"`
	Conditions     string      `json:"conditions"`
	Status         OfferStatus `json:"status"`
	CreatedAt      time.Time   `json:"created_at"`
	UpdatedAt      time.Time   `json:"updated_at"`
}

// Available is what can still be reserved; never below zero.
func (o Offer) Available() int {
	return max(o.Quantity-o.Reserved, 0)
}

// Normalize trims text and puts times in UTC.
func (o *Offer) Normalize() {
	o.Title = strings.TrimSpace(o.Title)
	o.Description = strings.TrimSpace(o.Description)
	o.Address = strings.TrimSpace(o.Address)
	o.Unit = strings.TrimSpace(o.Unit)
	o.Conditions = strings.TrimSpace(o.Conditions)
	o.AvailableFrom = o.AvailableFrom.UTC()
	if o.AvailableUntil != nil {
		u := o.AvailableUntil.UTC()
		o.AvailableUntil = &u
	}
}

// Validate checks an offer before it is stored. Whether the place lies in
// the community's area is the service's to check.
func (o Offer) Validate() error {
	var p Problems
	if !contains(OfferKinds, o.Kind) {
		p.Add("kind", "unknown", "kind is goods, service or space")
	}
	if !contains(OfferCategories, o.Category) {
		p.Add("category", "unknown", "choose one of the offer categories")
	}
	if o.Title == "" || utf8.RuneCountInString(o.Title) > MaxTitleLen {
		p.Add("title", "length", "give a title of 1 to 120 characters")
	}
	if utf8.RuneCountInString(o.Description) > MaxDescriptionLen {
		p.Add("description", "length", "use at most 4000 characters")
	}
	if o.Quantity < 1 || o.Quantity > MaxOfferQuantity {
		p.Add("quantity", "range", "the quantity is a whole number from 1 to 1000000")
	}
	if utf8.RuneCountInString(o.Unit) > MaxOfferUnitLen {
		p.Add("unit", "length", "use at most 30 characters for the unit")
	}
	if !o.Location.Valid() {
		p.Add("location", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if utf8.RuneCountInString(o.Address) > MaxAddressLen {
		p.Add("address", "length", "use at most 300 characters")
	}
	if utf8.RuneCountInString(o.Conditions) > MaxConditionsLen {
		p.Add("conditions", "length", "use at most 1000 characters")
	}
	if o.AvailableUntil != nil && !o.AvailableUntil.After(o.AvailableFrom) {
		p.Add("available_until", "before_start", "available_until must be after available_from")
	}
	return p.Err()
}

// OfferLinkStatus is whether a link still holds its reservation.
type OfferLinkStatus string

// Offer link statuses: a released link gave its quantity back to the offer.
const (
	LinkActive   OfferLinkStatus = "active"
	LinkReleased OfferLinkStatus = "released"
)

// OfferLink ties part of an offer to a help request. While active its
// Quantity is counted in the offer's Reserved.
type OfferLink struct {
	ID          int64           `json:"id"`
	CommunityID int64           `json:"-"`
	OfferID     int64           `json:"offer_id"`
	RequestID   int64           `json:"request_id"`
	Quantity    int             `json:"quantity"`
	Status      OfferLinkStatus `json:"status"`
	CreatedBy   int64           `json:"created_by"`
	CreatedAt   time.Time       `json:"created_at"`
	ReleasedAt  *time.Time      `json:"released_at,omitempty"`
}

// OfferFilter selects offers for lists. Only active offers still available
// at Now are listed.
type OfferFilter struct {
	Kind     string
	Category string
	// Text is matched, lowered, anywhere in the title.
	Text  string
	Cells []CellRange
	Now   time.Time
	Page  Page
}

// OfferTitleKey is the form of a title that text search compares: lowered
// in Go, because SQLite's lower() only knows ASCII.
func OfferTitleKey(s string) string { return strings.ToLower(s) }

package domain

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Client is a person helped without an account of their own, usually
// someone who phoned a coordinator. Their name, phone, address and exact
// location are personal data: only the community's coordinators and admins
// and the volunteer who helps them ever see those.
type Client struct {
	ID          int64     `json:"id"`
	CommunityID int64     `json:"community_id"`
	Name        string    `json:"name"`
	Phone       string    `json:"phone"`
	Address     string    `json:"address"`
	Location    Point     `json:"location"`
	Languages   []string  `json:"languages"`
	Notes       string    `json:"notes"`
	Consent     Consent   `json:"consent"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Consent records that a client agreed to their data being kept and shared
// with the volunteer who helps them (GDPR art. 6 and 7): when, how, and which
// coordinator recorded it.
type Consent struct {
	GivenAt    time.Time `json:"given_at"`
	Method     string    `json:"method" enum:"phone,in_person,written,online"`
	RecordedBy int64     `json:"recorded_by"`
}

// ConsentMethods are the ways consent can be given.
var ConsentMethods = []string{"phone", "in_person", "written", "online"}

// Limits on client and request text.
const (
	MaxPhoneLen   = 32
	MaxAddressLen = 300
	MaxNotesLen   = 4000
)

// PhoneDigits keeps only the digits of a phone number, the form lookups use:
// "+386 41 123-456" and "041 123 456" both end in the same digits.
func PhoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Normalize trims the client's text fields.
func (c *Client) Normalize() {
	c.Name = strings.TrimSpace(c.Name)
	c.Phone = strings.TrimSpace(c.Phone)
	c.Address = strings.TrimSpace(c.Address)
	c.Notes = strings.TrimSpace(c.Notes)
}

// Validate checks a client before it is stored.
func (c Client) Validate() error {
	var p Problems
	if c.Name == "" || utf8.RuneCountInString(c.Name) > MaxPersonNameLen {
		p.Add("name", "length", "give a name of 1 to 100 characters")
	}
	if c.Phone != "" && (len(c.Phone) > MaxPhoneLen || len(PhoneDigits(c.Phone)) < 5 || strings.IndexFunc(c.Phone, notPhoneRune) >= 0) {
		p.Add("phone", "format", "enter a phone number of digits, spaces and + - ( ) only")
	}
	if utf8.RuneCountInString(c.Address) > MaxAddressLen {
		p.Add("address", "length", "use at most 300 characters")
	}
	if !c.Location.Valid() {
		p.Add("location", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if len(c.Languages) > 0 {
		validateLanguages(&p, c.Languages)
	}
	if utf8.RuneCountInString(c.Notes) > MaxNotesLen {
		p.Add("notes", "length", "use at most 4000 characters")
	}
	if !contains(ConsentMethods, c.Consent.Method) {
		p.Add("consent.method", "required", "record how the person gave consent: phone, in_person, written or online")
	}
	return p.Err()
}

func notPhoneRune(r rune) bool {
	return !unicode.IsDigit(r) && !strings.ContainsRune(" +-()./", r)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ClientQuery finds clients by phone (matching the end of the number, so
// the caller may leave out the country code) or by part of the name.
type ClientQuery struct {
	Phone string
	Name  string
	Page  Page
}

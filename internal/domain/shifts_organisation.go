package domain

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// OrgTypes are the kinds of organisation a community knows.
var OrgTypes = []string{"ngo", "school", "business", "public", "cooperative", "informal"}

// OrgStatus says whether a community admin has approved an organisation.
type OrgStatus string

// Organisation statuses: proposed by a member, then approved by an admin.
const (
	OrgProposed OrgStatus = "proposed"
	OrgApproved OrgStatus = "approved"
)

// OrgRole is what a person may do for one organisation.
type OrgRole string

// Organisation roles: admins manage the organisation and its people,
// coordinators post opportunities and run shifts.
const (
	OrgAdmin       OrgRole = "org_admin"
	OrgCoordinator OrgRole = "org_coordinator"
)

// Limits on organisations.
const (
	MaxOrgNameLen    = 120
	MaxOrgSectorLen  = 80
	MaxOrgContactLen = 300
	MaxWebsiteLen    = 300
)

// Organisation is an NGO, school, business or group inside a community that
// organises volunteering. Everything about it is public.
type Organisation struct {
	ID          int64     `json:"id"`
	CommunityID int64     `json:"community_id"`
	Name        string    `json:"name"`
	Type        string    `json:"type"`
	Sector      string    `json:"sector"`
	Description string    `json:"description"`
	Website     string    `json:"website"`
	Location    Point     `json:"location"`
	Contact     string    `json:"contact"`
	Status      OrgStatus `json:"status"`
	ProposedBy  int64     `json:"proposed_by"`
	ApprovedBy  *int64    `json:"approved_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// Normalize trims text.
func (o *Organisation) Normalize() {
	o.Name = strings.TrimSpace(o.Name)
	o.Sector = strings.TrimSpace(o.Sector)
	o.Description = strings.TrimSpace(o.Description)
	o.Website = strings.TrimSpace(o.Website)
	o.Contact = strings.TrimSpace(o.Contact)
}

// Validate checks an organisation before it is stored. Whether its location
// lies in the community's area is checked by the service.
func (o Organisation) Validate() error {
	var p Problems
	if o.Name == "" || utf8.RuneCountInString(o.Name) > MaxOrgNameLen {
		p.Add("name", "length", "give a name of 1 to 120 characters")
	}
	if !contains(OrgTypes, o.Type) {
		p.Add("type", "unknown", "the type is ngo, school, business, public, cooperative or informal")
	}
	if utf8.RuneCountInString(o.Sector) > MaxOrgSectorLen {
		p.Add("sector", "length", "use at most 80 characters")
	}
	if utf8.RuneCountInString(o.Description) > MaxDescriptionLen {
		p.Add("description", "length", "use at most 4000 characters")
	}
	if o.Website != "" && !validWebsite(o.Website) {
		p.Add("website", "format", "give a web address starting with https:// or http://")
	}
	if !o.Location.Valid() {
		p.Add("location", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if utf8.RuneCountInString(o.Contact) > MaxOrgContactLen {
		p.Add("contact", "length", "use at most 300 characters")
	}
	return p.Err()
}

// validWebsite accepts absolute http(s) addresses only, so a profile link
// can never be a javascript: URL.
func validWebsite(s string) bool {
	if len(s) > MaxWebsiteLen {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

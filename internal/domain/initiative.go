package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// InitiativeSectors is the fixed list of sectors the directory of local
// initiatives files entries under. The web catalogue names each one in
// every language, so the list is closed: a new sector is a code change.
var InitiativeSectors = []string{
	"food", "repair", "energy", "gardening", "mobility", "care", "housing",
	"culture", "education", "platform_coop", "other",
}

// ValidSector reports whether s is one of InitiativeSectors.
func ValidSector(s string) bool { return contains(InitiativeSectors, s) }

// InitiativeStatus says whether a community admin has approved an initiative.
type InitiativeStatus string

// Initiative statuses: a member proposes, an admin approves; what an admin
// adds is approved at once.
const (
	InitiativeProposed InitiativeStatus = "proposed"
	InitiativeApproved InitiativeStatus = "approved"
)

// Directory entry kinds: an initiative of the directory's own table, or an
// approved organisation read from the organisations table.
const (
	EntryInitiative   = "initiative"
	EntryOrganisation = "organisation"
)

// Limits on initiatives and directory searches.
const (
	MaxInitiativeNameLen    = 120
	MaxInitiativeSummaryLen = 500
	MaxOpeningTimesLen      = 300
	MaxInitiativeLanguages  = 10
	MaxLanguageNameLen      = 40
	MaxDirectorySearchLen   = 200
	MaxDirectoryRadiusKM    = 100
)

// Initiative is a local initiative that does not otherwise use mutua: a
// cooperative, food bank, repair café, energy cooperative, community garden
// or platform cooperative. Everything about it is public once approved.
type Initiative struct {
	ID           int64            `json:"id"`
	CommunityID  int64            `json:"community_id"`
	Name         string           `json:"name"`
	Sector       string           `json:"sector"`
	Description  string           `json:"description"`
	Address      string           `json:"address"`
	Location     Point            `json:"location"`
	Website      string           `json:"website"`
	Contact      string           `json:"contact"`
	OpeningTimes string           `json:"opening_times"`
	Languages    []string         `json:"languages"`
	Status       InitiativeStatus `json:"status"`
	ProposedBy   int64            `json:"proposed_by"`
	ApprovedBy   *int64           `json:"approved_by,omitempty"`
	CreatedAt    time.Time        `json:"created_at"`
	UpdatedAt    time.Time        `json:"updated_at"`
}

// Normalize trims text and drops empty or repeated languages.
func (in *Initiative) Normalize() {
	in.Name = strings.TrimSpace(in.Name)
	in.Sector = strings.TrimSpace(in.Sector)
	in.Description = strings.TrimSpace(in.Description)
	in.Address = strings.TrimSpace(in.Address)
	in.Website = strings.TrimSpace(in.Website)
	in.Contact = strings.TrimSpace(in.Contact)
	in.OpeningTimes = strings.TrimSpace(in.OpeningTimes)
	langs := make([]string, 0, len(in.Languages))
	for _, l := range in.Languages {
		if l = strings.TrimSpace(l); l != "" && !contains(langs, l) {
			langs = append(langs, l)
		}
	}
	in.Languages = langs
}

// Validate checks an initiative before it is stored. Whether its location
// lies in the community's area is the service's to check.
func (in Initiative) Validate() error {
	var p Problems
	if in.Name == "" || utf8.RuneCountInString(in.Name) > MaxInitiativeNameLen {
		p.Add("name", "length", "give a name of 1 to 120 characters")
	}
	if !ValidSector(in.Sector) {
		p.Add("sector", "unknown", "choose one of the directory's sectors")
	}
	if utf8.RuneCountInString(in.Description) > MaxInitiativeSummaryLen {
		p.Add("description", "length", "keep the short description to 500 characters")
	}
	if utf8.RuneCountInString(in.Address) > MaxAddressLen {
		p.Add("address", "length", "use at most 300 characters")
	}
	if !in.Location.Valid() {
		p.Add("location", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if in.Website != "" && !validWebsite(in.Website) {
		p.Add("website", "format", "give a web address starting with https:// or http://")
	}
	if utf8.RuneCountInString(in.Contact) > MaxOrgContactLen {
		p.Add("contact", "length", "use at most 300 characters")
	}
	if utf8.RuneCountInString(in.OpeningTimes) > MaxOpeningTimesLen {
		p.Add("opening_times", "length", "use at most 300 characters")
	}
	if len(in.Languages) > MaxInitiativeLanguages {
		p.Add("languages", "count", "list at most 10 languages")
	}
	for _, l := range in.Languages {
		if utf8.RuneCountInString(l) > MaxLanguageNameLen {
			p.Add("languages", "length", "name each language in at most 40 characters")
			break
		}
	}
	return p.Err()
}

// OrganisationSector maps an organisation's free-text sector onto the
// directory's fixed list: the sector whose key it equals, ignoring case,
// surrounding spaces and the difference between a space, a dash and an
// underscore ("Platform coop" is platform_coop); anything else is "other".
// The store applies the same rule in SQL so that the sector filter finds
// organisations too.
func OrganisationSector(free string) string {
	key := strings.ToLower(strings.TrimSpace(free))
	key = strings.NewReplacer(" ", "_", "-", "_").Replace(key)
	if ValidSector(key) {
		return key
	}
	return "other"
}

// DirectoryEntry is one line of the directory: an initiative, or an
// approved organisation as the directory shows it. ID is the initiative's
// or the organisation's own id; Kind says which.
type DirectoryEntry struct {
	Kind         string           `json:"kind"`
	ID           int64            `json:"id"`
	Name         string           `json:"name"`
	Sector       string           `json:"sector"`
	Description  string           `json:"description"`
	Address      string           `json:"address"`
	Location     Point            `json:"location"`
	Website      string           `json:"website"`
	Contact      string           `json:"contact"`
	OpeningTimes string           `json:"opening_times"`
	Languages    []string         `json:"languages"`
	Status       InitiativeStatus `json:"status"`
	// DistanceKM is set when the search was near a point.
	DistanceKM *float64 `json:"distance_km,omitempty"`
}

// DirectoryFilter selects directory entries. Text is matched word by word
// with diacritics and case ignored; Near with RadiusKM keeps entries within
// the circle, nearest first. Proposed initiatives are listed only with
// WithProposed.
type DirectoryFilter struct {
	Text         string
	Sector       string
	Near         *Point
	RadiusKM     float64
	WithProposed bool
	// ProposedOnly lists only initiatives waiting for approval.
	ProposedOnly bool
	Page         Page
}

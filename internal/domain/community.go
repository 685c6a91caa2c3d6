package domain

import (
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Community is one tenant: a city, district, NGO or neighbourhood running its
// own exchange of help. Every row of community data carries its ID.
type Community struct {
	ID         int64    `json:"id"`
	Slug       string   `json:"slug"`
	Name       string   `json:"name"`
	Languages  []string `json:"languages"`
	Center     Point    `json:"center"`
	RadiusKM   float64  `json:"radius_km"`
	Categories []string `json:"categories"`
	Settings
	CreatedAt time.Time `json:"created_at"`
}

// Settings are what a community admin tunes after creation.
type Settings struct {
	// Timezone is the IANA zone in which volunteers' weekly availability
	// and requests' times of day are meant.
	Timezone string `json:"timezone"`
	// VettingCategories lists categories only vetted volunteers may take
	// (childcare, say).
	VettingCategories []string `json:"vetting_categories"`
	// OfferMode decides what a volunteer's offer to help does: "direct"
	// assigns them at once, "approval" waits for a coordinator.
	OfferMode string `json:"offer_mode" enum:"direct,approval"`
}

// Offer modes.
const (
	OfferDirect   = "direct"
	OfferApproval = "approval"
)

// DefaultTimezone is Central European Time, the zone of most communities
// mutua is translated for; admins change it in the settings.
const DefaultTimezone = "Europe/Brussels"

// Location loads the community's time zone; an invalid zone (impossible
// after Validate) falls back to UTC.
func (c Community) Location() *time.Location {
	if loc, ok := zones.Load(c.Timezone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return time.UTC
	}
	zones.Store(c.Timezone, loc)
	return loc
}

// zones caches loaded time zones by name. time.LoadLocation reads and
// parses the zone file on every call, which cost a tenth of each matching
// query; the names are the few zones an instance's communities use.
var zones sync.Map

// RequiresVetting reports whether the category needs vetted volunteers.
func (c Community) RequiresVetting(category string) bool {
	return contains(c.VettingCategories, category)
}

// HasCategory reports whether the community offers help of category cat.
func (c Community) HasCategory(cat string) bool { return contains(c.Categories, cat) }

// DefaultLanguage is the first of the community's languages.
func (c Community) DefaultLanguage() string {
	if len(c.Languages) == 0 {
		return "en"
	}
	return c.Languages[0]
}

// Point is a WGS84 position in degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lng float64 `json:"lng"`
}

// Valid reports whether the point lies on Earth.
func (p Point) Valid() bool {
	return p.Lat >= -90 && p.Lat <= 90 && p.Lng >= -180 && p.Lng <= 180
}

// Categories of help, in the order the product presents them.
var Categories = []string{
	"groceries", "pharmacy", "meals", "transport", "companionship", "childcare",
	"petcare", "household", "repairs", "digital_help", "paperwork", "translation", "other",
}

// IsCategory reports whether s is one of Categories.
func IsCategory(s string) bool {
	for _, c := range Categories {
		if c == s {
			return true
		}
	}
	return false
}

// Languages mutua has message catalogues for. Communities may list other
// languages (people speak more than we translate), but these are offered first.
var Languages = []string{"en", "nl", "fr", "de", "sl"}

var (
	slugPattern     = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$`)
	languagePattern = regexp.MustCompile(`^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$`)
	reservedSlugs   = map[string]bool{"api": true, "static": true, "admin": true, "login": true, "logout": true, "register": true, "healthz": true, "readyz": true, "metrics": true, "account": true, "c": true}
)

// Limits on community fields.
const (
	MaxNameLen     = 120
	MaxRadiusKM    = 500.0
	maxLanguages   = 20
	maxCategoryLen = 40
)

// ValidLanguage reports whether s looks like a BCP 47 language tag we accept.
func ValidLanguage(s string) bool { return languagePattern.MatchString(s) }

// Normalize trims the community's free text and fills defaults: every
// category when none are given.
func (c *Community) Normalize() {
	c.Slug = strings.ToLower(strings.TrimSpace(c.Slug))
	c.Name = strings.TrimSpace(c.Name)
	if len(c.Categories) == 0 {
		c.Categories = append([]string(nil), Categories...)
	}
	if c.Timezone == "" {
		c.Timezone = DefaultTimezone
	}
	if c.OfferMode == "" {
		c.OfferMode = OfferApproval
	}
	if c.VettingCategories == nil {
		c.VettingCategories = []string{}
	}
}

// Validate checks a community before it is stored.
func (c Community) Validate() error {
	var p Problems
	switch {
	case !slugPattern.MatchString(c.Slug):
		p.Add("slug", "format", "use 1 to 40 lowercase letters, digits and dashes, not starting or ending with a dash")
	case reservedSlugs[c.Slug]:
		p.Add("slug", "reserved", "this name is reserved")
	}
	if c.Name == "" || utf8.RuneCountInString(c.Name) > MaxNameLen {
		p.Add("name", "length", "give a name of 1 to 120 characters")
	}
	validateLanguages(&p, c.Languages)
	if !c.Center.Valid() {
		p.Add("center", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if !(c.RadiusKM > 0 && c.RadiusKM <= MaxRadiusKM) {
		p.Add("radius_km", "range", "the radius must be more than 0 and at most 500 km")
	}
	for _, cat := range c.Categories {
		if !IsCategory(cat) {
			p.Add("categories", "unknown", "unknown category: "+truncate(cat, maxCategoryLen))
			break
		}
	}
	c.Settings.validate(&p)
	return p.Err()
}

func (s Settings) validate(p *Problems) {
	if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" || s.Timezone == "Local" {
		p.Add("timezone", "unknown", "give an IANA time zone such as Europe/Ljubljana")
	}
	for _, cat := range s.VettingCategories {
		if !IsCategory(cat) {
			p.Add("vetting_categories", "unknown", "unknown category: "+truncate(cat, maxCategoryLen))
			break
		}
	}
	if s.OfferMode != OfferDirect && s.OfferMode != OfferApproval {
		p.Add("offer_mode", "unknown", "offer_mode is direct or approval")
	}
}

func validateLanguages(p *Problems, langs []string) {
	if len(langs) == 0 || len(langs) > maxLanguages {
		p.Add("languages", "length", "list 1 to 20 languages; the first is the default")
		return
	}
	seen := map[string]bool{}
	for _, l := range langs {
		if !ValidLanguage(l) {
			p.Add("languages", "format", "not a language code: "+truncate(l, 12))
			return
		}
		if seen[l] {
			p.Add("languages", "duplicate", "listed twice: "+l)
			return
		}
		seen[l] = true
	}
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

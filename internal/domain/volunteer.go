package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Volunteer is a member's profile as a helper in one community: what they
// can do, where and when, and how much. Home is private like an address.
type Volunteer struct {
	UserID       int64     `json:"user_id"`
	CommunityID  int64     `json:"community_id"`
	Name         string    `json:"name"`
	Skills       []string  `json:"skills"`
	Languages    []string  `json:"languages"`
	Home         Point     `json:"location"`
	RadiusKM     float64   `json:"radius_km"`
	Availability []Slot    `json:"availability"`
	MaxActive    int       `json:"max_active"`
	Vetted       bool      `json:"vetted"`
	VettedAt     time.Time `json:"vetted_at,omitzero"`
	VettedBy     int64     `json:"vetted_by,omitempty"`
	// Active counts assignments now proposed or accepted; the store keeps
	// it in step with the assignments in the same transaction.
	Active    int       `json:"active_tasks"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Limits on volunteer profiles.
const (
	MaxSkills        = 40
	MaxTagLen        = 40
	MaxSlots         = 50
	MaxActiveTasks   = 20
	MaxVolunteerKM   = 100.0
	DefaultMaxActive = 2
)

// Normalize trims and de-duplicates skills and fills defaults.
func (v *Volunteer) Normalize() {
	seen := map[string]bool{}
	skills := make([]string, 0, len(v.Skills))
	for _, s := range v.Skills {
		s = strings.ToLower(strings.TrimSpace(s))
		// "Digital help" and "digital-help" are the category digital_help:
		// the search index knows categories only by their exact names.
		if c := strings.NewReplacer(" ", "_", "-", "_").Replace(s); IsCategory(c) {
			s = c
		}
		if s != "" && !seen[s] {
			seen[s] = true
			skills = append(skills, s)
		}
	}
	v.Skills = skills
	if v.MaxActive == 0 {
		v.MaxActive = DefaultMaxActive
	}
	if v.Availability == nil {
		v.Availability = []Slot{}
	}
}

// Validate checks a profile before it is stored.
func (v Volunteer) Validate() error {
	var p Problems
	if len(v.Skills) == 0 || len(v.Skills) > MaxSkills {
		p.Add("skills", "length", "choose 1 to 40 skills: categories or your own words")
	}
	for _, s := range v.Skills {
		if utf8.RuneCountInString(s) > MaxTagLen {
			p.Add("skills", "too_long", "a skill may have at most 40 characters")
			break
		}
	}
	validateLanguages(&p, v.Languages)
	if !v.Home.Valid() {
		p.Add("location", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if !(v.RadiusKM > 0 && v.RadiusKM <= MaxVolunteerKM) {
		p.Add("radius_km", "range", "the distance must be more than 0 and at most 100 km")
	}
	if len(v.Availability) > MaxSlots {
		p.Add("availability", "length", "at most 50 weekly slots")
	}
	for _, s := range v.Availability {
		if _, err := s.Interval(); err != nil {
			p.Add("availability", "format", err.Error())
			break
		}
	}
	if v.MaxActive < 1 || v.MaxActive > MaxActiveTasks {
		p.Add("max_active", "range", "take 1 to 20 tasks at a time")
	}
	return p.Err()
}

// HasCategory reports whether the profile offers help of category c.
func (v Volunteer) HasCategory(c string) bool { return contains(v.Skills, c) }

// VolunteerQuery selects volunteers near a request for matching. The store
// applies the cheap, indexed filters; package match applies the rest.
type VolunteerQuery struct {
	Cells         []CellRange
	Category      string
	RequireVetted bool
	// LanguageMask and WeekMask, when not zero, keep only volunteers whose
	// masks share a bit with them (see match.LanguageMask, match.WeekMask).
	LanguageMask, WeekMask int64
	Limit                  int
}

// VolunteerStats are the figures matching weighs for fairness and record.
type VolunteerStats struct {
	Recent    int // assignments in the fairness window
	Completed int
	Declined  int
}

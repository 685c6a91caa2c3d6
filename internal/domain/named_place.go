package domain

import (
	"strings"
	"unicode/utf8"
)

// Place is a named spot in a community — a neighbourhood, a village, a
// square — that its admins define. People who cannot or will not drop a pin
// on a map (no JavaScript, an old phone, a screen reader) choose one of these
// instead, and its point stands for their location.
type Place struct {
	ID          int64  `json:"id"`
	CommunityID int64  `json:"-"`
	Name        string `json:"name"`
	Point       Point  `json:"point"`
}

// MaxPlaceNameLen bounds a place's name: it is shown in a select.
const MaxPlaceNameLen = 80

// Normalize trims the name.
func (p *Place) Normalize() { p.Name = strings.TrimSpace(p.Name) }

// Validate checks the name and the point; whether the point lies inside the
// community is the service's check, as it knows the community.
func (p Place) Validate() error {
	var pr Problems
	if p.Name == "" || utf8.RuneCountInString(p.Name) > MaxPlaceNameLen {
		pr.Add("name", "length", "give a name of 1 to 80 characters")
	}
	if !p.Point.Valid() {
		pr.Add("point", "range", "latitude must be within ±90 and longitude within ±180")
	}
	return pr.Err()
}

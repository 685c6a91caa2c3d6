package match

import (
	"mutua/internal/domain"
)

// The fixtures sit in Ljubljana: a request at Prešeren Square for
// groceries, in Slovenian, on Tuesday 09:00–12:00, and a volunteer who
// fits it in every way.

var center = domain.Point{Lat: 46.0514, Lng: 14.5060}

// north returns the point km kilometres north of center.
func north(km float64) domain.Point {
	return domain.Point{Lat: center.Lat + km/111.195, Lng: center.Lng}
}

// at returns minutes of the week for a day (0 = Monday) and clock time.
func at(day, hour, minute int) int { return day*1440 + hour*60 + minute }

func tuesdayMorning() []domain.Interval {
	return []domain.Interval{{Start: at(1, 9, 0), End: at(1, 12, 0)}}
}

func baseRequest() Request {
	return Request{
		Location:  center,
		Category:  "groceries",
		Languages: []string{"sl"},
		Windows:   tuesdayMorning(),
	}
}

func baseCandidate(id int64) Candidate {
	return Candidate{
		UserID:       id,
		Home:         north(1),
		RadiusKM:     5,
		Skills:       []string{"groceries", "pharmacy"},
		Languages:    []string{"sl", "en"},
		Availability: []domain.Interval{{Start: at(1, 8, 0), End: at(1, 13, 0)}},
		MaxActive:    2,
	}
}

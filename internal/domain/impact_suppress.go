package domain

import (
	"math"
	"strconv"
)

// SuppressedText is how a hidden figure reads in tables, CSV and the API's
// display strings: "fewer than MinPublicCount".
const SuppressedText = "<5"

// StatCell is one published figure. Suppressed cells carry Value 0, so the
// real number never leaves the service; Missing marks a figure that has
// nothing to be computed from (a median of no requests).
type StatCell struct {
	Value      float64 `json:"value" doc:"the figure; 0 when suppressed or missing"`
	Suppressed bool    `json:"suppressed" doc:"true when the figure is below 5, or derived from fewer than 5 items, and is shown as <5"`
	Missing    bool    `json:"missing,omitempty" doc:"true when there is nothing to compute the figure from"`
}

// String is the cell as shown: "<5", "–" when missing, or the number with
// at most two decimals (rates per 1,000 need them; other figures are
// already rounded to one).
func (c StatCell) String() string {
	switch {
	case c.Suppressed:
		return SuppressedText
	case c.Missing:
		return "–"
	}
	return strconv.FormatFloat(math.Round(c.Value*100)/100, 'f', -1, 64)
}

// The suppression rule, in one place. A count of 1 to 4 is hidden: it could
// point at one neighbour. Zero is shown: "nobody" singles out no one, and a
// month without activity should read as such. A figure derived from items
// (hours from gifts, a median from requests, a fill rate from places) is
// hidden when it rests on 1 to 4 of them, or is itself below 5 when it is
// an amount, because it reveals as much as the count would.

// suppressCount publishes a count.
func suppressCount(n int, exact bool) StatCell {
	if !exact && n > 0 && n < MinPublicCount {
		return StatCell{Suppressed: true}
	}
	return StatCell{Value: float64(n)}
}

// suppressAmount publishes an amount (hours) summed over items.
func suppressAmount(v float64, items int, exact bool) StatCell {
	if !exact && items > 0 && (items < MinPublicCount || v < MinPublicCount) {
		return StatCell{Suppressed: true}
	}
	return StatCell{Value: math.Round(v*10) / 10}
}

// suppressDerived publishes a figure computed from items (a median, a
// rate); with no items it is missing.
func suppressDerived(v float64, items int, exact bool) StatCell {
	if items == 0 {
		return StatCell{Missing: true}
	}
	if !exact && items < MinPublicCount {
		return StatCell{Suppressed: true}
	}
	return StatCell{Value: math.Round(v*10) / 10}
}

// ImpactCells are the published figures of one period and category.
type ImpactCells struct {
	RequestsMade      StatCell `json:"requests_made"`
	RequestsDone      StatCell `json:"requests_done"`
	RequestsCancelled StatCell `json:"requests_cancelled"`
	RequestsExpired   StatCell `json:"requests_expired"`
	MedianAcceptHours StatCell `json:"median_accept_hours" doc:"median hours from a request to its first accepted assignment"`
	Hours             StatCell `json:"hours" doc:"volunteer hours, from completed assignments and closed shifts"`
	ActiveVolunteers  StatCell `json:"active_volunteers" doc:"people who gave hours"`
	NewVolunteers     StatCell `json:"new_volunteers" doc:"volunteer profiles created; all categories only"`
	ShiftsHeld        StatCell `json:"shifts_held" doc:"shifts that took place"`
	ShiftsFilled      StatCell `json:"shifts_filled" doc:"shifts that took place with every place taken"`
	FillRate          StatCell `json:"fill_rate" doc:"places taken of the places offered, in percent"`
	PeopleHelped      StatCell `json:"people_helped" doc:"distinct members and clients who received help"`
}

// Cells publishes the figures: exact for the community's admins, suppressed
// for everyone else.
func (f ImpactFigures) Cells(exact bool) ImpactCells {
	rate := 0.0
	if f.Capacity > 0 {
		rate = 100 * float64(f.PlacesTaken) / float64(f.Capacity)
	}
	// A fill rate rests on the shifts and on the places taken; either small
	// would let a reader work out a few people's sign-ups.
	rateItems := min(f.ShiftsHeld, f.PlacesTaken)
	if f.ShiftsHeld == 0 {
		rateItems = 0
	}
	fill := suppressDerived(rate, rateItems, exact)
	if f.ShiftsHeld > 0 && f.PlacesTaken == 0 {
		fill = StatCell{Value: 0}
	}
	return ImpactCells{
		RequestsMade:      suppressCount(f.RequestsMade, exact),
		RequestsDone:      suppressCount(f.RequestsDone, exact),
		RequestsCancelled: suppressCount(f.RequestsCancelled, exact),
		RequestsExpired:   suppressCount(f.RequestsExpired, exact),
		MedianAcceptHours: suppressDerived(f.MedianAcceptHours, f.Accepted, exact),
		Hours:             suppressAmount(f.Hours, f.Contributions, exact),
		ActiveVolunteers:  suppressCount(f.ActiveVolunteers, exact),
		NewVolunteers:     suppressCount(f.NewVolunteers, exact),
		ShiftsHeld:        suppressCount(f.ShiftsHeld, exact),
		ShiftsFilled:      suppressCount(f.ShiftsFilled, exact),
		FillRate:          fill,
		PeopleHelped:      suppressCount(f.PeopleHelped, exact),
	}
}

// PerThousand publishes a count per 1,000 inhabitants. The rate reveals
// the count to anyone who knows the population, so it is hidden whenever
// the count is; without a population it is missing.
func PerThousand(count StatCell, population int) StatCell {
	switch {
	case count.Suppressed:
		return StatCell{Suppressed: true}
	case population <= 0:
		return StatCell{Missing: true}
	}
	return StatCell{Value: math.Round(count.Value*1000/float64(population)*100) / 100}
}

// ImpactColumns names the figures in the order of ImpactCells, for CSV
// headers and tables.
var ImpactColumns = []string{
	"requests_made", "requests_done", "requests_cancelled", "requests_expired",
	"median_accept_hours", "hours", "active_volunteers", "new_volunteers",
	"shifts_held", "shifts_filled", "fill_rate", "people_helped",
}

// List is the cells in the order of ImpactColumns.
func (c ImpactCells) List() []StatCell {
	return []StatCell{
		c.RequestsMade, c.RequestsDone, c.RequestsCancelled, c.RequestsExpired,
		c.MedianAcceptHours, c.Hours, c.ActiveVolunteers, c.NewVolunteers,
		c.ShiftsHeld, c.ShiftsFilled, c.FillRate, c.PeopleHelped,
	}
}

// Population bands of the comparison page, by their lower bound.
var PopulationBands = []int{0, 5000, 20000, 100000}

// PopulationBand is the index in PopulationBands of population's band, or
// -1 when the population is unknown.
func PopulationBand(population int) int {
	if population <= 0 {
		return -1
	}
	band := 0
	for i, lo := range PopulationBands {
		if population >= lo {
			band = i
		}
	}
	return band
}

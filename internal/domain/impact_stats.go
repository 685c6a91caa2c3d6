package domain

import (
	"sort"
	"time"
)

// ImpactFacts are the rows the impact figures of a period are computed from.
// The store reads them in UTC; SummarizeImpact sorts them into months of the
// community's own time, which SQL cannot do the same way on both databases.
type ImpactFacts struct {
	// Requests were made in the period; AcceptedAt is when a volunteer first
	// accepted one, or zero.
	Requests []ImpactRequestFact
	// Outcomes are requests that reached an end (done, cancelled, expired)
	// in the period, at the time they did.
	Outcomes []ImpactOutcomeFact
	// Contributions are the hours given in the period, from completed
	// assignments and closed shifts.
	Contributions []ImpactContributionFact
	// Shifts took place in the period (began before now, not cancelled).
	Shifts []ImpactShiftFact
	// VolunteersJoined are the creation times of volunteer profiles.
	VolunteersJoined []time.Time
}

// ImpactRequestFact is one request made.
type ImpactRequestFact struct {
	Category   string
	CreatedAt  time.Time
	AcceptedAt time.Time
}

// ImpactOutcomeFact is one request that ended.
type ImpactOutcomeFact struct {
	Category string
	Status   RequestStatus
	At       time.Time
}

// ImpactContributionFact is one gift of time. A receiver is a member or a
// client (0 for neither, as for shifts).
type ImpactContributionFact struct {
	Category         string
	GiverID          int64
	ReceiverUserID   int64
	ReceiverClientID int64
	Hours            float64
	At               time.Time
}

// ImpactShiftFact is one shift that took place: Taken places (confirmed,
// checked in or no-show, teams counting every member) of Capacity.
type ImpactShiftFact struct {
	Category string
	StartsAt time.Time
	Capacity int
	Taken    int
}

// ImpactFigures are the exact figures of one period and category. They
// never leave the service unsuppressed except to the community's admins.
type ImpactFigures struct {
	RequestsMade      int
	RequestsDone      int
	RequestsCancelled int
	RequestsExpired   int
	// MedianAcceptHours is the median time from a request to its first
	// accepted assignment, over Accepted requests.
	MedianAcceptHours float64
	Accepted          int
	Hours             float64
	// Contributions counts the gifts Hours adds up.
	Contributions    int
	ActiveVolunteers int
	// NewVolunteers is known only for all categories together: a profile
	// has no category.
	NewVolunteers int
	ShiftsHeld    int
	// ShiftsFilled counts shifts with every place taken.
	ShiftsFilled int
	PlacesTaken  int
	Capacity     int
	// PeopleHelped counts distinct receiving members plus distinct clients.
	PeopleHelped int
}

// ImpactRow is the figures of one period and one category; Category ""
// holds all categories together (distinct people are not summed).
type ImpactRow struct {
	Start    time.Time
	Category string
	ImpactFigures
}

// SummarizeImpact computes the rows of every period between consecutive
// bounds (each [bounds[i], bounds[i+1])): first the all-categories row, then
// one row per category that had anything, in name order.
func SummarizeImpact(f ImpactFacts, bounds []time.Time) []ImpactRow {
	if len(bounds) < 2 {
		return nil
	}
	type key struct {
		period   int
		category string
	}
	acc := map[key]*impactAccumulator{}
	get := func(at time.Time, category string) []*impactAccumulator {
		p := periodOf(bounds, at)
		if p < 0 {
			return nil
		}
		out := make([]*impactAccumulator, 0, 2)
		for _, k := range []key{{p, ""}, {p, category}} {
			if k.category == "" && len(out) == 1 {
				continue
			}
			a := acc[k]
			if a == nil {
				a = newImpactAccumulator()
				acc[k] = a
			}
			out = append(out, a)
		}
		return out
	}
	for _, r := range f.Requests {
		for _, a := range get(r.CreatedAt, r.Category) {
			a.RequestsMade++
			if !r.AcceptedAt.IsZero() {
				a.delays = append(a.delays, r.AcceptedAt.Sub(r.CreatedAt).Hours())
			}
		}
	}
	for _, o := range f.Outcomes {
		for _, a := range get(o.At, o.Category) {
			switch o.Status {
			case RequestDone:
				a.RequestsDone++
			case RequestCancelled:
				a.RequestsCancelled++
			case RequestExpired:
				a.RequestsExpired++
			}
		}
	}
	for _, c := range f.Contributions {
		for _, a := range get(c.At, c.Category) {
			a.Hours += c.Hours
			a.Contributions++
			a.givers[c.GiverID] = true
			if c.ReceiverUserID != 0 {
				a.users[c.ReceiverUserID] = true
			}
			if c.ReceiverClientID != 0 {
				a.clients[c.ReceiverClientID] = true
			}
		}
	}
	for _, s := range f.Shifts {
		for _, a := range get(s.StartsAt, s.Category) {
			a.ShiftsHeld++
			a.Capacity += s.Capacity
			a.PlacesTaken += min(s.Taken, s.Capacity)
			if s.Taken >= s.Capacity {
				a.ShiftsFilled++
			}
		}
	}
	for _, at := range f.VolunteersJoined {
		if p := periodOf(bounds, at); p >= 0 {
			for _, a := range get(at, "") {
				a.NewVolunteers++
			}
		}
	}
	rows := make([]ImpactRow, 0, len(acc))
	for k, a := range acc {
		rows = append(rows, ImpactRow{Start: bounds[k.period], Category: k.category, ImpactFigures: a.figures()})
	}
	for p := 0; p+1 < len(bounds); p++ {
		if acc[key{p, ""}] == nil {
			rows = append(rows, ImpactRow{Start: bounds[p]})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if !rows[i].Start.Equal(rows[j].Start) {
			return rows[i].Start.Before(rows[j].Start)
		}
		return rows[i].Category < rows[j].Category
	})
	return rows
}

// periodOf is the index of the period holding at, or -1.
func periodOf(bounds []time.Time, at time.Time) int {
	i := sort.Search(len(bounds), func(i int) bool { return bounds[i].After(at) })
	if i == 0 || i == len(bounds) {
		return -1
	}
	return i - 1
}

type impactAccumulator struct {
	ImpactFigures
	delays                 []float64
	givers, users, clients map[int64]bool
}

func newImpactAccumulator() *impactAccumulator {
	return &impactAccumulator{givers: map[int64]bool{}, users: map[int64]bool{}, clients: map[int64]bool{}}
}

func (a *impactAccumulator) figures() ImpactFigures {
	f := a.ImpactFigures
	f.Accepted = len(a.delays)
	f.MedianAcceptHours = median(a.delays)
	f.ActiveVolunteers = len(a.givers)
	f.PeopleHelped = len(a.users) + len(a.clients)
	return f
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// MonthBounds returns the starts of the months months..0 before now's month
// in loc and the start of the month after it: months+2 bounds, months+1
// periods ending with the current month.
func MonthBounds(now time.Time, loc *time.Location, months int) []time.Time {
	now = now.In(loc)
	first := time.Date(now.Year(), now.Month()-time.Month(months), 1, 0, 0, 0, 0, loc)
	out := make([]time.Time, 0, months+2)
	for i := 0; i <= months+1; i++ {
		out = append(out, time.Date(first.Year(), first.Month()+time.Month(i), 1, 0, 0, 0, 0, loc))
	}
	return out
}

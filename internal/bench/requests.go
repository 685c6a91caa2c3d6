package bench

import (
	"fmt"
	"math/rand/v2"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/store"
)

// requestWeights is how often people ask for each of domain.Categories, in
// its order: shopping, lifts and company most.
var requestWeights = []float64{22, 12, 7, 14, 12, 2, 3, 7, 6, 8, 5, 1, 1}

// titles are what people write, by category.
var titles = map[string]string{
	"groceries": "Weekly shopping", "pharmacy": "Collect my prescription", "meals": "A warm lunch",
	"transport": "A lift to the clinic", "companionship": "A walk and a chat", "childcare": "Collect the children from school",
	"petcare": "Walk the dog", "household": "Help with cleaning", "repairs": "Fix a dripping tap",
	"digital_help": "Set up my phone", "paperwork": "Fill in a form", "translation": "Translate a letter", "other": "A small favour",
}

// requestLanguages are the languages requests name, with their shares; an
// empty list means any language will do.
var requestLanguages = []struct {
	langs []string
	share float64
}{
	{[]string{"sl"}, 0.60}, {nil, 0.12}, {[]string{"sl", "en"}, 0.10}, {[]string{"en"}, 0.05},
	{[]string{"hr"}, 0.05}, {[]string{"de"}, 0.04}, {[]string{"it"}, 0.02}, {[]string{"sr"}, 0.02},
}

var streets = []string{"Trubarjeva cesta", "Celovška cesta", "Dunajska cesta", "Zaloška cesta", "Tržaška cesta",
	"Njegoševa cesta", "Vojkova cesta", "Litijska cesta", "Ižanska cesta", "Ljubljanska cesta"}

// requestMaker makes open requests: from members (half of them) or entered
// by the coordinator, needed at some time in the two weeks after now.
type requestMaker struct {
	now        time.Time
	loc        *time.Location
	coord      int64
	requesters []int64
}

func (m requestMaker) make(r *rand.Rand) store.ImportedRequest {
	cat := domain.Categories[weighted(r, requestWeights)]
	place := home(r)
	req := domain.Request{
		Category: cat, Title: titles[cat], Description: "Synthetic request of the benchmark.",
		Urgency:  []string{"low", "normal", "high"}[weighted(r, []float64{0.2, 0.65, 0.15})],
		Location: place, Address: fmt.Sprintf("%s %d", streets[r.IntN(len(streets))], 1+r.IntN(120)),
		Approx: geo.Approximate(place), CreatedBy: m.coord, Recurrence: domain.Recurrence{Kind: domain.RecurOnce},
	}
	shares := make([]float64, len(requestLanguages))
	for i, l := range requestLanguages {
		shares[i] = l.share
	}
	req.Languages = append([]string{}, requestLanguages[weighted(r, shares)].langs...)
	if len(m.requesters) > 0 && r.IntN(2) == 0 {
		id := m.requesters[r.IntN(len(m.requesters))]
		req.RequesterID, req.CreatedBy = &id, id
	}
	m.when(r, &req)
	return store.ImportedRequest{Request: req, Cell: geo.CellID(req.Approx)}
}

// when sets the window: a day in the coming two weeks; mostly an hour to
// four in the daytime, sometimes any time over a few days, and for some
// requests the same hours every week for one to two months.
func (m requestMaker) when(r *rand.Rand, req *domain.Request) {
	today := m.now.In(m.loc)
	day := time.Date(today.Year(), today.Month(), today.Day()+1+r.IntN(14), 0, 0, 0, 0, m.loc)
	at := func(d time.Time, hour, minute int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, m.loc)
	}
	start := at(day, 8+r.IntN(11), 15*r.IntN(4))
	hours := time.Duration(1+weighted(r, []float64{0.3, 0.35, 0.2, 0.15})) * time.Hour
	switch x := r.Float64(); {
	case x < 0.15:
		rec := domain.Recurrence{Kind: domain.RecurWeekly, Days: []string{domain.WeekdayOf(day)}}
		if r.IntN(2) == 0 {
			rec.Days = append(rec.Days, domain.Weekdays[(domain.WeekdayIndex(rec.Days[0])+2+r.IntN(4))%7])
		}
		until := day.AddDate(0, 0, 28+r.IntN(29))
		rec.Until = until.Format(time.DateOnly)
		req.Recurrence = rec
		req.NeededFrom, req.NeededBy = start.UTC(), start.Add(min(hours, 2*time.Hour)).UTC()
		req.ExpiresAt = time.Date(until.Year(), until.Month(), until.Day()+1, 0, 0, 0, 0, m.loc).UTC()
	case x < 0.28:
		req.NeededFrom = at(day, 8, 0).UTC()
		req.NeededBy = at(day.AddDate(0, 0, 1+r.IntN(4)), 20, 0).UTC()
	default:
		req.NeededFrom, req.NeededBy = start.UTC(), start.Add(hours).UTC()
	}
}

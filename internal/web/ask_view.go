package web

import (
	"math"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/service"
)

// What the ask area's templates say about requests, in the page's language
// and the community's time zone: people read times as the clock on their
// wall, and a request made in Žalec means Žalec's clock.

// local returns t in the community's time zone.
func (b *askBase) local(t time.Time) time.Time { return t.In(b.Community.Location()) }

// When says when help is needed. Whole days (from midnight to the last
// minute of a day, as the form's "any time" asks) are written as dates
// only; a window within one day as a date and two times; several days in
// one of the form's parts of the day as the days and that part.
func (b *askBase) When(from, by time.Time) string {
	from, by = b.local(from), b.local(by)
	sameDay := from.YearDay() == by.YearDay() && from.Year() == by.Year()
	part := askPartOf(from, by)
	switch {
	case sameDay && part == "any":
		return b.tr.Date(from)
	case sameDay:
		return b.T("ask.when.day_times", "Date", b.tr.Date(from), "From", b.tr.Time(from), "To", b.tr.Time(by))
	case part == "any":
		return b.T("ask.when.days", "From", b.tr.Date(from), "To", b.tr.Date(by))
	case part != "":
		return b.T("ask.when.days_part", "From", b.tr.Date(from), "To", b.tr.Date(by), "Part", b.T("ask.when.part."+part))
	}
	return b.T("ask.when.days_times", "From", b.tr.Date(from), "FromTime", b.tr.Time(from),
		"To", b.tr.Date(by), "ToTime", b.tr.Time(by))
}

// askPartOf names the part of the day (see askTimes) a window starts and
// ends with, or "" when it is none of them.
func askPartOf(from, by time.Time) string {
	start, end := from.Hour()*60+from.Minute(), by.Hour()*60+by.Minute()
	for _, s := range askTimes {
		if s.from == start && s.to == end {
			return s.name
		}
	}
	return ""
}

// Schedule is When followed, for a weekly request, by the days it repeats
// on and until when.
func (b *askBase) Schedule(from, by time.Time, rec domain.Recurrence) string {
	when := b.When(from, by)
	until, err := time.Parse(time.DateOnly, rec.Until)
	if rec.Kind != domain.RecurWeekly || len(rec.Days) == 0 || err != nil {
		return when
	}
	days := make([]string, len(rec.Days))
	for i, d := range rec.Days {
		days[i] = b.T("ask.day." + d)
	}
	return b.T("ask.when.weekly", "First", when, "Days", strings.Join(days, ", "), "Until", b.tr.Date(until))
}

// DateTime writes a moment as a date and a time of day.
func (b *askBase) DateTime(t time.Time) string {
	t = b.local(t)
	return b.T("ask.datetime", "Date", b.tr.Date(t), "Time", b.tr.Time(t))
}

// StatusText says where a request is, in words a person asking understands.
func (b *askBase) StatusText(s domain.RequestStatus) string { return b.T("ask.status." + string(s)) }

// UrgencyText names an urgency.
func (b *askBase) UrgencyText(u string) string { return b.T("ask.urgency." + u) }

// EventText says what one line of a request's history means. Kinds added
// later by other parts of mutua read as a plain "changed" until they get
// words of their own.
func (b *askBase) EventText(kind string) string {
	if msg, ok := b.tr.Lookup("ask.event." + kind); ok {
		return msg
	}
	return b.T("ask.event.other")
}

// CategoryIcon is the static file of a category's icon, for asset.
func (b *askBase) CategoryIcon(category string) string {
	if !domain.IsCategory(category) {
		category = "other"
	}
	return "img/categories/" + category + ".svg"
}

// Count writes a whole number with the language's grouping marks.
func (b *askBase) Count(n int) string { return b.tr.Int(int64(n)) }

// MinPublicCount is the smallest figure shown as it is.
func (b *askBase) MinPublicCount() int { return domain.MinPublicCount }

// nearPlaceKM is how far a named place may be from a request's approximate
// location and still name it: about the size of a village.
const nearPlaceKM = 2.5

// Area says roughly where a request is, from its approximate location only:
// the nearest of the community's named places, else the distance from the
// community's centre, rounded to half kilometres. Never the address.
func (b *askBase) Area(approx domain.Point, places []domain.Place) string {
	best, bestKM := "", nearPlaceKM
	for _, pl := range places {
		if d := geo.Distance(approx, pl.Point); d <= bestKM {
			best, bestKM = pl.Name, d
		}
	}
	if best != "" {
		return b.T("ask.area.near_place", "Place", best)
	}
	km := math.Round(geo.Distance(b.Community.Center, approx)*2) / 2
	if km < 0.5 {
		return b.T("ask.area.centre")
	}
	return b.T("ask.area.from_centre", "Distance", km)
}

// askHistory is what the "ask_history" partial lists: a request's events
// and the page that words them.
type askHistory struct {
	Page   *askBase
	Events []domain.RequestEvent
}

// History prepares a request's events for the "ask_history" partial.
func (b *askBase) History(events []domain.RequestEvent) askHistory {
	return askHistory{Page: b, Events: events}
}

// Figure writes a public figure: the number, or "fewer than 5" for the
// small ones the service hides.
func (b *askBase) Figure(c service.PublicCount) string {
	if c.Hidden {
		return b.T("ask.impact.fewer", "Number", domain.MinPublicCount)
	}
	return b.Count(c.Value)
}

package web

import (
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/i18n"
	"mutua/internal/match"
	"mutua/internal/service"
)

// Words for the volunteer area that are built from values: day names, when
// a request is needed, and the match reasons. Numbers and dates go through
// the translator, so "1,2 km" and "12. Mai 2026" come out as each language
// writes them.

// volWeekday names a day ("tue") as running text writes it: "Tuesday",
// "dinsdag", "torek".
func volWeekday(tr *i18n.Translator, day string) string {
	return tr.T("volunteer.day." + day)
}

// volReasonDay names a day as the match reasons use it: "Tuesday" for
// "fits your Tuesday morning", but "le mardi" in French and "v torek" in
// Slovenian, whose sentences need the article or the case.
func volReasonDay(tr *i18n.Translator, day string) string {
	return tr.T("volunteer.day.reason." + day)
}

// volReason turns one match reason into a sentence for the volunteer
// reading their feed. The reason codes are match's; a code this page does
// not know yet is left out rather than shown as a code.
func volReason(tr *i18n.Translator, r match.Reason) (string, bool) {
	switch r.Code {
	case match.ReasonDistance:
		if r.KM < 0.1 {
			return tr.T("volunteer.reason.distance.near"), true
		}
		return tr.T("volunteer.reason.distance", "KM", r.KM), true
	case match.ReasonSkill:
		return tr.T("volunteer.reason.skill", "Category", tr.T("category."+r.Category)), true
	case match.ReasonLanguage:
		return tr.T("volunteer.reason.language", "Language", tr.LanguageName(r.Language)), true
	case match.ReasonAvailable:
		return volAvailable(tr, r), true
	case match.ReasonLoad:
		return tr.T("volunteer.reason.load", "Count", r.Tasks), true
	case match.ReasonRecord:
		return tr.T("volunteer.reason.record", "Count", r.Count), true
	case match.ReasonVetted:
		return tr.T("volunteer.reason.vetted"), true
	}
	return "", false
}

// volAvailable says when both are free: as a part of the day when the
// time lies within one ("fits your Tuesday morning"), else in hours.
func volAvailable(tr *i18n.Translator, r match.Reason) string {
	day := volReasonDay(tr, r.Day)
	if part, ok := volPartWithin(r.From, r.To); ok {
		return tr.T("volunteer.reason.available."+part, "Day", day)
	}
	return tr.T("volunteer.reason.available.hours", "Day", day, "From", r.From, "To", r.To)
}

// volReasons translates every reason it knows, in the engine's order.
func volReasons(tr *i18n.Translator, reasons []match.Reason) []string {
	out := make([]string, 0, len(reasons))
	for _, r := range reasons {
		if text, ok := volReason(tr, r); ok {
			out = append(out, text)
		}
	}
	return out
}

// volWhen says when a request needs help, in the community's time zone:
// one day with its hours, a span of days, or a weekly time until a date.
func volWhen(tr *i18n.Translator, r service.RequestView, loc *time.Location) string {
	from, to := r.NeededFrom.In(loc), r.NeededBy.In(loc)
	if r.Recurrence.Kind == domain.RecurWeekly {
		days := make([]string, 0, len(r.Recurrence.Days))
		for _, d := range r.Recurrence.Days {
			days = append(days, volWeekday(tr, d))
		}
		until := r.Recurrence.Until
		if u, err := time.ParseInLocation(time.DateOnly, until, loc); err == nil {
			until = tr.Date(u)
		}
		return tr.T("volunteer.when.weekly", "Days", strings.Join(days, ", "),
			"From", tr.Time(from), "To", tr.Time(to), "Until", until)
	}
	// A window that ends at midnight belongs to the day it started.
	last := to.Add(-time.Minute)
	if volSameDay(from, last) {
		return tr.T("volunteer.when.day", "Weekday", volWeekday(tr, domain.WeekdayOf(from)),
			"Date", tr.Date(from), "From", tr.Time(from), "To", tr.Time(to))
	}
	return tr.T("volunteer.when.span",
		"Start", tr.T("volunteer.when.moment", "Date", tr.Date(from), "Time", tr.Time(from)),
		"End", tr.T("volunteer.when.moment", "Date", tr.Date(to), "Time", tr.Time(to)))
}

func volSameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// volNearPlaceKM is how close a named place must be to a request's
// approximate location to describe where it is.
const volNearPlaceKM = 2.0

// volNearPlace names the community's place nearest to an approximate
// location ("Near Petrovče"), or "" when none is close. Only the public,
// approximate point is used, so it tells no more than the feed may.
func volNearPlace(tr *i18n.Translator, approx domain.Point, places []domain.Place) string {
	best, bestKM := "", volNearPlaceKM
	for _, pl := range places {
		if d := geo.Distance(approx, pl.Point); d <= bestKM {
			best, bestKM = pl.Name, d
		}
	}
	if best == "" {
		return ""
	}
	return tr.T("volunteer.feed.near", "Place", best)
}

// volStatus names an assignment's status for people.
func volStatus(tr *i18n.Translator, s domain.AssignmentStatus) string {
	return tr.T("volunteer.status." + string(s))
}

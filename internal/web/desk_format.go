package web

import (
	"math"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/match"
	"mutua/internal/service"
)

// How the desk writes times, statuses and match reasons in the page's
// language. Every time is shown in the community's time zone: a caller's
// "tomorrow at nine" is the community's nine, wherever the server runs.

// DateTime writes a moment as date and time: "22 November 2026 at 14:05".
func (d *deskView) DateTime(t time.Time) string {
	t = t.In(d.loc)
	return d.T("desk.datetime", "Date", d.tr.Date(t), "Time", d.tr.Time(t))
}

// When writes when help is needed: one day with its hours, or a span over
// several days.
func (d *deskView) When(from, to time.Time) string {
	f, t := from.In(d.loc), to.In(d.loc)
	if deskSameDay(f, t) || (deskSameDay(f, t.Add(-time.Minute)) && t.Hour() == 0 && t.Minute() == 0) {
		end := d.tr.Time(t)
		if !deskSameDay(f, t) {
			end = "24:00"
		}
		return d.T("desk.when.day", "Date", d.tr.Date(f), "From", d.tr.Time(f), "To", end)
	}
	return d.T("desk.when.span", "From", d.DateTime(f), "To", d.DateTime(t))
}

func deskSameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// Recurrence says how often help is needed; "" for a one-off request.
func (d *deskView) Recurrence(rc domain.Recurrence) string {
	if rc.Kind != domain.RecurWeekly {
		return ""
	}
	days := make([]string, len(rc.Days))
	for i, day := range rc.Days {
		days[i] = d.Weekday(day)
	}
	until := rc.Until
	if t, err := time.Parse(time.DateOnly, rc.Until); err == nil {
		until = d.tr.Date(t)
	}
	return d.T("desk.recurrence.weekly", "Days", strings.Join(days, ", "), "Until", until)
}

// Weekday names a day of the week given as domain.Weekdays does.
func (d *deskView) Weekday(day string) string { return d.T("desk.weekday." + day) }

// StatusName names a request's status.
func (d *deskView) StatusName(s domain.RequestStatus) string { return d.T("desk.status." + string(s)) }

// UrgencyName names an urgency.
func (d *deskView) UrgencyName(u string) string { return d.T("desk.urgency." + u) }

// DueText says how pressing a request in the queue is; "" when it is not.
func (d *deskView) DueText(due service.Due) string {
	if due == service.DueLater {
		return ""
	}
	return d.T("desk.due." + string(due))
}

// AssignmentStatusName names an assignment's status.
func (d *deskView) AssignmentStatusName(s domain.AssignmentStatus) string {
	return d.T("desk.assignment." + string(s))
}

// ConsentMethodName says how a client gave consent.
func (d *deskView) ConsentMethodName(m string) string { return d.T("desk.consent.method." + m) }

// EventText is one line of a request's history: what happened and who did
// it. A kind this version has no words for still gets a line.
func (d *deskView) EventText(e service.HistoryEntry) string {
	if msg, ok := d.tr.Lookup("desk.event."+e.Kind, "Name", e.ActorName); ok {
		return msg
	}
	return d.T("desk.event.other", "Name", e.ActorName)
}

// Score writes a candidate's score as a percentage.
func (d *deskView) Score(s float64) string {
	return d.T("desk.candidate.score", "Percent", int(math.Round(s*100)))
}

// Reason puts one match reason into words: "1.2 km away", "speaks
// Slovenian", "free on Tuesday morning, 09:00–12:00". An unknown code gives
// "", which the page leaves out.
func (d *deskView) Reason(r match.Reason) string {
	switch r.Code {
	case match.ReasonDistance:
		return d.T("desk.reason.distance", "KM", r.KM)
	case match.ReasonSkill:
		if r.Tag != "" {
			return d.T("desk.reason.skill_tag", "Category", d.Category(r.Category), "Tag", r.Tag)
		}
		return d.T("desk.reason.skill", "Category", d.Category(r.Category))
	case match.ReasonLanguage:
		return d.T("desk.reason.language", "Language", d.tr.LanguageName(r.Language))
	case match.ReasonAvailable:
		return d.T("desk.reason.available."+deskPartOfDay(r.From), "Day", d.Weekday(r.Day), "From", r.From, "To", r.To)
	case match.ReasonLoad:
		if r.Tasks == 0 {
			return d.T("desk.reason.load_none")
		}
		return d.T("desk.reason.load", "Count", r.Tasks)
	case match.ReasonRecord:
		return d.T("desk.reason.record", "Count", r.Count)
	case match.ReasonVetted:
		return d.T("desk.reason.vetted")
	}
	return ""
}

// deskPartOfDay names the part of the day a time "HH:MM" starts in, the way
// people say it on the phone.
func deskPartOfDay(clock string) string {
	minutes, err := domain.ParseClock(clock)
	switch {
	case err != nil || minutes < 12*60:
		return "morning"
	case minutes < 18*60:
		return "afternoon"
	}
	return "evening"
}

// Reasons are a candidate's reasons in words, leaving out any this
// version cannot put into words.
func (d *deskView) Reasons(rs []match.Reason) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		if s := d.Reason(r); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// deskRows is what the desk_rows partial lists: requests with the desk's
// words for them.
type deskRows struct {
	*deskView
	Items []service.QueueItem
}

// Rows prepares requests for the desk_rows partial.
func (d *deskView) Rows(items []service.QueueItem) deskRows {
	return deskRows{deskView: d, Items: items}
}

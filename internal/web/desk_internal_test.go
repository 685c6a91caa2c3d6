package web

import (
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/match"
	"mutua/internal/service"
)

// TestDeskKeysBuiltAtRunTimeExist covers the desk's keys that the unused-key
// scan cannot see: every status, urgency, weekday, part of the day, history
// kind, notice and error code the desk can meet has its words.
func TestDeskKeysBuiltAtRunTimeExist(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	var keys []string
	for _, s := range []domain.RequestStatus{domain.RequestOpen, domain.RequestAssigned, domain.RequestDone, domain.RequestCancelled, domain.RequestExpired} {
		keys = append(keys, "desk.status."+string(s))
	}
	for _, s := range []domain.AssignmentStatus{domain.AssignProposed, domain.AssignOffered, domain.AssignAccepted,
		domain.AssignDeclined, domain.AssignCompleted, domain.AssignWithdrawn} {
		keys = append(keys, "desk.assignment."+string(s))
	}
	for _, u := range domain.Urgencies {
		keys = append(keys, "desk.urgency."+u)
	}
	for _, d := range domain.Weekdays {
		keys = append(keys, "desk.weekday."+d)
	}
	for _, m := range domain.ConsentMethods {
		keys = append(keys, "desk.consent.method."+m)
	}
	for _, part := range []string{"morning", "afternoon", "evening"} {
		keys = append(keys, "desk.reason.available."+part)
	}
	for _, due := range []service.Due{service.DuePassed, service.DueShortly} {
		keys = append(keys, "desk.due."+string(due))
	}
	for _, kind := range []string{"created", "proposed", "offered", "accepted", "declined", "withdrawn", "completed", "cancelled", "expired"} {
		keys = append(keys, "desk.event."+kind)
	}
	for _, n := range deskNotices {
		keys = append(keys, "desk.notice."+n)
	}
	for _, code := range []string{"wrong_status", "at_capacity", "not_vetted", "no_profile"} {
		keys = append(keys, "desk.error."+code)
	}
	for f := range deskFieldLimits {
		keys = append(keys, "desk.field."+f)
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("en desk.json lacks %q", k)
		}
	}
}

// TestDeskWords checks the words the desk builds from values: reasons,
// parts of the day, windows of time in the community's zone.
func TestDeskWords(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation("Europe/Ljubljana")
	if err != nil {
		t.Fatal(err)
	}
	d := &deskView{view: &view{tr: cat.Translator("en"), Form: newForm()}, loc: loc}
	for _, tc := range []struct {
		r    match.Reason
		want string
	}{
		{match.Reason{Code: match.ReasonDistance, KM: 1.2}, "1.2 km away"},
		{match.Reason{Code: match.ReasonLanguage, Language: "sl"}, "speaks Slovenian"},
		{match.Reason{Code: match.ReasonAvailable, Day: "tue", From: "09:00", To: "12:00"}, "free on Tuesday morning, 09:00–12:00"},
		{match.Reason{Code: match.ReasonAvailable, Day: "fri", From: "18:30", To: "24:00"}, "free on Friday evening, 18:30–24:00"},
		{match.Reason{Code: match.ReasonLoad, Tasks: 3}, "did 3 tasks in the last 30 days"},
		{match.Reason{Code: match.ReasonLoad}, "no tasks in the last 30 days"},
		{match.Reason{Code: match.ReasonRecord, Count: 1}, "completed 1 task so far"},
		{match.Reason{Code: match.ReasonSkill, Category: "repairs", Tag: "electrician"}, "helps with Small repairs (electrician)"},
		{match.Reason{Code: match.ReasonVetted}, "vetted by the community"},
		{match.Reason{Code: "telepathy"}, ""},
	} {
		if got := d.Reason(tc.r); got != tc.want {
			t.Errorf("Reason(%+v) = %q, want %q", tc.r, got, tc.want)
		}
	}
	if got := d.Reasons([]match.Reason{{Code: "telepathy"}, {Code: match.ReasonVetted}}); len(got) != 1 {
		t.Errorf("Reasons kept an unknown code: %q", got)
	}
	from := time.Date(2030, 3, 5, 8, 0, 0, 0, time.UTC) // 09:00 in Ljubljana
	if got, want := d.When(from, from.Add(3*time.Hour)), "5 March 2030, 09:00–12:00"; got != want {
		t.Errorf("When on one day = %q, want %q", got, want)
	}
	midnight := time.Date(2030, 3, 5, 23, 0, 0, 0, time.UTC) // 00:00 on the 6th in Ljubljana
	if got, want := d.When(from, midnight), "5 March 2030, 09:00–24:00"; got != want {
		t.Errorf("When to midnight = %q, want %q", got, want)
	}
	if got, want := d.When(from, from.Add(49*time.Hour)), "from 5 March 2030 at 09:00 to 7 March 2030 at 10:00"; got != want {
		t.Errorf("When over days = %q, want %q", got, want)
	}
	weekly := domain.Recurrence{Kind: domain.RecurWeekly, Days: []string{"mon", "thu"}, Until: "2030-04-01"}
	if got, want := d.Recurrence(weekly), "Every week on Monday, Thursday, until 1 April 2030"; got != want {
		t.Errorf("Recurrence = %q, want %q", got, want)
	}
	if got := d.Recurrence(domain.Recurrence{Kind: domain.RecurOnce}); got != "" {
		t.Errorf("a one-off request repeats: %q", got)
	}
}

func TestDeskPhoneSearch(t *testing.T) {
	for q, want := range map[string]bool{
		"+386 41 123-456": true, "571 00 00": true, "0000": true, "12": false,
		"Ana": false, "Ana 41": false, "": false, "(03) 571": true,
	} {
		if got := isDeskPhoneSearch(q); got != want {
			t.Errorf("isDeskPhoneSearch(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestDeskTimes(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Ljubljana")
	for in, ok := range map[string]bool{
		"2030-03-05T09:00": true, "2030-03-05T09:00:00": true, "2030-03-05 09:00": true,
		"05.03.2030 09:00": false, "tomorrow": false, "": false,
	} {
		got, parsed := parseDeskTime(in, loc)
		if parsed != ok {
			t.Errorf("parseDeskTime(%q) ok = %v, want %v", in, parsed, ok)
		}
		if ok && (got.Hour() != 9 || got.Location() != loc || formatDeskTime(got, loc) != "2030-03-05T09:00") {
			t.Errorf("parseDeskTime(%q) = %v", in, got)
		}
	}
}

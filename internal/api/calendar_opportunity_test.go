package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
)

// TestOpportunityCalendar: an opportunity's .ics is public, parses with a
// real iCalendar parser, lists its shifts with their times and place, and
// links back to its page; everything that is not such a feed is refused
// clearly.
func TestOpportunityCalendar(t *testing.T) {
	sw := newShiftWorld(t)
	o := sw.post(t, 3)
	path := fmt.Sprintf("%s/opportunities/%d.ics", sw.base, o.ID)

	res, body := sw.do(t, "", http.MethodGet, path, "")
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "public") {
		t.Errorf("Cache-Control = %q, want public", cc)
	}
	cal, err := goical.NewDecoder(strings.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, body)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want the one shift:\n%s", len(events), body)
	}
	e := events[0]
	start, err := e.DateTimeStart(time.UTC)
	if err != nil || !start.Equal(sw.starts) {
		t.Errorf("DTSTART = %v (%v), want %v", start, err, sw.starts)
	}
	end, err := e.DateTimeEnd(time.UTC)
	if err != nil || !end.Equal(sw.starts.Add(3*time.Hour)) {
		t.Errorf("DTEND = %v (%v), want three hours later", end, err)
	}
	for prop, want := range map[string]string{
		goical.PropSummary:  "Saturday distribution",
		goical.PropLocation: "Main square 1",
		goical.PropUID:      fmt.Sprintf("shift-%d@", o.Shifts[0].ID),
		goical.PropURL:      fmt.Sprintf("/c/alpha/opportunities/%d", o.ID),
	} {
		if p := e.Props.Get(prop); p == nil || !strings.Contains(p.Value, want) {
			t.Errorf("%s = %v, want it to contain %q", prop, p, want)
		}
	}

	sw.run(t, []scenario{
		{name: "another community's opportunity", method: "GET", path: fmt.Sprintf("/api/v1/communities/beta/opportunities/%d.ics", o.ID), status: 404},
		{name: "an unknown one", method: "GET", path: sw.base + "/opportunities/999999.ics", status: 404},
		{name: "not a number", method: "GET", path: sw.base + "/opportunities/abc.ics", status: 404},
		{name: "an unknown community", method: "GET", path: fmt.Sprintf("/api/v1/communities/nowhere/opportunities/%d.ics", o.ID), status: 404},
		{name: "written to", actor: "member", method: "POST", path: path, status: 405},
		{name: "the JSON beside it still works", method: "GET", path: fmt.Sprintf("%s/opportunities/%d", sw.base, o.ID), status: 200, want: []string{`"capacity":3`}},
	})
}

// TestMinimumAgeIsConfirmed: mutua keeps no birth dates, so signing up for
// an opportunity with a minimum age needs the person's confirmation.
func TestMinimumAgeIsConfirmed(t *testing.T) {
	sw := newShiftWorld(t)
	body := strings.Replace(sw.opportunityBody(sw.starts, sw.starts.Add(time.Hour), 5), `"category":"food"`, `"category":"food","min_age":16`, 1)
	var o struct {
		MinAge int `json:"min_age"`
		Shifts []struct {
			ID int64 `json:"id"`
		} `json:"shifts"`
	}
	sw.must(t, "member", http.MethodPost, "/opportunities", body, 201, &o)
	if o.MinAge != 16 || len(o.Shifts) != 1 {
		t.Fatalf("posted %+v", o)
	}
	signups := fmt.Sprintf("%s/shifts/%d/signups", sw.base, o.Shifts[0].ID)
	sw.run(t, []scenario{
		{name: "without confirming", actor: "vol", method: "POST", path: signups, status: 422, want: []string{"age_confirmed", "16"}},
		{name: "confirming no", actor: "vol", method: "POST", path: signups, body: `{"age_confirmed":false}`, status: 422, want: []string{"age_confirmed"}},
		{name: "confirming", actor: "vol", method: "POST", path: signups, body: `{"age_confirmed":true}`, status: 201, want: []string{`"status":"confirmed"`}},
	})
}

// TestCancelledShiftInTheCalendar: organisers call a shift off through the
// API; only they may, and the public calendar then marks it cancelled, so
// subscribed apps strike it out instead of keeping a stale event.
func TestCancelledShiftInTheCalendar(t *testing.T) {
	sw := newShiftWorld(t)
	o := sw.post(t, 3)
	cancel := fmt.Sprintf("/shifts/%d/cancel", o.Shifts[0].ID)
	sw.must(t, "vol", http.MethodPost, fmt.Sprintf("/shifts/%d/signups", o.Shifts[0].ID), "", 201, nil)
	sw.run(t, []scenario{
		{name: "a volunteer may not", actor: "vol", method: "POST", path: sw.base + cancel, status: 403},
		{name: "another community", actor: "beta-admin", method: "POST", path: "/api/v1/communities/beta" + cancel, status: 404},
		{name: "the organiser", actor: "member", method: "POST", path: sw.base + cancel, status: 200,
			want: []string{`"cancelled":true`, `"status":"closed"`, `"confirmed":0`}},
		{name: "twice", actor: "member", method: "POST", path: sw.base + cancel, status: 409},
		{name: "no sign-ups after", actor: "coord", method: "POST", path: fmt.Sprintf("%s/shifts/%d/signups", sw.base, o.Shifts[0].ID), status: 409},
	})
	_, body := sw.do(t, "", http.MethodGet, fmt.Sprintf("%s/opportunities/%d.ics", sw.base, o.ID), "")
	cal, err := goical.NewDecoder(strings.NewReader(body)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if ev := cal.Events(); len(ev) != 1 || ev[0].Props.Get(goical.PropStatus) == nil || ev[0].Props.Get(goical.PropStatus).Value != "CANCELLED" {
		t.Errorf("the calendar does not mark the shift cancelled:\n%s", body)
	}
}

package ical_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"mutua/internal/ical"
)

var (
	brussels, _ = time.LoadLocation("Europe/Brussels")
	start       = time.Date(2026, 12, 5, 9, 30, 0, 0, brussels)
	stamp       = time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
)

// tricky holds everything TEXT escaping must handle, and is long enough,
// with multi-byte characters everywhere, to need folding.
const tricky = "Groceries; milk, bread \\ eggs\r\nthen: the pharmacy\nLine 3\rŽalec – čebula, ŠPINAČA; žemlje 🍞🥛 " +
	"and a very long tail of text that goes on past seventy-five octets más allá — ещё дальше — 更远的地方"

func sample() ical.Calendar {
	return ical.Calendar{
		ProdID: "-//mutua//calendar//EN",
		Name:   "Ana, volunteer; Žalec",
		Events: []ical.Event{{
			UID: "assignment-7@example.org", Stamp: stamp, Start: start, End: start.Add(90 * time.Minute),
			Summary: tricky, Description: tricky, Location: "Savinjska cesta 5, 3310 Žalec",
			URL: "https://example.org/c/zalec/tasks/7", Status: ical.StatusConfirmed,
		}, {
			UID: "shift-3@example.org", Stamp: stamp, Start: start, End: start, Summary: "no end",
		}},
	}
}

// parse decodes out with a real iCalendar parser, and encodes it again
// with the same library, whose encoder checks required and unique
// properties.
func parse(t *testing.T, out []byte) *goical.Calendar {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	if len(cal.Children) > 0 {
		if err := goical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
			t.Fatalf("the parsed calendar breaks a rule: %v", err)
		}
	}
	return cal
}

func text(t *testing.T, c *goical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		t.Fatalf("%s missing", name)
	}
	v, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func TestParsesBackToTheSameValues(t *testing.T) {
	cal := parse(t, sample().Bytes())
	if got := text(t, cal.Component, "PRODID"); got != "-//mutua//calendar//EN" {
		t.Errorf("PRODID = %q", got)
	}
	for name, want := range map[string]string{"VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH"} {
		if got := cal.Props.Get(name); got == nil || got.Value != want {
			t.Errorf("%s = %+v, want %s", name, got, want)
		}
	}
	if got := text(t, cal.Component, "X-WR-CALNAME"); got != "Ana, volunteer; Žalec" {
		t.Errorf("X-WR-CALNAME = %q", got)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	e := events[0]
	// Every kind of line break reads back as a plain newline.
	wantText := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(tricky)
	for _, name := range []string{"SUMMARY", "DESCRIPTION"} {
		if got := text(t, e.Component, name); got != wantText {
			t.Errorf("%s = %q\nwant %q", name, got, wantText)
		}
	}
	if got := text(t, e.Component, "LOCATION"); got != "Savinjska cesta 5, 3310 Žalec" {
		t.Errorf("LOCATION = %q", got)
	}
	if got := text(t, e.Component, "UID"); got != "assignment-7@example.org" {
		t.Errorf("UID = %q", got)
	}
	if u, err := e.Props.Get("URL").URI(); err != nil || u.String() != "https://example.org/c/zalec/tasks/7" {
		t.Errorf("URL = %v, %v", u, err)
	}
	if s, err := e.Status(); err != nil || s != goical.EventConfirmed {
		t.Errorf("STATUS = %q, %v", s, err)
	}
	from, err := e.DateTimeStart(nil)
	if err != nil || !from.Equal(start) || from.Location() != time.UTC {
		t.Errorf("DTSTART = %v (%v), %v; want %v in UTC", from, from.Location(), err, start)
	}
	to, err := e.DateTimeEnd(nil)
	if err != nil || !to.Equal(start.Add(90*time.Minute)) {
		t.Errorf("DTEND = %v, %v", to, err)
	}
	if ds, err := e.Props.DateTime("DTSTAMP", nil); err != nil || !ds.Equal(stamp) {
		t.Errorf("DTSTAMP = %v, %v", ds, err)
	}
	if events[1].Props.Get("DTEND") != nil {
		t.Error("an event ending at its start has a DTEND")
	}
	for _, name := range []string{"DESCRIPTION", "LOCATION", "URL", "STATUS"} {
		if events[1].Props.Get(name) != nil {
			t.Errorf("an empty %s is written", name)
		}
	}
}

func TestLinesAreCRLFFoldedAndWholeCharacters(t *testing.T) {
	out := sample().Bytes()
	if !bytes.HasSuffix(out, []byte("END:VCALENDAR\r\n")) {
		t.Fatalf("does not end with END:VCALENDAR CRLF: %q", out[max(0, len(out)-20):])
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare line break: %q", i, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 4 {
		t.Errorf("only %d continuation lines; the long values were not folded", folded)
	}
	// Unfolding gives back the escaped value exactly: nothing lost at a fold.
	unfolded := strings.ReplaceAll(string(out), "\r\n ", "")
	if !strings.Contains(unfolded, "\r\nSUMMARY:"+ical.Text(tricky)+"\r\n") {
		t.Errorf("unfolded SUMMARY differs:\n%s", unfolded)
	}
}

func TestFoldingAtEveryLength(t *testing.T) {
	// Folding must hold whatever the position of multi-byte characters
	// relative to the 75-octet limit.
	for n := 60; n < 240; n++ {
		for _, ch := range []string{"a", "é", "€", "🍞"} {
			summary := strings.Repeat(ch, n/len(ch))
			c := ical.Calendar{ProdID: "-//t//t//EN", Events: []ical.Event{{UID: "u", Stamp: stamp, Start: start, Summary: summary}}}
			out := c.Bytes()
			for _, l := range strings.Split(string(out), "\r\n") {
				if len(l) > 75 || !utf8.ValidString(l) {
					t.Fatalf("%d × %q: bad line %q", n, ch, l)
				}
			}
			if got := text(t, parse(t, out).Events()[0].Component, "SUMMARY"); got != summary {
				t.Fatalf("%d × %q: SUMMARY read back as %q", n, ch, got)
			}
		}
	}
}

func TestText(t *testing.T) {
	cases := map[string]string{
		"plain":           "plain",
		`a\b`:             `a\\b`,
		"a;b,c":           `a\;b\,c`,
		"one\ntwo":        `one\ntwo`,
		"one\r\ntwo\rthr": `one\ntwo\nthr`,
		"tab\tok":         "tab\tok",
		"bell\a\x00\x7f":  "bell",
		`\n`:              `\\n`,
	}
	for in, want := range cases {
		if got := ical.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLCannotBreakTheLine(t *testing.T) {
	c := ical.Calendar{ProdID: "p", Events: []ical.Event{{UID: "u", Stamp: stamp, Start: start,
		URL: "https://example.org/x\r\nATTENDEE:mailto:evil@example.org"}}}
	out := string(c.Bytes())
	if strings.Contains(out, "\r\nATTENDEE") {
		t.Fatalf("a line break in the URL started a property:\n%s", out)
	}
	parse(t, []byte(out))
}

func TestEmptyCalendarParses(t *testing.T) {
	out := ical.Calendar{ProdID: "-//mutua//calendar//EN"}.Bytes()
	if n := len(parse(t, out).Events()); n != 0 {
		t.Errorf("%d events in an empty calendar", n)
	}
}

func TestDateTimeIsUTC(t *testing.T) {
	if got := ical.DateTime(start); got != "20261205T083000Z" {
		t.Errorf("DateTime = %q, want 20261205T083000Z", got)
	}
}

// Package ical writes iCalendar (RFC 5545) calendars: the feeds calendar
// apps subscribe to. It writes only what mutua publishes — events with
// times in UTC — and nothing it does not need, with the standard library.
package ical

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"time"
)

// Status is the STATUS of an event.
type Status string

// The event statuses RFC 5545 defines.
const (
	StatusTentative Status = "TENTATIVE"
	StatusConfirmed Status = "CONFIRMED"
	StatusCancelled Status = "CANCELLED"
)

// Calendar is one VCALENDAR object.
type Calendar struct {
	// ProdID names the product that wrote the calendar, such as
	// "-//mutua//calendar//EN".
	ProdID string
	// Name is shown by calendar apps as the subscription's title
	// (X-WR-CALNAME, a widely read extension); empty leaves it out.
	Name   string
	Events []Event
}

// Event is one VEVENT. Times are written in UTC whatever their location.
type Event struct {
	// UID must stay the same for the same event across downloads, so that
	// apps update an event instead of adding a copy.
	UID   string
	Stamp time.Time
	Start time.Time
	// End is left out unless it is after Start (RFC 5545 forbids an end
	// before the start); the event then lasts no time.
	End         time.Time
	Summary     string
	Description string
	Location    string
	URL         string
	Status      Status
}

// Encode writes the calendar to w with CRLF line endings and long lines
// folded.
func (c Calendar) Encode(w io.Writer) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeLine(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", Text(c.ProdID))
	line("CALSCALE", "GREGORIAN")
	// PUBLISH: the feed announces events; nobody is asked to reply.
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", Text(c.Name))
	}
	for _, e := range c.Events {
		e.encode(line)
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

// Bytes returns the encoded calendar.
func (c Calendar) Bytes() []byte {
	var b bytes.Buffer
	_ = c.Encode(&b) // writing to a buffer cannot fail
	return b.Bytes()
}

func (e Event) encode(line func(name, value string)) {
	line("BEGIN", "VEVENT")
	line("UID", Text(e.UID))
	line("DTSTAMP", DateTime(e.Stamp))
	line("DTSTART", DateTime(e.Start))
	if e.End.After(e.Start) {
		line("DTEND", DateTime(e.End))
	}
	optional := []struct{ name, value string }{
		{"SUMMARY", Text(e.Summary)},
		{"DESCRIPTION", Text(e.Description)},
		{"LOCATION", Text(e.Location)},
		{"URL", uri(e.URL)},
		{"STATUS", string(e.Status)},
	}
	for _, p := range optional {
		if p.value != "" {
			line(p.name, p.value)
		}
	}
	line("END", "VEVENT")
}

// DateTime formats t as a UTC DATE-TIME ("form #2" of RFC 5545 3.3.5).
func DateTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Text escapes s as a TEXT value: backslash, semicolon and comma get a
// backslash, every kind of line break becomes \n, and other control
// characters, which TEXT may not hold, are dropped.
func Text(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t' || (r >= 0x20 && r != 0x7f):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// uri drops what may not appear in a URI value: controls and spaces, which
// a well-formed URL does not hold anyway.
func uri(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

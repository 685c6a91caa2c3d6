package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Weekdays in the order mutua shows them; a week starts on Monday, as in
// every country mutua is translated for.
var Weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// MinutesPerWeek is the length of the week in minutes; availability and
// request windows are intervals of minutes since Monday 00:00 local time.
const MinutesPerWeek = 7 * 24 * 60

// Slot is one weekly window in which a volunteer is free, in the
// community's local time: {"day":"tue","from":"09:00","to":"12:00"}.
type Slot struct {
	Day  string `json:"day" enum:"mon,tue,wed,thu,fri,sat,sun"`
	From string `json:"from" pattern:"^[0-2][0-9]:[0-5][0-9]$" doc:"HH:MM local time"`
	To   string `json:"to" pattern:"^[0-2][0-9]:[0-5][0-9]$" doc:"HH:MM local time; 24:00 for midnight"`
}

// Interval is a half-open range [Start, End) of minutes since Monday 00:00.
type Interval struct {
	Start, End int
}

// WeekdayIndex returns 0 for "mon" … 6 for "sun", or -1.
func WeekdayIndex(day string) int {
	for i, d := range Weekdays {
		if d == day {
			return i
		}
	}
	return -1
}

// WeekdayOf names t's day of the week as Weekdays does, in t's location.
func WeekdayOf(t time.Time) string { return Weekdays[(int(t.Weekday())+6)%7] }

// ParseClock reads "HH:MM" (00:00 to 24:00) as minutes since midnight.
func ParseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) != 2 || len(m) != 2 {
		return 0, fmt.Errorf("want HH:MM, got %q", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("want HH:MM between 00:00 and 24:00, got %q", s)
	}
	return hh*60 + mm, nil
}

// Interval converts the slot to minutes of the week.
func (s Slot) Interval() (Interval, error) {
	d := WeekdayIndex(s.Day)
	if d < 0 {
		return Interval{}, fmt.Errorf("unknown day %q: use mon, tue, wed, thu, fri, sat or sun", s.Day)
	}
	from, err := ParseClock(s.From)
	if err != nil {
		return Interval{}, err
	}
	to, err := ParseClock(s.To)
	if err != nil {
		return Interval{}, err
	}
	if to <= from {
		return Interval{}, fmt.Errorf("the slot must end after it starts (%s–%s)", s.From, s.To)
	}
	return Interval{Start: d*1440 + from, End: d*1440 + to}, nil
}

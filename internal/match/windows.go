package match

import (
	"time"

	"mutua/internal/domain"
)

// RequestWindows converts when a request needs help (from, to) to minutes
// of the week in loc, the community's time zone (nil means UTC), sorted and
// merged, for Request.Windows.
//
// A one-off request needs help from from until to: the span is cut where
// the week ends (Sunday 24:00 continues at Monday 00:00, minute 0), and a
// span of 7 days or more is the whole week, since availability repeats
// weekly.
//
// A weekly request repeats the time of day of from→to on each of
// rec.Days (the weekday of from when Days is empty); when that time of day
// ends at or before it starts it runs on past midnight into the next day,
// and Sunday night into Monday. Unknown days are skipped; validating them
// is the caller's job.
//
// Times are wall-clock times in loc, because volunteers give their
// availability in wall-clock time too: on the day clocks change, 01:00 to
// 04:00 is three hours of the week whether two or four hours pass. Seconds
// widen the window to whole minutes. The result is nil when to is not
// after from.
func RequestWindows(from, to time.Time, rec domain.Recurrence, loc *time.Location) []domain.Interval {
	if loc == nil {
		loc = time.UTC
	}
	f, t := from.In(loc), to.In(loc)
	span := wallMinutes(f, t)
	if span <= 0 {
		return nil
	}
	start := minuteOfWeek(f)
	if rec.Kind != domain.RecurWeekly {
		return normalize([]domain.Interval{{Start: start, End: start + span}})
	}
	tod := start % minutesDay
	length := ((endClock(t)-tod)%minutesDay + minutesDay) % minutesDay
	if length == 0 {
		length = minutesDay
	}
	days := rec.Days
	if len(days) == 0 {
		days = []string{domain.Weekdays[start/minutesDay]}
	}
	out := make([]domain.Interval, 0, len(days)+1)
	for _, d := range days {
		if i := domain.WeekdayIndex(d); i >= 0 {
			out = append(out, domain.Interval{Start: i*minutesDay + tod, End: i*minutesDay + tod + length})
		}
	}
	return normalize(out)
}

// minuteOfWeek returns the wall-clock minute of the week of t, rounded
// down, with Monday 00:00 as 0.
func minuteOfWeek(t time.Time) int {
	day := (int(t.Weekday()) + 6) % 7 // time.Weekday starts on Sunday
	return day*minutesDay + t.Hour()*60 + t.Minute()
}

// endClock returns the wall-clock minute of the day of t, rounded up.
func endClock(t time.Time) int {
	m := t.Hour()*60 + t.Minute()
	if t.Second() > 0 || t.Nanosecond() > 0 {
		m++
	}
	return m
}

// wallMinutes counts the wall-clock minutes from f to t, both in the same
// location: whole calendar days plus the difference of the clocks, so a
// day on which clocks change still counts 24 hours.
func wallMinutes(f, t time.Time) int {
	return (civilDay(t)-civilDay(f))*minutesDay + endClock(t) - (f.Hour()*60 + f.Minute())
}

// civilDay numbers t's calendar date, counting days since 1970-01-01.
func civilDay(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

package match

import (
	"reflect"
	"testing"
	"time"
	_ "time/tzdata" // the DST cases must not depend on the machine's zoneinfo

	"mutua/internal/domain"
)

func TestRequestWindows(t *testing.T) {
	lj, err := time.LoadLocation("Europe/Ljubljana")
	if err != nil {
		t.Fatal(err)
	}
	local := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, lj)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	once := domain.Recurrence{Kind: domain.RecurOnce}
	weekly := func(days ...string) domain.Recurrence {
		return domain.Recurrence{Kind: domain.RecurWeekly, Days: days, Until: "2026-12-31"}
	}
	// 2026-06-02 is a Tuesday; 2026-06-07 a Sunday.
	cases := []struct {
		name     string
		from, to time.Time
		rec      domain.Recurrence
		want     []domain.Interval
	}{
		{"one-off within a day", local("2026-06-02 09:00"), local("2026-06-02 12:00"), once,
			[]domain.Interval{w(at(1, 9, 0), at(1, 12, 0))}},
		{"kind left empty is one-off", local("2026-06-02 09:00"), local("2026-06-02 12:00"), domain.Recurrence{},
			[]domain.Interval{w(at(1, 9, 0), at(1, 12, 0))}},
		{"one-off across midnight", local("2026-06-02 22:00"), local("2026-06-03 02:00"), once,
			[]domain.Interval{w(at(1, 22, 0), at(2, 2, 0))}},
		{"one-off across Sunday to Monday", local("2026-06-07 22:00"), local("2026-06-08 02:00"), once,
			[]domain.Interval{w(0, at(0, 2, 0)), w(at(6, 22, 0), domain.MinutesPerWeek)}},
		{"one-off of several days", local("2026-06-05 18:00"), local("2026-06-09 10:00"), once,
			[]domain.Interval{w(0, at(1, 10, 0)), w(at(4, 18, 0), domain.MinutesPerWeek)}},
		{"one-off of exactly 7 days", local("2026-06-02 09:00"), local("2026-06-09 09:00"), once,
			[]domain.Interval{w(0, domain.MinutesPerWeek)}},
		{"one-off of a month", local("2026-06-02 09:00"), local("2026-07-02 09:00"), once,
			[]domain.Interval{w(0, domain.MinutesPerWeek)}},
		{"given in UTC, read in local time", time.Date(2026, 6, 2, 7, 0, 0, 0, time.UTC), time.Date(2026, 6, 2, 10, 0, 0, 0, time.UTC), once,
			[]domain.Interval{w(at(1, 9, 0), at(1, 12, 0))}},
		{"seconds widen to whole minutes", local("2026-06-02 09:00").Add(30 * time.Second), local("2026-06-02 11:59").Add(time.Second), once,
			[]domain.Interval{w(at(1, 9, 0), at(1, 12, 0))}},
		{"to before from", local("2026-06-02 12:00"), local("2026-06-02 09:00"), once, nil},
		{"to equals from", local("2026-06-02 12:00"), local("2026-06-02 12:00"), once, nil},

		{"weekly on several days", local("2026-06-02 09:00"), local("2026-06-02 11:00"), weekly("mon", "wed", "fri"),
			[]domain.Interval{w(at(0, 9, 0), at(0, 11, 0)), w(at(2, 9, 0), at(2, 11, 0)), w(at(4, 9, 0), at(4, 11, 0))}},
		{"weekly without days repeats from's day", local("2026-06-02 09:00"), local("2026-06-02 11:00"), weekly(),
			[]domain.Interval{w(at(1, 9, 0), at(1, 11, 0))}},
		{"weekly across midnight, Sunday into Monday", local("2026-06-02 22:00"), local("2026-06-03 01:00"), weekly("sat", "sun"),
			[]domain.Interval{w(0, at(0, 1, 0)), w(at(5, 22, 0), at(6, 1, 0)), w(at(6, 22, 0), domain.MinutesPerWeek)}},
		{"weekly first window of days keeps the time of day", local("2026-06-02 09:00"), local("2026-06-05 12:00"), weekly("thu"),
			[]domain.Interval{w(at(3, 9, 0), at(3, 12, 0))}},
		{"weekly whole days", local("2026-06-02 00:00"), local("2026-06-03 00:00"), weekly("mon", "tue"),
			[]domain.Interval{w(0, at(2, 0, 0))}},
		{"weekly unknown day skipped", local("2026-06-02 09:00"), local("2026-06-02 11:00"), weekly("tue", "someday"),
			[]domain.Interval{w(at(1, 9, 0), at(1, 11, 0))}},

		// Clocks go forward at 02:00 on 2026-03-29 (a Sunday) and back at
		// 03:00 on 2026-10-25: the wall clock decides, not elapsed time.
		{"DST spring forward", local("2026-03-29 01:30"), local("2026-03-29 03:30"), once,
			[]domain.Interval{w(at(6, 1, 30), at(6, 3, 30))}},
		{"DST spring forward, given in UTC", time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), once,
			[]domain.Interval{w(at(6, 1, 30), at(6, 3, 30))}},
		{"DST fall back", local("2026-10-25 01:30"), local("2026-10-25 03:30"), once,
			[]domain.Interval{w(at(6, 1, 30), at(6, 3, 30))}},
		{"DST week of one-off stays 7 days", local("2026-03-23 09:00"), local("2026-03-30 08:59"), once,
			[]domain.Interval{w(0, at(0, 8, 59)), w(at(0, 9, 0), domain.MinutesPerWeek)}},
		{"weekly across a DST night", local("2026-03-28 23:00"), local("2026-03-29 04:00"), weekly("sat"),
			[]domain.Interval{w(at(5, 23, 0), at(6, 4, 0))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := RequestWindows(tc.from, tc.to, tc.rec, lj)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRequestWindowsNilLocationIsUTC(t *testing.T) {
	from := time.Date(2026, 6, 2, 9, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	got := RequestWindows(from, from.Add(time.Hour), domain.Recurrence{}, nil)
	want := []domain.Interval{{Start: at(1, 7, 0), End: at(1, 8, 0)}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

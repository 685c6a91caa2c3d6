package domain

import (
	"testing"
	"time"
)

// The suppression rule itself: 1–4 hidden, 0 and 5+ shown; a median or a
// rate over fewer than five items hidden; hidden cells carry no value.
func TestImpactSuppressionRule(t *testing.T) {
	for n, want := range map[int]string{0: "0", 1: "<5", 4: "<5", 5: "5", 17: "17"} {
		f := ImpactFigures{RequestsMade: n, PeopleHelped: n}
		c := f.Cells(false)
		if c.RequestsMade.String() != want || c.PeopleHelped.String() != want {
			t.Errorf("count %d shows %s, want %s", n, c.RequestsMade, want)
		}
		if c.RequestsMade.Suppressed && c.RequestsMade.Value != 0 {
			t.Errorf("a suppressed cell carries %v", c.RequestsMade.Value)
		}
		if exact := f.Cells(true); exact.RequestsMade.Suppressed || exact.RequestsMade.Value != float64(n) {
			t.Errorf("admins see %+v for %d", exact.RequestsMade, n)
		}
	}
	cases := []struct {
		name string
		f    ImpactFigures
		cell func(ImpactCells) StatCell
		want string
	}{
		{"median of 4", ImpactFigures{Accepted: 4, MedianAcceptHours: 30}, func(c ImpactCells) StatCell { return c.MedianAcceptHours }, "<5"},
		{"median of 5", ImpactFigures{Accepted: 5, MedianAcceptHours: 30}, func(c ImpactCells) StatCell { return c.MedianAcceptHours }, "30"},
		{"median of none", ImpactFigures{}, func(c ImpactCells) StatCell { return c.MedianAcceptHours }, "–"},
		{"hours of 4 gifts", ImpactFigures{Contributions: 4, Hours: 40}, func(c ImpactCells) StatCell { return c.Hours }, "<5"},
		{"3 hours of 9 gifts", ImpactFigures{Contributions: 9, Hours: 3}, func(c ImpactCells) StatCell { return c.Hours }, "<5"},
		{"hours of 5 gifts", ImpactFigures{Contributions: 5, Hours: 12.25}, func(c ImpactCells) StatCell { return c.Hours }, "12.3"},
		{"fill rate of 4 shifts", ImpactFigures{ShiftsHeld: 4, PlacesTaken: 40, Capacity: 50}, func(c ImpactCells) StatCell { return c.FillRate }, "<5"},
		{"fill rate of 3 places", ImpactFigures{ShiftsHeld: 9, PlacesTaken: 3, Capacity: 50}, func(c ImpactCells) StatCell { return c.FillRate }, "<5"},
		{"fill rate of 5 shifts", ImpactFigures{ShiftsHeld: 5, PlacesTaken: 40, Capacity: 50}, func(c ImpactCells) StatCell { return c.FillRate }, "80"},
		{"empty shifts", ImpactFigures{ShiftsHeld: 2, Capacity: 50}, func(c ImpactCells) StatCell { return c.FillRate }, "0"},
	}
	for _, tc := range cases {
		if got := tc.cell(tc.f.Cells(false)).String(); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
		if got := tc.cell(tc.f.Cells(true)); got.Suppressed {
			t.Errorf("%s: suppressed for admins", tc.name)
		}
	}
	if got := PerThousand(StatCell{Suppressed: true}, 1000); !got.Suppressed {
		t.Errorf("a rate of a hidden count shows %v", got)
	}
	if got := PerThousand(StatCell{Value: 30}, 12000).String(); got != "2.5" {
		t.Errorf("30 in 12,000 is %s per 1,000", got)
	}
}

// Months are the community's: they start at midnight in its zone, also
// across a change to summer time, and a moment belongs to the month of its
// local date.
func TestImpactMonthBoundsAndPeriods(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Ljubljana")
	if err != nil {
		t.Fatal(err)
	}
	b := MonthBounds(time.Date(2026, 4, 10, 12, 0, 0, 0, time.UTC), loc, 2)
	want := []string{"2026-02-01T00:00:00+01:00", "2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00", "2026-05-01T00:00:00+02:00"}
	if len(b) != len(want) {
		t.Fatalf("%d bounds, want %d", len(b), len(want))
	}
	for i := range want {
		if got := b[i].Format(time.RFC3339); got != want[i] {
			t.Errorf("bound %d is %s, want %s", i, got, want[i])
		}
	}
	for at, period := range map[string]int{
		"2026-01-31T23:30:00Z": 0,  // 00:30 on 1 February in Ljubljana
		"2026-01-31T22:59:59Z": -1, // still January there
		"2026-03-31T22:00:00Z": 2,  // midnight, 1 April, summer time
		"2026-04-30T22:00:00Z": -1, // 1 May: after the last period
	} {
		tm, _ := time.Parse(time.RFC3339, at)
		if got := periodOf(b, tm); got != period {
			t.Errorf("%s falls in period %d, want %d", at, got, period)
		}
	}
	rows := SummarizeImpact(ImpactFacts{
		Requests:         []ImpactRequestFact{{Category: "b", CreatedAt: b[0]}, {Category: "a", CreatedAt: b[0]}, {Category: "a", CreatedAt: b[3]}},
		VolunteersJoined: []time.Time{b[1]},
	}, b)
	got := ""
	for _, r := range rows {
		got += r.Start.Format("01") + r.Category + ":" + string(rune('0'+r.RequestsMade+r.NewVolunteers)) + " "
	}
	if got != "02:2 02a:1 02b:1 03:1 04:0 " {
		t.Errorf("rows %q", got)
	}
}

package service

import (
	"testing"
	"time"

	"mutua/internal/domain"
)

func TestRuleShiftsKeepTheWallClockAcrossSummerTime(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Ljubljana")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	rule := domain.ShiftRule{Days: []string{"sat", "sun"}, Start: "09:00", End: "12:30", Capacity: 5, Until: "2026-04-05"}
	// Summer time starts on Sunday 29 March 2026.
	from := time.Date(2026, 3, 20, 12, 0, 0, 0, loc)
	got := ruleShifts(rule, loc, from, from.Add(domain.RuleHorizon))
	var want []string
	for _, d := range []string{"2026-03-21", "2026-03-22", "2026-03-28", "2026-03-29", "2026-04-04", "2026-04-05"} {
		want = append(want, d+" 09:00")
	}
	if len(got) != len(want) {
		t.Fatalf("%d shifts, want %d: %+v", len(got), len(want), got)
	}
	for i, sh := range got {
		local := sh.Start.In(loc).Format("2006-01-02 15:04")
		if local != want[i] || sh.Hours() != 3.5 || sh.Capacity != 5 || !sh.FromRule {
			t.Errorf("shift %d starts %s (%+v), want %s", i, local, sh, want[i])
		}
	}
	if got[2].Start.Hour() != 8 || got[3].Start.Hour() != 7 {
		t.Errorf("UTC hours %d and %d, want 8 (winter) and 7 (summer)", got[2].Start.Hour(), got[3].Start.Hour())
	}
}

func TestRuleShiftsStartAfterNowAndStopAtTheHorizon(t *testing.T) {
	rule := domain.ShiftRule{Days: []string{"mon"}, Start: "10:00", End: "11:00", Capacity: 1, Until: "2099-12-31"}
	from := time.Date(2026, 6, 1, 10, 30, 0, 0, time.UTC) // a Monday, after the start
	got := ruleShifts(rule, time.UTC, from, from.AddDate(0, 0, 14))
	if len(got) != 2 || got[0].Start.Day() != 8 || got[1].Start.Day() != 15 {
		t.Fatalf("shifts %+v, want 8 and 15 June", got)
	}
}

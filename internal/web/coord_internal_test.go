package web

import (
	"errors"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// TestCoordKeysBuiltAtRunTimeExist covers the coordinator area's keys that
// the unused-key scan counts by prefix only: every shift state, sign-up
// status, event kind, notice and error code the pages can meet has words.
func TestCoordKeysBuiltAtRunTimeExist(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	var keys []string
	for _, s := range []string{"open", "begun", "closed"} {
		keys = append(keys, "coord.status."+s)
	}
	for _, s := range []domain.SignupStatus{domain.SignupConfirmed, domain.SignupWaitlisted, domain.SignupCancelled,
		domain.SignupCheckedIn, domain.SignupNoShow} {
		keys = append(keys, "coord.signup."+string(s))
	}
	keys = append(keys, "coord.event."+domain.EventPromoted)
	for _, n := range coordNotices {
		keys = append(keys, "coord.notice."+n)
	}
	for _, code := range []string{"shift_not_found", "organisation_not_found", "not_started", "closed", "not_signed_up",
		"waitlisted", "invalid", "before_start", "too_long"} {
		keys = append(keys, "coord.error."+code)
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("en coord.json lacks %q", k)
		}
	}
}

func TestCoordRange(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Ljubljana")
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC is already the next day in Ljubljana.
	now := time.Date(2026, 11, 27, 23, 30, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	for _, c := range []struct {
		name, from, to string
		wantFrom       time.Time
		wantTo         time.Time
		bad            []string
	}{
		{name: "defaults", wantFrom: day(2026, 11, 28), wantTo: day(2026, 12, 27)},
		{name: "both", from: "2026-12-01", to: "2026-12-05", wantFrom: day(2026, 12, 1), wantTo: day(2026, 12, 6)},
		{name: "only from", from: "2026-12-01", wantFrom: day(2026, 12, 1), wantTo: day(2026, 12, 30)},
		{name: "bad from", from: "1.12.2026", to: "2026-12-05", bad: []string{"from"}},
		{name: "both bad", from: "x", to: "2026-02-30", bad: []string{"from", "to"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			from, to, err := coordRange(c.from, c.to, now, loc)
			if len(c.bad) > 0 {
				var de *domain.Error
				if !errors.As(err, &de) || len(de.Fields) != len(c.bad) {
					t.Fatalf("err %v, want problems with %v", err, c.bad)
				}
				for i, f := range de.Fields {
					if f.Field != c.bad[i] || f.Code != "date" {
						t.Errorf("problem %d is %s.%s, want %s.date", i, f.Field, f.Code, c.bad[i])
					}
				}
				return
			}
			if err != nil || !from.Equal(c.wantFrom) || !to.Equal(c.wantTo) {
				t.Errorf("got %v – %v (%v), want %v – %v", from, to, err, c.wantFrom, c.wantTo)
			}
		})
	}
}

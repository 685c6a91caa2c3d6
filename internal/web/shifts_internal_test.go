package web

import (
	"testing"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// TestShiftsKeysBuiltAtRunTimeExist covers the shifts area's keys that the
// unused-key scan counts by their prefix only: days, statuses of sign-ups,
// and the area's words for the errors its use cases return.
func TestShiftsKeysBuiltAtRunTimeExist(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	var keys []string
	for _, d := range domain.Weekdays {
		keys = append(keys, "shifts.day."+d)
	}
	for _, s := range []domain.SignupStatus{domain.SignupConfirmed, domain.SignupWaitlisted, domain.SignupCheckedIn, domain.SignupNoShow} {
		keys = append(keys, "shifts.status."+string(s))
	}
	// What SignUp, CancelSignup and CreateOpportunity refuse with, as
	// field.code, each worded by the area.
	for _, f := range []string{"shift_id.already_signed_up", "shift_id.closed", "shift_id.started", "status.wrong_status",
		"team_size.larger_than_shift", "team_size.range", "team_contact.length", "age_confirmed.required",
		"organisation_id.not_approved", "organisation_id.unknown", "title.length", "description.length",
		"category.length", "skills.length", "address.length", "min_age.range", "shifts.required", "shifts.length",
		"recurrence.days.required", "recurrence.days.unknown", "recurrence.start.format", "recurrence.end.before_start",
		"recurrence.end.too_long", "recurrence.capacity.range", "recurrence.until.format"} {
		keys = append(keys, "shifts.field."+f)
	}
	for _, f := range []string{"shifts[0].start.required", "shifts[2].end.before_start", "shifts[1].end.too_long",
		"shifts[0].capacity.range", "shifts[0].start.in_past", "shift3.date.format", "shift1.start.format", "shift2.end.format"} {
		keys = append(keys, "shifts.field."+shiftsFieldKey(f))
	}
	for _, code := range []string{"not_organiser", "not_vetted", "not_a_member"} {
		keys = append(keys, "shifts.error."+code)
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("en.json lacks %q", k)
		}
	}
}

func TestShiftsFieldKey(t *testing.T) {
	for in, want := range map[string]string{
		"shifts[12].end": "shifts.end", "shift3.capacity": "shifts.capacity", "shifts": "shifts",
		"recurrence.days": "recurrence.days", "team_size": "team_size",
	} {
		if got := shiftsFieldKey(in); got != want {
			t.Errorf("shiftsFieldKey(%q) = %q, want %q", in, got, want)
		}
	}
}

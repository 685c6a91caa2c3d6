package match

import (
	"testing"
	"time"

	"mutua/internal/domain"
)

func TestDescribe(t *testing.T) {
	from := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC) // Tuesday, 10:00 in Ljubljana
	r := domain.Request{Category: "childcare", Languages: []string{"sl"}, Location: domain.Point{Lat: 46, Lng: 14.5},
		NeededFrom: from, NeededBy: from.Add(time.Hour)}
	c := domain.Community{Settings: domain.Settings{Timezone: "Europe/Ljubljana", VettingCategories: []string{"childcare"}}}
	mr := Describe(r, c, []int64{7, 9})
	if !mr.RequireVetted || !mr.Declined[7] || !mr.Declined[9] || mr.Declined[8] {
		t.Fatalf("vetting or exclusions wrong: %+v", mr)
	}
	want := domain.Interval{Start: 1*1440 + 10*60, End: 1*1440 + 11*60}
	if len(mr.Windows) != 1 || mr.Windows[0] != want {
		t.Fatalf("windows %v, want %v (local time)", mr.Windows, want)
	}
}

func TestFromVolunteer(t *testing.T) {
	v := domain.Volunteer{UserID: 3, Availability: []domain.Slot{{Day: "mon", From: "09:00", To: "10:00"}}, MaxActive: 2, Vetted: true}
	c, err := FromVolunteer(v)
	if err != nil || c.UserID != 3 || !c.Vetted || c.MaxActive != 2 || len(c.Availability) != 1 || c.Availability[0].End != 600 {
		t.Fatalf("candidate %+v, %v", c, err)
	}
	v.Availability[0].To = "08:00"
	if _, err := FromVolunteer(v); err == nil {
		t.Fatal("a slot ending before it starts was accepted")
	}
}

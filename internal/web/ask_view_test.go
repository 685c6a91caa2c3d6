package web

import (
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// askBaseIn is an askBase for a community in Ljubljana's time zone, in lang.
func askBaseIn(t *testing.T, lang string) *askBase {
	t.Helper()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Community{Name: "Test", Center: domain.Point{Lat: 46.25, Lng: 15.16},
		Settings: domain.Settings{Timezone: "Europe/Ljubljana"}}
	return &askBase{view: &view{tr: cat.Translator(lang), Lang: lang, Form: newForm()}, Community: c}
}

func TestAskWhenSpeaksTheCommunitysClock(t *testing.T) {
	b := askBaseIn(t, "en")
	loc := b.Community.Location()
	at := func(day, hour, minute int) time.Time {
		return time.Date(2030, 3, day, hour, minute, 0, 0, loc).UTC()
	}
	weekly := domain.Recurrence{Kind: domain.RecurWeekly, Days: []string{"tue", "fri"}, Until: "2030-04-30"}
	for _, tc := range []struct {
		from, by time.Time
		rec      domain.Recurrence
		want     string
	}{
		{at(4, 0, 0), at(4, 23, 59), domain.Recurrence{}, "4 March 2030"},
		{at(4, 9, 0), at(4, 12, 30), domain.Recurrence{}, "4 March 2030, 09:00–12:30"},
		{at(4, 0, 0), at(6, 23, 59), domain.Recurrence{}, "4 March 2030 to 6 March 2030"},
		{at(4, 8, 0), at(6, 12, 0), domain.Recurrence{}, "4 March 2030 to 6 March 2030, in the mornings (8:00–12:00)"},
		{at(4, 9, 0), at(6, 18, 0), domain.Recurrence{}, "4 March 2030, 09:00 to 6 March 2030, 18:00"},
		{at(5, 9, 0), at(5, 12, 0), weekly, "5 March 2030, 09:00–12:00, then every week (Tuesday, Friday) until 30 April 2030"},
		{at(5, 9, 0), at(5, 12, 0), domain.Recurrence{Kind: domain.RecurWeekly, Until: "no date"}, "5 March 2030, 09:00–12:00"},
	} {
		if got := b.Schedule(tc.from, tc.by, tc.rec); got != tc.want {
			t.Errorf("Schedule(%v, %v, %+v) = %q, want %q", tc.from, tc.by, tc.rec, got, tc.want)
		}
	}
	if got, want := askBaseIn(t, "de").When(at(4, 17, 0), at(6, 21, 0)), "4. März 2030 bis 6. März 2030, jeweils abends (17:00–21:00 Uhr)"; got != want {
		t.Errorf("in German: %q, want %q", got, want)
	}
}

func TestAskAreaNeverNamesMoreThanANeighbourhood(t *testing.T) {
	b := askBaseIn(t, "en")
	places := []domain.Place{{Name: "Gotovlje", Point: domain.Point{Lat: 46.30, Lng: 15.16}}}
	for _, tc := range []struct {
		at   domain.Point
		want string
	}{
		{domain.Point{Lat: 46.2950, Lng: 15.1650}, "near Gotovlje"},
		{domain.Point{Lat: 46.2501, Lng: 15.1601}, "near the centre"},
		{domain.Point{Lat: 46.2500, Lng: 15.1930}, "about 2.5 km from the centre"},
		{domain.Point{Lat: 46.2800, Lng: 15.2400}, "about 7 km from the centre"},
	} {
		if got := b.Area(tc.at, places); got != tc.want {
			t.Errorf("Area(%v) = %q, want %q", tc.at, got, tc.want)
		}
	}
}

func TestAskFiguresHideSmallNumbers(t *testing.T) {
	b := askBaseIn(t, "nl")
	if got := b.Figure(service.PublicCount{Hidden: true}); got != "minder dan 5" {
		t.Errorf("hidden figure %q", got)
	}
	if got := b.Figure(service.PublicCount{Value: 1234}); got != "1.234" {
		t.Errorf("figure %q, want Dutch grouping", got)
	}
}

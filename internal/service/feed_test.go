package service_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/service"
)

// TestFeedSearchesOutward: the feed searches rings around the volunteer's
// home and stops early; its pages must still be exactly the nearest
// requests that fit, in order, as if every request had been read.
func TestFeedSearchesOutward(t *testing.T) {
	now := time.Now().UTC()
	svc, ctx := setup(t, &now)
	op, err := svc.Login(ctx, "op@example.org", pw)
	if err != nil {
		t.Fatal(err)
	}
	home := domain.Point{Lat: 52.37, Lng: 4.9}
	// A wide community, so that the search goes through several rings.
	if _, err := svc.CreateCommunity(service.WithActor(ctx, op.User), domain.Community{Slug: "wide", Name: "Wide",
		Languages: []string{"nl"}, Center: home, RadiusKM: 40}); err != nil {
		t.Fatal(err)
	}
	p := map[string]context.Context{}
	for _, n := range []string{"asker", "helper"} {
		u, err := svc.Register(ctx, domain.Registration{Community: "wide", Email: n + "@example.org", Password: pw, Name: n})
		if err != nil {
			t.Fatal(err)
		}
		p[n] = service.WithActor(ctx, u)
	}
	allWeek := make([]domain.Slot, 0, 7)
	for _, d := range domain.Weekdays {
		allWeek = append(allWeek, domain.Slot{Day: d, From: "00:00", To: "24:00"})
	}
	if _, err := svc.PutMyVolunteer(p["helper"], "wide", domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
		Home: home, RadiusKM: 30, Availability: allWeek, MaxActive: 1}); err != nil {
		t.Fatal(err)
	}
	type placed struct {
		id int64
		km float64
	}
	var fitting []placed
	// Two requests close by, then a pair just outside the first circle
	// searched (1 km): the nearer one in a cell its covering leaves out,
	// the farther one in a cell it holds. Stopping after the first read
	// would put the farther one on the first page. Then a spiral from 3 to
	// 35 km, every third of another kind of help; those beyond 30 km are
	// out of the volunteer's reach.
	nearer, farther := trickyPair(t, home, 1)
	locs := []domain.Point{at(home, 0.3, 0), at(home, 0.5, 180), nearer, farther}
	for i := range 56 {
		locs = append(locs, at(home, 3+float64(i*i)*0.0103, float64(i)*137.5))
	}
	for i, loc := range locs {
		category := "groceries"
		if i >= 4 && i%3 == 0 {
			category = "transport"
		}
		r, err := svc.CreateRequest(p["asker"], "wide", domain.Request{Category: category, Title: "Help", Location: loc,
			Address: "Street 1", NeededFrom: now.Add(time.Hour), NeededBy: now.Add(3 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		d := geo.Distance(home, geo.Approximate(loc))
		if category == "groceries" && d <= 30 {
			fitting = append(fitting, placed{r.ID, d})
		}
	}
	slices.SortFunc(fitting, func(a, b placed) int {
		if a.km != b.km {
			return map[bool]int{true: -1, false: 1}[a.km < b.km]
		}
		return int(a.id - b.id)
	})
	for _, page := range []domain.Page{{Limit: 3}, {Limit: 5, Offset: 5}, {Limit: 8}, {Limit: 12}, {Limit: 16}, {Limit: 10, Offset: 10}, {Limit: 100}} {
		list, err := svc.Feed(p["helper"], "wide", page)
		if err != nil {
			t.Fatal(err)
		}
		var got, want []int64
		for _, v := range list {
			got = append(got, v.ID)
		}
		for _, f := range fitting[min(page.Offset, len(fitting)):min(page.Offset+page.Limit, len(fitting))] {
			want = append(want, f.id)
		}
		if !slices.Equal(got, want) {
			t.Errorf("page %+v: feed %v, want the nearest %v", page, got, want)
		}
	}
}

// at is the point km from p on the bearing (degrees), on a flat Earth,
// which is close enough at these distances.
func at(p domain.Point, km, bearing float64) domain.Point {
	b := bearing * math.Pi / 180
	return domain.Point{Lat: p.Lat + km/111.2*math.Cos(b), Lng: p.Lng + km/(111.2*math.Cos(p.Lat*math.Pi/180))*math.Sin(b)}
}

// trickyPair finds two points beyond km of home, by their approximate
// places (what the feed measures and indexes): the nearer outside the
// covering of the km circle, the farther inside it.
func trickyPair(t *testing.T, home domain.Point, km float64) (nearer, farther domain.Point) {
	t.Helper()
	ranges := geo.Covering(home, km)
	covered := func(p domain.Point) bool {
		id := geo.CellID(geo.Approximate(p))
		for _, r := range ranges {
			if r.Min <= id && id <= r.Max {
				return true
			}
		}
		return false
	}
	dist := func(p domain.Point) float64 { return geo.Distance(home, geo.Approximate(p)) }
	for d := km; d < km*3; d += 0.05 {
		for bearing := 0.0; bearing < 360; bearing += 3 {
			p := at(home, d, bearing)
			if dist(p) <= km+0.1 {
				continue
			}
			if !covered(p) && (nearer == domain.Point{} || dist(p) < dist(nearer)) {
				nearer = p
			}
			if covered(p) && (farther == domain.Point{} || dist(p) > dist(farther)) {
				farther = p
			}
		}
	}
	if (nearer != domain.Point{}) && (farther != domain.Point{}) && dist(farther) > dist(nearer)+0.05 {
		return nearer, farther
	}
	t.Logf("nearest uncovered %.3f km, farthest covered %.3f km", dist(nearer), dist(farther))
	t.Fatal("no pair of points around the covering's edge")
	return
}

package bench

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

func TestVolunteersAreValidAndRealistic(t *testing.T) {
	const n = 5000
	r := rand.New(rand.NewPCG(1, 1))
	near, vetted, withTag := 0, 0, 0
	for i := range n {
		p := newVolunteer(r, i)
		v := p.Volunteer
		if err := v.Validate(); err != nil {
			t.Fatalf("volunteer %d is invalid: %v\n%+v", i, err, v)
		}
		if !geo.Contains(cityCentre, cityKM, v.Home) || p.Cell != geo.CellID(v.Home) {
			t.Fatalf("volunteer %d lives outside the community or in the wrong cell: %+v", i, p)
		}
		categories := 0
		for _, s := range v.Skills {
			if domain.IsCategory(s) {
				categories++
			}
		}
		if categories < 2 || categories > 5 {
			t.Errorf("volunteer %d has %d categories: %v", i, categories, v.Skills)
		}
		if categories < len(v.Skills) {
			withTag++
		}
		if len(v.Availability) < 1 || len(v.Availability) > 4 || v.RadiusKM < 1 || v.RadiusKM > 15 ||
			v.MaxActive < 1 || v.MaxActive > 3 || len(v.Languages) == 0 {
			t.Errorf("volunteer %d out of the intended ranges: %+v", i, v)
		}
		if geo.Distance(cityCentre, v.Home) < 5 {
			near++
		}
		if v.Vetted {
			vetted++
		}
	}
	// Clustered, not uniform: a uniform spread over 25 km would put 4%
	// within 5 km of the centre.
	if share := float64(near) / n; share < 0.45 || share > 0.8 {
		t.Errorf("%.0f%% live within 5 km of the centre", 100*share)
	}
	if share := float64(vetted) / n; share < 0.08 || share > 0.12 {
		t.Errorf("%.1f%% are vetted, want about 10%%", 100*share)
	}
	if share := float64(withTag) / n; share < 0.2 || share > 0.4 {
		t.Errorf("%.1f%% have free tags, want about 30%%", 100*share)
	}
}

func TestRequestsAreValid(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Ljubljana")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2030, 3, 30, 22, 30, 0, 0, time.UTC) // the night clocks change
	m := requestMaker{now: now, loc: loc, coord: 1, requesters: []int64{7, 8, 9}}
	r := rand.New(rand.NewPCG(1, 2))
	weekly, members := 0, 0
	for i := range 2000 {
		ir := m.make(r)
		q := ir.Request
		q.Normalize()
		if err := q.Validate(); err != nil {
			t.Fatalf("request %d is invalid: %v\n%+v", i, err, q)
		}
		if !q.NeededFrom.After(now) || q.NeededFrom.After(now.Add(15*24*time.Hour)) {
			t.Errorf("request %d is not needed in the next two weeks: %v", i, q.NeededFrom)
		}
		if q.ExpiresAt.Before(q.NeededBy) && !q.ExpiresAt.IsZero() {
			t.Errorf("request %d expires before it is due: %+v", i, q)
		}
		if ir.Cell != geo.CellID(q.Approx) || q.Approx != geo.Approximate(q.Location) {
			t.Errorf("request %d is indexed by another place than its approximate one", i)
		}
		if q.Recurrence.Kind == domain.RecurWeekly {
			weekly++
		}
		if q.RequesterID != nil {
			members++
			if q.CreatedBy != *q.RequesterID {
				t.Errorf("request %d of a member was created by %d", i, q.CreatedBy)
			}
		}
	}
	if weekly < 200 || weekly > 400 || members < 800 || members > 1200 {
		t.Errorf("%d weekly and %d members' requests of 2000", weekly, members)
	}
}

func TestGenerationIsDeterministic(t *testing.T) {
	a, b := rand.New(rand.NewPCG(5, 1)), rand.New(rand.NewPCG(5, 1))
	for i := range 100 {
		if x, y := newVolunteer(a, i), newVolunteer(b, i); !reflect.DeepEqual(x, y) {
			t.Fatalf("volunteer %d differs between runs with the same seed:\n%+v\n%+v", i, x, y)
		}
	}
}

func TestPercentiles(t *testing.T) {
	var l latencies
	for i := 100; i >= 1; i-- {
		l = append(l, time.Duration(i)*time.Millisecond)
	}
	if p50, p99, mean := l.percentile(50), l.percentile(99), l.mean(); p50 != 50 || p99 != 99 || mean != 50.5 {
		t.Errorf("p50, p99, mean = %v, %v, %v; want 50, 99, 50.5", p50, p99, mean)
	}
	if (latencies{}).percentile(99) != 0 {
		t.Error("no samples should give 0")
	}
}

func TestMatchSmall(t *testing.T) {
	var each []MatchResult
	got, err := Match(context.Background(), MatchOptions{
		Volunteers: []int{1500}, Queries: 10, Warmup: -1, BaselineQueries: 3, Seed: 2,
		Each: func(r MatchResult) { each = append(each, r) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(each) != 1 || !reflect.DeepEqual(got[0], each[0]) {
		t.Fatalf("results %+v, reported %+v", got, each)
	}
	r := got[0]
	if r.Volunteers != 1500 || r.Requests != 100 || r.Database != "sqlite" || r.BaselineQueries != 3 {
		t.Errorf("sizes: %+v", r)
	}
	for name, v := range map[string]float64{"candidates p50": r.CandidatesP50, "candidates p99": r.CandidatesP99,
		"feed p50": r.FeedP50, "feed p99": r.FeedP99, "baseline p50": r.BaselineP50, "speedup": r.Speedup,
		"load": r.LoadSeconds, "rss": r.RSSMB, "candidates found": r.CandidatesAvg} {
		if !(v > 0) {
			t.Errorf("%s = %v, want > 0", name, v)
		}
	}
	// An exact agreement is a full recall, so there is never more of it.
	if r.CandidatesP99 < r.CandidatesP50 || r.Recall < 0 || r.Recall > 1 || r.Agreement > r.Recall+1e-9 {
		t.Errorf("inconsistent figures: %+v", r)
	}
	steps := map[string]bool{}
	for _, p := range r.CandidatesBreakdown {
		steps[p.Step] = true
	}
	if !steps["NearbyVolunteers"] || !steps[serviceStep] {
		t.Errorf("candidates breakdown %+v", r.CandidatesBreakdown)
	}
}

func TestScratchRefusesExistingFile(t *testing.T) {
	path := t.TempDir() + "/data.db"
	if _, err := newScratch(context.Background(), t.TempDir()); err == nil {
		t.Error("an existing path was accepted")
	}
	s, err := newScratch(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.drop(); err != nil {
		t.Errorf("dropping a database never created: %v", err)
	}
}

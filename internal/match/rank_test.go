package match

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"mutua/internal/domain"
)

func ids(rs []Result) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.UserID
	}
	return out
}

func TestRankOrder(t *testing.T) {
	cases := []struct {
		name string
		// better and worse differ from baseCandidate as described; better
		// must rank first.
		better, worse func(*Candidate)
	}{
		{"closer beats farther",
			func(c *Candidate) { c.Home = north(0.5) },
			func(c *Candidate) { c.Home = north(3) }},
		{"fewer recent tasks beats more (fairness)",
			func(c *Candidate) { c.RecentTasks = 0 },
			func(c *Candidate) { c.RecentTasks = 3 }},
		{"better completion record",
			func(c *Candidate) { c.Completed, c.Declined = 8, 0 },
			func(c *Candidate) { c.Completed, c.Declined = 2, 6 }},
		{"free for the whole window beats free for part of it",
			func(c *Candidate) {},
			func(c *Candidate) { c.Availability = []domain.Interval{{Start: at(1, 11, 0), End: at(1, 13, 0)}} }},
		{"a newcomer beats one who mostly declines",
			func(c *Candidate) {},
			func(c *Candidate) { c.Declined = 4 }},
		{"equal score: nearer first",
			func(c *Candidate) { c.Home = north(1) },
			func(c *Candidate) { c.Home = domain.Point{Lat: center.Lat, Lng: center.Lng + 1.5/77.2} }},
		{"all equal: lower id first",
			func(c *Candidate) {},
			func(c *Candidate) {}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, w := baseCandidate(1), baseCandidate(2)
			tc.better(&b)
			tc.worse(&w)
			for _, cands := range [][]Candidate{{b, w}, {w, b}} {
				got := Rank(baseRequest(), cands, 10)
				if !slices.Equal(ids(got), []int64{1, 2}) {
					t.Fatalf("order %v, want [1 2]: %+v", ids(got), got)
				}
			}
		})
	}
}

func TestRankFairnessOutweighsALittleDistance(t *testing.T) {
	// A volunteer asked three times this month should yield to an idle
	// one a few hundred metres farther away.
	busy, idle := baseCandidate(1), baseCandidate(2)
	busy.Home, busy.RecentTasks = north(0.8), 3
	idle.Home = north(1.2)
	if got := ids(Rank(baseRequest(), []Candidate{busy, idle}, 10)); !slices.Equal(got, []int64{2, 1}) {
		t.Fatalf("order %v, want the idle volunteer first", got)
	}
}

func TestScoreFormula(t *testing.T) {
	c := baseCandidate(1)
	c.Home = north(2)
	c.RecentTasks, c.Completed, c.Declined = 1, 2, 0
	// Tuesday 10:30–13:00 shares 90 of the window's 180 minutes.
	c.Availability = []domain.Interval{{Start: at(1, 10, 30), End: at(1, 13, 0)}}
	got := Rank(baseRequest(), []Candidate{c}, 1)
	want := 0.40*(1/(1+2.0/2)) + 0.25*0.5 + 0.20*0.5 + 0.15*(3.0/4)
	if len(got) != 1 || math.Abs(got[0].Score-want) > 0.0006 {
		t.Fatalf("got %+v, want score %.3f", got, want)
	}
	if got[0].DistanceKM != 2 {
		t.Fatalf("distance %v, want 2", got[0].DistanceKM)
	}
}

func TestScoreBounds(t *testing.T) {
	best := baseCandidate(1)
	best.Home = center
	best.Completed = 1000
	got := Rank(baseRequest(), []Candidate{best}, 1)
	if got[0].Score > 1 || got[0].Score < 0.99 {
		t.Fatalf("best possible volunteer scores %v", got[0].Score)
	}
	worst := baseCandidate(1)
	worst.Home, worst.RadiusKM = north(400), 500
	worst.RecentTasks, worst.Declined = 1000, 1000
	worst.Availability = []domain.Interval{{Start: at(1, 11, 59), End: at(1, 12, 0)}}
	got = Rank(baseRequest(), []Candidate{worst}, 1)
	if got[0].Score < 0 || got[0].Score > 0.01 {
		t.Fatalf("worst possible volunteer scores %v", got[0].Score)
	}
}

func TestRankAnyTimeRequest(t *testing.T) {
	req := baseRequest()
	req.Windows = nil
	a, b := baseCandidate(1), baseCandidate(2)
	b.Availability = nil
	got := Rank(req, []Candidate{a, b}, 10)
	if len(got) != 2 || got[0].Score != got[1].Score {
		t.Fatalf("availability should not matter for an any-time request: %+v", got)
	}
	for _, r := range got {
		for _, reason := range r.Reasons {
			if reason.Code == ReasonAvailable {
				t.Fatalf("an any-time request has no shared slot to report: %+v", r.Reasons)
			}
		}
	}
}

func TestRankReasons(t *testing.T) {
	c := baseCandidate(7)
	c.Skills = []string{"Groceries"}
	c.Languages = []string{"en", "sl-SI"}
	c.RecentTasks, c.Completed, c.Vetted = 2, 5, true
	c.Availability = []domain.Interval{
		{Start: at(1, 9, 0), End: at(1, 10, 0)},
		{Start: at(1, 10, 30), End: at(1, 13, 0)},
	}
	got := Rank(baseRequest(), []Candidate{c}, 1)
	want := []Reason{
		{Code: ReasonDistance, KM: 1},
		{Code: ReasonSkill, Category: "groceries", Tag: "Groceries"},
		{Code: ReasonLanguage, Language: "sl"},
		{Code: ReasonAvailable, Day: "tue", From: "10:30", To: "12:00"},
		{Code: ReasonLoad, Tasks: 2},
		{Code: ReasonRecord, Count: 5},
		{Code: ReasonVetted},
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0].Reasons, want) {
		t.Fatalf("reasons\n got %+v\nwant %+v", got[0].Reasons, want)
	}

	// A newcomer: no record, not vetted, the category spelled exactly,
	// and a load of zero still said.
	got = Rank(baseRequest(), []Candidate{baseCandidate(8)}, 1)
	want = []Reason{
		{Code: ReasonDistance, KM: 1},
		{Code: ReasonSkill, Category: "groceries"},
		{Code: ReasonLanguage, Language: "sl"},
		{Code: ReasonAvailable, Day: "tue", From: "09:00", To: "12:00"},
		{Code: ReasonLoad, Tasks: 0},
	}
	if !reflect.DeepEqual(got[0].Reasons, want) {
		t.Fatalf("reasons\n got %+v\nwant %+v", got[0].Reasons, want)
	}
}

func TestRankLimitAndEmpty(t *testing.T) {
	cands := synthetic(500, 1)
	all := Rank(baseRequest(), cands, 0)
	if len(all) < 30 {
		t.Fatalf("only %d of 500 synthetic candidates pass; the fixture is too strict", len(all))
	}
	for _, limit := range []int{1, 5, 20, len(all), len(all) + 10} {
		got := Rank(baseRequest(), cands, limit)
		n := min(limit, len(all))
		if !reflect.DeepEqual(got, all[:n]) {
			t.Fatalf("limit %d: not the first %d of the full ranking", limit, n)
		}
	}
	none := Rank(baseRequest(), nil, 20)
	if none == nil || len(none) != 0 {
		t.Fatalf("Rank of nobody = %#v, want an empty slice", none)
	}
}

func TestRankIsDeterministicAndSorted(t *testing.T) {
	cands := synthetic(2000, 2)
	want := Rank(baseRequest(), cands, 50)
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		shuffled := slices.Clone(cands)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := Rank(baseRequest(), shuffled, 50); !reflect.DeepEqual(got, want) {
			t.Fatal("the ranking depends on the order of the candidates")
		}
	}
	for i := 1; i < len(want); i++ {
		// Only the score can be checked here: the order of equal rounded
		// scores follows the exact ones.
		if want[i-1].Score < want[i].Score {
			t.Fatalf("results %d and %d out of order: %+v, %+v", i-1, i, want[i-1], want[i])
		}
	}
}

// synthetic makes n volunteers scattered within 10 km of center with mixed
// skills, languages, availability and records. Their availability is
// normalized, as the service stores it.
func synthetic(n int, seed uint64) []Candidate {
	r := rand.New(rand.NewPCG(seed, 42))
	langs := [][]string{{"sl"}, {"sl", "en"}, {"en"}, {"hr", "sl"}, {"de"}}
	out := make([]Candidate, n)
	for i := range out {
		day := r.IntN(7)
		from := 6*60 + r.IntN(12)*60
		out[i] = Candidate{
			UserID:   int64(i + 1),
			Home:     domain.Point{Lat: center.Lat + (r.Float64()-0.5)*0.18, Lng: center.Lng + (r.Float64()-0.5)*0.26},
			RadiusKM: []float64{2, 5, 10, 20}[r.IntN(4)],
			Skills: []string{domain.Categories[r.IntN(len(domain.Categories))],
				domain.Categories[r.IntN(len(domain.Categories))], "groceries"}[:1+r.IntN(3)],
			Languages: langs[r.IntN(len(langs))],
			Availability: normalize([]domain.Interval{
				{Start: at(1, 8, 0), End: at(1, 8, 0) + r.IntN(300)},
				{Start: day*1440 + from, End: day*1440 + from + 60 + r.IntN(240)},
			}),
			Active:      r.IntN(3),
			MaxActive:   1 + r.IntN(3),
			Vetted:      r.IntN(4) == 0,
			RecentTasks: r.IntN(5),
			Completed:   r.IntN(30),
			Declined:    r.IntN(5),
		}
	}
	return out
}

package match

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"mutua/internal/geo"
)

func TestScoreBound(t *testing.T) {
	if got := ScoreBound(0); got != 1 {
		t.Fatalf("ScoreBound(0) = %v, want 1", got)
	}
	if got := ScoreBound(2); got != 0.8 {
		t.Fatalf("ScoreBound(2) = %v, want 0.8", got)
	}
	// No candidate may beat the bound for their distance.
	for _, c := range synthetic(3000, 5) {
		req := baseRequest()
		req.Windows = nil
		km, ok := Filter(req, c)
		if !ok {
			continue
		}
		if got := Rank(req, []Candidate{c}, 1); got[0].Score > ScoreBound(km)+scoreSlack {
			t.Fatalf("%+v scores %v above the bound %v at %.3f km", c, got[0].Score, ScoreBound(km), km)
		}
	}
}

// TestCompleteMeansNothingFartherChangesTheTop searches outward as the
// service would and checks that stopping when Complete says so gives the
// ranking of everyone.
func TestCompleteMeansNothingFartherChangesTheTop(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	stoppedEarly := 0
	var stops []float64
	for round := range 40 {
		cands := synthetic(3000, uint64(round))
		for i := range cands {
			cands[i].RecentTasks = r.IntN(2) * r.IntN(4)
			cands[i].Declined = r.IntN(2)
		}
		req := baseRequest()
		req.Languages = nil
		limit := 1 + r.IntN(20)
		want := Rank(req, cands, limit)
		for searched := 0.25; ; searched *= 2 {
			var near []Candidate
			for _, c := range cands {
				if geo.Distance(c.Home, req.Location) <= searched {
					near = append(near, c)
				}
			}
			got := Rank(req, near, limit)
			if Complete(got, limit, searched) {
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("round %d: complete at %g km but differs from ranking everyone", round, searched)
				}
				if searched < 8 {
					stoppedEarly++
				}
				stops = append(stops, searched)
				break
			}
			if searched > 40 {
				break
			}
		}
	}
	if stoppedEarly == 0 {
		t.Fatal("Complete never allowed stopping early; the test proves nothing")
	}
	t.Logf("stopped within 4 km in %d of 40 rounds; radii searched: %v", stoppedEarly, stops)
}

func TestCompleteNeedsAFullList(t *testing.T) {
	if Complete(nil, 20, 100) || Complete([]Result{{Score: 1}}, 2, 100) || Complete([]Result{{Score: 1}}, 0, 100) {
		t.Fatal("a list shorter than limit is never complete")
	}
	if !Complete([]Result{{Score: 0.95}}, 1, 2) {
		t.Fatal("0.95 beats anyone 2 km away or more (at most 0.8)")
	}
}

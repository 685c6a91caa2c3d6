package service

import (
	"math"
	"math/rand/v2"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

func randRanges(r *rand.Rand, lo, hi int64) []domain.CellRange {
	var out []domain.CellRange
	x := lo + r.Int64N(5)
	for x < hi {
		y := x + r.Int64N(6)
		if y > hi {
			y = hi
		}
		out = append(out, domain.CellRange{Min: x, Max: y})
		x = y + 2 + r.Int64N(6)
	}
	return out
}

func in(rs []domain.CellRange, x int64) bool {
	for _, r := range rs {
		if r.Min <= x && x <= r.Max {
			return true
		}
	}
	return false
}

func sortedDisjoint(t *testing.T, rs []domain.CellRange) {
	for i, r := range rs {
		if r.Min > r.Max || i > 0 && rs[i-1].Max >= r.Min {
			t.Fatalf("not sorted disjoint: %v", rs)
		}
	}
}

func TestRangesTmp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a, b := randRanges(r, 0, 60), randRanges(r, 0, 60)
		d, u := subtractRanges(a, b), unionRanges(a, b)
		sortedDisjoint(t, d)
		sortedDisjoint(t, u)
		for x := int64(-2); x < 70; x++ {
			if in(d, x) != (in(a, x) && !in(b, x)) {
				t.Fatalf("subtract %v - %v = %v wrong at %d", a, b, d, x)
			}
			if in(u, x) != (in(a, x) || in(b, x)) {
				t.Fatalf("union %v + %v = %v wrong at %d", a, b, u, x)
			}
		}
	}
	edge := []domain.CellRange{{Min: math.MinInt64, Max: math.MaxInt64}}
	if got := subtractRanges(edge, edge); len(got) != 0 {
		t.Fatal(got)
	}
	if got := subtractRanges(edge, []domain.CellRange{{Min: 0, Max: 5}}); len(got) != 2 || got[0].Max != -1 || got[1].Min != 6 {
		t.Fatal(got)
	}
	if got := unionRanges(edge, []domain.CellRange{{Min: 0, Max: math.MaxInt64}}); len(got) != 1 {
		t.Fatal(got)
	}
	p := domain.Point{Lat: 46.05, Lng: 14.5}
	for km := 0.05; km < 20; km *= 2 {
		inner, outer := geo.Covering(p, km), geo.Covering(p, 2*km)
		ring := subtractRanges(outer, inner)
		t.Logf("km %.2f: inner %d outer %d ring %d", km, len(inner), len(outer), len(ring))
	}
}

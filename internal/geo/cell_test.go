package geo

import (
	"math/rand/v2"
	"testing"

	"github.com/golang/geo/s2"

	"mutua/internal/domain"
)

func TestCellIDIsTheLeafCell(t *testing.T) {
	for _, p := range []domain.Point{ljubljana, amsterdam, {Lat: -89, Lng: 0}, {Lat: 0, Lng: 180}, {}} {
		id := s2.CellID(uint64(CellID(p)))
		if !id.IsValid() || !id.IsLeaf() {
			t.Fatalf("%v: %v is not a valid leaf", p, id)
		}
		if got := Distance(p, pointOf(id)); got > 1e-5 {
			t.Fatalf("%v: leaf centre %.6f km away", p, got)
		}
	}
	// Faces 4 and 5 have the top bit set: their ids are negative as int64.
	if CellID(domain.Point{Lat: -89, Lng: 0}) >= 0 {
		t.Fatal("a south-pole cell id should be negative as int64")
	}
}

func TestApproximateStaysNear(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	for range 20000 {
		p := domain.Point{Lat: r.Float64()*170 - 85, Lng: r.Float64()*360 - 180}
		a := Approximate(p)
		d := Distance(p, a)
		worst = max(worst, d)
		if d > 1 {
			t.Fatalf("Approximate(%v) = %v is %.3f km away", p, a, d)
		}
		if Approximate(a) != a {
			t.Fatalf("Approximate is not stable on its own output: %v → %v", a, Approximate(a))
		}
	}
	t.Logf("largest distance to the approximate point: %.3f km", worst)
}

func TestApproximateIsOnePointPerCell(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []domain.Point{ljubljana, amsterdam, {Lat: 0, Lng: 179.999}} {
		cell := leaf(c).Parent(ApproxLevel)
		want := Approximate(c)
		first, last := cell.ChildBeginAtLevel(s2.MaxLevel), cell.ChildEndAtLevel(s2.MaxLevel).Prev()
		span := int64(last.Pos()-first.Pos()) / 2 // leaves are two positions apart
		for range 2000 {
			p := pointOf(first.Advance(r.Int64N(span + 1)))
			if got := Approximate(p); got != want {
				t.Fatalf("%v in the cell of %v maps to %v, want %v", p, c, got, want)
			}
		}
		// A point in the next cell must not share the approximate point.
		if Approximate(pointOf(cell.Next().ChildBeginAtLevel(s2.MaxLevel))) == want {
			t.Fatal("two cells share an approximate point")
		}
	}
}

// TestApproxCellSize backs the cell size ApproxLevel documents.
func TestApproxCellSize(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	lo, hi := 1e9, 0.0
	for range 5000 {
		p := domain.Point{Lat: r.Float64()*170 - 85, Lng: r.Float64()*360 - 180}
		cell := s2.CellFromCellID(leaf(p).Parent(ApproxLevel))
		for k := range 4 {
			e := Distance(pointOfS2(cell.Vertex(k)), pointOfS2(cell.Vertex((k+1)%4)))
			lo, hi = min(lo, e), max(hi, e)
		}
	}
	t.Logf("level %d edges: %.3f–%.3f km", ApproxLevel, lo, hi)
	if lo < 0.36 || hi > 0.68 {
		t.Fatalf("edges %.3f–%.3f km, documented as 0.37–0.67 km", lo, hi)
	}
}

func BenchmarkCellID(b *testing.B) {
	for b.Loop() {
		CellID(ljubljana)
	}
}

func BenchmarkApproximate(b *testing.B) {
	for b.Loop() {
		Approximate(ljubljana)
	}
}

func pointOf(id s2.CellID) domain.Point {
	ll := id.LatLng()
	return domain.Point{Lat: ll.Lat.Degrees(), Lng: ll.Lng.Degrees()}
}

func pointOfS2(p s2.Point) domain.Point {
	ll := s2.LatLngFromPoint(p)
	return domain.Point{Lat: ll.Lat.Degrees(), Lng: ll.Lng.Degrees()}
}

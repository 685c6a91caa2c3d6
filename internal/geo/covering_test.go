package geo

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"mutua/internal/domain"
)

// coveringCenters are places where a covering can go wrong: ordinary
// cities, the antimeridian, the poles, a cube corner and face edges of s2,
// and the faces whose ids are negative as int64.
var coveringCenters = map[string]domain.Point{
	"Ljubljana":             ljubljana,
	"Maribor":               maribor,
	"Amsterdam":             amsterdam,
	"antimeridian":          {Lat: 0, Lng: 179.9999},
	"antimeridian west":     {Lat: -16.5, Lng: -179.9999},
	"north pole":            {Lat: 89.9999, Lng: 10},
	"south pole (face 5)":   {Lat: -89.99, Lng: -45},
	"face 4":                {Lat: 0, Lng: -90},
	"face edge 45°":         {Lat: 10, Lng: 45},
	"face edge -135°":       {Lat: 0, Lng: -135},
	"cube corner":           {Lat: 35.2644, Lng: 45},
	"face 3/4 edge, signed": {Lat: 0, Lng: -135.0001},
}

var coveringRadii = []float64{0.05, 0.2, 1, 5, 20, 50, 200, 500}

func TestCoveringHoldsEveryPointInTheCircle(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var report strings.Builder
	for _, name := range slices.Sorted(maps.Keys(coveringCenters)) {
		c := coveringCenters[name]
		for _, radius := range coveringRadii {
			ranges := Covering(c, radius)
			checkRanges(t, ranges)
			if len(ranges) > coverMaxCells {
				t.Errorf("%s, %g km: %d ranges", name, radius, len(ranges))
			}
			fmt.Fprintf(&report, "%s %gkm:%d ", name, radius, len(ranges))
			for i := range 3000 {
				d := radius * math.Sqrt(r.Float64())
				if i < 200 {
					d = radius * (1 - 1e-9) // right on the border
				}
				p := destination(c, r.Float64()*360, d)
				if Distance(c, p) > radius {
					continue
				}
				if !inRanges(CellID(p), ranges) {
					t.Fatalf("%s, %g km: %v at %.6f km is outside the covering %v", name, radius, p, Distance(c, p), ranges)
				}
			}
		}
	}
	t.Log("ranges per covering: ", report.String())
}

func TestCoveringIsTight(t *testing.T) {
	// Points well outside the circle should mostly fall outside the
	// covering; otherwise the index would return too many rows.
	r := rand.New(rand.NewPCG(9, 10))
	for _, radius := range []float64{0.2, 5, 50} {
		ranges := Covering(ljubljana, radius)
		in, total := 0, 20000
		for range total {
			p := destination(ljubljana, r.Float64()*360, radius*(1+2*r.Float64()))
			if inRanges(CellID(p), ranges) {
				in++
			}
		}
		// The points lie between r and 3r, uniformly by distance; a
		// covering of about twice the circle's area catches those near r.
		frac := float64(in) / float64(total)
		t.Logf("%g km: %d ranges, %.0f%% of the points at r..3r inside", radius, len(ranges), 100*frac)
		if frac > 0.35 {
			t.Errorf("%g km: %.0f%% of the points at r..3r are inside the covering", radius, 100*frac)
		}
	}
}

func TestCoveringEdgeCases(t *testing.T) {
	id := CellID(ljubljana)
	for _, radius := range []float64{0, -1, math.NaN()} {
		got := Covering(ljubljana, radius)
		if len(got) != 1 || got[0].Min != id || got[0].Max != id {
			t.Fatalf("radius %v: %v, want the centre's leaf", radius, got)
		}
	}
	for _, radius := range []float64{halfCircumferenceKM, 1e9, math.Inf(1)} {
		got := Covering(ljubljana, radius)
		checkRanges(t, got)
		// Faces 4 and 5 (negative) and faces 0 to 3 (positive) each merge.
		if len(got) != 2 {
			t.Fatalf("radius %v: %v, want two ranges", radius, got)
		}
		for _, p := range []domain.Point{amsterdam, {Lat: -89, Lng: 3}, {Lat: 0, Lng: -90}, {Lat: 0, Lng: 180}} {
			if !inRanges(CellID(p), got) {
				t.Fatalf("radius %v: %v is outside the whole-Earth covering", radius, p)
			}
		}
	}
}

// checkRanges asserts what Covering promises about its ranges' shape.
func checkRanges(t *testing.T, ranges []domain.CellRange) {
	t.Helper()
	for i, r := range ranges {
		if r.Min > r.Max || r.Min&1 == 0 || r.Max&1 == 0 {
			t.Fatalf("range %d %v is not a range of leaf ids", i, r)
		}
		if i > 0 && r.Min <= ranges[i-1].Max+2 {
			t.Fatalf("ranges %v and %v are out of order, overlap or touch", ranges[i-1], r)
		}
	}
}

// inRanges is what the store's WHERE clause does.
func inRanges(id int64, ranges []domain.CellRange) bool {
	for _, r := range ranges {
		if r.Min <= id && id <= r.Max {
			return true
		}
	}
	return false
}

// destination walks distanceKM from p on the initial bearing (degrees).
func destination(p domain.Point, bearing, distanceKM float64) domain.Point {
	lat1, lng1, b := p.Lat*degree, p.Lng*degree, bearing*degree
	a := distanceKM / EarthRadiusKM
	lat2 := math.Asin(math.Sin(lat1)*math.Cos(a) + math.Cos(lat1)*math.Sin(a)*math.Cos(b))
	lng2 := lng1 + math.Atan2(math.Sin(b)*math.Sin(a)*math.Cos(lat1), math.Cos(a)-math.Sin(lat1)*math.Sin(lat2))
	lng := math.Mod(lng2/degree+540, 360) - 180
	return domain.Point{Lat: lat2 / degree, Lng: lng}
}

func BenchmarkCovering(b *testing.B) {
	for _, radius := range []float64{0.2, 5, 50} {
		b.Run(fmt.Sprintf("%gkm", radius), func(b *testing.B) {
			for b.Loop() {
				Covering(ljubljana, radius)
			}
		})
	}
}

package geo

import (
	"math"
	"testing"

	"mutua/internal/domain"
)

var (
	ljubljana = domain.Point{Lat: 46.0569, Lng: 14.5058}
	maribor   = domain.Point{Lat: 46.5547, Lng: 15.6459}
	amsterdam = domain.Point{Lat: 52.3676, Lng: 4.9041}
	paris     = domain.Point{Lat: 48.8566, Lng: 2.3522}
)

func TestDistance(t *testing.T) {
	cases := []struct {
		name     string
		a, b     domain.Point
		min, max float64
	}{
		{"same point", ljubljana, ljubljana, 0, 0},
		{"Ljubljana–Maribor", ljubljana, maribor, 102, 104},
		{"Amsterdam–Paris", amsterdam, paris, 428, 432},
		{"one degree on the equator", domain.Point{}, domain.Point{Lng: 1}, 111.19, 111.20},
		{"across the antimeridian", domain.Point{Lng: 179.5}, domain.Point{Lng: -179.5}, 111.19, 111.20},
		{"pole to pole", domain.Point{Lat: 90}, domain.Point{Lat: -90}, 20015.0, 20015.2},
		{"antipodes", domain.Point{Lat: 10, Lng: 20}, domain.Point{Lat: -10, Lng: -160}, 20015.0, 20015.2},
		{"a metre", domain.Point{Lat: 46}, domain.Point{Lat: 46 + 1/111195.0}, 0.00099, 0.00101},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := Distance(tc.a, tc.b)
			if d < tc.min || d > tc.max || math.IsNaN(d) {
				t.Fatalf("Distance = %.4f km, want %.4f..%.4f", d, tc.min, tc.max)
			}
			if back := Distance(tc.b, tc.a); math.Abs(back-d) > 1e-9 {
				t.Fatalf("not symmetric: %v vs %v", d, back)
			}
		})
	}
}

func TestContains(t *testing.T) {
	d := Distance(ljubljana, maribor)
	if !Contains(ljubljana, d, maribor) {
		t.Fatal("the border must count as inside")
	}
	if Contains(ljubljana, d-0.01, maribor) {
		t.Fatal("Maribor is not within 102 km of Ljubljana")
	}
	if !Contains(ljubljana, 0, ljubljana) {
		t.Fatal("a point is within 0 km of itself")
	}
}

func BenchmarkDistance(b *testing.B) {
	for b.Loop() {
		Distance(ljubljana, maribor)
	}
}

package geo

import (
	"math"

	"github.com/golang/geo/s2"

	"mutua/internal/domain"
)

// ApproxLevel is the s2 level public locations are snapped to. Cells of
// level 14 have edges of 0.37 to 0.67 km (0.57 km on average; 0.32 km²),
// so an approximate location says "in this part of the neighbourhood" and
// never "in this building" — the SPEC's cell of roughly 500 m.
const ApproxLevel = 14

// approxDecimals is how many decimals of a degree an approximate point
// keeps: 1e-5° is about 1 m, far below the cell size, so rounding never
// merges two cells, and the JSON stays short.
const approxDecimals = 1e5

// CellID returns the id of the s2 leaf cell (about 1 cm across) that holds
// p, its uint64 bits reinterpreted as int64 so that SQLite and PostgreSQL
// can store it in a signed BIGINT column. Leaf ids along the Hilbert curve
// keep nearby points close together, which is what makes Covering's ranges
// work on a B-tree index.
func CellID(p domain.Point) int64 {
	return int64(leaf(p))
}

func leaf(p domain.Point) s2.CellID {
	return s2.CellIDFromLatLng(s2.LatLngFromDegrees(p.Lat, p.Lng))
}

// Approximate returns the centre of the level-14 cell that holds p (see
// ApproxLevel). Every display of a private location to someone who may not
// see the exact one goes through here. The answer depends only on the cell,
// never on where in it p lies, so repeated views or many requests from one
// address cannot be averaged to find the address; it is at most about
// 0.5 km from p.
func Approximate(p domain.Point) domain.Point {
	ll := leaf(p).Parent(ApproxLevel).LatLng()
	return domain.Point{
		Lat: math.Round(ll.Lat.Degrees()*approxDecimals) / approxDecimals,
		Lng: math.Round(ll.Lng.Degrees()*approxDecimals) / approxDecimals,
	}
}

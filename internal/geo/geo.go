// Package geo holds mutua's geometry: great-circle distances, s2 cell ids
// that let both databases answer "who is near here" with plain B-tree range
// scans, and the snapping of private locations to public approximate ones.
//
// Everything here is a pure function of its arguments. Points are WGS84
// degrees (domain.Point) and lengths are kilometres; the sphere is a good
// enough model of the Earth for distances of a neighbourhood or a region
// (the error is below 0.5 %).
//
// Callers validate points (domain.Point.Valid) before they get here; the
// functions do not fail on invalid input but their answers are meaningless.
package geo

import (
	"math"

	"mutua/internal/domain"
)

// EarthRadiusKM is the mean radius of the Earth (IUGG), the radius of the
// sphere all distances are measured on.
const EarthRadiusKM = 6371.0088

const degree = math.Pi / 180

// Distance returns the great-circle distance between a and b in kilometres.
// It uses the haversine formula, which, unlike the spherical law of cosines,
// stays accurate for the short distances that matter most here (a few
// hundred metres between neighbours).
func Distance(a, b domain.Point) float64 {
	lat1, lat2 := a.Lat*degree, b.Lat*degree
	dLat := lat2 - lat1
	dLng := (b.Lng - a.Lng) * degree
	sLat, sLng := math.Sin(dLat/2), math.Sin(dLng/2)
	h := sLat*sLat + math.Cos(lat1)*math.Cos(lat2)*sLng*sLng
	// Rounding can push h a hair above 1 for antipodal points; asin would
	// return NaN there.
	h = min(max(h, 0), 1)
	return 2 * EarthRadiusKM * math.Asin(math.Sqrt(h))
}

// Contains reports whether p lies within radiusKM of center, the border
// included. It is the exact test that callers apply to the rows a Covering
// returns.
func Contains(center domain.Point, radiusKM float64, p domain.Point) bool {
	return Distance(center, p) <= radiusKM
}

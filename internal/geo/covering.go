package geo

import (
	"math"
	"slices"

	"github.com/golang/geo/s1"
	"github.com/golang/geo/s2"

	"mutua/internal/domain"
)

// Covering tuning. Twelve cells keep a covering within about twice the
// area of its circle for any radius, while a query still costs only a
// dozen index seeks (after merging neighbours, usually fewer).
const (
	coverMaxCells = 12
	// coverFinest limits how small covering cells get relative to the
	// radius: cells narrower than an eighth of the radius trim little area
	// but cost a range each.
	coverFinest = 8
	// coverMarginKM widens every circle by a metre so that a point exactly
	// on the border by Distance is not lost to rounding between haversine
	// and s2's chord angles.
	coverMarginKM = 0.001
)

// halfCircumferenceKM is the largest distance between two points; a radius
// this large covers the whole Earth.
const halfCircumferenceKM = math.Pi * EarthRadiusKM

// Covering returns ranges of leaf cell ids (as CellID numbers them) whose
// union holds every point within radiusKM of center. It is a superset:
// points in the ranges may be up to about twice the radius away, so callers
// filter the rows they find with Distance or Contains.
//
// The ranges are sorted by Min, disjoint and not adjacent, ready for
// "cell BETWEEN min AND max" clauses joined by OR.
//
// The int64 comparison is sound although s2 ids are unsigned: every covering
// cell's leaf ids share the cell's face bits, so a cell's RangeMin and
// RangeMax have the same top bit. Within each half of the uint64 numbers,
// reinterpreting as int64 keeps the order (the top half just moves below
// zero), so each range stays a contiguous interval of int64 values; the
// merging below then happens on those int64 intervals and cannot join the
// two halves.
//
// A radius of zero or less (or NaN) covers only center's own leaf cell; a
// radius of half the Earth's circumference or more covers the whole Earth.
func Covering(center domain.Point, radiusKM float64) []domain.CellRange {
	if !(radiusKM > 0) {
		id := CellID(center)
		return []domain.CellRange{{Min: id, Max: id}}
	}
	if radiusKM+coverMarginKM >= halfCircumferenceKM {
		return wholeEarth()
	}
	angle := s1.Angle((radiusKM + coverMarginKM) / EarthRadiusKM)
	c := s2.CapFromCenterAngle(s2.PointFromLatLng(s2.LatLngFromDegrees(center.Lat, center.Lng)), angle)
	rc := &s2.RegionCoverer{
		MinLevel: 0,
		MaxLevel: s2.MinWidthMetric.MaxLevel(angle.Radians() / coverFinest),
		LevelMod: 1,
		MaxCells: coverMaxCells,
	}
	return rangesOf(rc.CellUnion(c))
}

// wholeEarth returns the ranges of the six face cells.
func wholeEarth() []domain.CellRange {
	cells := make([]s2.CellID, 6)
	for f := range cells {
		cells[f] = s2.CellIDFromFace(f)
	}
	return rangesOf(cells)
}

// rangesOf turns cells into merged int64 leaf ranges, sorted by Min.
func rangesOf(cells []s2.CellID) []domain.CellRange {
	out := make([]domain.CellRange, 0, len(cells))
	for _, id := range cells {
		out = append(out, domain.CellRange{Min: int64(id.RangeMin()), Max: int64(id.RangeMax())})
	}
	slices.SortFunc(out, func(a, b domain.CellRange) int {
		switch {
		case a.Min < b.Min:
			return -1
		case a.Min > b.Min:
			return 1
		}
		return 0
	})
	if len(out) == 0 {
		return nil
	}
	merged := out[:1]
	for _, r := range out[1:] {
		last := &merged[len(merged)-1]
		if touches(*last, r) {
			last.Max = max(last.Max, r.Max)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// touches reports whether r (with r.Min >= a.Min) overlaps a or starts at
// the next leaf after a. Leaf ids are odd, so the leaf after Max is Max+2;
// the guard keeps that addition from overflowing at the top of int64.
func touches(a, r domain.CellRange) bool {
	return r.Min <= a.Max || (a.Max <= math.MaxInt64-2 && r.Min <= a.Max+2)
}

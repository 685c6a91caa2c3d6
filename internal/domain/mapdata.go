package domain

import "time"

// Kinds of point the open map data lists.
const (
	MapInitiative   = "initiative"
	MapOrganisation = "organisation"
	MapOpportunity  = "opportunity"
	MapRequest      = "request"
)

// MapKinds lists every kind of map feature.
var MapKinds = []string{MapInitiative, MapOrganisation, MapOpportunity, MapRequest}

// MapFeature is one public point of the open map data. Location is where
// the public may see it: an open request's approximate place, never its
// exact one. Sector is an initiative's or organisation's sector, or an
// opportunity's or request's category.
type MapFeature struct {
	Kind          string
	ID            int64
	CommunitySlug string
	Name          string
	Sector        string
	Location      Point
}

// BBox is a box of longitude and latitude, west to east and south to
// north; it does not cross the antimeridian.
type BBox struct {
	MinLng, MinLat, MaxLng, MaxLat float64
}

// Contains reports whether p lies in the box, edges included.
func (b BBox) Contains(p Point) bool {
	return p.Lng >= b.MinLng && p.Lng <= b.MaxLng && p.Lat >= b.MinLat && p.Lat <= b.MaxLat
}

// MapFilter narrows the open map data. CommunityID 0 means every
// community. Kind empty means every kind; Sector matches the feature's
// sector or category; Now decides which shifts are upcoming.
type MapFilter struct {
	CommunityID int64
	Kind        string
	Sector      string
	BBox        *BBox
	Now         time.Time
}

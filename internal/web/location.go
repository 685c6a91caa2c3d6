package web

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"mutua/internal/domain"
)

// Tiles is the map tile server the location pickers and maps show. An empty
// URL means no tiles: the maps still place pins on a blank background, and
// every page works without them.
type Tiles struct {
	// URL is a template such as https://tile.example.org/{z}/{x}/{y}.png.
	URL string
	// Attribution is the credit the tile provider asks for, shown on maps.
	Attribution string
}

// placePin is the place choice that means "the point on the map or the
// coordinates typed below" instead of a named place.
const placePin = "pin"

// locationField is what the "location" partial renders: where something is,
// chosen as a named place of the community, as a pin on a map (with
// JavaScript) or as typed coordinates (without), plus an optional address.
type locationField struct {
	ID string
	// Address is nil where no address is asked (a volunteer's home area).
	Address     *input
	Place       input
	Places      []placeOption
	Lat, Lon    input
	Coordinates bool // the coordinates are open: the person chose the pin
	Center      domain.Point
	RadiusKM    float64
	Tiles       Tiles
	Text        locationText
}

// locationText are the translated words of the map, which the script shows.
type locationText struct {
	Coordinates, Map, Locate, Clear, Pin string
}

// placeOption is one choice of the place select, with its point for the map.
type placeOption struct {
	option
	Lat, Lng string
}

// LocationField describes the location picker for a form in community c,
// filled with the submitted (or pre-set) values of address, place, lat and
// lon.
func (v *view) LocationField(places []domain.Place, c domain.Community) locationField {
	addr := v.Input("address", "text", v.T("location.address.label"), "street-address", v.T("location.address.hint"))
	f := locationField{
		ID:       "location",
		Address:  &addr,
		Place:    v.Input("place", "", v.T("location.place.label"), "", v.T("location.place.hint")),
		Lat:      v.Input("lat", "text", v.T("location.lat.label"), "off"),
		Lon:      v.Input("lon", "text", v.T("location.lon.label"), "off"),
		Center:   c.Center,
		RadiusKM: c.RadiusKM,
		Tiles:    v.tiles,
		Text: locationText{Coordinates: v.T("location.coordinates"), Map: v.T("location.map.label"),
			Locate: v.T("location.map.locate"), Clear: v.T("location.map.clear"), Pin: v.T("location.map.pin")},
	}
	chosen := v.Form.Value("place")
	f.Places = append(f.Places, placeOption{option: option{Value: "", Label: v.T("location.place.choose"), Selected: chosen == ""}})
	for _, p := range places {
		id := strconv.FormatInt(p.ID, 10)
		f.Places = append(f.Places, placeOption{
			option: option{Value: id, Label: p.Name, Selected: chosen == id},
			Lat:    formatCoord(p.Point.Lat), Lng: formatCoord(p.Point.Lng),
		})
	}
	f.Places = append(f.Places, placeOption{option: option{Value: placePin, Label: v.T("location.place.pin"), Selected: chosen == placePin}})
	f.Coordinates = chosen == placePin || f.Lat.Error != "" || f.Lon.Error != ""
	return f
}

// WithoutAddress drops the address input, for locations that are an area
// rather than a door to knock on.
func (f locationField) WithoutAddress() locationField {
	f.Address = nil
	return f
}

// PresetPoint fills the form with a stored point as a pin, so that editing a
// profile shows the location it has. It does nothing when the form already
// has a choice (a re-rendered submission).
func presetPoint(f *form, p domain.Point) {
	if f.Value("place") != "" || !p.Valid() || (p == domain.Point{}) {
		return
	}
	f.set("place", placePin)
	f.set("lat", formatCoord(p.Lat))
	f.set("lon", formatCoord(p.Lng))
}

// keepLocation copies the submitted location fields into the form, so a
// form shown again with errors keeps the person's choice.
func keepLocation(f *form, vals url.Values) {
	for _, name := range []string{"address", "place", "lat", "lon"} {
		f.set(name, vals.Get(name))
	}
}

// readLocation turns the submitted place or coordinates into a point. A
// named place gives its point; "pin" (or no place but both coordinates, as
// someone without JavaScript may send) gives the coordinates. The error
// names the fields to fix, for form.fail.
func readLocation(vals url.Values, places []domain.Place) (domain.Point, error) {
	choice := strings.TrimSpace(vals.Get("place"))
	lat, lon := strings.TrimSpace(vals.Get("lat")), strings.TrimSpace(vals.Get("lon"))
	var pr domain.Problems
	switch {
	case choice == placePin || (choice == "" && lat != "" && lon != ""):
		pt := domain.Point{Lat: coordinate(&pr, "lat", lat, 90), Lng: coordinate(&pr, "lon", lon, 180)}
		return pt, pr.Err()
	case choice == "":
		pr.Add("place", "required", "choose a place or put a pin on the map")
		return domain.Point{}, pr.Err()
	}
	for _, p := range places {
		if strconv.FormatInt(p.ID, 10) == choice {
			return p.Point, nil
		}
	}
	pr.Add("place", "unknown", "choose one of the places in the list")
	return domain.Point{}, pr.Err()
}

// coordinate parses one coordinate, accepting a decimal comma as typed in
// most of the languages mutua speaks.
func coordinate(pr *domain.Problems, field, s string, limit float64) float64 {
	if s == "" {
		pr.Add(field, "required", "enter a number")
		return 0
	}
	x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		pr.Add(field, "number", "enter a number such as 46.2514")
		return 0
	}
	if math.Abs(x) > limit {
		pr.Add(field, "range", "out of range")
		return 0
	}
	return x
}

// formatCoord writes a coordinate with six decimals (about 10 cm), plenty
// for a door and short enough to read.
func formatCoord(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }

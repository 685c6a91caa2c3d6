package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// The map area: a community's public map of initiatives, organisations,
// opportunities and open requests. The page is a list first, filtered by
// kind and sector through a GET form; that list is what a person without
// JavaScript or with a screen reader uses. map.js draws the same points on
// a map above it and keeps the list to what the map shows. Open requests
// appear only as "a request for <category> near here", at the approximate
// place the service gives, and never link anywhere.

var mapPages = map[string]pageSpec{
	"map_page": {layout: "base", partials: withChrome("form_summary", "select")},
}

func (p *Pages) mapRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/map", p.mapPage)
}

// MapURL is the community's public map, linked from its front page.
func (c *communityPage) MapURL() string { return mapURL(c.Community.Slug) }

func mapURL(slug string) string { return communityURL(slug) + "/map" }

// mapItem is one point of the map as the list shows it.
type mapItem struct {
	Kind, Name, Sector, URL string
	Lat, Lng                float64
}

// mapGroup is the items of one kind, under their heading.
type mapGroup struct {
	Kind  string
	Items []mapItem
}

// mapPage is the public map with its filters.
type mapPage struct {
	*view
	Community domain.Community
	Groups    []mapGroup
	Count     int
	// Invalid is true when the filters could not be used; no list is shown.
	Invalid bool
	// Filtered is true when a filter narrows the list, for the empty text.
	Filtered bool
}

// mapPage answers GET /c/{slug}/map with its filters in the query string.
func (p *Pages) mapPage(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	pg := &mapPage{view: v, Community: c}
	q := r.URL.Query()
	kind, sector := strings.TrimSpace(q.Get("kind")), strings.TrimSpace(q.Get("sector"))
	v.Form.set("kind", kind)
	v.Form.set("sector", sector)
	pg.Filtered = kind != "" || sector != ""
	var problems domain.Problems
	if kind != "" && !slices.Contains(domain.MapKinds, kind) {
		problems.Add("kind", "unknown", "choose a kind from the list")
	}
	if sector != "" && !slices.Contains(pg.sectors(), sector) {
		problems.Add("sector", "unknown", "choose a sector from the list")
	}
	err := problems.Err()
	var file service.MapFile
	if err == nil {
		file, err = p.svc.MapData(r.Context(), c.Slug, service.MapQuery{Kind: kind, Sector: sector})
	}
	if err != nil {
		if domain.KindOf(err) != domain.KindInvalid {
			p.fail(w, r, v, err)
			return
		}
		pg.failFilters(err)
		p.render(w, r, http.StatusUnprocessableEntity, "map_page", pg)
		return
	}
	body := file.Bytes()
	file.Release()
	var fc geoJSONCollection
	if err := json.Unmarshal(body, &fc); err != nil {
		p.fail(w, r, v, err)
		return
	}
	pg.group(fc)
	p.render(w, r, http.StatusOK, "map_page", pg)
}

// geoJSONCollection is the part of the map data the page reads.
type geoJSONCollection struct {
	Features []struct {
		Geometry struct {
			Coordinates [2]float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties struct {
			Kind     string `json:"kind"`
			Name     string `json:"name"`
			Title    string `json:"title"`
			Sector   string `json:"sector"`
			Category string `json:"category"`
			URL      string `json:"url"`
		} `json:"properties"`
	} `json:"features"`
}

// group sorts the features into one group per kind, in the kinds' order.
func (pg *mapPage) group(fc geoJSONCollection) {
	byKind := map[string][]mapItem{}
	for _, f := range fc.Features {
		pr := f.Properties
		it := mapItem{Kind: pr.Kind, Name: pr.Name, Sector: pr.Sector, URL: pr.URL,
			Lng: f.Geometry.Coordinates[0], Lat: f.Geometry.Coordinates[1]}
		if it.Name == "" {
			it.Name = pr.Title
		}
		if it.Sector == "" {
			it.Sector = pr.Category
		}
		if it.Kind == domain.MapRequest {
			// A request has no public page and no public title.
			it.Name, it.URL = "", ""
		}
		byKind[it.Kind] = append(byKind[it.Kind], it)
		pg.Count++
	}
	for _, k := range domain.MapKinds {
		if items := byKind[k]; len(items) > 0 {
			pg.Groups = append(pg.Groups, mapGroup{Kind: k, Items: items})
		}
	}
}

// failFilters puts the filters' problems on the form, in this area's words.
func (pg *mapPage) failFilters(err error) {
	pg.Invalid = true
	f := pg.Form
	f.fail(pg.tr, err)
	f.Summary = pg.T("map.filter.invalid")
	for i, prob := range f.Problems {
		for _, name := range []string{"kind", "sector"} {
			if prob.ID != fieldID(name) {
				continue
			}
			msg := pg.T("map.field." + name + ".unknown")
			f.errors[name] = msg
			f.Problems[i].Message = msg
		}
	}
}

// sectors are the values the sector filter accepts: the directory's
// sectors, then the community's categories of help not among them.
func (pg *mapPage) sectors() []string {
	out := slices.Clone(domain.InitiativeSectors)
	for _, c := range pg.Community.Categories {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// CommunityURL is the community's front page.
func (pg *mapPage) CommunityURL() string { return communityURL(pg.Community.Slug) }

// PageURL is this page, without filters.
func (pg *mapPage) PageURL() string { return mapURL(pg.Community.Slug) }

// KindName names a kind of point, in the plural for headings.
func (pg *mapPage) KindName(kind string) string { return pg.T("map.kind." + kind) }

// SectorName names an initiative's or organisation's sector, or an
// opportunity's or request's category.
func (pg *mapPage) SectorName(s string) string {
	if msg, ok := pg.tr.Lookup("directory.sector." + s); ok {
		return msg
	}
	if msg, ok := pg.tr.Lookup("category." + s); ok {
		return msg
	}
	return s
}

// RequestText is what the list says of an open request.
func (pg *mapPage) RequestText(it mapItem) string {
	return pg.T("map.request", "Category", pg.SectorName(it.Sector))
}

// MapCoord writes a coordinate for the map script.
func (pg *mapPage) MapCoord(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// KindOptions are the kinds of point, after "everything".
func (pg *mapPage) KindOptions() []option {
	opts := []option{{Value: "", Label: pg.T("map.filter.kind.any")}}
	for _, k := range domain.MapKinds {
		opts = append(opts, option{Value: k, Label: pg.KindName(k)})
	}
	return opts
}

// SectorOptions are the sectors and categories, after "any".
func (pg *mapPage) SectorOptions() []option {
	opts := []option{{Value: "", Label: pg.T("map.filter.sector.any")}}
	for _, s := range pg.sectors() {
		opts = append(opts, option{Value: s, Label: pg.SectorName(s)})
	}
	return opts
}

// TileURL and TileAttribution are the map's tile server; empty means the
// map draws its markers on a blank background.
func (pg *mapPage) TileURL() string         { return pg.tiles.URL }
func (pg *mapPage) TileAttribution() string { return pg.tiles.Attribution }

package web

import (
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// directoryPageSize is how many entries one page of the directory shows.
const directoryPageSize = 30

// directoryRadii are the distances, in km, a search near a place offers.
var directoryRadii = []string{"1", "2", "5", "10", "25"}

const directoryDefaultRadius = "5"

// directoryFilterFields are the search's fields in their order on the page.
var directoryFilterFields = []string{"q", "sector", "near", "radius_km"}

// directoryListPage is the directory with its search, and for community
// admins the initiatives waiting for approval.
type directoryListPage struct {
	*directoryBase
	places  []domain.Place
	Entries []domain.DirectoryEntry
	// Proposed is filled for community admins only.
	Proposed []domain.DirectoryEntry
	// Filtered is true when the search narrows the list, for the empty text.
	Filtered bool
	// Invalid is true when the search could not be used; no list is shown.
	Invalid          bool
	PrevURL, NextURL string
}

// directoryList answers GET /c/{slug}/directory with the search in the
// query string, so that a search is a link to keep and needs no script.
func (p *Pages) directoryList(w http.ResponseWriter, r *http.Request) {
	b, ok := p.directoryLoad(w, r)
	if !ok {
		return
	}
	ctx, slug := r.Context(), b.Community.Slug
	// The named places are the members'; visitors search without them.
	places, err := p.svc.Places(ctx, slug)
	switch kind := domain.KindOf(err); {
	case err == nil:
	case kind == domain.KindUnauthenticated || kind == domain.KindForbidden:
		places = nil
	default:
		p.directoryFail(w, r, b, r.URL.RequestURI(), err)
		return
	}
	q := r.URL.Query()
	for _, name := range directoryFilterFields {
		b.Form.set(name, strings.TrimSpace(q.Get(name)))
	}
	if b.Form.Value("radius_km") == "" {
		b.Form.set("radius_km", directoryDefaultRadius)
	}
	page := pageNumber(q.Get("page"))
	pg := &directoryListPage{directoryBase: b, places: places}
	query, problems := readDirectoryQuery(b.Form, places)
	query.Page = domain.Page{Limit: directoryPageSize + 1, Offset: (page - 1) * directoryPageSize}
	pg.Filtered = query.Text != "" || query.Sector != "" || query.Near != nil
	var list []domain.DirectoryEntry
	err = problems.Err()
	if err == nil {
		list, err = p.svc.Directory(ctx, slug, query)
	}
	status := http.StatusOK
	switch {
	case domain.KindOf(err) == domain.KindInvalid:
		failDirectoryForm(b.Form, b.tr, err)
		b.Form.Summary = b.T("directory.list.invalid")
		pg.Invalid, status = true, httpx.Status(err)
	case err != nil:
		p.directoryFail(w, r, b, r.URL.RequestURI(), err)
		return
	}
	if len(list) > directoryPageSize {
		list = list[:directoryPageSize]
		pg.NextURL = b.ListURL() + "?" + directoryQueryWith(q, strconv.Itoa(page+1))
	}
	if page > 1 {
		prev := ""
		if page > 2 {
			prev = strconv.Itoa(page - 1)
		}
		pg.PrevURL = b.ListURL() + "?" + directoryQueryWith(q, prev)
	}
	pg.Entries = list
	if b.User != nil && page == 1 {
		// Only community admins may list proposals; for anyone else the
		// service refuses and the section stays away.
		proposed, err := p.svc.Directory(ctx, slug, service.DirectoryQuery{Proposed: true})
		switch kind := domain.KindOf(err); {
		case err == nil:
			pg.Proposed = proposed
		case kind != domain.KindForbidden:
			p.directoryFail(w, r, b, r.URL.RequestURI(), err)
			return
		}
	}
	p.render(w, r, status, "directory_list", pg)
}

// readDirectoryQuery turns the search on the form into a query. Problems
// are what the service cannot see (a place that is not the community's, a
// radius that is no number); the rest is the service's to check.
func readDirectoryQuery(f *form, places []domain.Place) (service.DirectoryQuery, domain.Problems) {
	q := service.DirectoryQuery{Text: f.Value("q"), Sector: f.Value("sector")}
	var pr domain.Problems
	near := f.Value("near")
	if near == "" {
		return q, pr
	}
	i := slices.IndexFunc(places, func(pl domain.Place) bool { return strconv.FormatInt(pl.ID, 10) == near })
	if i < 0 {
		pr.Add("near", "unknown", "choose one of the places in the list")
	} else {
		pt := places[i].Point
		q.Near = &pt
	}
	km, err := strconv.ParseFloat(strings.Replace(f.Value("radius_km"), ",", ".", 1), 64)
	if err != nil || math.IsNaN(km) || math.IsInf(km, 0) {
		pr.Add("radius_km", "range", "choose a distance from the list")
	}
	q.RadiusKM = km
	return q, pr
}

// directoryQueryWith returns the query with page set, or removed for "".
func directoryQueryWith(q url.Values, page string) string {
	out := maps.Clone(q)
	out.Del("done")
	if page == "" {
		out.Del("page")
	} else {
		out.Set("page", page)
	}
	return out.Encode()
}

// SearchField is the search box; it may stay empty.
func (pg *directoryListPage) SearchField() input {
	return pg.Input("q", "search", pg.T("directory.filter.q.label"), "off", pg.T("directory.filter.q.hint")).MayBeEmpty()
}

// NearOptions are the community's named places after "anywhere".
func (pg *directoryListPage) NearOptions() []option {
	opts := []option{{Value: "", Label: pg.T("directory.filter.near.anywhere")}}
	for _, pl := range pg.places {
		opts = append(opts, option{Value: strconv.FormatInt(pl.ID, 10), Label: pl.Name})
	}
	return opts
}

// RadiusOptions are the distances a search near a place may use.
func (pg *directoryListPage) RadiusOptions() []option {
	opts := make([]option, len(directoryRadii))
	for i, km := range directoryRadii {
		opts[i] = option{Value: km, Label: pg.T("directory.filter.radius.km", "Distance", km)}
	}
	return opts
}

// HasPlaces reports whether the community has named places to search near.
func (pg *directoryListPage) HasPlaces() bool { return len(pg.places) > 0 }

// Distance writes how far an entry is from the place searched near.
func (pg *directoryListPage) Distance(km float64) string {
	return pg.T("directory.list.distance", "Distance", strconv.FormatFloat(km, 'f', 1, 64))
}

// IsOrganisation reports whether an entry is one of the community's
// organisations rather than an initiative of the directory's own.
func (pg *directoryListPage) IsOrganisation(e domain.DirectoryEntry) bool {
	return e.Kind == domain.EntryOrganisation
}

// directoryApprove lets a community admin accept a proposed initiative
// and returns to the directory with a confirmation.
func (p *Pages) directoryApprove(w http.ResponseWriter, r *http.Request) {
	b, ok := p.directoryMember(w, r, directoryURL(r.PathValue("slug")))
	if !ok {
		return
	}
	id, err := pathID(r, "initiative")
	if err == nil {
		_, err = p.svc.ApproveInitiative(r.Context(), b.Community.Slug, id)
	}
	if err != nil {
		p.directoryFail(w, r, b, b.ListURL(), err)
		return
	}
	http.Redirect(w, r, withDirectoryNotice(b.ListURL(), "approved"), http.StatusSeeOther)
}

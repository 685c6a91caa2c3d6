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

// offersPageSize is how many offers one page of the list shows.
const offersPageSize = 20

// offersRadii are the distances, in km, the search near a place offers;
// offersDefaultRadius is chosen until the person picks another.
var offersRadii = []string{"1", "2", "5", "10", "25"}

const offersDefaultRadius = "5"

// offersFilterFields are the list's filters in their order on the page.
var offersFilterFields = []string{"q", "kind", "category", "near", "radius_km"}

// offersListPage is the list of a community's offers with its filters.
type offersListPage struct {
	*offersBase
	Offers []service.OfferView
	// Filtered is true when a filter narrows the list, for the empty text.
	Filtered bool
	// Invalid is true when a filter could not be used; no list is shown.
	Invalid          bool
	PrevURL, NextURL string
}

// offersList answers GET /c/{slug}/offers, with the filters in the query
// so that a search is a link to keep, and works without JavaScript.
func (p *Pages) offersList(w http.ResponseWriter, r *http.Request) {
	b, ok := p.offersMember(w, r, "list", r.URL.RequestURI())
	if !ok {
		return
	}
	q := r.URL.Query()
	for _, name := range []string{"kind", "category", "q", "near", "radius_km"} {
		b.Form.set(name, strings.TrimSpace(q.Get(name)))
	}
	if b.Form.Value("radius_km") == "" {
		b.Form.set("radius_km", offersDefaultRadius)
	}
	page := 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n <= 1000 {
		page = n
	}
	data := &offersListPage{offersBase: b}
	query, problems := readOffersQuery(b)
	query.Page = domain.Page{Limit: offersPageSize + 1, Offset: (page - 1) * offersPageSize}
	data.Filtered = query.Kind != "" || query.Category != "" || query.Text != "" || query.Near != nil
	var list []service.OfferView
	err := problems.Err()
	if err == nil {
		list, err = p.svc.Offers(r.Context(), b.Community.Slug, query)
	}
	status := http.StatusOK
	switch {
	case domain.KindOf(err) == domain.KindInvalid:
		// A hand-made link with a filter that cannot be used: say which.
		failOffersForm(b.Form, b.tr, err, offersFilterFields)
		b.Form.Summary = b.T("offers.list.invalid")
		data.Invalid, status = true, httpx.Status(err)
	case err != nil:
		p.offersFail(w, r, b, err)
		return
	}
	if len(list) > offersPageSize {
		list = list[:offersPageSize]
		data.NextURL = b.Nav.ListURL() + "?" + offersQueryWith(q, strconv.Itoa(page+1))
	}
	if page > 1 {
		prev := ""
		if page > 2 {
			prev = strconv.Itoa(page - 1)
		}
		data.PrevURL = b.Nav.ListURL() + "?" + offersQueryWith(q, prev)
	}
	data.Offers = list
	p.render(w, r, status, "offers_list", data)
}

// readOffersQuery turns the filters on the form into a query. Problems are
// what the query string got wrong that the service cannot see (a place
// that is not the community's, a radius that is no number); the rest is
// the service's to check.
func readOffersQuery(b *offersBase) (service.OfferQuery, domain.Problems) {
	f := b.Form
	q := service.OfferQuery{Kind: f.Value("kind"), Category: f.Value("category"), Text: f.Value("q")}
	var pr domain.Problems
	near := f.Value("near")
	if near == "" {
		return q, pr
	}
	i := slices.IndexFunc(b.places, func(pl domain.Place) bool { return strconv.FormatInt(pl.ID, 10) == near })
	if i < 0 {
		pr.Add("near", "unknown", "choose one of the places in the list")
	} else {
		pt := b.places[i].Point
		q.Near = &pt
	}
	km, err := strconv.ParseFloat(strings.Replace(f.Value("radius_km"), ",", ".", 1), 64)
	if err != nil || math.IsNaN(km) || math.IsInf(km, 0) {
		pr.Add("radius_km", "range", "choose a distance from the list")
	}
	q.RadiusKM = km
	return q, pr
}

// offersQueryWith returns the query with page set, or removed for "".
func offersQueryWith(q url.Values, page string) string {
	out := maps.Clone(q)
	if page == "" {
		out.Del("page")
	} else {
		out.Set("page", page)
	}
	return out.Encode()
}

// KindOptions are the kinds of offer after "any".
func (pg *offersListPage) KindOptions() []option {
	opts := []option{{Value: "", Label: pg.T("offers.filter.any")}}
	for _, k := range domain.OfferKinds {
		opts = append(opts, option{Value: k, Label: pg.KindName(k)})
	}
	return opts
}

// CategoryOptions are the categories of offers after "any".
func (pg *offersListPage) CategoryOptions() []option {
	opts := []option{{Value: "", Label: pg.T("offers.filter.any")}}
	for _, c := range domain.OfferCategories {
		opts = append(opts, option{Value: c, Label: pg.CategoryName(c)})
	}
	return opts
}

// NearOptions are the community's named places after "anywhere".
func (pg *offersListPage) NearOptions() []option {
	opts := []option{{Value: "", Label: pg.T("offers.filter.near.anywhere")}}
	for _, pl := range pg.places {
		opts = append(opts, option{Value: strconv.FormatInt(pl.ID, 10), Label: pl.Name})
	}
	return opts
}

// RadiusOptions are the distances a search near a place may use.
func (pg *offersListPage) RadiusOptions() []option {
	opts := make([]option, len(offersRadii))
	for i, km := range offersRadii {
		opts[i] = option{Value: km, Label: pg.T("offers.filter.radius.km", "Distance", km)}
	}
	return opts
}

// HasPlaces reports whether the community has named places to search near.
func (pg *offersListPage) HasPlaces() bool { return len(pg.places) > 0 }

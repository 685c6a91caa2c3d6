package web

import (
	"net/http"
	"strconv"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/httpx"
)

// adminPlacesPage lists the community's named places, the spots people
// without a map choose as their location, and adds new ones.
type adminPlacesPage struct {
	*adminBase
	Places []domain.Place
	Point  pointField
}

// RemoveURL is where a place's remove button posts.
func (pg *adminPlacesPage) RemoveURL(id int64) string {
	return pg.Nav.PlacesURL() + "/" + strconv.FormatInt(id, 10) + "/remove"
}

func (p *Pages) adminPlaces(w http.ResponseWriter, r *http.Request) {
	b, ok := p.adminEditor(w, r, "places", r.URL.Path)
	if !ok {
		return
	}
	p.showPlaces(w, r, http.StatusOK, b)
}

// showPlaces renders the page with the current list, and with the form's
// values and errors in b.
func (p *Pages) showPlaces(w http.ResponseWriter, r *http.Request, status int, b *adminBase) {
	c := b.Rights.Community
	places, err := p.svc.Places(r.Context(), c.Slug)
	if err != nil {
		p.adminFailed(w, r, b.view, b.Nav.PlacesURL(), err)
		return
	}
	page := &adminPlacesPage{adminBase: b, Places: places,
		Point: b.pointField("place_point", b.T("admin.places.point.legend"), b.T("admin.places.point.hint"), c.Center, c.RadiusKM, 0)}
	p.render(w, r, status, "admin_places", page)
}

// adminAddPlace adds a place. Coordinates that are not numbers are refused
// here, with the picker's messages; the service checks the rest, such as
// whether the point lies in the community's area.
func (p *Pages) adminAddPlace(w http.ResponseWriter, r *http.Request) {
	formPage := adminURL(r.PathValue("slug"), "places")
	b, ok := p.adminEditor(w, r, "places", formPage)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	for _, name := range []string{"place_name", "lat", "lon"} {
		b.Form.set(name, r.PostForm.Get(name))
	}
	var pr domain.Problems
	pt := domain.Point{Lat: coordinate(&pr, "lat", strings.TrimSpace(r.PostForm.Get("lat")), 90),
		Lng: coordinate(&pr, "lon", strings.TrimSpace(r.PostForm.Get("lon")), 180)}
	err := pr.Err()
	if err == nil {
		_, err = p.svc.AddPlace(r.Context(), b.Rights.Community.Slug, domain.Place{Name: r.PostForm.Get("place_name"), Point: pt})
	}
	if err != nil {
		if failedForm(err) {
			b.Form.fail(b.tr, renamed(err, map[string]string{"name": "place_name", "point": "place_point"}))
			p.showPlaces(w, r, httpx.Status(err), b)
			return
		}
		p.adminFailed(w, r, b.view, formPage, err)
		return
	}
	http.Redirect(w, r, withNotice(formPage, "place_added"), http.StatusSeeOther)
}

// adminRemovePlace removes a place; people who chose it keep their point.
func (p *Pages) adminRemovePlace(w http.ResponseWriter, r *http.Request) {
	formPage := adminURL(r.PathValue("slug"), "places")
	b, ok := p.adminEditor(w, r, "places", formPage)
	if !ok {
		return
	}
	id, err := pathID(r, "place")
	if err == nil {
		err = p.svc.RemovePlace(r.Context(), b.Rights.Community.Slug, id)
	}
	if err != nil {
		p.adminFailed(w, r, b.view, formPage, err)
		return
	}
	http.Redirect(w, r, withNotice(formPage, "place_removed"), http.StatusSeeOther)
}

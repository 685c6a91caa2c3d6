package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// The offers area: members offer goods, a service or space (a van, meals,
// rooms for care workers), find what others offer, and coordinators
// reserve part of an offer for a help request. Who may see an offer's
// address, withdraw it or link it is the service's to decide; these pages
// only choose what to show.

// offersPages are the pages of the offers area.
var offersPages = map[string]pageSpec{
	"offers_list":   {layout: "base", partials: withChrome("offers_nav", "form_summary", "select", "field")},
	"offers_form":   {layout: "base", partials: withChrome("offers_nav", "form_summary", "field", "select", "textarea", "location")},
	"offers_detail": {layout: "base", partials: withChrome("offers_nav", "form_summary", "select", "field")},
}

func (p *Pages) offersRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/offers", p.offersList)
	mux.HandleFunc("GET /c/{slug}/offers/new", p.offersNewForm)
	mux.HandleFunc("POST /c/{slug}/offers/new", p.offersCreate)
	mux.HandleFunc("GET /c/{slug}/offers/{id}", p.offersDetail)
	mux.HandleFunc("POST /c/{slug}/offers/{id}/withdraw", p.offersWithdraw)
	mux.HandleFunc("POST /c/{slug}/offers/{id}/links", p.offersLink)
	mux.HandleFunc("POST /c/{slug}/offers/{id}/links/{linkID}/delete", p.offersUnlink)
}

// offersBase is what every page of the area shares: the community, the
// visitor's role there, the area's navigation and the community's named
// places, which say roughly where an offer is.
type offersBase struct {
	*view
	Community domain.Community
	Role      domain.Role
	Nav       offersNav
	places    []domain.Place
	// orgNames names the community's organisations by id.
	orgNames map[int64]string
}

// offersNav links the area's pages; Current marks the page shown ("list",
// "new" or "").
type offersNav struct {
	Slug, Current string
}

// The area's addresses, for templates and redirects.
func (n offersNav) HomeURL() string { return communityURL(n.Slug) }
func (n offersNav) ListURL() string { return communityURL(n.Slug) + "/offers" }
func (n offersNav) NewURL() string  { return n.ListURL() + "/new" }

// OfferURL is the page of one offer.
func (n offersNav) OfferURL(id int64) string { return n.ListURL() + "/" + strconv.FormatInt(id, 10) }

// WithdrawURL withdraws an offer.
func (n offersNav) WithdrawURL(id int64) string { return n.OfferURL(id) + "/withdraw" }

// LinksURL links a request to an offer.
func (n offersNav) LinksURL(id int64) string { return n.OfferURL(id) + "/links" }

// UnlinkURL cancels one link of an offer.
func (n offersNav) UnlinkURL(id, linkID int64) string {
	return n.LinksURL(id) + "/" + strconv.FormatInt(linkID, 10) + "/delete"
}

// offersMember loads the community, its places and the view for a page
// of the area. Visitors are sent to log in and come back to returnTo: for
// a form posted after the session ended, that is the page the form was on.
func (p *Pages) offersMember(w http.ResponseWriter, r *http.Request, current, returnTo string) (*offersBase, bool) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return nil, false
	}
	if v.User == nil {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(returnTo), http.StatusSeeOther)
		return nil, false
	}
	b := &offersBase{view: v, Community: c, Role: p.svc.Role(r.Context(), c), Nav: offersNav{Slug: c.Slug, Current: current}}
	var err error
	if b.places, err = p.svc.Places(r.Context(), c.Slug); err != nil {
		p.offersFail(w, r, b, err)
		return nil, false
	}
	orgs, err := p.svc.Organisations(r.Context(), c.Slug, domain.Page{Limit: maxOfferingOrgs})
	if err != nil {
		p.offersFail(w, r, b, err)
		return nil, false
	}
	b.orgNames = make(map[int64]string, len(orgs))
	for _, o := range orgs {
		b.orgNames[o.ID] = o.Name
	}
	return b, true
}

// maxOfferingOrgs is how many organisations the pages read to name who
// offers; a community has a handful.
const maxOfferingOrgs = 200

// Coordinates reports whether the visitor coordinates the community, to
// show the forms that link requests; the service checks again.
func (b *offersBase) Coordinates() bool {
	return b.Role == domain.RoleCoordinator || b.Role == domain.RoleAdmin
}

// offersFail answers a request whose use case failed where no form can
// help: a session that ended leads to the login page and back, a
// non-member is told to join, an unknown or foreign offer is the 404 page.
func (p *Pages) offersFail(w http.ResponseWriter, r *http.Request, b *offersBase, err error) {
	var de *domain.Error
	switch {
	case domain.KindOf(err) == domain.KindUnauthenticated:
		http.Redirect(w, r, b.LoginURL, http.StatusSeeOther)
		return
	case !errors.As(err, &de) || de.Kind == domain.KindInternal:
		p.fail(w, r, b.view, err)
		return
	}
	title, msg := b.T("errorpage.title"), areaMessage(b.tr, "offers.error.", err)
	switch {
	case de.Kind == domain.KindNotFound:
		title = b.T("notfound.title")
	case de.Code == "not_a_member":
		msg = b.T("offers.error.not_a_member", "Name", b.Community.Name)
	}
	setRetryAfter(w, err)
	p.render(w, r, httpx.Status(err), "problem", &problemPage{view: b.view, Title: title, Message: msg})
}

// What the area's templates say about offers, in the page's language and
// the community's time zone.

// KindName names a kind of offer.
func (b *offersBase) KindName(kind string) string { return b.T("offers.kind." + kind) }

// CategoryName names a category of offers.
func (b *offersBase) CategoryName(c string) string { return b.T("offers.category." + c) }

// Day writes the date of t in the community's time zone.
func (b *offersBase) Day(t time.Time) string { return b.tr.Date(t.In(b.Community.Location())) }

// Until writes the last day of an offer that ends at t: an offer that
// ends at midnight is available all the day before.
func (b *offersBase) Until(t time.Time) string { return b.Day(t.Add(-time.Nanosecond)) }

// Left says how much of an offer is still free, with its unit.
func (b *offersBase) Left(o service.OfferView) string {
	if o.Unit == "" {
		return b.T("offers.left.plain", "Left", b.tr.Int(int64(o.Available)), "Quantity", b.tr.Int(int64(o.Quantity)))
	}
	return b.T("offers.left.unit", "Left", b.tr.Int(int64(o.Available)), "Quantity", b.tr.Int(int64(o.Quantity)), "Unit", o.Unit)
}

// Where says roughly where an offer is, from its approximate place only,
// or how far it is from the place searched near.
func (b *offersBase) Where(o service.OfferView) string {
	if o.DistanceKM != nil {
		return b.T("offers.where.distance", "Distance", b.tr.Number(roundHalf(*o.DistanceKM)))
	}
	return b.Area(o.Approx)
}

// Area says roughly where an approximate point is, in the ask area's words.
func (b *offersBase) Area(approx domain.Point) string {
	return (&askBase{view: b.view, Community: b.Community}).Area(approx, b.places)
}

// roundHalf rounds a distance to half kilometres, at least half of one.
func roundHalf(km float64) float64 {
	return max(0.5, float64(int(km*2+0.5))/2)
}

// OfferedBy says who offers: the organisation, else "you" for one's own
// offers, else the offerer's name where the viewer may know it, else a
// member of the community.
func (b *offersBase) OfferedBy(o service.OfferView, name string) string {
	if o.OrganisationID != nil {
		if org, ok := b.orgNames[*o.OrganisationID]; ok {
			return org
		}
	}
	switch {
	case o.Mine:
		return b.T("offers.by.you")
	case name != "":
		return name
	}
	return b.T("offers.by.member")
}

// Field describes a control of the area's forms for the "field" partial;
// inputMode is "" or "numeric".
func (b *offersBase) Field(name, inputType, label, hint, inputMode string, required bool) input {
	in := b.Input(name, inputType, label, "off", hint)
	in.InputMode, in.Optional = inputMode, !required
	return in
}

package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// offersDetailPage is one offer as the visitor may see it, and for
// coordinators the requests linked to it and the form to link another.
type offersDetailPage struct {
	*offersBase
	Offer service.OfferView
	// OffererName is the offerer's name for those who may know it.
	OffererName string
	// Links are the offer's links, for coordinators.
	Links []offerLinkRow
	// Requests are the open requests a coordinator may link.
	Requests []option
	// Notice names what was just done ("withdrawn", "linked", "unlinked").
	Notice string
	// LinkFailed puts the error summary next to the link form.
	LinkFailed bool
}

// offerLinkRow is one link with the request it reserves for, in public
// words only: its title, kind of help and rough place.
type offerLinkRow struct {
	domain.OfferLink
	Title, Category, Where string
}

// Private reports whether the page shows the offer's private details,
// which the service gives to the offerer and the coordinators only; they
// are also the ones who may withdraw it.
func (pg *offersDetailPage) Private() bool { return pg.Offer.OfferedBy != nil }

// Active reports whether the offer still takes reservations.
func (pg *offersDetailPage) Active() bool { return pg.Offer.Status == domain.OfferActive }

// offersNotices are the notices a redirect after an action may ask for.
var offersNotices = []string{"created", "withdrawn", "linked", "unlinked"}

// offersLinkFields are the fields of the link form.
var offersLinkFields = []string{"request_id", "quantity"}

func (p *Pages) offersDetail(w http.ResponseWriter, r *http.Request) {
	b, ok := p.offersMember(w, r, "", r.URL.RequestURI())
	if !ok {
		return
	}
	b.Form.set("quantity", "1")
	pg, err := p.loadOfferDetail(r, b)
	if err != nil {
		p.offersFail(w, r, b, err)
		return
	}
	if done := r.URL.Query().Get("done"); slices.Contains(offersNotices, done) {
		pg.Notice = done
	}
	p.render(w, r, http.StatusOK, "offers_detail", pg)
}

// loadOfferDetail reads the offer of the path as the visitor may see it,
// and for coordinators its links and the open requests to link.
func (p *Pages) loadOfferDetail(r *http.Request, b *offersBase) (*offersDetailPage, error) {
	id, err := pathNumber(r, "id", "offer")
	if err != nil {
		return nil, err
	}
	ctx, slug := r.Context(), b.Community.Slug
	offer, err := p.svc.OfferDetail(ctx, slug, id)
	if err != nil {
		return nil, err
	}
	pg := &offersDetailPage{offersBase: b, Offer: offer}
	if pg.OffererName, err = p.svc.OffererName(ctx, slug, id); err != nil {
		return nil, err
	}
	if !b.Coordinates() || !pg.Private() {
		return pg, nil
	}
	open, err := p.svc.Requests(ctx, slug, service.RequestQuery{Status: domain.RequestOpen, Page: domain.Page{Limit: 200}})
	if err != nil {
		return nil, err
	}
	known := map[int64]service.RequestView{}
	linked := map[int64]bool{}
	for _, l := range offer.Links {
		row := offerLinkRow{OfferLink: l, Title: b.T("offers.links.request", "ID", l.RequestID)}
		if l.Status == domain.LinkActive {
			linked[l.RequestID] = true
		}
		rv, ok := known[l.RequestID]
		if !ok {
			rv, err = p.svc.Request(ctx, slug, l.RequestID)
			if err != nil && domain.KindOf(err) != domain.KindNotFound {
				return nil, err
			}
			ok = err == nil
			known[l.RequestID] = rv
		}
		if ok {
			row.Title, row.Category, row.Where = rv.Title, b.Category(rv.Category), b.Area(rv.Approx)
		}
		pg.Links = append(pg.Links, row)
	}
	pg.Requests = []option{{Value: "", Label: b.T("offers.form.choose")}}
	for _, rv := range open {
		if linked[rv.ID] {
			continue
		}
		label := b.T("offers.links.option", "Title", rv.Title, "Category", b.Category(rv.Category), "Where", b.Area(rv.Approx))
		pg.Requests = append(pg.Requests, option{Value: strconv.FormatInt(rv.ID, 10), Label: label})
	}
	return pg, nil
}

// offersWithdraw stops the offer taking reservations and shows it again.
func (p *Pages) offersWithdraw(w http.ResponseWriter, r *http.Request) {
	b, ok := p.offersMember(w, r, "", p.offersReturn(r))
	if !ok {
		return
	}
	id, err := pathNumber(r, "id", "offer")
	if err == nil {
		_, err = p.svc.WithdrawOffer(r.Context(), b.Community.Slug, id)
	}
	if err != nil {
		p.offersActionFailed(w, r, b, err, false)
		return
	}
	http.Redirect(w, r, b.Nav.OfferURL(id)+"?done=withdrawn", http.StatusSeeOther)
}

// offersLink reserves part of the offer for the request chosen, or shows
// the page again with the mistake next to the link form.
func (p *Pages) offersLink(w http.ResponseWriter, r *http.Request) {
	b, ok := p.offersMember(w, r, "", p.offersReturn(r))
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	id, err := pathNumber(r, "id", "offer")
	if err != nil {
		p.offersFail(w, r, b, err)
		return
	}
	for _, name := range offersLinkFields {
		b.Form.set(name, strings.TrimSpace(r.PostForm.Get(name)))
	}
	var pr domain.Problems
	requestID, err := strconv.ParseInt(b.Form.Value("request_id"), 10, 64)
	if err != nil || requestID <= 0 {
		pr.Add("request_id", "required", "choose a request")
	}
	quantity, err := strconv.Atoi(b.Form.Value("quantity"))
	if err != nil {
		pr.Add("quantity", "number", "enter a whole number")
	}
	err = pr.Err()
	if err == nil {
		_, err = p.svc.LinkOffer(r.Context(), b.Community.Slug, id, requestID, quantity)
	}
	var de *domain.Error
	if errors.As(err, &de) && de.Code == "request_not_found" {
		// The request is gone or belongs to another community: to the
		// coordinator, a choice that does not work.
		pr.Add("request_id", "unknown", "choose one of the open requests")
		err = pr.Err()
	}
	if err != nil {
		p.offersActionFailed(w, r, b, err, true)
		return
	}
	http.Redirect(w, r, b.Nav.OfferURL(id)+"?done=linked", http.StatusSeeOther)
}

// offersUnlink cancels one link and gives its units back to the offer.
func (p *Pages) offersUnlink(w http.ResponseWriter, r *http.Request) {
	b, ok := p.offersMember(w, r, "", p.offersReturn(r))
	if !ok {
		return
	}
	id, err := pathNumber(r, "id", "offer")
	var linkID int64
	if err == nil {
		linkID, err = pathNumber(r, "linkID", "offer_link")
	}
	if err == nil {
		_, err = p.svc.UnlinkOffer(r.Context(), b.Community.Slug, id, linkID)
	}
	if err != nil {
		p.offersActionFailed(w, r, b, err, false)
		return
	}
	http.Redirect(w, r, b.Nav.OfferURL(id)+"?done=unlinked", http.StatusSeeOther)
}

// offersReturn is the offer's page, where a visitor whose session ended
// comes back after logging in.
func (p *Pages) offersReturn(r *http.Request) string {
	return offersNav{Slug: r.PathValue("slug")}.ListURL() + "/" + r.PathValue("id")
}

// offersActionFailed answers an action on an offer that the service
// refused. What the coordinator or offerer can fix (a bad choice, too
// many units, an offer withdrawn meanwhile) comes back on the offer's
// page with the status that says so; anything else, such as an offer that
// does not exist, gets the error pages.
func (p *Pages) offersActionFailed(w http.ResponseWriter, r *http.Request, b *offersBase, err error, linking bool) {
	kind := domain.KindOf(err)
	if kind != domain.KindInvalid && kind != domain.KindConflict {
		p.offersFail(w, r, b, err)
		return
	}
	pg, lerr := p.loadOfferDetail(r, b)
	if lerr != nil {
		p.offersFail(w, r, b, lerr)
		return
	}
	failOffersForm(b.Form, b.tr, err, offersLinkFields)
	if !linking {
		b.Form.set("quantity", "1")
	}
	pg.LinkFailed = linking && pg.Active() && b.Coordinates()
	p.render(w, r, httpx.Status(err), "offers_detail", pg)
}

package web

import (
	"net/http"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// askRequestPage is the page of one request. For the person who asked it
// is the confirmation and the place to follow the request; anyone else who
// may see it gets the public details only.
type askRequestPage struct {
	*askBase
	Request service.RequestView
	// Mine holds the helper and history; nil when the request is not the
	// visitor's own.
	Mine   *service.MyRequest
	places []domain.Place
}

// Where says roughly where the request is, for those who may not see the
// address.
func (pg *askRequestPage) Where() string { return pg.Area(pg.Request.Approx, pg.places) }

func (p *Pages) askRequest(w http.ResponseWriter, r *http.Request) {
	b, ok := p.askMember(w, r, "", r.URL.RequestURI())
	if !ok {
		return
	}
	id, err := pathID(r, "request")
	if err != nil {
		p.askFail(w, r, b, err)
		return
	}
	rv, err := p.svc.Request(r.Context(), b.Community.Slug, id)
	if err != nil {
		p.askFail(w, r, b, err)
		return
	}
	page := &askRequestPage{askBase: b, Request: rv}
	if rv.Mine && rv.RequesterID != nil {
		mine, err := p.svc.MyRequest(r.Context(), b.Community.Slug, id)
		if err != nil {
			p.askFail(w, r, b, err)
			return
		}
		page.Mine = &mine
	} else if page.places, err = p.svc.Places(r.Context(), b.Community.Slug); err != nil {
		p.askFail(w, r, b, err)
		return
	}
	p.render(w, r, http.StatusOK, "ask_request", page)
}

// askMinePage lists the visitor's own requests.
type askMinePage struct {
	*askBase
	Requests []service.MyRequest
	// Cancelled is true right after a request was cancelled, to say so.
	Cancelled bool
}

// askMineLimit is how many requests the list shows: far more than anyone
// has open at once, and the oldest are history by then.
const askMineLimit = 100

func (p *Pages) askMine(w http.ResponseWriter, r *http.Request) {
	b, ok := p.askMember(w, r, "mine", r.URL.RequestURI())
	if !ok {
		return
	}
	list, err := p.svc.MyRequests(r.Context(), b.Community.Slug, domain.Page{Limit: askMineLimit})
	if err != nil {
		p.askFail(w, r, b, err)
		return
	}
	p.render(w, r, http.StatusOK, "ask_mine", &askMinePage{askBase: b, Requests: list,
		Cancelled: r.URL.Query().Get("cancelled") == "1"})
}

// askCancelPage asks whether to cancel a request, so a slip of the finger
// on the list does not withdraw it.
type askCancelPage struct {
	*askBase
	Request service.MyRequest
}

// Cancellable reports whether the request can still be cancelled.
func (pg *askCancelPage) Cancellable() bool { return askCancellable(pg.Request.Status) }

func askCancellable(s domain.RequestStatus) bool {
	return s == domain.RequestOpen || s == domain.RequestAssigned
}

func (p *Pages) askCancelForm(w http.ResponseWriter, r *http.Request) {
	b, ok := p.askMember(w, r, "mine", r.URL.RequestURI())
	if !ok {
		return
	}
	mine, err := p.askOwnRequest(r, b)
	if err != nil {
		p.askFail(w, r, b, err)
		return
	}
	p.render(w, r, http.StatusOK, "ask_cancel", &askCancelPage{askBase: b, Request: mine})
}

// askCancel withdraws the request and returns to the list, which says so.
// A request that cannot be cancelled any more (done meanwhile, say) shows
// the question page again, which then explains why.
func (p *Pages) askCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "request")
	// After logging in, the question comes again rather than the answer.
	b, ok := p.askMember(w, r, "mine", askNav{Slug: r.PathValue("slug")}.CancelURL(id))
	if !ok {
		return
	}
	if err != nil {
		p.askFail(w, r, b, err)
		return
	}
	_, err = p.svc.CancelRequest(r.Context(), b.Community.Slug, id)
	if err == nil {
		http.Redirect(w, r, b.Nav.MineURL()+"?cancelled=1", http.StatusSeeOther)
		return
	}
	if domain.KindOf(err) != domain.KindConflict {
		p.askFail(w, r, b, err)
		return
	}
	mine, lerr := p.askOwnRequest(r, b)
	if lerr != nil {
		p.askFail(w, r, b, lerr)
		return
	}
	// The request, loaded again, is no longer cancellable; the page says
	// so in place of the question.
	p.render(w, r, http.StatusConflict, "ask_cancel", &askCancelPage{askBase: b, Request: mine})
}

// askOwnRequest loads the visitor's own request named in the path.
func (p *Pages) askOwnRequest(r *http.Request, b *askBase) (service.MyRequest, error) {
	id, err := pathID(r, "request")
	if err != nil {
		return service.MyRequest{}, err
	}
	return p.svc.MyRequest(r.Context(), b.Community.Slug, id)
}

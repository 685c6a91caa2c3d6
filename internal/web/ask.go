package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/httpx"
)

// The ask area: a community's home page with its two big choices, the form
// to ask for help, the page of one request (the confirmation after asking),
// the list of one's own requests and cancelling one. Every rule, including
// who may see what of a request, is the service's; these handlers only
// choose what to show.

// askPages are the pages of the ask area. The community home page keeps its
// route in core but is built here.
var askPages = map[string]pageSpec{
	"community":   {layout: "base", partials: withChrome("ask_nav")},
	"ask_form":    {layout: "base", partials: withChrome("ask_nav", "form_summary", "field", "select", "location", "ask_choices", "textarea")},
	"ask_request": {layout: "base", partials: withChrome("ask_nav", "ask_history")},
	"ask_mine":    {layout: "base", partials: withChrome("ask_nav", "ask_history")},
	"ask_cancel":  {layout: "base", partials: withChrome("ask_nav")},
}

func (p *Pages) askRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/ask", p.askForm)
	mux.HandleFunc("POST /c/{slug}/ask", p.ask)
	mux.HandleFunc("GET /c/{slug}/requests/{id}", p.askRequest)
	mux.HandleFunc("GET /c/{slug}/requests/{id}/cancel", p.askCancelForm)
	mux.HandleFunc("POST /c/{slug}/requests/{id}/cancel", p.askCancel)
	mux.HandleFunc("GET /c/{slug}/my-requests", p.askMine)
}

// askBase is what every page of the area shares: the community, the
// visitor's role there and the area's navigation.
type askBase struct {
	*view
	Community domain.Community
	// Role is the visitor's role here, "" for visitors and non-members.
	Role domain.Role
	Nav  askNav
}

// askNav links a member's pages in a community; Current marks the page
// shown ("home", "ask", "mine" or "").
type askNav struct {
	Slug, Current string
}

// The area's addresses, for templates and redirects.
func (n askNav) HomeURL() string      { return communityURL(n.Slug) }
func (n askNav) AskURL() string       { return communityURL(n.Slug) + "/ask" }
func (n askNav) MineURL() string      { return communityURL(n.Slug) + "/my-requests" }
func (n askNav) VolunteerURL() string { return communityURL(n.Slug) + "/volunteer" }

// RequestURL is the page of one request.
func (n askNav) RequestURL(id int64) string {
	return communityURL(n.Slug) + "/requests/" + strconv.FormatInt(id, 10)
}

// CancelURL is the page that asks whether to cancel a request.
func (n askNav) CancelURL(id int64) string { return n.RequestURL(id) + "/cancel" }

// ThreadURL is the message thread of an assignment, in the volunteer area.
func (n askNav) ThreadURL(assignmentID int64) string {
	return communityURL(n.Slug) + "/tasks/" + strconv.FormatInt(assignmentID, 10)
}

// askMember loads the community and the view for a page that needs a
// logged-in person. Visitors are sent to log in and come back to returnTo:
// for a form posted after the session ended, that is the form's page
// rather than the address it was posted to.
func (p *Pages) askMember(w http.ResponseWriter, r *http.Request, current, returnTo string) (*askBase, bool) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return nil, false
	}
	if v.User == nil {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(returnTo), http.StatusSeeOther)
		return nil, false
	}
	b := &askBase{view: v, Community: c, Role: p.svc.Role(r.Context(), c), Nav: askNav{Slug: c.Slug, Current: current}}
	return b, true
}

// askFail answers a request whose use case failed where no form can help.
// A session that ended leads to the login page and back; a non-member is
// told to join first; unexpected errors go to fail, which logs them.
func (p *Pages) askFail(w http.ResponseWriter, r *http.Request, b *askBase, err error) {
	var de *domain.Error
	switch {
	case domain.KindOf(err) == domain.KindUnauthenticated:
		http.Redirect(w, r, b.LoginURL, http.StatusSeeOther)
		return
	case !errors.As(err, &de) || de.Kind == domain.KindInternal:
		p.fail(w, r, b.view, err)
		return
	}
	title, msg := b.T("errorpage.title"), areaMessage(b.tr, "ask.error.", err)
	switch {
	case de.Kind == domain.KindNotFound:
		title = b.T("notfound.title")
	case de.Code == "not_a_member":
		msg = b.T("ask.error.not_a_member", "Name", b.Community.Name)
	}
	setRetryAfter(w, err)
	p.render(w, r, httpx.Status(err), "problem", &problemPage{view: b.view, Title: title, Message: msg})
}

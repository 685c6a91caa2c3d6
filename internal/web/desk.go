package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mutua/internal/domain"
)

// The coordinator's desk: the helpdesk screen of a community, where
// coordinators take phone calls, find or record the caller as a client,
// enter their request, and propose a volunteer from the ranked candidates.
// Every page is built for speed while someone is on the line: the client
// search comes first, and keyboard shortcuts (static/js/desk.js) reach the
// common steps.

// deskChrome are the partials every desk page uses: the site chrome and the
// desk's own bar with the client search and the shortcuts.
func deskChrome(extra ...string) []string {
	return withChrome(append([]string{"desk_bar"}, extra...)...)
}

// deskPages lists the pages of the desk.
var deskPages = map[string]pageSpec{
	"desk_queue":        {layout: "base", partials: deskChrome("form_summary", "select", "desk_rows")},
	"desk_clients":      {layout: "base", partials: deskChrome("form_summary")},
	"desk_client":       {layout: "base", partials: deskChrome("desk_rows")},
	"desk_client_form":  {layout: "base", partials: deskChrome("form_summary", "field", "select", "desk_inputs", "textarea", "location")},
	"desk_request_form": {layout: "base", partials: deskChrome("form_summary", "field", "select", "desk_inputs", "textarea", "location")},
	"desk_request":      {layout: "base", partials: deskChrome("form_summary")},
}

// deskRoutes serves the desk under /c/{slug}/desk.
func (p *Pages) deskRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/desk", p.deskQueue)
	mux.HandleFunc("GET /c/{slug}/desk/clients", p.deskClients)
	mux.HandleFunc("GET /c/{slug}/desk/clients/new", p.deskNewClientForm)
	mux.HandleFunc("POST /c/{slug}/desk/clients/new", p.deskCreateClient)
	mux.HandleFunc("GET /c/{slug}/desk/clients/{id}", p.deskClient)
	mux.HandleFunc("GET /c/{slug}/desk/clients/{id}/edit", p.deskEditClientForm)
	mux.HandleFunc("POST /c/{slug}/desk/clients/{id}/edit", p.deskUpdateClient)
	mux.HandleFunc("GET /c/{slug}/desk/clients/{id}/request", p.deskRequestForm)
	mux.HandleFunc("POST /c/{slug}/desk/clients/{id}/request", p.deskCreateRequest)
	mux.HandleFunc("GET /c/{slug}/desk/requests/{id}", p.deskRequest)
	mux.HandleFunc("POST /c/{slug}/desk/requests/{id}/propose", p.deskPropose)
	mux.HandleFunc("POST /c/{slug}/desk/requests/{id}/approve", p.deskApprove)
	mux.HandleFunc("POST /c/{slug}/desk/requests/{id}/cancel", p.deskCancel)
}

// deskView is what every desk page needs besides the common view: the
// community, its time zone for every time shown, and what the desk bar
// shows.
type deskView struct {
	*view
	Community domain.Community
	loc       *time.Location
	// Search is the client search as typed, kept in the bar.
	Search string
	// ClientID and ClientName are the client the page is about, for the
	// "new request" link and its shortcut; 0 on pages about no client.
	ClientID   int64
	ClientName string
}

// openDesk checks that the visitor may use the desk of the community in
// the path and returns its view. Otherwise it answers: visitors log in and
// come back to back (the page itself when ""), members without the right
// get the friendly page that says the desk is not theirs, an unknown
// community the 404 page.
func (p *Pages) openDesk(w http.ResponseWriter, r *http.Request, back string) (*deskView, bool) {
	c, err := p.svc.Desk(r.Context(), r.PathValue("slug"))
	if err == nil {
		return &deskView{view: p.newView(r, c.DefaultLanguage()), Community: c, loc: c.Location()}, true
	}
	lang := ""
	if c, cerr := p.svc.Community(r.Context(), r.PathValue("slug")); cerr == nil {
		lang = c.DefaultLanguage()
	}
	v := p.newView(r, lang)
	switch domain.KindOf(err) {
	case domain.KindUnauthenticated:
		if back == "" {
			back = r.URL.RequestURI()
		}
		http.Redirect(w, r, "/login?next="+url.QueryEscape(back), http.StatusSeeOther)
	case domain.KindForbidden:
		p.render(w, r, http.StatusForbidden, "problem",
			&problemPage{view: v, Title: v.T("desk.forbidden.title"), Message: v.T("desk.forbidden.text")})
	default:
		p.fail(w, r, v, err)
	}
	return nil, false
}

// deskPathID reads the numeric {id} of the path; anything else is the 404
// page, as for an id that does not exist. what names the thing for the
// page's message.
func (p *Pages) deskPathID(w http.ResponseWriter, r *http.Request, v *view, what string) (int64, bool) {
	id, err := pathID(r, what)
	if err != nil {
		p.fail(w, r, v, err)
		return 0, false
	}
	return id, true
}

// URLs of the desk.

// DeskURL is the queue, the desk's home.
func (d *deskView) DeskURL() string { return communityURL(d.Community.Slug) + "/desk" }

// ClientsURL is the client search.
func (d *deskView) ClientsURL() string { return d.DeskURL() + "/clients" }

// NewClientURL is the form for a new client.
func (d *deskView) NewClientURL() string { return d.ClientsURL() + "/new" }

// ClientURL is a client's page.
func (d *deskView) ClientURL(id int64) string {
	return d.ClientsURL() + "/" + strconv.FormatInt(id, 10)
}

// NewRequestURL is the form for a new request for a client.
func (d *deskView) NewRequestURL(clientID int64) string { return d.ClientURL(clientID) + "/request" }

// RequestURL is a request's desk page.
func (d *deskView) RequestURL(id int64) string {
	return d.DeskURL() + "/requests/" + strconv.FormatInt(id, 10)
}

// TaskURL is an assignment's page with its message thread.
func (d *deskView) TaskURL(id int64) string {
	return communityURL(d.Community.Slug) + "/tasks/" + strconv.FormatInt(id, 10)
}

// deskRenderFragment executes one named template of a page, without the
// layout: the part of the page htmx swaps in place. It keeps render's
// headers, and says that responses differ by HX-Request, so no cache hands
// a fragment to a full page load or the other way round.
func (p *Pages) deskRenderFragment(w http.ResponseWriter, r *http.Request, status int, name, fragment string, data page) {
	var buf bytes.Buffer
	if err := p.templates[name].tmpl.ExecuteTemplate(&buf, fragment, data); err != nil {
		p.log.ErrorContext(r.Context(), "render fragment", "page", name, "fragment", fragment, "err", err)
		http.Error(w, data.common().T("error.internal"), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", data.common().Lang)
	h.Set("Cache-Control", "private, no-cache")
	h.Add("Vary", "Cookie, Accept-Language, HX-Request")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// deskWantsFragment reports whether htmx asked for the element target only. A
// history restore (the back button after the page was evicted from htmx's
// cache) asks for the whole page.
func deskWantsFragment(r *http.Request, target string) bool {
	return r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true" &&
		r.Header.Get("HX-Target") == target
}

package web

import (
	"net/http"
	"strings"
	"unicode"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// deskClientsPage is the client search: by the end of a phone number or by
// part of a name, whichever the caller said first.
type deskClientsPage struct {
	*deskView
	Clients []domain.Client
	// Searched is true once a search was made, so "nobody found" shows
	// only after one.
	Searched bool
}

// deskClients answers GET /c/{slug}/desk/clients?q=.
func (p *Pages) deskClients(w http.ResponseWriter, r *http.Request) {
	d, ok := p.openDesk(w, r, "")
	if !ok {
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	d.Search = q
	d.Form.set("q", q)
	data := &deskClientsPage{deskView: d, Searched: r.URL.Query().Has("q")}
	if !data.Searched {
		p.render(w, r, http.StatusOK, "desk_clients", data)
		return
	}
	query := domain.ClientQuery{Name: q, Page: domain.Page{Limit: 50}}
	if isDeskPhoneSearch(q) {
		query = domain.ClientQuery{Phone: q, Page: domain.Page{Limit: 50}}
	}
	clients, err := p.svc.FindClients(r.Context(), d.Community.Slug, query)
	if err != nil {
		if domain.KindOf(err) == domain.KindInvalid {
			// An empty search: say what to type, next to the box.
			d.Form.errors["q"] = d.T("desk.clients.search.empty")
			d.Form.Summary = d.T("desk.clients.search.empty")
			d.Form.Problems = []problem{{ID: "desk-search", Message: d.T("desk.clients.search.empty")}}
			p.render(w, r, http.StatusUnprocessableEntity, "desk_clients", data)
			return
		}
		p.fail(w, r, d.view, err)
		return
	}
	data.Clients = clients
	p.render(w, r, http.StatusOK, "desk_clients", data)
}

// isDeskPhoneSearch reports whether a search is a phone number: at least three
// digits and nothing but what people type between them ("+386 41 123-456").
func isDeskPhoneSearch(q string) bool {
	return len(domain.PhoneDigits(q)) >= 3 && strings.IndexFunc(q, func(r rune) bool {
		return !unicode.IsDigit(r) && !strings.ContainsRune(" +-()./", r)
	}) < 0
}

// NewClientLink is the form for a new client with the search already in
// it, as the name or the phone number.
func (pg *deskClientsPage) NewClientLink() string {
	if pg.Search == "" {
		return pg.NewClientURL()
	}
	return pg.NewClientURL() + "?" + deskQueryWith(nil, "q", pg.Search)
}

// deskClientPage is one client: details, consent, and their requests.
type deskClientPage struct {
	*deskView
	File service.ClientFile
	// Requests are the client's requests, as the queue shows them.
	Requests []service.QueueItem
	// Saved is set after the details were changed.
	Saved bool
}

// deskClient answers GET /c/{slug}/desk/clients/{id}.
func (p *Pages) deskClient(w http.ResponseWriter, r *http.Request) {
	d, ok := p.openDesk(w, r, "")
	if !ok {
		return
	}
	id, ok := p.deskPathID(w, r, d.view, "client")
	if !ok {
		return
	}
	file, err := p.svc.ClientFile(r.Context(), d.Community.Slug, id, domain.Page{Limit: 50})
	if err != nil {
		p.fail(w, r, d.view, err)
		return
	}
	d.ClientID, d.ClientName = file.Client.ID, file.Client.Name
	data := &deskClientPage{deskView: d, File: file, Saved: r.URL.Query().Get("saved") == "1"}
	for _, rv := range file.Requests {
		data.Requests = append(data.Requests, service.QueueItem{RequestView: rv})
	}
	p.render(w, r, http.StatusOK, "desk_client", data)
}

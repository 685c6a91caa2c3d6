package web

import (
	"net/http"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// deskQueuePageSize is how many requests one page of the queue shows: enough to
// see a morning's calls, few enough to scan while talking.
const deskQueuePageSize = 30

// deskQueueTarget is the id of the element htmx replaces when a filter changes.
const deskQueueTarget = "desk-queue"

// deskQueuePage is the desk's home: the client search, then the queue of
// requests with its filters.
type deskQueuePage struct {
	*deskView
	Items []service.QueueItem
	// Filtered is true when a filter narrows the list, for the empty text.
	Filtered bool
	// PrevURL and NextURL lead to the neighbouring pages of the list.
	PrevURL, NextURL string
	Target           string
}

// deskQueue answers GET /c/{slug}/desk, with the filters in the query so
// that a filtered queue is a link a coordinator can keep. With htmx it
// answers the changed list only.
func (p *Pages) deskQueue(w http.ResponseWriter, r *http.Request) {
	d, ok := p.openDesk(w, r, "")
	if !ok {
		return
	}
	q := r.URL.Query()
	for _, name := range []string{"status", "category", "urgency", "overdue"} {
		d.Form.set(name, q.Get(name))
	}
	page := 1
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n <= 1000 {
		page = n
	}
	query := service.QueueQuery{Status: q.Get("status"), Category: q.Get("category"), Urgency: q.Get("urgency"),
		Overdue: q.Get("overdue") == "1", Page: domain.Page{Limit: deskQueuePageSize + 1, Offset: (page - 1) * deskQueuePageSize}}
	data := &deskQueuePage{deskView: d, Target: deskQueueTarget,
		Filtered: query.Status != "" || query.Category != "" || query.Urgency != "" || query.Overdue}
	status := http.StatusOK
	items, err := p.svc.Queue(r.Context(), d.Community.Slug, query)
	switch {
	case domain.KindOf(err) == domain.KindInvalid:
		// A hand-made link with an unknown filter: say which, show none.
		d.failForm(err)
		status = httpx.Status(err)
	case err != nil:
		p.fail(w, r, d.view, err)
		return
	}
	if len(items) > deskQueuePageSize {
		items = items[:deskQueuePageSize]
		data.NextURL = d.DeskURL() + "?" + deskQueryWith(q, "page", strconv.Itoa(page+1))
	}
	if page > 1 {
		prev := ""
		if page > 2 {
			prev = strconv.Itoa(page - 1)
		}
		data.PrevURL = d.DeskURL() + "?" + deskQueryWith(q, "page", prev)
	}
	data.Items = items
	w.Header().Add("Vary", "HX-Request")
	if deskWantsFragment(r, deskQueueTarget) {
		p.deskRenderFragment(w, r, status, "desk_queue", "desk_queue_fragment", data)
		return
	}
	p.render(w, r, status, "desk_queue", data)
}

// StatusOptions are the statuses the queue filters by; the default lists
// the open requests, which still wait for a volunteer.
func (pg *deskQueuePage) StatusOptions() []option {
	opts := []option{{Value: "", Label: pg.T("desk.queue.status.open")}}
	for _, s := range []domain.RequestStatus{domain.RequestAssigned, domain.RequestDone, domain.RequestCancelled, domain.RequestExpired} {
		opts = append(opts, option{Value: string(s), Label: pg.StatusName(s)})
	}
	return append(opts, option{Value: service.QueueAll, Label: pg.T("desk.queue.status.all")})
}

// CategoryOptions are the community's categories after "any".
func (pg *deskQueuePage) CategoryOptions() []option {
	opts := []option{{Value: "", Label: pg.T("desk.queue.any")}}
	for _, c := range pg.Community.Categories {
		opts = append(opts, option{Value: c, Label: pg.Category(c)})
	}
	return opts
}

// UrgencyOptions are the urgencies after "any".
func (pg *deskQueuePage) UrgencyOptions() []option {
	opts := []option{{Value: "", Label: pg.T("desk.queue.any")}}
	for _, u := range domain.Urgencies {
		opts = append(opts, option{Value: u, Label: pg.UrgencyName(u)})
	}
	return opts
}

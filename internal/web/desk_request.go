package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// deskCandidateLimit is how many ranked volunteers the request page shows; the
// first nine have a number key each.
const deskCandidateLimit = 9

// deskRequestPage follows one request: its details, the people asked, the
// ranked candidates and the history.
type deskRequestPage struct {
	*deskView
	Request     service.RequestView
	History     []service.HistoryEntry
	Assignments []service.AssignmentView
	Candidates  []service.Candidate
	// Notice confirms the action that led here ("proposed", …), or "".
	Notice string
}

// Open reports whether the request still waits for a volunteer.
func (pg *deskRequestPage) Open() bool { return pg.Request.Status == domain.RequestOpen }

// Cancellable reports whether the request can still be withdrawn.
func (pg *deskRequestPage) Cancellable() bool {
	return pg.Request.Status == domain.RequestOpen || pg.Request.Status == domain.RequestAssigned
}

// Key is the number key of the n-th candidate (from 0).
func (pg *deskRequestPage) Key(n int) string { return strconv.Itoa(n + 1) }

// NoticeText words the confirmation of the last action.
func (pg *deskRequestPage) NoticeText() string {
	if pg.Notice == "" {
		return ""
	}
	msg, _ := pg.tr.Lookup("desk.notice." + pg.Notice)
	return msg
}

// deskNotices are the confirmations a redirect may ask for.
var deskNotices = []string{"proposed", "approved", "cancelled"}

// deskRequest answers GET /c/{slug}/desk/requests/{id}.
func (p *Pages) deskRequest(w http.ResponseWriter, r *http.Request) {
	d, ok := p.openDesk(w, r, "")
	if !ok {
		return
	}
	id, ok := p.deskPathID(w, r, d.view, "request")
	if !ok {
		return
	}
	data, err := p.loadDeskRequest(r, d, id)
	if err != nil {
		p.fail(w, r, d.view, err)
		return
	}
	for _, n := range deskNotices {
		if r.URL.Query().Get("done") == n {
			data.Notice = n
		}
	}
	p.render(w, r, http.StatusOK, "desk_request", data)
}

// loadDeskRequest gathers what the request page shows: candidates only
// while the request is open, since only then can anyone be proposed.
func (p *Pages) loadDeskRequest(r *http.Request, d *deskView, id int64) (*deskRequestPage, error) {
	ctx, slug := r.Context(), d.Community.Slug
	req, err := p.svc.Request(ctx, slug, id)
	if err != nil {
		return nil, err
	}
	data := &deskRequestPage{deskView: d, Request: req}
	if data.History, err = p.svc.NamedRequestHistory(ctx, slug, id); err != nil {
		return nil, err
	}
	if data.Assignments, err = p.svc.RequestAssignments(ctx, slug, id); err != nil {
		return nil, err
	}
	if data.Open() {
		if data.Candidates, err = p.svc.Candidates(ctx, slug, id, deskCandidateLimit); err != nil {
			return nil, err
		}
	}
	if req.ClientID != nil && req.Contact != nil {
		d.ClientID, d.ClientName = *req.ClientID, req.Contact.Name
	}
	return data, nil
}

// deskPropose answers POST …/requests/{id}/propose: one click from the
// ranked list asks the volunteer.
func (p *Pages) deskPropose(w http.ResponseWriter, r *http.Request) {
	p.deskAction(w, r, "proposed", func(d *deskView, id int64) error {
		vol, err := strconv.ParseInt(r.PostForm.Get("volunteer"), 10, 64)
		if err != nil || vol <= 0 {
			var pr domain.Problems
			pr.Add("volunteer", "required", "choose a volunteer")
			return pr.Err()
		}
		_, err = p.svc.Propose(r.Context(), d.Community.Slug, id, vol)
		return err
	})
}

// deskApprove answers POST …/requests/{id}/approve: a volunteer's offer is
// accepted for the community.
func (p *Pages) deskApprove(w http.ResponseWriter, r *http.Request) {
	p.deskAction(w, r, "approved", func(d *deskView, id int64) error {
		as, err := strconv.ParseInt(r.PostForm.Get("assignment"), 10, 64)
		if err != nil || as <= 0 {
			return domain.NotFound("assignment")
		}
		// The offer must belong to this request: the page shows it so.
		list, err := p.svc.RequestAssignments(r.Context(), d.Community.Slug, id)
		if err != nil {
			return err
		}
		for _, a := range list {
			if a.ID == as {
				_, err = p.svc.Approve(r.Context(), d.Community.Slug, as)
				return err
			}
		}
		return domain.NotFound("assignment")
	})
}

// deskCancel answers POST …/requests/{id}/cancel.
func (p *Pages) deskCancel(w http.ResponseWriter, r *http.Request) {
	p.deskAction(w, r, "cancelled", func(d *deskView, id int64) error {
		_, err := p.svc.CancelRequest(r.Context(), d.Community.Slug, id)
		return err
	})
}

// deskAction runs one action of the request page and returns to it: with a
// confirmation on success, or with the reason on the page when the action
// no longer fits (someone else took the request a moment ago).
func (p *Pages) deskAction(w http.ResponseWriter, r *http.Request, done string, act func(*deskView, int64) error) {
	d, ok := p.openDesk(w, r, communityURL(r.PathValue("slug"))+"/desk/requests/"+url.PathEscape(r.PathValue("id")))
	if !ok {
		return
	}
	id, ok := p.deskPathID(w, r, d.view, "request")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, d.view, err)
		return
	}
	err := act(d, id)
	if err == nil {
		http.Redirect(w, r, d.RequestURL(id)+"?done="+done, http.StatusSeeOther)
		return
	}
	if !deskFixable(err) {
		p.fail(w, r, d.view, err)
		return
	}
	data, lerr := p.loadDeskRequest(r, d, id)
	if lerr != nil {
		p.fail(w, r, d.view, lerr)
		return
	}
	d.failForm(err)
	// The page has no fields to link to; the summary says it all.
	d.Form.Problems = nil
	status := http.StatusConflict
	if domain.KindOf(err) != domain.KindConflict {
		status = http.StatusUnprocessableEntity
	}
	p.render(w, r, status, "desk_request", data)
}

// deskFixable reports whether the request page can explain a failed action:
// bad input, a request that changed meanwhile, or a refusal about the
// volunteer chosen (not vetted for this kind of help) rather than about the
// coordinator.
func deskFixable(err error) bool {
	var de *domain.Error
	if !errors.As(err, &de) {
		return false
	}
	switch de.Kind {
	case domain.KindInvalid, domain.KindConflict:
		return true
	case domain.KindForbidden:
		return len(de.Fields) > 0
	}
	return false
}

package web

import (
	"net/http"
	"net/url"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// shiftsMinePage is the person's own shifts, those to come and the past
// week's, with the private calendar feed.
type shiftsMinePage struct {
	*shiftsBase
	Upcoming, Recent []shiftsMineItem
	Notice           string
	// FeedURL is the calendar feed's address, shown once right after it
	// was made: only its hash is kept.
	FeedURL string
}

// shiftsMineItem is one sign-up on the list.
type shiftsMineItem struct {
	ID                       int64
	Title, URL, When, Status string
	// CancelURL is "" when the sign-up can no longer be cancelled here.
	CancelURL string
}

// shiftsRecent is how far back the list shows shifts that are over.
const shiftsRecent = 14 * 24 * time.Hour

func (p *Pages) shiftsMine(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	b := shiftsBaseOf(c, v, "shifts")
	page, err := p.shiftsMinePage(r, b)
	if err != nil {
		p.shiftsFail(w, r, v, r.URL.RequestURI(), err)
		return
	}
	switch r.URL.Query().Get("notice") {
	case "feed_stopped":
		page.Notice = v.T("shifts.mine.feed.stopped")
	}
	if r.URL.Query().Get("cancelled") != "" {
		page.Notice = v.T("shifts.mine.cancelled")
	}
	p.render(w, r, http.StatusOK, "shifts_mine", page)
}

func (p *Pages) shiftsMinePage(r *http.Request, b *shiftsBase) (*shiftsMinePage, error) {
	now := time.Now()
	list, err := p.svc.MySignups(r.Context(), b.Community.Slug, service.MySignupQuery{Since: now.Add(-shiftsRecent)})
	if err != nil {
		return nil, err
	}
	page := &shiftsMinePage{shiftsBase: b}
	for _, m := range list {
		item := shiftsMineItem{ID: m.Shift.ID, Title: m.Opportunity.Title, URL: b.OpportunityURL(m.Opportunity.ID),
			When: b.ShiftTime(m.Shift), Status: shiftsStatus(b.view, m)}
		upcoming := m.Shift.Start.After(now)
		live := m.Signup.Status == domain.SignupConfirmed || m.Signup.Status == domain.SignupWaitlisted
		if upcoming && live && m.Shift.Status == domain.ShiftOpen {
			item.CancelURL = b.shiftURL(m.Shift.ID, "cancel")
		}
		if upcoming {
			page.Upcoming = append(page.Upcoming, item)
		} else {
			page.Recent = append(page.Recent, item)
		}
	}
	return page, nil
}

// shiftsCalendarNew makes a new address for the private calendar feed and
// shows it once; the address made before stops working.
func (p *Pages) shiftsCalendarNew(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, communityURL(r.PathValue("slug"))+"/my-shifts")
	if !ok {
		return
	}
	b := shiftsBaseOf(c, v, "shifts")
	token, err := p.svc.NewCalendarToken(r.Context(), c.Slug)
	if err != nil {
		p.shiftsFail(w, r, v, b.Nav.MyShiftsURL(), err)
		return
	}
	page, err := p.shiftsMinePage(r, b)
	if err != nil {
		p.shiftsFail(w, r, v, b.Nav.MyShiftsURL(), err)
		return
	}
	page.FeedURL = requestOrigin(r) + "/api/v1/communities/" + url.PathEscape(c.Slug) +
		"/me/calendar.ics?token=" + url.QueryEscape(token)
	// Answered directly rather than by a redirect: the token is shown
	// only now and kept nowhere but in this page.
	p.render(w, r, http.StatusOK, "shifts_mine", page)
}

// shiftsCalendarStop stops the private calendar feed's address working.
func (p *Pages) shiftsCalendarStop(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, communityURL(r.PathValue("slug"))+"/my-shifts")
	if !ok {
		return
	}
	b := shiftsBaseOf(c, v, "shifts")
	if err := p.svc.RevokeCalendarToken(r.Context(), c.Slug); err != nil {
		p.shiftsFail(w, r, v, b.Nav.MyShiftsURL(), err)
		return
	}
	http.Redirect(w, r, b.Nav.MyShiftsURL()+"?notice=feed_stopped", http.StatusSeeOther)
}

// requestOrigin is the scheme and host the page was asked for, as the API
// builds the feed's address, so calendar apps can reach it from outside.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if httpx.SecureContext(r.Context()) || r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

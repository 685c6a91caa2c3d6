package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
)

// The coordinator's area for organisations: the overview of an
// organisation's shifts with their gaps and waiting lists, and the roster
// of one shift, where those who run it check people in, mark who did not
// come and close the shift to log its hours. The service decides who may;
// these pages only put its answers into words.

// coordPages are the pages of the coordinator's area.
var coordPages = map[string]pageSpec{
	"coord_shifts": {layout: "base", partials: withChrome("form_summary", "field")},
	"coord_roster": {layout: "base", partials: withChrome("form_summary")},
}

func (p *Pages) coordRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/organisations/{id}/shifts", p.coordOverview)
	mux.HandleFunc("GET /c/{slug}/shifts/{id}", p.coordRoster)
	for _, action := range coordActions {
		mux.HandleFunc("POST /c/{slug}/shifts/{id}/"+action, p.coordAction(action))
	}
}

// coordView is what both pages of the area need: the common view, the
// community and its time zone, in which every time is shown.
type coordView struct {
	*view
	Community domain.Community
	loc       *time.Location
}

// openCoord loads the community in the path and sends visitors who are
// not logged in to log in, back to returnTo afterwards.
func (p *Pages) openCoord(w http.ResponseWriter, r *http.Request, returnTo string) (*coordView, bool) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return nil, false
	}
	if v.User == nil {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(returnTo), http.StatusSeeOther)
		return nil, false
	}
	return &coordView{view: v, Community: c, loc: c.Location()}, true
}

// coordPathID reads the numeric {id} of the path; anything else is the
// friendly 404, as for an id that does not exist.
func (p *Pages) coordPathID(w http.ResponseWriter, r *http.Request, d *coordView, what string) (int64, bool) {
	id, err := pathID(r, what)
	if err != nil {
		p.coordFail(w, r, d, err)
		return 0, false
	}
	return id, true
}

// coordFail answers a refused request with the friendly page: a 403 that
// says these pages are for those who run the organisation, a 404 for what
// does not exist here, and fail's answer for everything else.
func (p *Pages) coordFail(w http.ResponseWriter, r *http.Request, d *coordView, err error) {
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind == domain.KindInternal {
		p.fail(w, r, d.view, err)
		return
	}
	title := d.T("errorpage.title")
	switch de.Kind {
	case domain.KindNotFound:
		title = d.T("notfound.title")
	case domain.KindForbidden:
		p.render(w, r, http.StatusForbidden, "problem",
			&problemPage{view: d.view, Title: d.T("coord.forbidden.title"), Message: d.T("coord.forbidden.text")})
		return
	}
	p.render(w, r, httpx.Status(err), "problem", &problemPage{view: d.view, Title: title, Message: areaMessage(d.tr, "coord.error.", err)})
}

// DateTime writes a moment as date and time in the community's time zone.
func (d *coordView) DateTime(t time.Time) string {
	t = t.In(d.loc)
	return d.T("coord.datetime", "Date", d.tr.Date(t), "Time", d.tr.Time(t))
}

// ShiftTime writes when a shift is: its day and hours, or its start and
// end when it runs past midnight.
func (d *coordView) ShiftTime(sh domain.Shift) string {
	from, to := sh.Start.In(d.loc), sh.End.In(d.loc)
	if from.Format(time.DateOnly) == to.Format(time.DateOnly) {
		return d.T("coord.shift.time", "Date", d.tr.Date(from), "From", d.tr.Time(from), "To", d.tr.Time(to))
	}
	return d.T("coord.shift.span", "From", d.DateTime(from), "To", d.DateTime(to))
}

// ShiftStatus names where a shift stands: open for sign-ups, begun and
// waiting to be closed, or closed with its hours logged.
func (d *coordView) ShiftStatus(sh domain.Shift) string {
	return d.T("coord.status." + coordShiftState(sh, time.Now()))
}

// coordShiftState is "open", "begun", "closed" or "cancelled".
func coordShiftState(sh domain.Shift, now time.Time) string {
	switch {
	case sh.Cancelled:
		return "cancelled"
	case sh.Status == domain.ShiftClosed:
		return "closed"
	case !sh.Start.After(now):
		return "begun"
	}
	return "open"
}

// Fill says how many places are taken: "3 of 8".
func (d *coordView) Fill(sh domain.Shift) string {
	return d.T("coord.fill", "Taken", sh.Confirmed, "Capacity", sh.Capacity)
}

// Hours writes a number of hours in the page's language.
func (d *coordView) Hours(h float64) string { return d.T("coord.hours", "Count", h) }

// OverviewURL is the overview of an organisation's shifts.
func (d *coordView) OverviewURL(orgID int64) string {
	return communityURL(d.Community.Slug) + "/organisations/" + strconv.FormatInt(orgID, 10) + "/shifts"
}

// RosterURL is the roster of one shift.
func (d *coordView) RosterURL(shiftID int64) string {
	return communityURL(d.Community.Slug) + "/shifts/" + strconv.FormatInt(shiftID, 10)
}

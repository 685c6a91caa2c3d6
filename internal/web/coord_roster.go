package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// coordActions are the roster's buttons, each the last part of its path.
var coordActions = []string{"checkin", "no-show", "close", "call-off"}

// coordNotices are the confirmations the roster shows after a button, by
// the ?notice= its redirect carries.
var coordNotices = []string{"checked_in", "no_show", "closed", "cancelled"}

// coordRosterPage is one shift as those who run it see it.
type coordRosterPage struct {
	*coordView
	Roster service.ShiftRoster
	// Placed hold places (confirmed, checked in, did not come); Waiting
	// wait in order of sign-up.
	Placed, Waiting []service.RosterPerson
	// State is "open", "begun", "closed" or "cancelled".
	State  string
	Notice string
}

// CheckInURL, NoShowURL and CloseURL are where the roster's buttons post.
func (pg *coordRosterPage) CheckInURL() string { return pg.RosterURL(pg.Roster.Shift.ID) + "/checkin" }

// NoShowURL marks that someone did not come.
func (pg *coordRosterPage) NoShowURL() string { return pg.RosterURL(pg.Roster.Shift.ID) + "/no-show" }

// CloseURL closes the shift.
func (pg *coordRosterPage) CloseURL() string { return pg.RosterURL(pg.Roster.Shift.ID) + "/close" }

// Open reports whether the shift still takes check-ins and may be closed.
func (pg *coordRosterPage) Open() bool { return pg.State == "open" || pg.State == "begun" }

// CallOffURL is where calling the shift off posts; "cancel" under a
// shift is a volunteer cancelling their own sign-up.
func (pg *coordRosterPage) CallOffURL() string { return pg.RosterURL(pg.Roster.Shift.ID) + "/call-off" }

// PersonName is the name of a person on the roster, or words for an
// account that no longer exists.
func (pg *coordRosterPage) PersonName(name string) string {
	if name == "" {
		return pg.T("coord.roster.gone")
	}
	return name
}

// SignupStatus names where a sign-up stands.
func (pg *coordRosterPage) SignupStatus(s domain.SignupStatus) string {
	return pg.T("coord.signup." + string(s))
}

// EventText is one line of what happened on the shift.
func (pg *coordRosterPage) EventText(e service.RosterEvent) string {
	name := pg.PersonName(e.Name)
	if msg, ok := pg.tr.Lookup("coord.event."+e.Kind, "Name", name); ok {
		return msg
	}
	return pg.T("coord.event.other", "Name", name)
}

// coordRoster answers GET /c/{slug}/shifts/{id}.
func (p *Pages) coordRoster(w http.ResponseWriter, r *http.Request) {
	d, ok := p.openCoord(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	id, ok := p.coordPathID(w, r, d, "shift")
	if !ok {
		return
	}
	page, err := p.coordRosterPage(r, d, id)
	if err != nil {
		p.coordFail(w, r, d, err)
		return
	}
	if n := r.URL.Query().Get("notice"); slices.Contains(coordNotices, n) {
		page.Notice = d.T("coord.notice." + n)
	}
	p.render(w, r, http.StatusOK, "coord_roster", page)
}

func (p *Pages) coordRosterPage(r *http.Request, d *coordView, id int64) (*coordRosterPage, error) {
	roster, err := p.svc.ShiftRoster(r.Context(), d.Community.Slug, id)
	if err != nil {
		return nil, err
	}
	page := &coordRosterPage{coordView: d, Roster: roster, State: coordShiftState(roster.Shift, time.Now())}
	for _, person := range roster.People {
		if person.Status.HoldsPlace() {
			page.Placed = append(page.Placed, person)
		} else if person.Status == domain.SignupWaitlisted {
			page.Waiting = append(page.Waiting, person)
		}
	}
	return page, nil
}

// coordRosterPath is the roster of the shift in the request's path.
func coordRosterPath(r *http.Request) string {
	return communityURL(r.PathValue("slug")) + "/shifts/" + url.PathEscape(r.PathValue("id"))
}

// coordAction answers one of the roster's buttons with one call of the
// service, then returns to the roster with a short confirmation. What the
// service refuses for a reason people can act on (the shift has not begun,
// the person is not signed up) comes back as the roster with the reason on
// top, in the status the refusal deserves.
func (p *Pages) coordAction(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		parseErr := r.ParseForm()
		d, ok := p.openCoord(w, r, coordRosterPath(r))
		if !ok {
			return
		}
		if parseErr != nil {
			p.badForm(w, r, d.view, parseErr)
			return
		}
		id, ok := p.coordPathID(w, r, d, "shift")
		if !ok {
			return
		}
		notice, err := p.coordDo(r, d, action, id)
		if err == nil {
			http.Redirect(w, r, coordRosterPath(r)+"?notice="+notice, http.StatusSeeOther)
			return
		}
		switch domain.KindOf(err) {
		case domain.KindInvalid, domain.KindConflict:
		default:
			p.coordFail(w, r, d, err)
			return
		}
		page, perr := p.coordRosterPage(r, d, id)
		if perr != nil {
			p.coordFail(w, r, d, perr)
			return
		}
		d.Form.Summary = areaMessage(d.tr, "coord.error.", err)
		p.render(w, r, httpx.Status(err), "coord_roster", page)
	}
}

// coordDo calls the service for one button and names its confirmation.
func (p *Pages) coordDo(r *http.Request, d *coordView, action string, id int64) (string, error) {
	ctx, slug := r.Context(), d.Community.Slug
	switch action {
	case "close":
		_, err := p.svc.CloseShift(ctx, slug, id)
		return "closed", err
	case "call-off":
		_, err := p.svc.CancelShift(ctx, slug, id)
		return "cancelled", err
	}
	userID, err := strconv.ParseInt(strings.TrimSpace(r.PostForm.Get("user_id")), 10, 64)
	if err != nil || userID <= 0 {
		return "", &domain.Error{Kind: domain.KindInvalid, Code: "not_signed_up", Message: "choose a person on the roster"}
	}
	if action == "checkin" {
		_, err = p.svc.CheckIn(ctx, slug, id, userID)
		return "checked_in", err
	}
	_, err = p.svc.MarkNoShow(ctx, slug, id, userID)
	return "no_show", err
}

package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
)

// coordOverviewWeeks is how far ahead the overview looks unless asked.
const coordOverviewWeeks = 4

// coordShiftsPage is the coordinator overview of one organisation: its
// open shifts between two dates with how full each is.
type coordShiftsPage struct {
	*coordView
	Organisation domain.Organisation
	Rows         []coordShiftRow
	// GapsOnly is true when only shifts with free places are listed.
	GapsOnly bool
	// Listed is false when the dates could not be read, so that the page
	// shows the problem instead of an empty list.
	Listed bool
	// Free and Waiting add up the listed shifts.
	Free, Waiting int
	// FromText and ToText say the range in words.
	FromText, ToText string
}

// coordShiftRow is one shift of the overview with its opportunity's title.
type coordShiftRow struct {
	domain.Shift
	Title string
}

// Action is the overview's own address, where its filter form is sent.
func (pg *coordShiftsPage) Action() string { return pg.OverviewURL(pg.Organisation.ID) }

// coordOverview answers GET /c/{slug}/organisations/{id}/shifts, with the
// dates and the gaps filter in the query so that a view is a link to keep.
func (p *Pages) coordOverview(w http.ResponseWriter, r *http.Request) {
	d, ok := p.openCoord(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	orgID, ok := p.coordPathID(w, r, d, "organisation")
	if !ok {
		return
	}
	org, err := p.svc.Organisation(r.Context(), d.Community.Slug, orgID)
	if err != nil {
		p.coordFail(w, r, d, err)
		return
	}
	q := r.URL.Query()
	page := &coordShiftsPage{coordView: d, Organisation: org, GapsOnly: q.Get("gaps") == "1"}
	from, to, err := coordRange(q.Get("from"), q.Get("to"), time.Now(), d.loc)
	d.Form.set("from", coordOr(q.Get("from"), from.Format(time.DateOnly)))
	d.Form.set("to", coordOr(q.Get("to"), to.AddDate(0, 0, -1).Format(time.DateOnly)))
	var shifts []domain.Shift
	if err == nil {
		shifts, err = p.svc.OrganisationShifts(r.Context(), d.Community.Slug, orgID, from, to)
	} else {
		// The service has not been asked, so ask it who may see the
		// form before showing what was wrong with it.
		err = p.coordUnlessRunning(r, d, orgID, err)
	}
	switch {
	case domain.KindOf(err) == domain.KindInvalid:
		// Dates typed by hand or an old link: say which, list nothing.
		failCoordForm(d.Form, d.tr, err)
		p.render(w, r, httpx.Status(err), "coord_shifts", page)
		return
	case err != nil:
		p.coordFail(w, r, d, err)
		return
	}
	if err := p.coordFillRows(r, page, shifts); err != nil {
		p.coordFail(w, r, d, err)
		return
	}
	page.Listed = true
	page.FromText, page.ToText = d.tr.Date(from), d.tr.Date(to.AddDate(0, 0, -1))
	p.render(w, r, http.StatusOK, "coord_shifts", page)
}

// coordUnlessRunning returns err when the person runs the organisation,
// and the service's refusal when not.
func (p *Pages) coordUnlessRunning(r *http.Request, d *coordView, orgID int64, err error) error {
	runs, rerr := p.svc.RunsOrganisation(r.Context(), d.Community.Slug, orgID)
	switch {
	case rerr != nil:
		return rerr
	case !runs:
		return domain.Forbidden("not_organiser", "only those who run the organisation see its shifts")
	}
	return err
}

// coordFillRows names each shift's opportunity, keeps the shifts with
// gaps when asked, and adds up the free places and the waiting lists.
func (p *Pages) coordFillRows(r *http.Request, page *coordShiftsPage, shifts []domain.Shift) error {
	ids := make([]int64, 0, len(shifts))
	for _, sh := range shifts {
		ids = append(ids, sh.OpportunityID)
	}
	titles, err := p.svc.OpportunityTitles(r.Context(), page.Community.Slug, ids)
	if err != nil {
		return err
	}
	for _, sh := range shifts {
		if page.GapsOnly && sh.Free == 0 {
			continue
		}
		page.Rows = append(page.Rows, coordShiftRow{Shift: sh, Title: titles[sh.OpportunityID]})
		page.Free += sh.Free
		page.Waiting += sh.Waiting
	}
	return nil
}

// coordRange reads the overview's dates, each a day in the community's
// time zone, into the moments [from, to) the service lists: from the
// start of the first day to the end of the last. Empty dates default to
// today and four weeks after. Whether the range itself makes sense is
// the service's question.
func coordRange(fromText, toText string, now time.Time, loc *time.Location) (from, to time.Time, err error) {
	y, m, day := now.In(loc).Date()
	from = time.Date(y, m, day, 0, 0, 0, 0, loc)
	to = from.AddDate(0, 0, 7*coordOverviewWeeks+1)
	var p domain.Problems
	if s := strings.TrimSpace(fromText); s != "" {
		t, perr := time.ParseInLocation(time.DateOnly, s, loc)
		if perr != nil {
			p.Add("from", "date", "give the first day as YYYY-MM-DD")
		}
		from = t
	}
	if s := strings.TrimSpace(toText); s != "" {
		t, perr := time.ParseInLocation(time.DateOnly, s, loc)
		if perr != nil {
			p.Add("to", "date", "give the last day as YYYY-MM-DD")
		}
		to = t.AddDate(0, 0, 1)
	} else if fromText != "" {
		to = from.AddDate(0, 0, 7*coordOverviewWeeks+1)
	}
	return from, to, p.Err()
}

func coordOr(typed, fallback string) string {
	if typed != "" {
		return typed
	}
	return fallback
}

// failCoordForm puts a service error on a form in this area's words: the
// summary by coordMessage, and a field's message by
// "coord.field.<field>.<code>" before the shared ones, so that a bad date
// says which date and how to write it.
func failCoordForm(f *form, tr *i18n.Translator, err error) {
	f.fail(tr, err)
	f.Summary = areaMessage(tr, "coord.error.", err)
	var de *domain.Error
	if !errors.As(err, &de) {
		return
	}
	for _, fe := range de.Fields {
		msg, ok := tr.Lookup("coord.field." + fe.Field + "." + fe.Code)
		if !ok || f.errors[fe.Field] == "" {
			continue
		}
		f.errors[fe.Field] = msg
		for i := range f.Problems {
			if f.Problems[i].ID == fieldID(fe.Field) {
				f.Problems[i].Message = msg
			}
		}
	}
}

package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
)

// The shifts area: a community's opportunities to volunteer for its
// organisations, one opportunity with its shifts and the forms to sign up
// (or join the waiting list) and cancel, the form on which the people who
// run an organisation post an opportunity, and the list of one's own
// shifts with the private calendar feed. Who may do what is the service's
// to say; these handlers only choose what to show.

// shiftsPages are the pages of the shifts area.
var shiftsPages = map[string]pageSpec{
	"shifts_list":        {layout: "base", partials: withChrome("volunteer_nav", "form_summary", "select", "field")},
	"shifts_opportunity": {layout: "base", partials: withChrome("volunteer_nav", "form_summary", "field", "shifts_signup")},
	"shifts_post": {layout: "base", partials: withChrome("volunteer_nav", "form_summary", "field", "select", "textarea",
		"location", "admin_choices", "field")},
	"shifts_mine": {layout: "base", partials: withChrome("volunteer_nav", "form_summary")},
}

func (p *Pages) shiftsRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/opportunities", p.shiftsList)
	mux.HandleFunc("GET /c/{slug}/opportunities/{id}", p.shiftsOpportunity)
	mux.HandleFunc("POST /c/{slug}/shifts/{id}/signup", p.shiftsSignUp)
	mux.HandleFunc("POST /c/{slug}/shifts/{id}/cancel", p.shiftsCancel)
	mux.HandleFunc("GET /c/{slug}/organisations/{id}/opportunities/new", p.shiftsPostForm)
	mux.HandleFunc("POST /c/{slug}/organisations/{id}/opportunities/new", p.shiftsPost)
	mux.HandleFunc("GET /c/{slug}/my-shifts", p.shiftsMine)
	mux.HandleFunc("POST /c/{slug}/my-shifts/calendar", p.shiftsCalendarNew)
	mux.HandleFunc("POST /c/{slug}/my-shifts/calendar/stop", p.shiftsCalendarStop)
}

// shiftsBase is what every page of the area shares: the community and the
// volunteer area's navigation, shown to people who are logged in.
type shiftsBase struct {
	*view
	Community domain.Community
	Nav       volunteerNav
}

// shiftsBaseOf starts a page of the area; current marks it in the nav.
func shiftsBaseOf(c domain.Community, v *view, current string) *shiftsBase {
	return &shiftsBase{view: v, Community: c, Nav: volunteerNav{Slug: c.Slug, Current: current}}
}

// OpportunityURL is the page of one opportunity.
func (b *shiftsBase) OpportunityURL(id int64) string {
	return b.Nav.OpportunitiesURL() + "/" + strconv.FormatInt(id, 10)
}

// OrganisationURL is the public page of an organisation.
func (b *shiftsBase) OrganisationURL(id int64) string {
	return communityURL(b.Community.Slug) + "/organisations/" + strconv.FormatInt(id, 10)
}

// shiftURL is the address of a shift's actions.
func (b *shiftsBase) shiftURL(id int64, action string) string {
	return communityURL(b.Community.Slug) + "/shifts/" + strconv.FormatInt(id, 10) + "/" + action
}

// CategoryName names an opportunity's category: the community's words for
// a category of help, else the organisation's own word as it was posted.
func (b *shiftsBase) CategoryName(name string) string {
	if msg, ok := b.tr.Lookup("category." + name); ok {
		return msg
	}
	return name
}

// ShiftTime says when a shift is, on the community's clock: the weekday,
// the date and the hours, or both dates when it runs past midnight.
func (b *shiftsBase) ShiftTime(sh domain.Shift) string {
	loc := b.Community.Location()
	from, to := sh.Start.In(loc), sh.End.In(loc)
	day := b.T("shifts.day." + domain.WeekdayOf(from))
	if from.YearDay() == to.YearDay() && from.Year() == to.Year() {
		return b.T("shifts.when", "Day", day, "Date", b.tr.Date(from), "From", b.tr.Time(from), "To", b.tr.Time(to))
	}
	return b.T("shifts.when.overnight", "Day", day, "Date", b.tr.Date(from), "From", b.tr.Time(from),
		"ToDate", b.tr.Date(to), "To", b.tr.Time(to))
}

// formID reads an id posted in a hidden field, 0 when there is none.
func formID(vals url.Values, name string) int64 {
	id, err := strconv.ParseInt(strings.TrimSpace(vals.Get(name)), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// shiftsMessage words a service error for this area: first the area's
// words for its one field's problem ("shifts.field.age_confirmed.required"),
// then for its code ("shifts.error.closed"), else the general message.
func shiftsMessage(tr *i18n.Translator, err error) string {
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind == domain.KindInternal {
		return errorMessage(tr, err)
	}
	// One field's problem is the whole story, as on a sign-up form.
	if len(de.Fields) == 1 {
		if msg, ok := tr.Lookup("shifts.field." + shiftsFieldKey(de.Fields[0].Field) + "." + de.Fields[0].Code); ok {
			return msg
		}
	}
	return areaMessage(tr, "shifts.error.", err)
}

// shiftsFail answers a request whose use case failed where no form can
// help: a session that ended leads to the login page and back, the rest
// gets the friendly page with the status the error deserves.
func (p *Pages) shiftsFail(w http.ResponseWriter, r *http.Request, v *view, returnTo string, err error) {
	var de *domain.Error
	switch {
	case domain.KindOf(err) == domain.KindUnauthenticated:
		http.Redirect(w, r, "/login?next="+url.QueryEscape(returnTo), http.StatusSeeOther)
		return
	case errors.Is(err, domain.ErrNotFound) || domain.KindOf(err) == domain.KindNotFound:
		p.render(w, r, http.StatusNotFound, "problem",
			&problemPage{view: v, Title: v.T("notfound.title"), Message: v.T("shifts.error.not_found")})
		return
	case !errors.As(err, &de) || de.Kind == domain.KindInternal:
		p.fail(w, r, v, err)
		return
	}
	setRetryAfter(w, err)
	p.render(w, r, httpx.Status(err), "problem",
		&problemPage{view: v, Title: v.T("errorpage.title"), Message: shiftsMessage(v.tr, err)})
}

// failShiftsForm puts a service error on a form like form.fail, with the
// area's words for each field where it has them.
func failShiftsForm(f *form, tr *i18n.Translator, err error) {
	f.fail(tr, err)
	f.Summary = shiftsMessage(tr, err)
	var de *domain.Error
	if !errors.As(err, &de) {
		return
	}
	for _, fe := range de.Fields {
		msg, ok := tr.Lookup("shifts.field." + shiftsFieldKey(fe.Field) + "." + fe.Code)
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

// shiftRow matches the start of the name of a shift's field, on the form
// (shift3.end) or in the service's words (shifts[2].end).
var shiftRow = regexp.MustCompile(`^(?:shift\d+|shifts\[\d+\])\.`)

// shiftsFieldKey is a field's name as its messages are keyed: the same
// words for every shift, so shift3.end is "shifts.end".
func shiftsFieldKey(field string) string { return shiftRow.ReplaceAllString(field, "shifts.") }

// ShiftsInput describes a field of the area's forms for the "field"
// partial, optional unless required.
func (v *view) ShiftsInput(name, inputType, label, hint string, required bool) input {
	in := v.Input(name, inputType, label, "off", hint)
	in.Optional = !required
	return in
}

// localDate reads a date input (YYYY-MM-DD) as midnight on the community's
// clock.
func localDate(s string, loc *time.Location) (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), loc)
	return d, err == nil
}

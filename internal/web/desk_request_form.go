package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// deskRequestFormPage enters a request for a client: what, when, how
// urgent, in which languages and where, filled in from the client's record.
type deskRequestFormPage struct {
	*deskView
	Client   domain.Client
	Location locationField
	// NewClient is set right after the client was recorded.
	NewClient bool
}

// Action is where the form posts.
func (pg *deskRequestFormPage) Action() string { return pg.NewRequestURL(pg.Client.ID) }

// CategoryOptions are the community's categories after "choose".
func (pg *deskRequestFormPage) CategoryOptions() []option {
	opts := []option{{Value: "", Label: pg.T("desk.request.category.choose")}}
	for _, c := range pg.Community.Categories {
		opts = append(opts, option{Value: c, Label: pg.Category(c)})
	}
	return opts
}

// UrgencyOptions are the urgencies, least first.
func (pg *deskRequestFormPage) UrgencyOptions() []option {
	var opts []option
	for _, u := range domain.Urgencies {
		opts = append(opts, option{Value: u, Label: pg.UrgencyName(u)})
	}
	return opts
}

// LanguageChoices are the client's languages first, then the community's
// and mutua's.
func (pg *deskRequestFormPage) LanguageChoices() []option {
	return pg.languageOptions(pg.Client.Languages, pg.Community.Languages, i18n.Languages())
}

// RecurrenceOptions are once or weekly.
func (pg *deskRequestFormPage) RecurrenceOptions() []option {
	return []option{
		{Value: domain.RecurOnce, Label: pg.T("desk.request.recurrence.once")},
		{Value: domain.RecurWeekly, Label: pg.T("desk.request.recurrence.weekly")},
	}
}

// DayOptions are the days of the week, Monday first.
func (pg *deskRequestFormPage) DayOptions() []option {
	var opts []option
	for _, d := range domain.Weekdays {
		opts = append(opts, option{Value: d, Label: pg.Weekday(d)})
	}
	return opts
}

// deskRequestForm answers GET /c/{slug}/desk/clients/{id}/request. The
// window starts as tomorrow 09:00 to 18:00, the most common answer to "when
// would suit you?", and everything else as the client's record has it.
func (p *Pages) deskRequestForm(w http.ResponseWriter, r *http.Request) {
	d, c, places, ok := p.deskClientToEdit(w, r)
	if !ok {
		return
	}
	day := time.Now().In(d.loc).AddDate(0, 0, 1)
	from := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, d.loc)
	to := time.Date(day.Year(), day.Month(), day.Day(), 18, 0, 0, 0, d.loc)
	d.Form.set("needed_from", formatDeskTime(from, d.loc))
	d.Form.set("needed_by", formatDeskTime(to, d.loc))
	d.Form.set("urgency", "normal")
	d.Form.set("recurrence_kind", domain.RecurOnce)
	d.Form.set("address", c.Address)
	setDeskList(d.Form, "languages", c.Languages)
	deskPresetLocation(d.Form, c.Location, places)
	p.render(w, r, http.StatusOK, "desk_request_form", &deskRequestFormPage{deskView: d, Client: c,
		Location: d.LocationField(places, d.Community), NewClient: r.URL.Query().Get("new") == "1"})
}

// deskCreateRequest answers POST /c/{slug}/desk/clients/{id}/request and
// leads to the new request's desk page, where the candidates wait.
func (p *Pages) deskCreateRequest(w http.ResponseWriter, r *http.Request) {
	d, c, places, ok := p.deskClientToEdit(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, d.view, err)
		return
	}
	req, err := readDeskRequest(d, r.PostForm, places)
	if err == nil {
		req.ClientID = &c.ID
		created, cerr := p.svc.CreateRequest(r.Context(), d.Community.Slug, req)
		if cerr == nil {
			http.Redirect(w, r, d.RequestURL(created.ID), http.StatusSeeOther)
			return
		}
		err = cerr
	}
	p.deskFormFailed(w, r, "desk_request_form", d, err, func() page {
		return &deskRequestFormPage{deskView: d, Client: c, Location: d.LocationField(places, d.Community)}
	})
}

// readDeskRequest reads the request form, keeping every value in the form. Times
// that cannot be read and a location that cannot be read are reported with
// every other mistake at once.
func readDeskRequest(d *deskView, vals url.Values, places []domain.Place) (domain.Request, error) {
	for _, name := range []string{"category", "title", "description", "needed_from", "needed_by", "urgency",
		"recurrence_kind", "recurrence_until"} {
		d.Form.set(name, vals.Get(name))
	}
	setDeskList(d.Form, "languages", vals["languages"])
	setDeskList(d.Form, "recurrence_days", vals["recurrence_days"])
	keepLocation(d.Form, vals)
	req := domain.Request{Category: vals.Get("category"), Title: vals.Get("title"), Description: vals.Get("description"),
		Urgency: vals.Get("urgency"), Languages: vals["languages"], Address: vals.Get("address"),
		Recurrence: domain.Recurrence{Kind: vals.Get("recurrence_kind")}}
	if req.Recurrence.Kind == domain.RecurWeekly {
		// Days and the last date count only for a weekly request; a
		// one-off keeps none of what was ticked before switching back.
		req.Recurrence.Days = vals["recurrence_days"]
		req.Recurrence.Until = strings.TrimSpace(vals.Get("recurrence_until"))
	}
	var p domain.Problems
	for _, t := range []struct {
		name string
		to   *time.Time
	}{{"needed_from", &req.NeededFrom}, {"needed_by", &req.NeededBy}} {
		at, ok := parseDeskTime(vals.Get(t.name), d.loc)
		if !ok {
			p.Add(t.name, "format", "give the date and time as YYYY-MM-DDTHH:MM")
			continue
		}
		*t.to = at
	}
	pt, locErr := readLocation(vals, places)
	req.Location = pt
	if locErr == nil && len(p) == 0 {
		return req, nil
	}
	check := req
	check.Normalize()
	err := check.Validate()
	if len(p) > 0 {
		// needed_by's own complaint would only repeat that a time is missing.
		err = deskWithoutField(err, "needed_by")
	}
	return req, deskJoinProblems(p, locErr, err)
}

// deskWithoutField drops the errors of field from an invalid error.
func deskWithoutField(err error, field string) error {
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
		return err
	}
	var keep domain.Problems
	for _, fe := range de.Fields {
		if fe.Field != field {
			keep = append(keep, fe)
		}
	}
	return keep.Err()
}

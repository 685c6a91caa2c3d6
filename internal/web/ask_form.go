package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// askFormPage is the form to ask for help: what, when, where, in which
// languages and how urgently.
type askFormPage struct {
	*askBase
	Categories, TimeOfDay, Languages, Urgency askChoices
	Location                                  locationField
}

// askDefaultDays is how many days after today a new request runs by
// default: long enough for a neighbour to find time, short enough to stay
// a concrete promise.
const askDefaultDays = 2

func (p *Pages) askForm(w http.ResponseWriter, r *http.Request) {
	b, ok := p.askMember(w, r, "ask", r.URL.RequestURI())
	if !ok {
		return
	}
	places, err := p.svc.Places(r.Context(), b.Community.Slug)
	if err != nil {
		p.askFail(w, r, b, err)
		return
	}
	today := time.Now().In(b.Community.Location())
	f := b.Form
	f.set("needed_from", today.Format(time.DateOnly))
	f.set("needed_by", today.AddDate(0, 0, askDefaultDays).Format(time.DateOnly))
	f.set("time_of_day", "any")
	f.set("urgency", "normal")
	if slices.Contains(askLanguageCodes(b), b.User.Language) {
		f.set("languages", b.User.Language)
	}
	p.render(w, r, http.StatusOK, "ask_form", p.newAskFormPage(b, places))
}

// ask records the request and shows its confirmation, or shows the form
// again with every mistake next to its field.
func (p *Pages) ask(w http.ResponseWriter, r *http.Request) {
	b, ok := p.askMember(w, r, "ask", communityURL(r.PathValue("slug"))+"/ask")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	places, err := p.svc.Places(r.Context(), b.Community.Slug)
	if err != nil {
		p.askFail(w, r, b, err)
		return
	}
	keepAskForm(b.Form, r.PostForm)
	req, problems := readAskForm(b, r.PostForm, places)
	if len(problems) > 0 {
		// Shown together with what the request itself would say, so one
		// round trip reports every mistake.
		failAskForm(b.Form, b.tr, withRequestChecks(req, problems).Err())
		p.render(w, r, http.StatusUnprocessableEntity, "ask_form", p.newAskFormPage(b, places))
		return
	}
	created, err := p.svc.CreateRequest(r.Context(), b.Community.Slug, req)
	if err != nil {
		if kind := domain.KindOf(err); kind != domain.KindInvalid && kind != domain.KindConflict {
			p.askFail(w, r, b, err)
			return
		}
		failAskForm(b.Form, b.tr, err)
		p.render(w, r, http.StatusUnprocessableEntity, "ask_form", p.newAskFormPage(b, places))
		return
	}
	http.Redirect(w, r, b.Nav.RequestURL(created.ID), http.StatusSeeOther)
}

// newAskFormPage describes the form from the values and errors on b.Form.
func (p *Pages) newAskFormPage(b *askBase, places []domain.Place) *askFormPage {
	var cats, times, langs, urgencies []askOption
	for _, c := range b.Community.Categories {
		cats = append(cats, askOption{Value: c, Label: b.Category(c), Icon: b.CategoryIcon(c)})
	}
	for _, s := range askTimes {
		times = append(times, askOption{Value: s.name, Label: b.T("ask.time." + s.name)})
	}
	for _, l := range askLanguageCodes(b) {
		langs = append(langs, askOption{Value: l, Label: b.tr.LanguageName(l)})
	}
	for _, u := range domain.Urgencies {
		urgencies = append(urgencies, askOption{Value: u, Label: b.UrgencyText(u), Hint: b.T("ask.urgency." + u + ".hint")})
	}
	page := &askFormPage{askBase: b,
		Categories: b.askGroup("category", "radio", b.T("ask.form.category.legend"), "", cats),
		TimeOfDay:  b.askGroup("time_of_day", "radio", b.T("ask.form.time.legend"), b.T("ask.form.time.hint"), times),
		Languages:  b.askGroup("languages", "checkbox", b.T("ask.form.languages.legend"), b.T("ask.form.languages.hint"), langs),
		Urgency:    b.askGroup("urgency", "radio", b.T("ask.form.urgency.legend"), "", urgencies),
		Location:   b.LocationField(places, b.Community),
	}
	page.Categories.Tiles = true
	return page
}

// askLanguageCodes are the languages a request may list: the community's,
// and the person's own if the community does not list it.
func askLanguageCodes(b *askBase) []string {
	codes := slices.Clone(b.Community.Languages)
	if l := b.User.Language; l != "" && !slices.Contains(codes, l) {
		codes = append(codes, l)
	}
	return codes
}

// askTime is a part of the day a request may ask for, in minutes after
// midnight. "any" spans the whole day.
type askTime struct {
	name     string
	from, to int
}

var askTimes = []askTime{
	{"any", 0, 23*60 + 59},
	{"morning", 8 * 60, 12 * 60},
	{"afternoon", 12 * 60, 17 * 60},
	{"evening", 17 * 60, 21 * 60},
}

// keepAskForm copies what was submitted into the form, so the page shown
// again keeps every answer.
func keepAskForm(f *form, vals url.Values) {
	for _, name := range []string{"category", "title", "description", "needed_from", "needed_by", "time_of_day", "urgency"} {
		f.set(name, vals.Get(name))
	}
	f.set("languages", strings.Join(vals["languages"], " "))
	keepLocation(f, vals)
}

// readAskForm turns the form into a request. Problems are what the form
// itself got wrong (a date that is no date, a choice not offered); the
// rules of a request are the service's.
func readAskForm(b *askBase, vals url.Values, places []domain.Place) (domain.Request, domain.Problems) {
	var pr domain.Problems
	req := domain.Request{Category: vals.Get("category"), Title: vals.Get("title"),
		Description: vals.Get("description"), Urgency: vals.Get("urgency"),
		Address: vals.Get("address"), Languages: []string{}}
	offered := askLanguageCodes(b)
	for _, l := range vals["languages"] {
		if !slices.Contains(offered, l) {
			pr.Add("languages", "unknown", "choose languages from the list")
			break
		}
		if !slices.Contains(req.Languages, l) {
			req.Languages = append(req.Languages, l)
		}
	}
	slot := slices.IndexFunc(askTimes, func(s askTime) bool { return s.name == vals.Get("time_of_day") })
	if slot < 0 {
		pr.Add("time_of_day", "unknown", "choose a time of day")
		slot = 0
	}
	loc := b.Community.Location()
	if d, ok := askDate(&pr, "needed_from", vals.Get("needed_from"), loc); ok {
		req.NeededFrom = d.Add(time.Duration(askTimes[slot].from) * time.Minute)
	}
	if d, ok := askDate(&pr, "needed_by", vals.Get("needed_by"), loc); ok {
		req.NeededBy = d.Add(time.Duration(askTimes[slot].to) * time.Minute)
	}
	pt, err := readLocation(vals, places)
	if err != nil {
		pr = append(pr, askFieldsOf(err)...)
	}
	req.Location = pt
	return req, pr
}

// askDate reads a date input (YYYY-MM-DD, what browsers send whatever
// they show) as midnight in the community's time zone.
func askDate(pr *domain.Problems, field, s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		pr.Add(field, "required", "choose a date")
		return time.Time{}, false
	}
	d, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		pr.Add(field, "format", "write the date as YYYY-MM-DD")
		return time.Time{}, false
	}
	return d, true
}

// withRequestChecks adds to the form's own problems what the request's
// validation finds in the rest, leaving out what follows from a problem
// already reported: a missing date also makes the window invalid.
func withRequestChecks(req domain.Request, pr domain.Problems) domain.Problems {
	reported := map[string]bool{}
	for _, p := range pr {
		reported[p.Field] = true
	}
	if reported["needed_from"] {
		reported["needed_by"] = true
	}
	if reported["place"] || reported["lat"] || reported["lon"] {
		reported["location"] = true
	}
	req.Normalize()
	for _, fe := range askFieldsOf(req.Validate()) {
		if !reported[fe.Field] {
			pr = append(pr, fe)
			reported[fe.Field] = true
		}
	}
	return pr
}

// fieldsOf returns the field errors of a domain error, nil for nil.
func askFieldsOf(err error) []domain.FieldError {
	if de, ok := err.(*domain.Error); ok {
		return de.Fields
	}
	return nil
}

// askFieldOrder is the order of the form's fields, which the error summary
// follows so that its list reads like the form.
var askFieldOrder = []string{"category", "title", "description", "needed_from", "needed_by", "time_of_day",
	"place", "lat", "lon", "address", "languages", "urgency"}

// failAskForm puts an error on the ask form like form.fail, in this area's
// words where it has its own ("ask.field.<field>.<code>", so that "too
// long" can name the title), with the request's exact location reported
// on the place picker where the person chose it.
func failAskForm(f *form, tr *i18n.Translator, err error) {
	var fields []domain.FieldError
	for _, fe := range askFieldsOf(err) {
		if fe.Field == "location" {
			fe.Field = "place"
		}
		fields = append(fields, fe)
	}
	slices.SortStableFunc(fields, func(a, b domain.FieldError) int {
		return askFieldIndex(a.Field) - askFieldIndex(b.Field)
	})
	var de *domain.Error
	if errors.As(err, &de) {
		copied := *de
		copied.Fields = fields
		err = &copied
	}
	f.fail(tr, err)
	f.Summary = areaMessage(tr, "ask.error.", err)
	worded := map[string]bool{}
	for _, fe := range fields {
		// form.fail shows the first error of a field; so does this.
		if worded[fe.Field] {
			continue
		}
		worded[fe.Field] = true
		msg, ok := tr.Lookup("ask.field." + fe.Field + "." + fe.Code)
		if !ok {
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

func askFieldIndex(field string) int {
	if i := slices.Index(askFieldOrder, field); i >= 0 {
		return i
	}
	return len(askFieldOrder)
}

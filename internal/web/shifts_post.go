package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"mutua/internal/domain"
)

// shiftsPostPage is the form on which those who run an organisation post
// an opportunity with one-off shifts, a weekly rule, or both.
type shiftsPostPage struct {
	*shiftsBase
	Organisation domain.Organisation
	Action       string
	Categories   []option
	Languages    choiceGroup
	Days         choiceGroup
	Location     locationField
	Rows         []shiftsPostRow
	// ShiftsError is the message for the one-off shifts as a whole.
	ShiftsError string
}

// MaxRows is how many single shifts the form takes at most.
func (s *shiftsPostPage) MaxRows() int { return shiftsMaxRows }

// shiftsPostRow is one row of one-off shift fields.
type shiftsPostRow struct {
	Legend                     string
	Date, Start, End, Capacity input
}

// shiftsPostRows is how many one-off shifts the form offers; empty rows
// are ignored, and a weekly rule covers what repeats. With JavaScript the
// "add a shift" button adds rows, up to shiftsMaxRows, which the server
// reads and shows again too.
const (
	shiftsPostRows = 3
	shiftsMaxRows  = 20
)

func (p *Pages) shiftsPostForm(w http.ResponseWriter, r *http.Request) {
	b, org, ok := p.shiftsOrganiser(w, r)
	if !ok {
		return
	}
	places, err := p.svc.Places(r.Context(), b.Community.Slug)
	if err != nil {
		p.shiftsFail(w, r, b.view, r.URL.RequestURI(), err)
		return
	}
	b.Form.set("recurrence.capacity", "")
	p.render(w, r, http.StatusOK, "shifts_post", p.newShiftsPostPage(b, org, places))
}

// shiftsOrganiser loads the organisation for the posting form and checks
// with the service that the person runs it: visitors log in first, others
// get the friendly refusal.
func (p *Pages) shiftsOrganiser(w http.ResponseWriter, r *http.Request) (*shiftsBase, domain.Organisation, bool) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return nil, domain.Organisation{}, false
	}
	b := shiftsBaseOf(c, v, "")
	returnTo := r.URL.Path
	if v.User == nil {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(returnTo), http.StatusSeeOther)
		return nil, domain.Organisation{}, false
	}
	id, err := pathID(r, "organisation")
	if err != nil {
		p.shiftsFail(w, r, v, returnTo, err)
		return nil, domain.Organisation{}, false
	}
	org, err := p.svc.Organisation(r.Context(), c.Slug, id)
	if err != nil {
		p.shiftsFail(w, r, v, returnTo, err)
		return nil, domain.Organisation{}, false
	}
	runs, err := p.svc.RunsOrganisation(r.Context(), c.Slug, id)
	if err == nil && !runs {
		err = domain.Forbidden("not_organiser", "only the organisation's admins and coordinators may do this")
	}
	if err != nil {
		p.shiftsFail(w, r, v, returnTo, err)
		return nil, domain.Organisation{}, false
	}
	return b, org, true
}

// shiftsPost posts the opportunity and shows its page, or shows the form
// again with every mistake next to its field.
func (p *Pages) shiftsPost(w http.ResponseWriter, r *http.Request) {
	b, org, ok := p.shiftsOrganiser(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	places, err := p.svc.Places(r.Context(), b.Community.Slug)
	if err != nil {
		p.shiftsFail(w, r, b.view, r.URL.Path, err)
		return
	}
	keepShiftsPost(b.Form, r.PostForm)
	o, rows, problems := readShiftsPost(b, r.PostForm, places)
	o.OrganisationID = org.ID
	var created domain.Opportunity
	if len(problems) == 0 {
		created, err = p.svc.CreateOpportunity(r.Context(), b.Community.Slug, o)
	} else {
		// Shown with what the opportunity itself would say, so one round
		// trip reports every mistake.
		err = withOpportunityChecks(o, rows, problems).Err()
	}
	switch kind := domain.KindOf(err); {
	case err == nil:
		http.Redirect(w, r, b.OpportunityURL(created.ID), http.StatusSeeOther)
	case kind == domain.KindInvalid || kind == domain.KindConflict:
		failShiftsForm(b.Form, b.tr, inFormOrder(shiftsRowFields(err, rows)))
		p.render(w, r, http.StatusUnprocessableEntity, "shifts_post", p.newShiftsPostPage(b, org, places))
	default:
		p.shiftsFail(w, r, b.view, r.URL.Path, err)
	}
}

// shiftsPostFields are the form's single-valued fields.
var shiftsPostFields = []string{"title", "description", "category", "skills", "online", "min_age", "vetting_required",
	"recurrence.start", "recurrence.end", "recurrence.capacity", "recurrence.until"}

// keepShiftsPost copies what was submitted into the form.
func keepShiftsPost(f *form, vals url.Values) {
	for _, name := range shiftsPostFields {
		f.set(name, vals.Get(name))
	}
	f.set("languages", strings.Join(vals["languages"], " "))
	f.set("recurrence.days", strings.Join(vals["recurrence.days"], " "))
	for i := range shiftsMaxRows {
		for _, part := range []string{"date", "start", "end", "capacity"} {
			name := shiftsRowField(i, part)
			f.set(name, vals.Get(name))
		}
	}
	keepLocation(f, vals)
}

// shiftsRowsShown is how many rows the form shows: the usual three, or as
// many as the person filled in with the script's help.
func shiftsRowsShown(f *form) int {
	n := shiftsPostRows
	for i := range shiftsMaxRows {
		for _, part := range []string{"date", "start", "end", "capacity"} {
			if f.Value(shiftsRowField(i, part)) != "" {
				n = max(n, i+1)
			}
		}
	}
	return n
}

// shiftsRowField names a field of the form's row i: shift1.date for the
// first row's date. The names avoid brackets, which would need escaping
// in the ids and links of the error summary.
func shiftsRowField(i int, part string) string { return fmt.Sprintf("shift%d.%s", i+1, part) }

// readShiftsPost turns the form into an opportunity. rows maps each shift
// of the opportunity to its row on the form, since empty rows are left
// out. Problems are what the form itself got wrong (a date that is no
// date, a row half filled in); the rules are the service's.
func readShiftsPost(b *shiftsBase, vals url.Values, places []domain.Place) (domain.Opportunity, []int, domain.Problems) {
	var pr domain.Problems
	o := domain.Opportunity{Title: vals.Get("title"), Description: vals.Get("description"),
		Category: vals.Get("category"), Address: vals.Get("address"), Online: vals.Get("online") != "",
		VettingRequired: vals.Get("vetting_required") != "", Languages: []string{}, Skills: []string{}}
	if !slices.Contains(b.Community.Categories, o.Category) {
		pr.Add("category", "unknown", "choose a category from the list")
	}
	for _, s := range strings.Split(vals.Get("skills"), ",") {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(o.Skills, s) {
			o.Skills = append(o.Skills, s)
		}
	}
	for _, l := range vals["languages"] {
		if !slices.Contains(domain.Languages, l) {
			pr.Add("languages", "unknown", "choose languages from the list")
			break
		}
		if !slices.Contains(o.Languages, l) {
			o.Languages = append(o.Languages, l)
		}
	}
	if s := strings.TrimSpace(vals.Get("min_age")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			pr.Add("min_age", "range", "the minimum age is 0 to 120")
		}
		o.MinAge = n
	}
	if o.Online {
		o.Location = b.Community.Center
	} else if pt, err := readLocation(vals, places); err != nil {
		pr = append(pr, askFieldsOf(err)...)
	} else {
		o.Location = pt
	}
	loc := b.Community.Location()
	var rows []int
	for i := range shiftsMaxRows {
		sh, filled := readShiftRow(&pr, vals, i, loc)
		if filled {
			o.Shifts = append(o.Shifts, sh)
			rows = append(rows, i)
		}
	}
	o.Recurrence = readShiftRule(&pr, vals)
	return o, rows, pr
}

// readShiftRow reads one row of one-off shift fields; filled is false for
// a row left empty.
func readShiftRow(pr *domain.Problems, vals url.Values, i int, loc *time.Location) (domain.Shift, bool) {
	get := func(part string) string { return strings.TrimSpace(vals.Get(shiftsRowField(i, part))) }
	date, start, end, capacity := get("date"), get("start"), get("end"), get("capacity")
	if date == "" && start == "" && end == "" && capacity == "" {
		return domain.Shift{}, false
	}
	var sh domain.Shift
	day, ok := localDate(date, loc)
	if !ok {
		pr.Add(shiftsRowField(i, "date"), "format", "choose the date of the shift")
	}
	from, err1 := domain.ParseClock(start)
	to, err2 := domain.ParseClock(end)
	if err1 != nil {
		pr.Add(shiftsRowField(i, "start"), "format", "give the start as HH:MM")
	}
	if err2 != nil {
		pr.Add(shiftsRowField(i, "end"), "format", "give the end as HH:MM")
	}
	if ok && err1 == nil && err2 == nil {
		sh.Start = time.Date(day.Year(), day.Month(), day.Day(), from/60, from%60, 0, 0, loc)
		sh.End = time.Date(day.Year(), day.Month(), day.Day(), to/60, to%60, 0, 0, loc)
	}
	sh.Capacity, _ = strconv.Atoi(capacity)
	return sh, true
}

// readShiftRule reads the weekly rule; a rule with no day ticked but other
// answers given is a rule whose days are missing.
func readShiftRule(pr *domain.Problems, vals url.Values) domain.ShiftRule {
	rule := domain.ShiftRule{Start: strings.TrimSpace(vals.Get("recurrence.start")),
		End: strings.TrimSpace(vals.Get("recurrence.end")), Until: strings.TrimSpace(vals.Get("recurrence.until"))}
	rule.Capacity, _ = strconv.Atoi(strings.TrimSpace(vals.Get("recurrence.capacity")))
	for _, d := range domain.Weekdays {
		if slices.Contains(vals["recurrence.days"], d) {
			rule.Days = append(rule.Days, d)
		}
	}
	given := rule.Start != "" || rule.End != "" || rule.Until != "" || strings.TrimSpace(vals.Get("recurrence.capacity")) != ""
	if len(rule.Days) == 0 && given {
		pr.Add("recurrence.days", "required", "choose the days of the week")
	}
	return rule
}

// withOpportunityChecks adds to the form's own problems what the
// opportunity's validation finds in the rest, leaving out what follows
// from a problem already reported: a row with a date that is no date also
// has no start.
func withOpportunityChecks(o domain.Opportunity, rows []int, pr domain.Problems) domain.Problems {
	reported := map[string]bool{}
	for _, p := range pr {
		reported[p.Field] = true
		if row, _, ok := strings.Cut(p.Field, "."); ok && strings.HasPrefix(row, "shift") {
			reported[row] = true
		}
	}
	if reported["place"] || reported["lat"] || reported["lon"] {
		reported["place"] = true
	}
	o.Normalize()
	de, ok := shiftsRowFields(o.Validate(), rows).(*domain.Error)
	if !ok || de == nil {
		return pr
	}
	for _, fe := range de.Fields {
		row, _, _ := strings.Cut(fe.Field, ".")
		if !reported[fe.Field] && !reported[row] {
			pr = append(pr, fe)
			reported[fe.Field] = true
		}
	}
	return pr
}

// shiftsPostOrder is the order of the form's fields, which the error
// summary follows so that its list reads like the form; the rows of single
// shifts come in their order where "shift" stands.
var shiftsPostOrder = []string{"organisation_id", "title", "description", "category", "skills", "languages", "min_age",
	"address", "place", "lat", "lon", "shifts", "shift", "recurrence.days", "recurrence.start", "recurrence.end",
	"recurrence.capacity", "recurrence.until"}

// inFormOrder sorts the fields of a domain error as the form shows them.
func inFormOrder(err error) error {
	de, ok := err.(*domain.Error)
	if !ok {
		return err
	}
	rank := func(field string) (int, string) {
		if m := shiftRow.FindString(field); m != "" && !strings.HasPrefix(m, "shifts[") {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(m, "shift"), "."))
			return slices.Index(shiftsPostOrder, "shift"), fmt.Sprintf("%04d", n)
		}
		if i := slices.Index(shiftsPostOrder, field); i >= 0 {
			return i, ""
		}
		return len(shiftsPostOrder), field
	}
	copied := *de
	copied.Fields = slices.Clone(de.Fields)
	slices.SortStableFunc(copied.Fields, func(a, b domain.FieldError) int {
		ra, sa := rank(a.Field)
		rb, sb := rank(b.Field)
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(sa, sb)
	})
	return &copied
}

// shiftRef matches the service's names of a shift's fields, shifts[k].x.
var shiftRef = regexp.MustCompile(`^shifts\[(\d+)\]\.(\w+)$`)

// shiftsRowFields renames the fields of the opportunity's shifts to the
// rows of the form they came from, and reports a shift's exact location
// on the place picker where the person chose it.
func shiftsRowFields(err error, rows []int) error {
	de, ok := err.(*domain.Error)
	if !ok {
		return err
	}
	copied := *de
	copied.Fields = nil
	for _, fe := range de.Fields {
		if m := shiftRef.FindStringSubmatch(fe.Field); m != nil {
			if k, _ := strconv.Atoi(m[1]); k < len(rows) {
				fe.Field = shiftsRowField(rows[k], m[2])
			}
		}
		if fe.Field == "location" {
			fe.Field = "place"
		}
		copied.Fields = append(copied.Fields, fe)
	}
	return &copied
}

// newShiftsPostPage describes the form from the values and errors on b.Form.
func (p *Pages) newShiftsPostPage(b *shiftsBase, org domain.Organisation, places []domain.Place) *shiftsPostPage {
	page := &shiftsPostPage{shiftsBase: b, Organisation: org,
		Action:     b.OrganisationURL(org.ID) + "/opportunities/new",
		Categories: shiftsCategoryOptions(b, b.T("shifts.post.category.choose")),
		Languages: b.choices("languages", "checkbox", b.T("shifts.post.languages.legend"), b.T("shifts.post.languages.hint"),
			b.languageChoices(), strings.Fields(b.Form.Value("languages"))),
		Location:    b.LocationField(places, b.Community).WithoutAddress(),
		ShiftsError: b.Form.Error("shifts"),
	}
	var days []choice
	for _, d := range domain.Weekdays {
		days = append(days, choice{Value: d, Label: b.T("shifts.day." + d)})
	}
	page.Days = b.choices("recurrence.days", "checkbox", b.T("shifts.post.rule.days"), "", days,
		strings.Fields(b.Form.Value("recurrence.days")))
	for i := range shiftsRowsShown(b.Form) {
		page.Rows = append(page.Rows, shiftsPostRow{Legend: b.T("shifts.post.shift.legend", "Number", i+1),
			Date:     b.ShiftsInput(shiftsRowField(i, "date"), "date", b.T("shifts.post.shift.date"), "", false),
			Start:    b.ShiftsInput(shiftsRowField(i, "start"), "time", b.T("shifts.post.shift.start"), "", false),
			End:      b.ShiftsInput(shiftsRowField(i, "end"), "time", b.T("shifts.post.shift.end"), "", false),
			Capacity: b.ShiftsInput(shiftsRowField(i, "capacity"), "text", b.T("shifts.post.shift.capacity"), "", false).Numeric(),
		})
	}
	return page
}

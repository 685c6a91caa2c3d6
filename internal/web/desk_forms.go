package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
)

// Forms of the desk: the messages a coordinator reads, groups of choices,
// and times typed in the community's time zone.

// deskFieldLimits are the numbers some of the desk's field messages mention.
var deskFieldLimits = map[string][]any{
	"name.length":        {i18n.CountArg, domain.MaxPersonNameLen},
	"title.length":       {i18n.CountArg, domain.MaxTitleLen},
	"description.length": {i18n.CountArg, domain.MaxDescriptionLen},
	"notes.length":       {i18n.CountArg, domain.MaxNotesLen},
	"address.length":     {i18n.CountArg, domain.MaxAddressLen},
}

// deskFieldNames maps the service's field names to the inputs of the desk's
// forms where they differ: a location is chosen with the shared picker's
// place select, and names with a dot would make ids that CSS selectors and
// links read as an id and a class.
var deskFieldNames = map[string]string{
	"location":         "place",
	"consent.method":   "consent_method",
	"consent.given_at": "consent_given_at",
	"recurrence":       "recurrence_kind",
	"recurrence.kind":  "recurrence_kind",
	"recurrence.days":  "recurrence_days",
	"recurrence.until": "recurrence_until",
}

// failForm puts a service error on the page's form. It is form.fail with the
// desk's own messages first ("desk.field.<field>.<code>",
// "desk.error.<code>"): the desk speaks to a coordinator about a caller
// ("enter the person's name"), where the shared messages speak to the
// person themself ("enter your name").
func (d *deskView) failForm(err error) {
	f := d.Form
	f.Summary = d.errorText(err)
	var de *domain.Error
	if !errors.As(err, &de) {
		return
	}
	for _, fe := range de.Fields {
		if name, ok := deskFieldNames[fe.Field]; ok {
			fe.Field = name
		}
		if _, seen := f.errors[fe.Field]; seen {
			continue
		}
		msg, ok := d.tr.Lookup("desk.field."+fe.Field+"."+fe.Code, deskFieldLimits[fe.Field+"."+fe.Code]...)
		if !ok {
			msg = fieldMessage(d.tr, fe)
		}
		f.errors[fe.Field] = msg
		f.Problems = append(f.Problems, problem{ID: fieldID(fe.Field), Message: msg})
	}
}

// errorText translates a service error, preferring the desk's message for
// its code.
func (d *deskView) errorText(err error) string {
	return areaMessage(d.tr, "desk.error.", err)
}

// deskFormFailed shows a desk form again with the service's complaint when
// the coordinator can fix it, with the status that says so; anything else
// gets the error pages. build makes the page's data once the errors are on
// the form, so that parts built from the form (the location picker) show
// them.
func (p *Pages) deskFormFailed(w http.ResponseWriter, r *http.Request, name string, d *deskView, err error, build func() page) {
	switch domain.KindOf(err) {
	case domain.KindInvalid, domain.KindConflict:
		d.failForm(err)
		p.render(w, r, httpx.Status(err), name, build())
	default:
		p.fail(w, r, d.view, err)
	}
}

// deskChoice is one radio button or checkbox of a group.
type deskChoice struct {
	Value, Label string
	// Lang marks a label in its own language.
	Lang    string
	Checked bool
}

// deskChoiceGroup is what the desk_choices partial renders: a fieldset of radio
// buttons or checkboxes with its legend, hint and error.
type deskChoiceGroup struct {
	ID, Name, Type, Legend, Hint string
	Error, ErrorPrefix           string
	Choices                      []deskChoice
}

// DescribedBy lists the ids of the hint and error, for aria-describedby.
func (g deskChoiceGroup) DescribedBy() string {
	return input{ID: g.ID, Hint: g.Hint, Error: g.Error}.DescribedBy()
}

// Radios describes a choice of one option.
func (d *deskView) Radios(name, legend, hint string, opts []option) deskChoiceGroup {
	return d.choices("radio", name, legend, hint, opts)
}

// Checks describes a choice of any number of options.
func (d *deskView) Checks(name, legend, hint string, opts []option) deskChoiceGroup {
	return d.choices("checkbox", name, legend, hint, opts)
}

// choices marks the options the form holds: several checkboxes are kept as
// one value joined by commas (setDeskList), which no code or value contains.
func (d *deskView) choices(kind, name, legend, hint string, opts []option) deskChoiceGroup {
	chosen := strings.Split(d.Form.Value(name), ",")
	g := deskChoiceGroup{ID: fieldID(name), Name: name, Type: kind, Legend: legend, Hint: hint,
		Error: d.Form.Error(name), ErrorPrefix: d.T("form.error.prefix")}
	for _, o := range opts {
		g.Choices = append(g.Choices, deskChoice{Value: o.Value, Label: o.Label, Lang: o.Lang, Checked: slices.Contains(chosen, o.Value)})
	}
	return g
}

// setDeskList keeps the values of a group of checkboxes in the form.
func setDeskList(f *form, name string, values []string) { f.set(name, strings.Join(values, ",")) }

// deskOptional is an input that may stay empty: the desk_field partial
// leaves out "required", which the shared field partial always sets.
type deskOptional struct {
	input
	InputMode string
}

// Optional marks an input as one that may stay empty.
func (d *deskView) Optional(in input) deskOptional { return deskOptional{input: in} }

// Phone is an optional input for a phone number, with the keypad of digits
// on phones.
func (d *deskView) Phone(in input) deskOptional { return deskOptional{input: in, InputMode: "tel"} }

// deskLocalLayout is the value of an <input type="datetime-local">.
const deskLocalLayout = "2006-01-02T15:04"

// parseDeskTime reads a date and time typed in the community's time zone. It
// takes the browser's datetime-local value and, for browsers that show a
// plain text box instead, the same with a space.
func parseDeskTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{deskLocalLayout, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// formatDeskTime writes t for an <input type="datetime-local"> in loc.
func formatDeskTime(t time.Time, loc *time.Location) string { return t.In(loc).Format(deskLocalLayout) }

// languageOptions offers the languages in codes, each named in the page's
// language, without repeats.
func (d *deskView) languageOptions(codes ...[]string) []option {
	var opts []option
	seen := map[string]bool{}
	for _, list := range codes {
		for _, c := range list {
			if seen[c] {
				continue
			}
			seen[c] = true
			opts = append(opts, option{Value: c, Label: d.tr.LanguageName(c)})
		}
	}
	return opts
}

// deskQueryWith returns the query of the current page with one value changed,
// for the links of a list's pages.
func deskQueryWith(q url.Values, name, value string) string {
	out := url.Values{}
	for k, v := range q {
		out[k] = v
	}
	if value == "" {
		out.Del(name)
	} else {
		out.Set(name, value)
	}
	return out.Encode()
}

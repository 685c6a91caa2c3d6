package web

import (
	"errors"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// form keeps what a person typed and what was wrong with it, so a form that
// comes back with errors shows their answers and every message at once.
// Passwords are never put in a form: a re-rendered page must not echo one.
type form struct {
	values map[string]string
	errors map[string]string
	// Summary is the translated message at the top of the form.
	Summary string
	// Problems lists the invalid fields in the order the service reported
	// them, for the links in the summary.
	Problems []problem
}

// problem is one line of the error summary, linking to its field.
type problem struct {
	ID, Message string
}

func newForm() *form {
	return &form{values: map[string]string{}, errors: map[string]string{}}
}

// set records a submitted value to show again.
func (f *form) set(name, value string) { f.values[name] = value }

// Value returns the submitted value of a field.
func (f *form) Value(name string) string { return f.values[name] }

// Error returns the translated message for a field, or "".
func (f *form) Error(name string) string { return f.errors[name] }

// fail puts a service error on the form: a summary from its code and a
// message for each field it names.
func (f *form) fail(tr *i18n.Translator, err error) {
	f.Summary = errorMessage(tr, err)
	var de *domain.Error
	if !errors.As(err, &de) {
		return
	}
	for _, fe := range de.Fields {
		if _, seen := f.errors[fe.Field]; seen {
			continue
		}
		msg := fieldMessage(tr, fe)
		f.errors[fe.Field] = msg
		f.Problems = append(f.Problems, problem{ID: fieldID(fe.Field), Message: msg})
	}
}

// fieldLimits are the numbers some field messages mention, so the message
// says "at least 10 characters" with the limit the domain enforces.
var fieldLimits = map[string][]any{
	"password.too_short": {i18n.CountArg, domain.MinPasswordLen},
	"password.too_long":  {i18n.CountArg, domain.MaxPasswordLen},
	"name.length":        {i18n.CountArg, domain.MaxPersonNameLen},
}

// fieldMessage translates one field error: first the message for this field
// and code ("field.email.format"), then the one for the code alone
// ("field.format"), then a general one. The service's English message is
// never shown: it is for API clients and logs.
func fieldMessage(tr *i18n.Translator, fe domain.FieldError) string {
	if msg, ok := tr.Lookup("field."+fe.Field+"."+fe.Code, fieldLimits[fe.Field+"."+fe.Code]...); ok {
		return msg
	}
	if msg, ok := tr.Lookup("field." + fe.Code); ok {
		return msg
	}
	return tr.T("field.invalid")
}

func fieldID(name string) string { return "f-" + name }

// input is what the "field" and "select" partials render: one labelled
// control with its hint, its error and the ARIA links between them.
type input struct {
	ID, Name, Type, Label, Hint string
	Autocomplete, Value, Error  string
	ErrorPrefix                 string
	// InputMode asks phones for a keyboard, such as "numeric".
	InputMode string
	// Optional leaves out the required attribute, for fields that may
	// stay empty.
	Optional bool
	Options  []option
}

// MayBeEmpty returns the field without the required attribute.
func (in input) MayBeEmpty() input {
	in.Optional = true
	return in
}

// Numeric makes the field ask for a whole number: a text field with the
// numeric keyboard, which (unlike type=number) accepts what people type
// and leaves checking to the server.
func (in input) Numeric() input {
	in.Type, in.InputMode = "text", "numeric"
	return in
}

// DescribedBy lists the ids of the hint and error, for aria-describedby.
func (in input) DescribedBy() string {
	var ids []string
	if in.Hint != "" {
		ids = append(ids, in.ID+"-hint")
	}
	if in.Error != "" {
		ids = append(ids, in.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// Input describes a text-like field for the "field" partial. Templates pass
// the label and hint already translated, so their keys stay literal in the
// template where the unused-key check can see them.
func (v *view) Input(name, inputType, label, autocomplete string, hint ...string) input {
	in := input{ID: fieldID(name), Name: name, Type: inputType, Label: label, Autocomplete: autocomplete,
		Value: v.Form.Value(name), Error: v.Form.Error(name), ErrorPrefix: v.T("form.error.prefix")}
	if len(hint) > 0 {
		in.Hint = hint[0]
	}
	return in
}

// Select describes a choice among options for the "select" partial; the
// option matching the submitted value is selected.
func (v *view) Select(name, label, hint string, options []option) input {
	in := v.Input(name, "", label, "", hint)
	in.Options = make([]option, len(options))
	for i, o := range options {
		o.Selected = o.Value == in.Value
		in.Options[i] = o
	}
	return in
}

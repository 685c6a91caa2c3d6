package web

import (
	"slices"
	"strings"
)

// askChoices is a group of radio buttons or checkboxes for the
// "ask_choices" partial: each option a large labelled target, with an icon
// where pictures help people find their answer (the kinds of help).
type askChoices struct {
	ID, Name, Legend, Hint, Error, ErrorPrefix string
	// Type is "radio" or "checkbox".
	Type    string
	Options []askOption
	// Tiles lays the options out as a grid of tiles rather than a list.
	Tiles bool
}

// askOption is one choice of a group.
type askOption struct {
	Value, Label, Hint string
	// Icon is a static file name for asset, or "".
	Icon    string
	Checked bool
}

// DescribedBy lists the ids of the hint and error, for the fieldset's
// aria-describedby: screen readers announce them on entering the group.
func (c askChoices) DescribedBy() string {
	var ids []string
	if c.Hint != "" {
		ids = append(ids, c.ID+"-hint")
	}
	if c.Error != "" {
		ids = append(ids, c.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// askGroup describes a group named name whose submitted value (for
// checkboxes, the values joined by spaces) decides what is checked.
func (v *view) askGroup(name, inputType, legend, hint string, options []askOption) askChoices {
	checked := strings.Fields(v.Form.Value(name))
	out := askChoices{ID: fieldID(name), Name: name, Type: inputType, Legend: legend, Hint: hint,
		Error: v.Form.Error(name), ErrorPrefix: v.T("form.error.prefix")}
	for _, o := range options {
		o.Checked = slices.Contains(checked, o.Value)
		out.Options = append(out.Options, o)
	}
	return out
}

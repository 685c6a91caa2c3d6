package web

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// The numbers the admin area's field messages mention, added to the shared
// table at start so the messages quote the domain's limits.
func init() {
	fieldLimits["community_name.length"] = []any{i18n.CountArg, domain.MaxNameLen}
	fieldLimits["place_name.length"] = []any{i18n.CountArg, domain.MaxPlaceNameLen}
	fieldLimits["community_radius.range"] = []any{i18n.CountArg, domain.MaxRadiusKM}
	fieldLimits["new_password.too_short"] = []any{i18n.CountArg, domain.MinPasswordLen}
	fieldLimits["new_password.too_long"] = []any{i18n.CountArg, domain.MaxPasswordLen}
}

// choiceGroup is what the "admin_choices" partial renders: a fieldset of
// checkboxes or radio buttons under one legend, with the group's hint and
// error tied to the fieldset.
type choiceGroup struct {
	ID, Name, Type      string
	Legend, Hint, Error string
	ErrorPrefix         string
	Options             []choice
}

// choice is one checkbox or radio button; Hint explains it below its label.
type choice struct {
	ID, Value, Label, Hint, Lang string
	Checked                      bool
}

// DescribedBy lists the ids of the hint and error, for aria-describedby.
func (g choiceGroup) DescribedBy() string {
	return input{ID: g.ID, Hint: g.Hint, Error: g.Error}.DescribedBy()
}

// choices builds a group of name's options; those in checked are ticked.
// Options come with their labels; their ids derive from name and value.
func (v *view) choices(name, inputType, legend, hint string, options []choice, checked []string) choiceGroup {
	g := choiceGroup{ID: fieldID(name), Name: name, Type: inputType, Legend: legend, Hint: hint,
		Error: v.Form.Error(name), ErrorPrefix: v.T("form.error.prefix")}
	for _, o := range options {
		o.ID = g.ID + "-" + o.Value
		o.Checked = slices.Contains(checked, o.Value)
		g.Options = append(g.Options, o)
	}
	return g
}

// categoryChoices are the categories of help as checkboxes' options.
func (v *view) categoryChoices() []choice {
	out := make([]choice, len(domain.Categories))
	for i, c := range domain.Categories {
		out[i] = choice{Value: c, Label: v.Category(c)}
	}
	return out
}

// languageChoices are the languages with a catalogue as options, named in
// the page's language.
func (v *view) languageChoices() []choice {
	out := make([]choice, len(domain.Languages))
	for i, l := range domain.Languages {
		out[i] = choice{Value: l, Label: v.languageLabel(l)}
	}
	return out
}

// languageLabel names a language in the page's language as a label
// starts: "Slovenščina", where running text says "slovenščina".
func (v *view) languageLabel(code string) string {
	name := v.tr.LanguageName(code)
	first, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(first)) + name[size:]
}

// roleOptions names roles for a select, least trusted first.
func (v *view) roleOptions(roles []domain.Role) []option {
	out := make([]option, len(roles))
	for i, r := range roles {
		out[i] = option{Value: string(r), Label: v.RoleName(r)}
	}
	return out
}

// Coord writes a coordinate with six decimals and a point, as maps and
// GPS devices show them in every language.
func (v *view) Coord(x float64) string { return formatCoord(x) }

// decimalValue writes x for an input's value: a point as the separator and
// no needless digits, which every browser and parseDecimal read back.
func decimalValue(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// parseDecimal reads a number typed with a decimal point or comma. Anything
// else is 0, which every field that uses it refuses with its own message.
func parseDecimal(s string) float64 {
	x, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	if err != nil {
		return 0
	}
	return x
}

// adminInput is a text-like field for the "admin_input" partial: what the
// "field" partial shows, but optional unless Required, with an inputmode
// for the phone's keyboard and a hook for the page's script.
type adminInput struct {
	input
	Required  bool
	InputMode string
	// Hook marks the input for a script: "radius" (the radius drawn by
	// the location picker), "lat" or "lng" (the point picker's fields).
	Hook string
}

// AdminInput describes a text field; inputMode is "" or an inputmode such
// as "decimal".
func (v *view) AdminInput(name, label, hint string, required bool, inputMode, hook string) adminInput {
	in := v.Input(name, "text", label, "off", hint)
	return adminInput{input: in, Required: required, InputMode: inputMode, Hook: hook}
}

// renamed returns err with field names changed by names, for forms whose
// fields are named more precisely than the service's: a community's "name"
// is not a person's name, whose messages the shared catalogue has.
func renamed(err error, names map[string]string) error {
	var de *domain.Error
	if !errors.As(err, &de) || len(de.Fields) == 0 {
		return err
	}
	out := *de
	out.Fields = make([]domain.FieldError, len(de.Fields))
	for i, f := range de.Fields {
		if n, ok := names[f.Field]; ok {
			f.Field = n
		}
		out.Fields[i] = f
	}
	return &out
}

// pointField is what the "admin_point" partial renders: a point as two
// typed coordinates, which a script turns into a map with a pin.
type pointField struct {
	ID, Legend, Hint, Error, ErrorPrefix string
	Lat, Lng                             adminInput
	// Center and RadiusKM place the map; a zero radius shows no area.
	Center   domain.Point
	RadiusKM float64
	Zoom     int
	Tiles    Tiles
	MapLabel string
}

// DescribedBy lists the ids of the hint and error, for aria-describedby.
func (f pointField) DescribedBy() string {
	return input{ID: f.ID, Hint: f.Hint, Error: f.Error}.DescribedBy()
}

// pointField describes the point named name (its error), typed into lat
// and lng, on a map around center.
func (v *view) pointField(name, legend, hint string, center domain.Point, radiusKM float64, zoom int) pointField {
	return pointField{ID: fieldID(name), Legend: legend, Hint: hint, Error: v.Form.Error(name),
		ErrorPrefix: v.T("form.error.prefix"),
		Lat:         v.AdminInput("lat", v.T("location.lat.label"), "", true, "decimal", "lat"),
		Lng:         v.AdminInput("lon", v.T("location.lon.label"), "", true, "decimal", "lng"),
		Center:      center, RadiusKM: radiusKM, Zoom: zoom, Tiles: v.tiles, MapLabel: v.T("admin.point.map"),
	}
}

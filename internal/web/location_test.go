package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/url"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

var testPlaces = []domain.Place{
	{ID: 7, Name: "Petrovče", Point: domain.Point{Lat: 46.2456, Lng: 15.2172}},
	{ID: 9, Name: "Griže", Point: domain.Point{Lat: 46.2544, Lng: 15.1328}},
}

func TestReadLocation(t *testing.T) {
	cases := []struct {
		name   string
		form   url.Values
		want   domain.Point
		fields []string // fields the error names; none means success
	}{
		{"a named place", url.Values{"place": {"9"}}, testPlaces[1].Point, nil},
		{"a pin", url.Values{"place": {"pin"}, "lat": {"46.25"}, "lon": {"15.16"}}, domain.Point{Lat: 46.25, Lng: 15.16}, nil},
		{"a decimal comma", url.Values{"place": {"pin"}, "lat": {"46,25"}, "lon": {"15,5"}}, domain.Point{Lat: 46.25, Lng: 15.5}, nil},
		{"coordinates without choosing pin", url.Values{"lat": {"46.1"}, "lon": {"15.1"}}, domain.Point{Lat: 46.1, Lng: 15.1}, nil},
		{"a place wins over old coordinates", url.Values{"place": {"7"}, "lat": {"1"}, "lon": {"2"}}, testPlaces[0].Point, nil},
		{"nothing", url.Values{}, domain.Point{}, []string{"place"}},
		{"a place of another community", url.Values{"place": {"8"}}, domain.Point{}, []string{"place"}},
		{"pin without coordinates", url.Values{"place": {"pin"}}, domain.Point{}, []string{"lat", "lon"}},
		{"latitude out of range", url.Values{"place": {"pin"}, "lat": {"91"}, "lon": {"15"}}, domain.Point{}, []string{"lat"}},
		{"not a number", url.Values{"place": {"pin"}, "lat": {"46"}, "lon": {"east"}}, domain.Point{}, []string{"lon"}},
		{"NaN is not a number", url.Values{"place": {"pin"}, "lat": {"NaN"}, "lon": {"15"}}, domain.Point{}, []string{"lat"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readLocation(tc.form, testPlaces)
			if len(tc.fields) == 0 {
				if err != nil || got != tc.want {
					t.Fatalf("readLocation = %v, %v; want %v", got, err, tc.want)
				}
				return
			}
			var de *domain.Error
			if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
				t.Fatalf("err = %v, want an invalid-input error", err)
			}
			var named []string
			for _, fe := range de.Fields {
				named = append(named, fe.Field)
			}
			if strings.Join(named, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("error names %v, want %v", named, tc.fields)
			}
		})
	}
}

// TestLocationPartial renders the picker as a re-shown form: the choice
// and the coordinates come back, the error sits next to its field, and
// every text is translated.
func TestLocationPartial(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := template.Must(template.New("t").Funcs(template.FuncMap{"asset": func(string) (string, error) { return "/x", nil }}).
		ParseFS(templateFiles, "templates/partials/location.html", "templates/partials/field.html"))
	v := &view{tr: cat.Translator("sl"), Lang: "sl", Form: newForm(), tiles: Tiles{URL: "https://t.example/{z}/{x}/{y}.png"}}
	keepLocation(v.Form, url.Values{"address": {"Savinjska 10"}, "place": {"pin"}, "lat": {"46.25"}, "lon": {"x"}})
	_, err = readLocation(url.Values{"place": {"pin"}, "lat": {"46.25"}, "lon": {"x"}}, testPlaces)
	v.Form.fail(v.tr, err)
	c := domain.Community{Center: domain.Point{Lat: 46.25, Lng: 15.16}, RadiusKM: 12}
	var out bytes.Buffer
	if err := tmpl.ExecuteTemplate(&out, "location", v.LocationField(testPlaces, c)); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, want := range []string{
		`value="Savinjska 10"`, `<option value="pin" selected>`, `data-lat="46.245600"`, `value="46.25"`,
		`<details class="location-coordinates" open>`, `aria-invalid="true"`, "Vnesite število",
		"Zemljepisna širina", `data-tiles="https://t.example/{z}/{x}/{y}.png"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered picker lacks %q", want)
		}
	}
	out.Reset()
	if err := tmpl.ExecuteTemplate(&out, "location", v.LocationField(nil, c).WithoutAddress()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), `name="address"`) {
		t.Error("WithoutAddress still asks for an address")
	}
}

func TestPresetPoint(t *testing.T) {
	f := newForm()
	presetPoint(f, domain.Point{Lat: 46.2, Lng: 15.1})
	if f.Value("place") != placePin || f.Value("lat") != "46.200000" || f.Value("lon") != "15.100000" {
		t.Errorf("preset gave place %q lat %q lon %q", f.Value("place"), f.Value("lat"), f.Value("lon"))
	}
	f = newForm()
	f.set("place", "7")
	presetPoint(f, domain.Point{Lat: 46.2, Lng: 15.1})
	if f.Value("place") != "7" || f.Value("lat") != "" {
		t.Error("preset overwrote the submitted choice")
	}
}

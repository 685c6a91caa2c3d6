package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/httpx"
)

// adminSettingsPage is the form with everything an admin may change about
// the community.
type adminSettingsPage struct {
	*adminBase
	Location                        locationField
	Languages, Categories, Vetting  choiceGroup
	OfferModes                      choiceGroup
	DefaultLanguages, Zones         []option
	checkedLanguages, checkedCats   []string
	checkedVetting, checkedOffering []string
}

// timezones are offered in the time zone select: those of the countries
// whose languages mutua speaks and their neighbours. A community elsewhere
// keeps its own zone, which is added to the list.
var timezones = []string{
	"Europe/Amsterdam", "Europe/Berlin", "Europe/Brussels", "Europe/Budapest", "Europe/Dublin",
	"Europe/Lisbon", "Europe/Ljubljana", "Europe/London", "Europe/Luxembourg", "Europe/Madrid",
	"Europe/Paris", "Europe/Prague", "Europe/Rome", "Europe/Vienna", "Europe/Zagreb", "Europe/Zurich",
}

func (p *Pages) adminSettingsForm(w http.ResponseWriter, r *http.Request) {
	b, ok := p.adminEditor(w, r, "settings", r.URL.Path)
	if !ok {
		return
	}
	c, err := p.svc.CommunitySettings(r.Context(), b.Rights.Community.Slug)
	if err != nil {
		p.adminFailed(w, r, b.view, r.URL.Path, err)
		return
	}
	places, err := p.svc.Places(r.Context(), c.Slug)
	if err != nil {
		p.adminFailed(w, r, b.view, r.URL.Path, err)
		return
	}
	f := b.Form
	f.set("community_name", c.Name)
	f.set("default_language", c.DefaultLanguage())
	f.set("other_languages", strings.Join(otherLanguages(c.Languages), ", "))
	f.set("community_radius", decimalValue(c.RadiusKM))
	f.set("timezone", c.Timezone)
	presetPoint(f, c.Center)
	page := &adminSettingsPage{adminBase: b, checkedLanguages: c.Languages, checkedCats: c.Categories,
		checkedVetting: c.VettingCategories, checkedOffering: []string{c.OfferMode}}
	p.renderSettings(w, r, http.StatusOK, page, places, c)
}

// adminSaveSettings saves the whole form. The location comes first: the
// service cannot tell a centre that failed to parse from a real one.
func (p *Pages) adminSaveSettings(w http.ResponseWriter, r *http.Request) {
	formPage := adminURL(r.PathValue("slug"), "settings")
	b, ok := p.adminEditor(w, r, "settings", formPage)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	slug := b.Rights.Community.Slug
	places, err := p.svc.Places(r.Context(), slug)
	if err != nil {
		p.adminFailed(w, r, b.view, formPage, err)
		return
	}
	in := settingsInput(r.PostForm)
	for _, name := range []string{"community_name", "default_language", "other_languages", "community_radius", "timezone"} {
		b.Form.set(name, r.PostForm.Get(name))
	}
	keepLocation(b.Form, r.PostForm)
	page := &adminSettingsPage{adminBase: b, checkedLanguages: in.Languages, checkedCats: in.Categories,
		checkedVetting: in.VettingCategories, checkedOffering: []string{in.OfferMode}}
	center, err := readLocation(r.PostForm, places)
	if err == nil {
		in.Center = center
		_, err = p.svc.UpdateCommunity(r.Context(), slug, in)
	}
	if err != nil {
		if failedForm(err) {
			b.Form.fail(b.tr, renamed(err, communityFields))
			p.renderSettings(w, r, httpx.Status(err), page, places, b.Rights.Community)
			return
		}
		p.adminFailed(w, r, b.view, formPage, err)
		return
	}
	http.Redirect(w, r, withNotice(formPage, "settings"), http.StatusSeeOther)
}

// communityFields renames the service's fields of a community to the
// forms': their messages differ from a person's name or a volunteer's
// languages and radius, which other forms have.
var communityFields = map[string]string{
	"name": "community_name", "languages": "community_languages", "radius_km": "community_radius",
	"center": "community_center",
}

// failedForm reports whether err is about the submitted values, so the form
// should come back with messages rather than an error page.
func failedForm(err error) bool {
	switch domain.KindOf(err) {
	case domain.KindInvalid, domain.KindConflict:
		return true
	}
	return false
}

// renderSettings builds the form's groups and selects and shows it. c gives
// the map its area and the lists their current extras.
func (p *Pages) renderSettings(w http.ResponseWriter, r *http.Request, status int, page *adminSettingsPage, places []domain.Place, c domain.Community) {
	v := page.view
	page.Location = v.LocationField(places, c).WithoutAddress()
	page.Languages = v.choices("community_languages", "checkbox", v.T("admin.settings.languages.legend"),
		v.T("admin.settings.languages.hint"), v.languageChoices(), page.checkedLanguages)
	page.Categories = v.choices("categories", "checkbox", v.T("admin.settings.categories.legend"),
		v.T("admin.settings.categories.hint"), v.categoryChoices(), page.checkedCats)
	page.Vetting = v.choices("vetting_categories", "checkbox", v.T("admin.settings.vetting.legend"),
		v.T("admin.settings.vetting.hint"), v.categoryChoices(), page.checkedVetting)
	page.OfferModes = v.choices("offer_mode", "radio", v.T("admin.settings.offer.legend"), "", []choice{
		{Value: domain.OfferApproval, Label: v.T("admin.settings.offer.approval"), Hint: v.T("admin.settings.offer.approval.hint")},
		{Value: domain.OfferDirect, Label: v.T("admin.settings.offer.direct"), Hint: v.T("admin.settings.offer.direct.hint")},
	}, page.checkedOffering)
	for _, l := range withCurrent(domain.Languages, c.DefaultLanguage()) {
		page.DefaultLanguages = append(page.DefaultLanguages, option{Value: l, Label: v.languageLabel(l)})
	}
	for _, z := range withCurrent(timezones, c.Timezone) {
		page.Zones = append(page.Zones, option{Value: z, Label: z})
	}
	p.render(w, r, status, "admin_settings", page)
}

// withCurrent returns list with current added when it is missing, so a
// select never silently changes a value nobody touched.
func withCurrent(list []string, current string) []string {
	if current == "" || slices.Contains(list, current) {
		return list
	}
	return append(slices.Clone(list), current)
}

// settingsInput reads the form into a community, except for the centre.
// The main language comes first, then the ticked ones, then the others
// typed as codes; repeats are dropped, as ticking the main language too is
// natural and not a mistake.
func settingsInput(form url.Values) domain.Community {
	langs := []string{}
	add := func(l string) {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	add(form.Get("default_language"))
	for _, l := range domain.Languages {
		if slices.Contains(form["community_languages"], l) {
			add(l)
		}
	}
	for _, l := range strings.FieldsFunc(form.Get("other_languages"), func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		add(strings.ToLower(l))
	}
	return domain.Community{
		Name: form.Get("community_name"), Languages: langs, RadiusKM: parseDecimal(form.Get("community_radius")),
		Categories: known(form["categories"]),
		Settings: domain.Settings{Timezone: strings.TrimSpace(form.Get("timezone")),
			VettingCategories: known(form["vetting_categories"]), OfferMode: form.Get("offer_mode")},
	}
}

// known keeps the categories of domain.Categories among values, in their
// order; a forged value is dropped like an unticked box.
func known(values []string) []string {
	out := []string{}
	for _, c := range domain.Categories {
		if slices.Contains(values, c) {
			out = append(out, c)
		}
	}
	return out
}

// otherLanguages are the community's languages without a catalogue, which
// the form shows as typed codes.
func otherLanguages(langs []string) []string {
	var out []string
	for _, l := range langs {
		if !slices.Contains(domain.Languages, l) {
			out = append(out, l)
		}
	}
	return out
}

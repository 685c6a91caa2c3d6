package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// volunteerProfilePage is the onboarding form, which also edits the profile
// later. Without JavaScript it is one long form, a fieldset with a heading
// per step; volunteer.js shows one step at a time.
type volunteerProfilePage struct {
	*view
	Community domain.Community
	Nav       volunteerNav
	// Existing is true when the person has a profile already.
	Existing  bool
	Skills    []volChoice
	Languages []volChoice
	Radius    []volChoice
	MaxActive []volChoice
	Grid      volGrid
	// Kept are saved weekly times the grid cannot show (from the API, say),
	// offered to keep as they are.
	Kept   []volChoice
	places []domain.Place
}

// volChoice is one checkbox, radio button or option of a group.
type volChoice struct {
	ID, Value, Label string
	Checked          bool
}

// volRadiusKM are the distances offered, in km: a walk, a bike ride, a
// short and a longer drive.
var volRadiusKM = []float64{1, 2, 5, 10, 20, 50}

// volMaxActiveChoices are the numbers of tasks at a time offered; a profile
// saved with another number keeps it as one more choice.
var volMaxActiveChoices = []int{1, 2, 3, 4, 5}

// volExtraLanguages are offered besides the community's and the catalogues'
// languages: those most spoken by newcomers in the communities mutua is
// translated for. A profile's other languages are always offered too.
var volExtraLanguages = []string{"hr", "bs", "sr", "it", "hu", "pl", "uk", "ru", "es", "pt", "tr", "ar"}

// volGroup is a fieldset of checkboxes or radio buttons with its legend,
// hint and error, drawn by the volunteer_checks template.
type volGroup struct {
	ID, Name, Type, Class string
	Legend, Hint          string
	Error, ErrorPrefix    string
	Choices               []volChoice
}

// DescribedBy lists the ids of the hint and the error, for aria-describedby.
func (g volGroup) DescribedBy() string {
	if g.Error != "" {
		return g.ID + "-hint " + g.ID + "-error"
	}
	return g.ID + "-hint"
}

// Group describes the fieldset of choices for the form field name; kind is
// "checkbox" or "radio", class an extra class of the list ("" for none).
func (pg *volunteerProfilePage) Group(name, kind, legend, hint string, choices []volChoice, class string) volGroup {
	return volGroup{ID: fieldID(name), Name: name, Type: kind, Class: class, Legend: legend, Hint: hint,
		Error: pg.Form.Error(name), ErrorPrefix: pg.T("form.error.prefix"), Choices: choices}
}

// volAnswers are the answers of the form, from a saved profile or from a
// submission, so that both render the same way.
type volAnswers struct {
	skills, languages, slots, kept map[string]bool
	radius, maxActive              string
	order                          []string // languages in the order first met
}

func newVolAnswers() volAnswers {
	return volAnswers{skills: map[string]bool{}, languages: map[string]bool{}, slots: map[string]bool{}, kept: map[string]bool{}}
}

// volunteerForm shows the form, filled from the profile when there is one.
func (p *Pages) volunteerForm(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	places, err := p.svc.Places(r.Context(), c.Slug)
	if err != nil {
		p.volunteerFail(w, r, v, err)
		return
	}
	vol, err := p.svc.MyVolunteer(r.Context(), c.Slug)
	existing := err == nil
	if err != nil && domain.KindOf(err) != domain.KindNotFound {
		p.volunteerFail(w, r, v, err)
		return
	}
	ans := newVolAnswers()
	if existing {
		ans = volAnswersOf(vol)
		v.Form.set("tags", strings.Join(volFreeTags(vol.Skills, c), ", "))
		volPresetHome(v.Form, vol.Home, places)
	} else {
		// A first profile starts with the page's language, 5 km and two
		// tasks at a time: the most common answers.
		ans.languages[v.Lang] = true
		ans.maxActive = strconv.Itoa(domain.DefaultMaxActive)
		ans.radius = "5"
	}
	p.render(w, r, http.StatusOK, "volunteer_profile", p.volProfilePage(v, c, places, ans, existing))
}

// saveVolunteer stores the profile and leads to the feed, where the
// requests that fit it are.
func (p *Pages) saveVolunteer(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, communityURL(r.PathValue("slug"))+"/volunteer")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, v, err)
		return
	}
	places, err := p.svc.Places(r.Context(), c.Slug)
	if err != nil {
		p.volunteerFail(w, r, v, err)
		return
	}
	ans := volAnswersFrom(r.PostForm)
	vol := volProfileFrom(r.PostForm, ans)
	v.Form.set("tags", r.PostForm.Get("tags"))
	keepLocation(v.Form, r.PostForm)
	home, locErr := readLocation(r.PostForm, places)
	vol.Home = home
	existing := r.PostForm.Get("existing") == "1"
	page := p.volProfilePage(v, c, places, ans, existing)
	if locErr != nil {
		// The service would store the profile with no home: show the
		// place's problem together with anything else wrong.
		p.volunteerFormFailed(w, r, "volunteer_profile", page, volWithProfileProblems(locErr, vol))
		return
	}
	if _, err := p.svc.PutMyVolunteer(r.Context(), c.Slug, vol); err != nil {
		p.volunteerFormFailed(w, r, "volunteer_profile", page, err)
		return
	}
	http.Redirect(w, r, communityURL(c.Slug)+"/feed?saved=1", http.StatusSeeOther)
}

// volWithProfileProblems puts the profile's own problems before a location
// error, in the order of the form, so it shows every mistake at once
// instead of one round at a time.
func volWithProfileProblems(locErr error, vol domain.Volunteer) error {
	var loc *domain.Error
	if !errors.As(locErr, &loc) {
		return locErr
	}
	vol.Home = domain.Point{}
	vol.Normalize()
	var all domain.Problems
	var perr *domain.Error
	if errors.As(vol.Validate(), &perr) {
		all = append(all, perr.Fields...)
	}
	all = append(all, loc.Fields...)
	return all.Err()
}

// volProfileFrom reads the profile from the submitted form. Numbers that do
// not parse become values the domain refuses, so they come back as field
// errors rather than silently as defaults.
func volProfileFrom(form url.Values, ans volAnswers) domain.Volunteer {
	var vol domain.Volunteer
	vol.Skills = append(append(vol.Skills, form["skills"]...), volSplitTags(form.Get("tags"))...)
	vol.Languages = append([]string{}, ans.order...)
	vol.RadiusKM = -1
	if km, err := strconv.ParseFloat(strings.Replace(ans.radius, ",", ".", 1), 64); err == nil {
		vol.RadiusKM = km
	}
	if ans.maxActive != "" {
		vol.MaxActive = -1
		if n, err := strconv.Atoi(ans.maxActive); err == nil {
			vol.MaxActive = n
		}
	}
	vol.Availability = volGridSlots(form["slot"])
	for _, k := range form["keep"] {
		if s, ok := volParseKept(k); ok {
			vol.Availability = append(vol.Availability, s)
		}
	}
	return vol
}

// volAnswersFrom collects the ticked boxes and chosen buttons of a submission.
func volAnswersFrom(form url.Values) volAnswers {
	ans := newVolAnswers()
	for _, s := range form["skills"] {
		ans.skills[s] = true
	}
	for _, l := range form["languages"] {
		if !ans.languages[l] {
			ans.languages[l] = true
			ans.order = append(ans.order, l)
		}
	}
	for _, s := range form["slot"] {
		ans.slots[s] = true
	}
	for _, k := range form["keep"] {
		ans.kept[k] = true
	}
	ans.radius, ans.maxActive = form.Get("radius_km"), form.Get("max_active")
	return ans
}

// volAnswersOf reads a saved profile as the form's answers.
func volAnswersOf(vol domain.Volunteer) volAnswers {
	ans := newVolAnswers()
	for _, s := range vol.Skills {
		if domain.IsCategory(s) {
			ans.skills[s] = true
		}
	}
	for _, l := range vol.Languages {
		ans.languages[l] = true
		ans.order = append(ans.order, l)
	}
	cells, rest := volGridCells(vol.Availability)
	for _, cell := range cells {
		ans.slots[cell] = true
	}
	for _, s := range rest {
		ans.kept[volKeptValue(s)] = true
	}
	ans.radius = strconv.FormatFloat(vol.RadiusKM, 'f', -1, 64)
	ans.maxActive = strconv.Itoa(vol.MaxActive)
	return ans
}

// volFreeTags are the skills the form has no box for: the person's own
// words, and categories this community does not offer (any more), which
// are kept as words rather than lost on the next save.
func volFreeTags(skills []string, c domain.Community) []string {
	var tags []string
	for _, s := range skills {
		if !c.HasCategory(s) {
			tags = append(tags, s)
		}
	}
	return tags
}

// volSplitTags reads the free-text skills, separated by commas, semicolons or
// new lines as people write lists.
func volSplitTags(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' })
	var tags []string
	for _, f := range fields {
		if f = strings.TrimSpace(f); f != "" {
			tags = append(tags, f)
		}
	}
	return tags
}

// volPresetHome shows a saved home as the named place it is, when it is one,
// else as a pin; the exact point is the person's own and only they see it.
func volPresetHome(f *form, home domain.Point, places []domain.Place) {
	for _, pl := range places {
		if pl.Point == home {
			f.set("place", strconv.FormatInt(pl.ID, 10))
			return
		}
	}
	presetPoint(f, home)
}

// volProfilePage builds the form's choices from the answers.
func (p *Pages) volProfilePage(v *view, c domain.Community, places []domain.Place, ans volAnswers, existing bool) *volunteerProfilePage {
	page := &volunteerProfilePage{view: v, Community: c, Existing: existing,
		Nav: volunteerNav{Slug: c.Slug, Current: "profile"}}
	for _, cat := range c.Categories {
		page.Skills = append(page.Skills, volChoice{ID: "skill-" + cat, Value: cat, Label: v.Category(cat), Checked: ans.skills[cat]})
	}
	for _, l := range volLanguageChoices(c, ans.order) {
		page.Languages = append(page.Languages, volChoice{ID: "lang-" + l, Value: l, Label: v.tr.LanguageName(l), Checked: ans.languages[l]})
	}
	page.Radius = volRadiusOptions(v.tr, ans.radius)
	page.MaxActive = volMaxActiveOptions(v.tr, ans.maxActive)
	page.Grid = newVolGrid(v, ans.slots)
	page.Kept = volKeptChoices(v.tr, ans.kept)
	page.places = places
	return page
}

// Location is the picker of the person's home. It is built when the page
// is drawn, after any errors are on the form, so they show next to it.
func (pg *volunteerProfilePage) Location() locationField {
	loc := pg.LocationField(pg.places, pg.Community).WithoutAddress()
	loc.Place.Label = pg.T("volunteer.profile.area.place.label")
	loc.Place.Hint = pg.T("volunteer.profile.area.place.hint")
	return loc
}

// volLanguageChoices lists the languages to tick: the community's, the ones
// mutua speaks, common others, and whatever the person listed before.
func volLanguageChoices(c domain.Community, chosen []string) []string {
	var out []string
	for _, group := range [][]string{c.Languages, i18n.Languages(), volExtraLanguages, chosen} {
		for _, l := range group {
			if !slices.Contains(out, l) && domain.ValidLanguage(l) {
				out = append(out, l)
			}
		}
	}
	return out
}

func volRadiusOptions(tr *i18n.Translator, chosen string) []volChoice {
	values := make([]string, 0, len(volRadiusKM)+1)
	for _, km := range volRadiusKM {
		values = append(values, strconv.FormatFloat(km, 'f', -1, 64))
	}
	if km, err := strconv.ParseFloat(chosen, 64); err == nil && km > 0 && !slices.Contains(values, chosen) {
		values = append(values, chosen)
	}
	out := make([]volChoice, len(values))
	for i, val := range values {
		km, _ := strconv.ParseFloat(val, 64)
		out[i] = volChoice{ID: "radius-" + strconv.Itoa(i), Value: val, Checked: val == chosen,
			Label: tr.T("volunteer.profile.radius.option", "KM", km)}
	}
	return out
}

func volMaxActiveOptions(tr *i18n.Translator, chosen string) []volChoice {
	values := make([]int, len(volMaxActiveChoices))
	copy(values, volMaxActiveChoices)
	if n, err := strconv.Atoi(chosen); err == nil && n > 0 && !slices.Contains(values, n) {
		values = append(values, n)
	}
	out := make([]volChoice, len(values))
	for i, n := range values {
		out[i] = volChoice{ID: "max-active-" + strconv.Itoa(n), Value: strconv.Itoa(n), Checked: strconv.Itoa(n) == chosen,
			Label: tr.T("volunteer.profile.max_active.option", "Count", n)}
	}
	return out
}

// volKeptChoices lists the saved times the grid cannot show, in week order,
// each ticked to keep.
func volKeptChoices(tr *i18n.Translator, kept map[string]bool) []volChoice {
	var slots []domain.Slot
	for k := range kept {
		if s, ok := volParseKept(k); ok {
			slots = append(slots, s)
		}
	}
	_, slots = volGridCells(slots)
	out := make([]volChoice, len(slots))
	for i, s := range slots {
		out[i] = volChoice{ID: "keep-" + strconv.Itoa(i), Value: volKeptValue(s), Checked: true,
			Label: tr.T("volunteer.profile.kept.slot", "Day", volWeekday(tr, s.Day), "From", s.From, "To", s.To)}
	}
	return out
}

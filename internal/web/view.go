package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// view is what every page needs, built once per request. Page data types
// embed *view, so templates reach its fields and methods as .T, .Lang, .User
// and so on.
//
// Translation is bound per request by making it a method of this value
// rather than a template function: parsed templates stay shared and
// untouched, and there is no per-request Clone of the template set, which
// would copy every template tree on every page view.
type view struct {
	tr *i18n.Translator
	// Lang is the negotiated language, for <html lang>.
	Lang string
	// User is the logged-in person, nil for visitors.
	User *domain.User
	// Path is the current local URL, where the language switch returns to.
	Path string
	// LoginURL leads to the login page and back here afterwards.
	LoginURL string
	// Form holds submitted values and errors on pages with a form.
	Form *form
	// tiles is the map tile server, for pages with a map.
	tiles Tiles
	// communitySlug is the community a page belongs to, set by
	// communityView once the community is known to exist; "" elsewhere.
	communitySlug string
}

// page is implemented by every page data type through its embedded *view.
type page interface{ common() *view }

func (v *view) common() *view { return v }

// newView negotiates the language and collects the visitor. communityDefault
// is the default language of the community the page belongs to, or "".
func (p *Pages) newView(r *http.Request, communityDefault string) *view {
	v := &view{Path: r.URL.RequestURI(), Form: newForm(), tiles: p.tiles}
	explicit := ""
	if c, err := r.Cookie(languageCookie); err == nil && i18n.IsSupported(c.Value) {
		explicit = c.Value
	}
	if u, ok := service.ActorFrom(r.Context()); ok {
		v.User = &u
		if explicit == "" {
			explicit = u.Language
		}
	}
	v.Lang = i18n.Negotiate(explicit, r.Header.Get("Accept-Language"), communityDefault)
	v.tr = p.catalog.Translator(v.Lang)
	v.LoginURL = loginURL(r.URL)
	return v
}

// loginURL returns /login with ?next= pointing back to u, except on the
// login page itself, which keeps its own next.
func loginURL(u *url.URL) string {
	if u.Path == "/login" {
		return u.RequestURI()
	}
	if u.Path == "/" {
		return "/login"
	}
	return "/login?next=" + url.QueryEscape(u.RequestURI())
}

// T translates key; see i18n.Translator.T for the arguments.
func (v *view) T(key string, args ...any) string { return v.tr.T(key, args...) }

// Date writes a full date in the page's language.
func (v *view) Date(t time.Time) string { return v.tr.Date(t) }

// Category names a category of help.
func (v *view) Category(name string) string { return v.tr.T("category." + name) }

// RoleName names a role in a community.
func (v *view) RoleName(r domain.Role) string { return v.tr.T("role." + string(r)) }

// LanguageList names the languages in codes, in the page's language.
func (v *view) LanguageList(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = v.tr.LanguageName(c)
	}
	return strings.Join(names, ", ")
}

// option is one choice in a select or in the language switch.
type option struct {
	Value, Label string
	// Lang marks the label's own language, for screen readers.
	Lang     string
	Selected bool
}

// LanguageOptions lists every language with a catalogue, each named in
// itself ("Nederlands", "Slovenščina") so people find their own language
// whatever the page is in. The page's language is marked as selected.
func (v *view) LanguageOptions() []option {
	langs := i18n.Languages()
	opts := make([]option, len(langs))
	for i, l := range langs {
		opts[i] = option{Value: l, Label: v.tr.Endonym(l), Lang: l, Selected: l == v.Lang}
	}
	return opts
}

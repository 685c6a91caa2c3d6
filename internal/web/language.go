package web

import (
	"net/http"
	"net/url"
	"strings"

	"mutua/internal/httpx"
	"mutua/internal/i18n"
)

// languageCookie keeps the language someone chose on this device. It beats
// Accept-Language and the language saved in their account, because it is
// the most recent thing they said.
const languageCookie = "mutua_lang"

// switchLanguage answers the language form that is on every page: it
// remembers the choice and returns to the page it came from. It is a POST
// form rather than links so that it changes state only on purpose and
// passes the same cross-origin check as every other form.
func (p *Pages) switchLanguage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, p.newView(r, ""), err)
		return
	}
	if lang := r.PostForm.Get("lang"); i18n.IsSupported(lang) {
		setLanguageCookie(w, r, lang)
	}
	next, ok := localPath(r.PostForm.Get("next"))
	if !ok {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func setLanguageCookie(w http.ResponseWriter, r *http.Request, lang string) {
	http.SetCookie(w, &http.Cookie{
		Name: languageCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 60 * 60,
		HttpOnly: true, Secure: httpx.IsSecure(r), SameSite: http.SameSiteLaxMode,
	})
}

// localPath accepts only a path on this site. It refuses anything a
// browser could read as another host: "//host", "/\host" (browsers treat a
// backslash as a slash), absolute URLs, and control characters that could
// split a header or hide part of the URL.
func localPath(s string) (string, bool) {
	if s == "" || len(s) > 2048 || s[0] != '/' || strings.HasPrefix(s, "//") {
		return "", false
	}
	for _, c := range s {
		if c == '\\' || c < 0x20 || c == 0x7f {
			return "", false
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "", false
	}
	return s, true
}

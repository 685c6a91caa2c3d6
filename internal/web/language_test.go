package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mutua/internal/service"
)

func langCookie(lang string) *http.Cookie { return &http.Cookie{Name: "mutua_lang", Value: lang} }

func TestLanguageNegotiation(t *testing.T) {
	h := newHarness(t, service.Options{})
	runScenarios(t, h, []scenario{
		{name: "community default without other hints",
			req:    request{method: "GET", path: "/c/utrecht-oost"},
			status: http.StatusOK, contains: []string{`<html lang="nl">`, "Ik heb hulp nodig"}},
		{name: "Accept-Language beats the community default",
			req:    request{method: "GET", path: "/c/utrecht-oost", header: map[string]string{"Accept-Language": "de-AT,de;q=0.9,en;q=0.5"}},
			status: http.StatusOK, contains: []string{`<html lang="de">`, "Ich brauche Hilfe", "Bis 2,5 km vom Zentrum"}},
		{name: "the cookie beats Accept-Language",
			req: request{method: "GET", path: "/c/utrecht-oost", header: map[string]string{"Accept-Language": "de"},
				cookies: []*http.Cookie{langCookie("fr")}},
			status: http.StatusOK, contains: []string{`<html lang="fr">`, "J&#39;ai besoin d&#39;aide"}},
		{name: "a cookie naming no catalogue is ignored",
			req: request{method: "GET", path: "/c/utrecht-oost", header: map[string]string{"Accept-Language": "de"},
				cookies: []*http.Cookie{langCookie("xx")}},
			status: http.StatusOK, contains: []string{`<html lang="de">`}},
		{name: "a Slovenian browser gets Slovenian",
			req:    request{method: "GET", path: "/c/utrecht-oost", header: map[string]string{"Accept-Language": "sl-SI,sl;q=0.9,en-GB;q=0.8"}},
			status: http.StatusOK,
			contains: []string{`<html lang="sl">`, "Potrebujem pomoč", "Želim pomagati", "Jeziki", "nizozemščina, angleščina",
				"Preskoči na vsebino"}},
		{name: "unsupported browser language falls back to the community default",
			req:    request{method: "GET", path: "/c/ljubljana", header: map[string]string{"Accept-Language": "it-IT,it;q=0.9"}},
			status: http.StatusOK, contains: []string{`<html lang="sl">`, "slovenščina, angleščina, italijanščina"}},
		{name: "the account's language beats Accept-Language",
			setup: func(h *harness) []*http.Cookie {
				return []*http.Cookie{h.registerIn("utrecht-oost", "Hans", "hans@example.org", "de")}
			},
			req:    request{method: "GET", path: "/c/ljubljana", header: map[string]string{"Accept-Language": "fr"}},
			status: http.StatusOK, contains: []string{`<html lang="de">`, "Angemeldet als Hans"}},
		{name: "the switch lists every language in itself and marks the current one",
			req:    request{method: "GET", path: "/c/utrecht-oost?x=1", header: english()},
			status: http.StatusOK,
			contains: []string{`<form class="language-switch" method="post" action="/language">`,
				`<input type="hidden" name="next" value="/c/utrecht-oost?x=1">`,
				`<button type="submit" name="lang" value="en" lang="en" aria-current="true">English</button>`,
				`<button type="submit" name="lang" value="nl" lang="nl">Nederlands</button>`,
				`<button type="submit" name="lang" value="fr" lang="fr">Français</button>`,
				`<button type="submit" name="lang" value="de" lang="de">Deutsch</button>`,
				`<button type="submit" name="lang" value="sl" lang="sl">Slovenščina</button>`}},
		{name: "switching sets the cookie and returns to the page",
			req:    request{method: "POST", path: "/language", form: url.Values{"lang": {"sl"}, "next": {"/c/utrecht-oost?x=1"}}},
			status: http.StatusSeeOther, location: "/c/utrecht-oost?x=1",
			check: func(t *testing.T, h *harness, res response) {
				c := res.cookie("mutua_lang")
				if c == nil || c.Value != "sl" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.MaxAge <= 0 {
					t.Errorf("language cookie %+v", c)
				}
			}},
		{name: "switching never leaves the site",
			req:    request{method: "POST", path: "/language", form: url.Values{"lang": {"sl"}, "next": {"//evil.example/x"}}},
			status: http.StatusSeeOther, location: "/"},
		{name: "switching to a language without catalogue changes nothing",
			req:    request{method: "POST", path: "/language", form: url.Values{"lang": {"it"}, "next": {"/"}}},
			status: http.StatusSeeOther, location: "/",
			check: func(t *testing.T, h *harness, res response) {
				if c := res.cookie("mutua_lang"); c != nil {
					t.Errorf("cookie set to %q", c.Value)
				}
			}},
	})
}

func TestStaticAssets(t *testing.T) {
	h := newHarness(t, service.Options{})
	home := h.do(request{method: "GET", path: "/"})
	css := regexp.MustCompile(`href="(/static/([0-9a-f]{16})/css/mutua\.css)"`).FindStringSubmatch(home.body)
	if css == nil {
		t.Fatalf("no hashed stylesheet link in the page:\n%s", home.body)
	}
	res := h.do(request{method: "GET", path: css[1]})
	if res.status != http.StatusOK || !strings.Contains(res.body, ".button") {
		t.Fatalf("stylesheet: %d", res.status)
	}
	if got := res.header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control %q", got)
	}
	if got := res.header.Get("Content-Type"); !strings.HasPrefix(got, "text/css") {
		t.Errorf("Content-Type %q", got)
	}
	if got := res.header.Get("ETag"); got != `"`+css[2]+`"` {
		t.Errorf("ETag %q, want the hash", got)
	}
	again := h.do(request{method: "GET", path: css[1], header: map[string]string{"If-None-Match": `"` + css[2] + `"`}})
	if again.status != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", again.status)
	}
	stale := h.do(request{method: "GET", path: "/static/0000000000000000/css/mutua.css"})
	if stale.status != http.StatusOK || stale.header.Get("Cache-Control") != "no-cache" {
		t.Errorf("another version's URL: %d, Cache-Control %q; want the file, not cached", stale.status, stale.header.Get("Cache-Control"))
	}
	if res := h.do(request{method: "GET", path: "/static/" + css[2] + "/css/nothing.css"}); res.status != http.StatusNotFound {
		t.Errorf("unknown asset: %d", res.status)
	}
	logo := h.do(request{method: "GET", path: "/favicon.ico"})
	if logo.status != http.StatusFound || !strings.HasPrefix(logo.header.Get("Location"), "/static/") {
		t.Errorf("favicon: %d to %q", logo.status, logo.header.Get("Location"))
	}
}

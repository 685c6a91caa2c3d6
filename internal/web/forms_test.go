package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mutua/internal/httpx"
	"mutua/internal/service"
)

func TestRegistering(t *testing.T) {
	h := newHarness(t, service.Options{})
	h.register("utrecht-oost", "Existing", "taken@example.org")
	form := func(name, email, password string) url.Values {
		return url.Values{"name": {name}, "email": {email}, "password": {password}, "language": {"en"}}
	}
	runScenarios(t, h, []scenario{
		{name: "form is in the community's language and preselects it",
			req:    request{method: "GET", path: "/c/ljubljana/register"},
			status: http.StatusOK,
			contains: []string{`<html lang="sl">`, "Pridružite se skupnosti Ljubljana Center", `<option value="sl" lang="sl" selected>Slovenščina</option>`,
				"Vsaj 10 znakov.", `autocomplete="new-password"`, `<label for="f-email">E-poštni naslov</label>`}},
		{name: "success logs in and returns to the community",
			req:      request{method: "POST", path: "/c/utrecht-oost/register", form: form("Kees", "kees@example.org", testPassword)},
			status:   http.StatusSeeOther,
			location: "/c/utrecht-oost",
			check: func(t *testing.T, h *harness, res response) {
				c := res.cookie(httpx.SessionCookie)
				if c == nil || c.Value == "" {
					t.Fatal("no session cookie")
				}
				if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
					t.Errorf("session cookie %+v, want HttpOnly, SameSite=Lax, Path=/", c)
				}
				if lang := res.cookie("mutua_lang"); lang == nil || lang.Value != "en" {
					t.Errorf("language cookie %+v, want en", lang)
				}
				u, err := h.svc.Authenticate(t.Context(), c.Value)
				if err != nil || u.Email != "kees@example.org" || u.Language != "en" {
					t.Errorf("session belongs to %+v, %v", u, err)
				}
			}},
		{name: "invalid answers come back with messages next to their fields",
			req:    request{method: "POST", path: "/c/utrecht-oost/register", form: form("Marie", "marie(at)example", "short"), header: english()},
			status: http.StatusUnprocessableEntity,
			contains: []string{`class="error-summary" role="alert"`, "Please check your answers",
				"Some answers need a small change.",
				`<a href="#f-email">Please enter an email address like name@example.com.</a>`,
				`<p class="field-error" id="f-email-error"><span class="visually-hidden">Error:</span> Please enter an email address like name@example.com.</p>`,
				`id="f-email" name="email" type="email" value="marie(at)example" autocomplete="email" required aria-describedby="f-email-error" aria-invalid="true"`,
				"Your password is too short. Please use at least 10 characters.",
				`aria-describedby="f-password-hint f-password-error" aria-invalid="true"`,
				`value="Marie"`},
			absent: []string{`value="short"`, "enter a valid email address"}},
		{name: "messages are translated",
			req:    request{method: "POST", path: "/c/ljubljana/register", form: form("", "mojca@example.org", "12")},
			status: http.StatusUnprocessableEntity,
			contains: []string{`<html lang="sl">`, "Geslo je prekratko. Uporabite vsaj 10 znakov.",
				"Vpišite svoje ime. Uporabite lahko največ 100 znakov.", `value="mojca@example.org"`}},
		{name: "a taken email is a conflict shown at the email field",
			req:    request{method: "POST", path: "/c/utrecht-oost/register", form: form("Someone", "Taken@Example.org", testPassword), header: english()},
			status: http.StatusConflict,
			contains: []string{"There is already an account with this email address. Please log in instead.",
				`<p class="field-error" id="f-email-error"><span class="visually-hidden">Error:</span> This email address already has an account.</p>`,
				`value="Someone"`, `value="Taken@Example.org"`},
			absent: []string{testPassword}},
		{name: "logged-in people go to the community instead",
			setup: func(h *harness) []*http.Cookie {
				return []*http.Cookie{h.register("ljubljana", "Eva", "eva@example.org")}
			},
			req:    request{method: "GET", path: "/c/utrecht-oost/register"},
			status: http.StatusSeeOther, location: "/c/utrecht-oost"},
	})
}

func TestLoggingIn(t *testing.T) {
	h := newHarness(t, service.Options{})
	h.register("utrecht-oost", "Lotte", "lotte@example.org")
	login := func(email, password, next string) url.Values {
		return url.Values{"email": {email}, "password": {password}, "next": {next}}
	}
	runScenarios(t, h, []scenario{
		{name: "form keeps a local next",
			req:      request{method: "GET", path: "/login?next=%2Fc%2Futrecht-oost", header: english()},
			status:   http.StatusOK,
			contains: []string{"<h1>Log in</h1>", `<input type="hidden" name="next" value="/c/utrecht-oost">`, `autocomplete="current-password"`}},
		{name: "form drops a next that leaves the site",
			req:    request{method: "GET", path: "/login?next=%2F%2Fevil.example", header: english()},
			status: http.StatusOK, absent: []string{`value="//evil.example"`}},
		{name: "wrong password is refused with a message",
			req:    request{method: "POST", path: "/login", form: login("lotte@example.org", "not the password", ""), header: english()},
			status: http.StatusUnauthorized,
			contains: []string{"The email address or the password is not right. Please try again.",
				`value="lotte@example.org"`},
			absent: []string{"not the password"}},
		{name: "success returns to next",
			req:      request{method: "POST", path: "/login", form: login("lotte@example.org", testPassword, "/c/utrecht-oost")},
			status:   http.StatusSeeOther,
			location: "/c/utrecht-oost",
			check: func(t *testing.T, h *harness, res response) {
				if c := res.cookie(httpx.SessionCookie); c == nil || !c.HttpOnly {
					t.Errorf("session cookie %+v", c)
				}
			}},
		{name: "next to another host goes home instead",
			req:    request{method: "POST", path: "/login", form: login("lotte@example.org", testPassword, "//evil.example")},
			status: http.StatusSeeOther, location: "/"},
		{name: "next with a backslash goes home instead",
			req:    request{method: "POST", path: "/login", form: login("lotte@example.org", testPassword, `/\evil.example`)},
			status: http.StatusSeeOther, location: "/"},
		{name: "absolute next goes home instead",
			req:    request{method: "POST", path: "/login", form: login("lotte@example.org", testPassword, "https://evil.example/")},
			status: http.StatusSeeOther, location: "/"},
	})
}

func TestTooManyTriesAreRateLimited(t *testing.T) {
	// Two tries per account refilled every three minutes: registering logs
	// in once, the first wrong password takes the second try.
	h := newHarness(t, service.Options{LoginBurst: 2, LoginWindow: 6 * time.Minute})
	h.register("utrecht-oost", "Bram", "bram@example.org")
	try := request{method: "POST", path: "/login", form: url.Values{"email": {"bram@example.org"}, "password": {"wrong password"}},
		header: map[string]string{"Accept-Language": "sl"}}
	if res := h.do(try); res.status != http.StatusUnauthorized {
		t.Fatalf("first try: %d", res.status)
	}
	res := h.do(try)
	if res.status != http.StatusTooManyRequests {
		t.Fatalf("second try: %d, want 429", res.status)
	}
	if ra := res.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After %q", ra)
	}
	if want := "Počakajte 3 minute in poskusite znova."; !strings.Contains(res.body, want) {
		t.Errorf("body lacks %q\n%s", want, res.body)
	}
	checkPage(t, res)
}

func TestUnexpectedErrorsShowNoInternals(t *testing.T) {
	h := newHarness(t, service.Options{})
	broken := newHarnessWithClosedStore(t)
	res := broken.do(request{method: "GET", path: "/", header: map[string]string{"Accept-Language": "de"}})
	if res.status != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", res.status)
	}
	if !strings.Contains(res.body, "Etwas ist schiefgelaufen") || !strings.Contains(res.body, "Es liegt nicht an Ihnen.") {
		t.Errorf("no friendly message:\n%s", res.body)
	}
	for _, internal := range []string{"sql", "closed", "database"} {
		if strings.Contains(strings.ToLower(res.body), internal) {
			t.Errorf("body shows %q", internal)
		}
	}
	if !strings.Contains(broken.logs.String(), "page failed") {
		t.Errorf("the cause was not logged: %s", broken.logs.String())
	}
	checkPage(t, res)
	// A working instance is unaffected, and expected refusals are not logged
	// as failures.
	h.do(request{method: "GET", path: "/c/atlantis"})
	if strings.Contains(h.logs.String(), "page failed") {
		t.Errorf("a 404 was logged as a failure: %s", h.logs.String())
	}
}

package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/store/storetest"
)

// The scenarios of the pages that exist so far, in a real browser. Each
// starts the real server with the demo community, checks every page it
// visits with axe, and takes screenshots of the key pages. Texts come from
// the message catalogues, so a reworded message does not break them.

// startDemo serves the demo community and returns its address.
func startDemo(t *testing.T) string {
	t.Helper()
	base, _ := startServer(t, "-db", storetest.DSN(t), "-demo")
	return base
}

// catalog loads the message catalogues the pages speak.
func catalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// volunteer is the demo volunteer the scenarios log in as.
func volunteer(t *testing.T) demo.Person {
	t.Helper()
	for _, p := range demo.People {
		if p.Role == domain.RoleVolunteer {
			return p
		}
	}
	t.Fatal("the demo has no volunteer")
	return demo.Person{}
}

func TestBrowserHome(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	en := catalog(t).Translator("en")

	if status := navigate(t, ctx, base+"/"); status != http.StatusOK {
		t.Fatalf("GET /: %d", status)
	}
	if lang := htmlLang(t, ctx); lang != "en" {
		t.Errorf("<html lang> = %q, want en", lang)
	}
	waitText(t, ctx, en.T("home.title"))
	waitText(t, ctx, demo.Community.Name)
	checkCSP(t, ctx)
	checkPage(t, ctx, "home")

	if status := submit(t, ctx, linkWith(demo.Community.Name)); status != http.StatusOK {
		t.Fatalf("open the demo community from the list: %d", status)
	}
	if got := location(t, ctx); got != "/c/"+demo.Slug {
		t.Errorf("the community link leads to %s", got)
	}
}

// checkCSP makes sure the page's Content-Security-Policy holds in the
// browser: a script the page itself adds does not run. axe still runs
// because the DevTools protocol evaluates it, which CSP does not govern.
func checkCSP(t *testing.T, ctx context.Context) {
	t.Helper()
	ran := read(t, ctx, "add an inline script", chromedp.Evaluate[bool](`(() => {
		const s = document.createElement('script');
		s.textContent = 'window.inlineScriptRan = true';
		document.head.appendChild(s);
		return window.inlineScriptRan === true;
	})()`))
	if ran {
		t.Error("an inline script ran: the Content-Security-Policy does not forbid it")
	}
}

func TestBrowserAccount(t *testing.T) {
	accountScenario(t, newBrowser(t), true)
}

func TestBrowserAccountWithoutJavaScript(t *testing.T) {
	ctx := newBrowser(t, withoutJavaScript)
	// First make sure the page's scripts really do not run.
	step(t, ctx, "open a page with a script", chromedp.Navigate(
		`data:text/html,<title>off</title><script>document.title = "on"</script>`))
	if title := read(t, ctx, "read the title", chromedp.Title()); title != "off" {
		t.Fatalf("a page's script ran in a browser with JavaScript turned off (title %q)", title)
	}
	accountScenario(t, ctx, false)
}

// accountScenario: a new resident finds the demo community, switches the
// register form to Slovenian, gets their mistakes back next to the fields
// with their input kept, registers and lands in the community logged in;
// then logs out, and a demo volunteer logs in (once with a wrong password)
// and out. With shots, it takes screenshots of each page.
func accountScenario(t *testing.T, ctx context.Context, shots bool) {
	base := startDemo(t)
	cat := catalog(t)
	en, sl := cat.Translator("en"), cat.Translator("sl")
	shot := func(name string) string {
		if shots {
			return name
		}
		return ""
	}

	// The community's front door, as a stranger.
	if status := navigate(t, ctx, base+"/c/"+demo.Slug); status != http.StatusOK {
		t.Fatalf("community page: %d", status)
	}
	waitText(t, ctx, en.T("community.need_help"))
	checkPage(t, ctx, shot("community"))

	// "I need help" leads to the register form, in English first, and
	// from there on to asking for help.
	registerURL := "/c/" + demo.Slug + "/register?next=" + url.QueryEscape("/c/"+demo.Slug+"/ask")
	submit(t, ctx, linkWith(en.T("community.need_help")))
	if got, want := location(t, ctx), registerURL; got != want {
		t.Fatalf("I need help leads to %s, want %s", got, want)
	}
	if lang := htmlLang(t, ctx); lang != "en" {
		t.Errorf("register page in %q, want en", lang)
	}
	checkPage(t, ctx, shot("register"))

	// The language switch: Slovenian, on the same page.
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="sl"]`))
	if lang := htmlLang(t, ctx); lang != "sl" {
		t.Fatalf("after switching to Slovenian the page is in %q", lang)
	}
	if got := location(t, ctx); got != registerURL {
		t.Errorf("the language switch returned to %s", got)
	}
	waitText(t, ctx, sl.T("register.title", "Name", demo.Community.Name))
	checkPage(t, ctx, "")

	// Mistakes come back next to their fields, in Slovenian, input kept.
	name, badEmail := "Ana Testna", "ana.testna-at-example.org"
	fill(t, ctx, sl.T("form.name.label"), name)
	fill(t, ctx, sl.T("form.email.label"), badEmail)
	fill(t, ctx, sl.T("form.password.label"), "kratko")
	if status := submit(t, ctx, button(sl.T("register.submit"))); status != http.StatusUnprocessableEntity {
		t.Errorf("a register form with mistakes answers %d, want 422", status)
	}
	if lang := htmlLang(t, ctx); lang != "sl" {
		t.Errorf("the form with errors is in %q, want sl", lang)
	}
	waitText(t, ctx, sl.T("form.summary.title"))
	expectFieldError(t, ctx, sl.T("form.email.label"), sl.T("field.email.format"))
	expectFieldError(t, ctx, sl.T("form.password.label"), sl.T("field.password.too_short", "Count", domain.MinPasswordLen))
	expectFieldError(t, ctx, sl.T("form.name.label"), "")
	for label, want := range map[string]string{sl.T("form.name.label"): name, sl.T("form.email.label"): badEmail,
		sl.T("form.password.label"): "", sl.T("form.language.label"): "sl"} {
		if got := fieldValue(t, ctx, label); got != want {
			t.Errorf("after the errors, %q holds %q, want %q", label, got, want)
		}
	}
	checkPage(t, ctx, shot("register-errors"))

	// Corrected, the account opens and the person is in the community.
	email := "ana.testna@example.org"
	fill(t, ctx, sl.T("form.email.label"), email)
	fill(t, ctx, sl.T("form.password.label"), "dolgo in varno geslo")
	if status := submit(t, ctx, button(sl.T("register.submit"))); status != http.StatusOK {
		t.Fatalf("register: %d\n%s", status, pageText(ctx))
	}
	if got := location(t, ctx); got != "/c/"+demo.Slug+"/ask" {
		t.Errorf("after registering the browser is on %s, want the form to ask for help", got)
	}
	if lang := htmlLang(t, ctx); lang != "sl" {
		t.Errorf("after registering the page is in %q, want sl", lang)
	}
	waitText(t, ctx, sl.T("nav.logged_in_as", "Name", name))
	waitText(t, ctx, sl.T("ask.form.title"))
	navigate(t, ctx, base+"/c/"+demo.Slug)
	waitText(t, ctx, sl.T("community.member.role", "Role", sl.T("role.member")))
	checkPage(t, ctx, shot("community-member"))

	logOut(t, ctx, sl)

	// A demo volunteer logs in from the header, mistypes the password once.
	nina := volunteer(t)
	submit(t, ctx, link(sl.T("nav.login")))
	if !strings.HasPrefix(location(t, ctx), "/login") {
		t.Fatalf("the header's login link leads to %s", location(t, ctx))
	}
	checkPage(t, ctx, shot("login"))
	fill(t, ctx, sl.T("form.email.label"), nina.Email)
	fill(t, ctx, sl.T("form.password.label"), "not-"+demo.Password)
	if status := submit(t, ctx, button(sl.T("login.submit"))); status != http.StatusUnauthorized {
		t.Errorf("a wrong password answers %d, want 401", status)
	}
	waitText(t, ctx, sl.T("error.invalid_credentials"))
	if got := fieldValue(t, ctx, sl.T("form.email.label")); got != nina.Email {
		t.Errorf("after a wrong password the email field holds %q", got)
	}
	checkPage(t, ctx, shot("login-failed"))
	fill(t, ctx, sl.T("form.password.label"), demo.Password)
	if status := submit(t, ctx, button(sl.T("login.submit"))); status != http.StatusOK {
		t.Fatalf("log in as %s: %d\n%s", nina.Email, status, pageText(ctx))
	}
	waitText(t, ctx, sl.T("nav.logged_in_as", "Name", nina.Name))
	checkPage(t, ctx, "")
	navigate(t, ctx, base+"/c/"+demo.Slug)
	waitText(t, ctx, sl.T("community.member.role", "Role", sl.T("role.volunteer")))
	checkPage(t, ctx, shot("community-volunteer"))

	logOut(t, ctx, sl)
}

// expectFieldError checks the message next to a field; want "" means none.
func expectFieldError(t *testing.T, ctx context.Context, label, want string) {
	t.Helper()
	got := fieldError(t, ctx, label)
	switch {
	case want == "" && got != "":
		t.Errorf("%q shows the error %q, want none", label, got)
	case want != "" && !strings.Contains(got, want):
		t.Errorf("%q shows the error %q, want %q", label, got, want)
	}
}

// logOut uses the header's button and checks that the session ended and
// the page it leads to.
func logOut(t *testing.T, ctx context.Context, tr *i18n.Translator) {
	t.Helper()
	if status := submit(t, ctx, button(tr.T("nav.logout"))); status != http.StatusOK {
		t.Fatalf("log out: %d", status)
	}
	if got := location(t, ctx); got != "/" {
		t.Errorf("after logging out the browser is on %s, want /", got)
	}
	waitText(t, ctx, tr.T("nav.login"))
	loggedIn := read(t, ctx, "look for the logout button", chromedp.Evaluate[bool](
		`document.querySelector('form[action="/logout"]') !== null`))
	if loggedIn {
		t.Errorf("still logged in after logging out:\n%s", pageText(ctx))
	}
	checkPage(t, ctx, "")
}

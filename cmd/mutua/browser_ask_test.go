package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// TestBrowserAsk: a demo member asks for help in a browser without
// JavaScript (logging in on the way, getting two mistakes back next to
// their fields, fixing them), reads the confirmation, finds the request in
// My requests and cancels it. A second browser, with JavaScript, checks
// that the community page lists open requests without any address and
// that the form speaks Slovenian after the language switch.
func TestBrowserAsk(t *testing.T) {
	noJS := newBrowser(t, withoutJavaScript)
	base := startDemo(t)
	cat := catalog(t)
	en, sl := cat.Translator("en"), cat.Translator("sl")
	marija := demoWithRole(t, domain.RoleMember)

	askWithoutJavaScript(t, noJS, base, en, marija)

	// The community page, as a member, with JavaScript: the open requests
	// of the demo, and nowhere an exact address. The demo accounts speak
	// Slovenian; she switches to English first.
	withJS := newBrowser(t)
	navigate(t, withJS, base+"/login?next="+url.QueryEscape("/c/"+demo.Slug))
	logIn(t, withJS, en, marija)
	if got := location(t, withJS); got != "/c/"+demo.Slug {
		t.Fatalf("after logging in the browser is on %s, want the community page", got)
	}
	waitText(t, withJS, sl.T("ask.home.open.heading"))
	submit(t, withJS, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, withJS, en.T("ask.home.open.heading"))
	waitText(t, withJS, "Dripping kitchen tap")
	waitText(t, withJS, en.T("ask.impact.heading", "Name", demo.Community.Name))
	html := read(t, withJS, "read the page", chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	for _, private := range []string{"Savinjska cesta", "Levec 40", "Šlandrova", "03 571", "46.2396", "15.2338"} {
		if strings.Contains(html, private) {
			t.Errorf("the community page shows %q, a private detail of a request", private)
		}
	}
	checkPage(t, withJS, "ask-community-member")

	// The form with JavaScript (the map replaces nothing the form needs),
	// then in Slovenian.
	submit(t, withJS, link(en.T("ask.nav.ask")))
	waitText(t, withJS, en.T("ask.form.step.where"))
	if !mapShown(t, withJS) {
		t.Error("with JavaScript the location picker shows no map")
	}
	checkPage(t, withJS, "")
	submit(t, withJS, chromedp.CSS(`.language-switch button[value="sl"]`))
	if lang := htmlLang(t, withJS); lang != "sl" {
		t.Fatalf("after switching to Slovenian the form is in %q", lang)
	}
	if got := location(t, withJS); got != "/c/"+demo.Slug+"/ask" {
		t.Errorf("the language switch returned to %s", got)
	}
	// The label is found by its Slovenian text and names its field.
	field(t, withJS, sl.T("ask.form.title.label"))
	waitText(t, withJS, sl.T("ask.form.category.legend"))
	waitText(t, withJS, sl.T("category.groceries"))
	checkPage(t, withJS, "ask-form-sl")
}

// askWithoutJavaScript is the resident's path through the pages in a
// browser that runs no scripts at all.
func askWithoutJavaScript(t *testing.T, ctx context.Context, base string, en *i18n.Translator, member demo.Person) {
	t.Helper()
	// The form needs a login, and comes back after it.
	navigate(t, ctx, base+"/c/"+demo.Slug+"/ask")
	if got, want := location(t, ctx), "/login?next="+url.QueryEscape("/c/"+demo.Slug+"/ask"); got != want {
		t.Fatalf("a visitor asking for help is sent to %s, want %s", got, want)
	}
	checkPage(t, ctx, "")
	logIn(t, ctx, en, member)
	if got := location(t, ctx); got != "/c/"+demo.Slug+"/ask" {
		t.Fatalf("after logging in the browser is on %s, want the form", got)
	}
	// The demo accounts speak Slovenian; this resident prefers English.
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, ctx, en.T("ask.form.title.label"))
	if mapShown(t, ctx) {
		t.Fatal("the map script ran in the tab with JavaScript turned off")
	}
	checkPage(t, ctx, "ask-form")

	// First try: no title, and the last day before the first.
	today := time.Now().In(demoZone(t))
	step(t, ctx, "choose groceries", chromedp.Click(chromedp.ID("f-category-groceries")))
	setValue(t, ctx, "f-needed_from", today.AddDate(0, 0, 3).Format(time.DateOnly))
	setValue(t, ctx, "f-needed_by", today.AddDate(0, 0, 1).Format(time.DateOnly))
	step(t, ctx, "choose the morning", chromedp.Click(chromedp.ID("f-time_of_day-morning")))
	choosePlace(t, ctx, "Petrovče")
	address := "Ulica heroja Staneta 99, Žalec"
	fill(t, ctx, en.T("location.address.label"), address)
	if status := submit(t, ctx, button(en.T("ask.form.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("a form with mistakes answers %d, want 422\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, en.T("form.summary.title"))
	expectFieldError(t, ctx, en.T("ask.form.title.label"), en.T("ask.field.title.length"))
	expectFieldError(t, ctx, en.T("ask.form.needed_by.label"), en.T("ask.field.needed_by.before_start"))
	expectFieldError(t, ctx, en.T("ask.form.needed_from.label"), "")
	if got := fieldValue(t, ctx, en.T("location.address.label")); got != address {
		t.Errorf("after the errors the address holds %q, want %q", got, address)
	}
	if !read(t, ctx, "is groceries still chosen", chromedp.Evaluate[bool](`document.getElementById("f-category-groceries").checked`)) {
		t.Error("after the errors the kind of help is no longer chosen")
	}
	checkPage(t, ctx, "ask-form-errors")

	// Fixed, the request goes in and the confirmation says what follows.
	title := "Shopping at the Saturday market"
	fill(t, ctx, en.T("ask.form.title.label"), title)
	setValue(t, ctx, "f-needed_by", today.AddDate(0, 0, 5).Format(time.DateOnly))
	if status := submit(t, ctx, button(en.T("ask.form.submit"))); status != http.StatusOK {
		t.Fatalf("ask: %d\n%s", status, pageText(ctx))
	}
	page := location(t, ctx)
	if !regexp.MustCompile(`^/c/` + demo.Slug + `/requests/\d+$`).MatchString(page) {
		t.Fatalf("after asking the browser is on %s, want the request's page", page)
	}
	waitText(t, ctx, en.T("ask.request.thanks"))
	waitText(t, ctx, en.T("ask.next.heading"))
	waitText(t, ctx, en.T("ask.next.contact", "Name", demo.Community.Name))
	waitText(t, ctx, address)
	checkPage(t, ctx, "ask-confirmation")

	// My requests lists it; cancelling asks first, then says it is done.
	submit(t, ctx, link(en.T("ask.nav.mine")))
	waitText(t, ctx, title)
	waitText(t, ctx, en.T("ask.status.open"))
	checkPage(t, ctx, "ask-my-requests")
	submit(t, ctx, chromedp.CSS(`a[href="`+page+`/cancel"]`))
	waitText(t, ctx, en.T("ask.cancel.question"))
	checkPage(t, ctx, "ask-cancel")
	submit(t, ctx, button(en.T("ask.cancel.confirm")))
	if got := location(t, ctx); got != "/c/"+demo.Slug+"/my-requests?cancelled=1" {
		t.Errorf("after cancelling the browser is on %s", got)
	}
	waitText(t, ctx, en.T("ask.mine.cancelled"))
	waitText(t, ctx, en.T("ask.status.cancelled"))
	checkPage(t, ctx, "")
}

// logIn fills the login form on the page and sends it.
func logIn(t *testing.T, ctx context.Context, en *i18n.Translator, p demo.Person) {
	t.Helper()
	fill(t, ctx, en.T("form.email.label"), p.Email)
	fill(t, ctx, en.T("form.password.label"), demo.Password)
	if status := submit(t, ctx, button(en.T("login.submit"))); status != http.StatusOK {
		t.Fatalf("log in as %s: %d\n%s", p.Email, status, pageText(ctx))
	}
}

// mapShown reports whether the location picker's map is on the page: its
// script shows it, so without JavaScript it stays hidden.
func mapShown(t *testing.T, ctx context.Context) bool {
	t.Helper()
	return read(t, ctx, "look at the map", chromedp.Evaluate[bool](
		`(m => m !== null && !m.hidden)(document.querySelector("[data-location-map]"))`))
}

// setValue sets a field's value through the DOM, as a date picker would:
// typing into a date input depends on the browser's locale.
func setValue(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	step(t, ctx, "set "+id, chromedp.Evaluate[chromedp.Void](
		`document.getElementById(`+jsString(id)+`).value = `+jsString(value)))
}

package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/i18n"
)

// The directory of local initiatives in a real browser: a visitor searches
// the demo's directory for "zalec" without the caron and finds the repair
// café of Žalec, in every language of the site, and opens its page; Janez,
// a member, proposes an initiative (first with nothing filled in); Mojca,
// the community's admin, approves it from the directory.
func TestBrowserDirectory(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	en := cat.Translator("en")
	list := "/c/" + demo.Slug + "/directory"

	navigate(t, ctx, base+list)
	for _, lang := range i18n.Languages() {
		submit(t, ctx, chromedp.CSS(`.language-switch button[value="`+lang+`"]`))
		tr := cat.Translator(lang)
		waitText(t, ctx, tr.T("directory.list.title"))
		fill(t, ctx, tr.T("directory.filter.q.label"), "zalec")
		if status := submit(t, ctx, button(tr.T("directory.filter.submit"))); status != http.StatusOK {
			t.Fatalf("search in %s: %d", lang, status)
		}
		waitText(t, ctx, "Popravljalnica Žalec")
		text := pageText(ctx)
		if strings.Contains(text, "Skupnostni vrt Griže") {
			t.Errorf("the search for zalec in %s also lists the garden of Griže", lang)
		}
		if !strings.Contains(text, tr.T("directory.sector.repair")) {
			t.Errorf("the result in %s lacks its translated sector", lang)
		}
		checkPage(t, ctx, "")
	}
	// English from here on.
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	if got := location(t, ctx); !strings.HasPrefix(got, list+"?q=zalec") {
		t.Errorf("the search is a link to keep: the browser is on %s", got)
	}
	checkPage(t, ctx, "directory-search")
	if status := submit(t, ctx, linkWith("Popravljalnica Žalec")); status != http.StatusOK {
		t.Fatalf("open the initiative: %d", status)
	}
	for _, want := range []string{"Šlandrov trg 1, Žalec", "First Saturday of the month", "popravljalnica@example.org",
		en.T("directory.detail.opening_times"), "sl, en"} {
		waitText(t, ctx, want)
	}
	checkPage(t, ctx, "directory-initiative")

	// A sector filter with no script: the energy cooperative only.
	navigate(t, ctx, base+list+"?sector=energy")
	waitText(t, ctx, "Sončna zadruga Savinja")
	if strings.Contains(pageText(ctx), "Popravljalnica") {
		t.Error("the energy sector lists the repair café")
	}

	// Janez proposes one; an empty form comes back with the errors.
	janez := demoByEmail(t, "janez.kos@example.org")
	navigate(t, ctx, base+list+"/new")
	if got, want := location(t, ctx), "/login?next="+url.QueryEscape(list+"/new"); got != want {
		t.Fatalf("a visitor who proposes is sent to %s, want %s", got, want)
	}
	volunteerLogIn(t, ctx, cat, janez.Email)
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, ctx, en.T("directory.form.intro", "Name", demo.Community.Name))
	checkPage(t, ctx, "directory-form")
	if status := submit(t, ctx, button(en.T("directory.form.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("an empty proposal answers %d, want 422", status)
	}
	expectFieldError(t, ctx, en.T("directory.form.name.label"), en.T("directory.field.name.length"))
	expectFieldError(t, ctx, en.T("location.place.label"), en.T("field.place.required"))
	checkPage(t, ctx, "directory-form-errors")
	name := "Knjižnica stvari Žalec"
	fill(t, ctx, en.T("directory.form.name.label"), name)
	chooseValue(t, ctx, en.T("directory.form.sector.label"), "other")
	fill(t, ctx, en.T("directory.form.description.label"), "Library of things: borrow a drill instead of buying one.")
	fill(t, ctx, en.T("directory.form.opening_times.label"), "Wednesdays 16:00–19:00")
	choosePlace(t, ctx, "Žalec – centre")
	if status := submit(t, ctx, button(en.T("directory.form.submit"))); status != http.StatusOK {
		t.Fatalf("propose: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, en.T("directory.notice.proposed"))
	waitText(t, ctx, en.T("directory.detail.proposed"))
	logOut(t, ctx, en)

	// Mojca approves it on the directory.
	navigate(t, ctx, base+"/login?next="+url.QueryEscape(list))
	volunteerLogIn(t, ctx, cat, demoByEmail(t, "mojca.kovac@example.org").Email)
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, ctx, en.T("directory.list.proposed.heading"))
	waitText(t, ctx, "Razdelilnica hrane Levec")
	checkPage(t, ctx, "directory-admin")
	if status := submit(t, ctx, button(en.T("directory.list.approve")+" "+name)); status != http.StatusOK {
		t.Fatalf("approve: %d", status)
	}
	waitText(t, ctx, en.T("directory.notice.approved"))
	logOut(t, ctx, en)
	navigate(t, ctx, base+list+"?q=knjiznica")
	waitText(t, ctx, name)
}

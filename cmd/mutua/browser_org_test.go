package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/i18n"
)

// The organisations area in a real browser: Janez, a demo member, proposes
// an organisation (first with nothing filled in, which comes back with the
// errors next to the fields) and looks at the food bank he runs; Mojca,
// the community's admin, approves his proposal on the list, and its
// profile then says so.
func TestBrowserOrg(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	en := cat.Translator("en")
	janez := demoByEmail(t, "janez.kos@example.org")
	mojca := demoByEmail(t, "mojca.kovac@example.org")
	list := "/c/" + demo.Slug + "/organisations"
	name := "Prostovoljno gasilsko društvo Žalec"

	// A visitor who wants to propose one logs in first and comes back.
	navigate(t, ctx, base+list+"/new")
	if got, want := location(t, ctx), "/login?next="+url.QueryEscape(list+"/new"); got != want {
		t.Fatalf("a visitor who proposes is sent to %s, want %s", got, want)
	}
	volunteerLogIn(t, ctx, cat, janez.Email)
	if got := location(t, ctx); got != list+"/new" {
		t.Fatalf("after logging in the browser is on %s, want the form", got)
	}
	// The demo accounts speak Slovenian; Janez reads English.
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, ctx, en.T("org.form.title"))
	checkPage(t, ctx, "org-form")

	if status := submit(t, ctx, button(en.T("org.form.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("an empty proposal answers %d, want 422\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, en.T("form.summary.title"))
	expectFieldError(t, ctx, en.T("org.form.name.label"), en.T("org.field.name.length", "Max", 120))
	expectFieldError(t, ctx, en.T("org.form.type.label"), en.T("org.field.type.unknown"))
	expectFieldError(t, ctx, en.T("location.place.label"), en.T("field.place.required"))
	expectFieldError(t, ctx, en.T("org.form.sector.label"), "")
	checkPage(t, ctx, "org-form-errors")

	orgPropose(t, ctx, en, name)
	if got := location(t, ctx); !strings.HasPrefix(got, list+"/") || !strings.HasSuffix(got, "?done=proposed") {
		t.Fatalf("after proposing the browser is on %s, want the new profile", got)
	}
	profile, _, _ := strings.Cut(location(t, ctx), "?")
	waitText(t, ctx, en.T("org.notice.proposed"))
	waitText(t, ctx, en.T("org.profile.status.proposed"))
	waitText(t, ctx, "Fire brigade of volunteers")
	waitText(t, ctx, en.T("org.profile.where.place", "Place", "Žalec – centre"))
	checkPage(t, ctx, "org-proposed")

	// The food bank Janez runs: its Saturday opportunity, the links for
	// its people and the people themselves.
	orgOpenFoodBank(t, ctx, base, en)
	waitText(t, ctx, en.T("org.profile.run.post"))
	waitText(t, ctx, en.T("org.people.heading"))
	checkPage(t, ctx, "org-profile")
	logOut(t, ctx, en)

	// Mojca approves the proposal on the list.
	navigate(t, ctx, base+"/login?next="+url.QueryEscape(list))
	volunteerLogIn(t, ctx, cat, mojca.Email)
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, ctx, en.T("org.list.proposed.heading"))
	waitText(t, ctx, name)
	checkPage(t, ctx, "org-list-admin")
	if status := submit(t, ctx, button(en.T("org.list.approve")+" "+name)); status != http.StatusOK {
		t.Fatalf("approve: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, en.T("org.notice.approved"))
	if strings.Contains(pageText(ctx), en.T("org.list.proposed.heading")) {
		t.Error("after approving the list still has organisations waiting")
	}
	if status := submit(t, ctx, linkWith(name)); status != http.StatusOK {
		t.Fatalf("open the approved organisation: %d", status)
	}
	if got := location(t, ctx); got != profile {
		t.Errorf("the list links %s, want %s", got, profile)
	}
	waitText(t, ctx, en.T("org.profile.status.approved", "Name", demo.Community.Name))
	if strings.Contains(pageText(ctx), en.T("org.profile.status.proposed")) {
		t.Error("the approved organisation still says it waits")
	}
	checkPage(t, ctx, "")
	logOut(t, ctx, en)

	// Everyone sees it now, on the list and on its page.
	navigate(t, ctx, base+list)
	waitText(t, ctx, name)
	checkPage(t, ctx, "org-list")
	if status := navigate(t, ctx, base+profile); status != http.StatusOK {
		t.Errorf("a visitor opens the approved organisation: %d", status)
	}
}

// orgPropose fills the form properly and sends it.
func orgPropose(t *testing.T, ctx context.Context, en *i18n.Translator, name string) {
	t.Helper()
	fill(t, ctx, en.T("org.form.name.label"), name)
	chooseValue(t, ctx, en.T("org.form.type.label"), "ngo")
	fill(t, ctx, en.T("org.form.sector.label"), "fire and rescue")
	fill(t, ctx, en.T("org.form.description.label"), "Fire brigade of volunteers; trains every Thursday evening.")
	fill(t, ctx, en.T("org.form.website.label"), "www.example.org/pgd-zalec")
	fill(t, ctx, en.T("org.form.contact.label"), "pgd.zalec@example.org")
	choosePlace(t, ctx, "Žalec – centre")
	if status := submit(t, ctx, button(en.T("org.form.submit"))); status != http.StatusOK {
		t.Fatalf("propose: %d\n%s", status, pageText(ctx))
	}
}

// orgOpenFoodBank opens the demo's food bank from the list, as a visitor
// finds it, and checks its upcoming Saturday distribution.
func orgOpenFoodBank(t *testing.T, ctx context.Context, base string, en *i18n.Translator) {
	t.Helper()
	navigate(t, ctx, base+"/c/"+demo.Slug+"/organisations")
	waitText(t, ctx, en.T("org.list.title"))
	if status := submit(t, ctx, linkWith("Banka hrane Žalec")); status != http.StatusOK {
		t.Fatalf("open the food bank: %d", status)
	}
	waitText(t, ctx, "Saturday food distribution")
	waitText(t, ctx, en.T("org.profile.status.approved", "Name", demo.Community.Name))
	waitText(t, ctx, en.T("org.type.ngo")+" · food aid")
}

// TestBrowserOrgVisitor: a visitor reads the list and the food bank's
// profile, in a browser without JavaScript.
func TestBrowserOrgVisitor(t *testing.T) {
	ctx := newBrowser(t, withoutJavaScript)
	base := startDemo(t)
	en := catalog(t).Translator("en")
	orgOpenFoodBank(t, ctx, base, en)
	if strings.Contains(pageText(ctx), en.T("org.profile.run.post")) {
		t.Error("a visitor is offered to post an opportunity")
	}
	checkPage(t, ctx, "org-profile-visitor")
	linked := read(t, ctx, "find the opportunity's link", chromedp.Evaluate[bool](`Array.from(document.querySelectorAll("a")).some(a =>
		/^\/c\/demo\/opportunities\/\d+$/.test(a.pathname) && a.textContent.includes("Saturday food distribution"))`))
	if !linked {
		t.Error("the opportunity does not link to its page")
	}
}

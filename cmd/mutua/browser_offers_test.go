package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// TestBrowserOffers: a demo member offers kitchen chairs through the form
// (one mistake first, then a place chosen from the community's places),
// finds them in the list with a filter, and a demo coordinator links an
// open demo request to them and sees the quantity left drop.
func TestBrowserOffers(t *testing.T) {
	base := startDemo(t)
	cat := catalog(t)
	member := demoByEmail(t, "janez.kos@example.org")

	ctx := newBrowser(t)
	offer := offersPostThroughTheForm(t, ctx, cat, base, member)
	offersFindWithAFilter(t, ctx, cat)

	coordinator := newBrowser(t)
	offersLinkARequest(t, coordinator, cat, base, offer, demoWithRole(t, domain.RoleCoordinator))
}

// offersChairs is the offer the scenario makes.
const offersChairs = "Four kitchen chairs"

// offersPostThroughTheForm logs the member in on the way to the list,
// posts the offer and returns the address of its page.
func offersPostThroughTheForm(t *testing.T, ctx context.Context, cat *i18n.Catalog, base string, member demo.Person) string {
	t.Helper()
	list := "/c/" + demo.Slug + "/offers"
	navigate(t, ctx, base+list)
	if got, want := location(t, ctx), "/login?next="+url.QueryEscape(list); got != want {
		t.Fatalf("a visitor is sent to %s, want %s", got, want)
	}
	volunteerLogIn(t, ctx, cat, member.Email)
	if got := location(t, ctx); got != list {
		t.Fatalf("after logging in the browser is on %s, want the offers", got)
	}
	tr := pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("offers.list.title"))
	waitText(t, ctx, "Home-cooked lunches")
	// The demo's lunches have two of six meals reserved for a request.
	waitText(t, ctx, tr.T("offers.left.unit", "Left", "4", "Quantity", "6", "Unit", "meals"))
	checkPage(t, ctx, "offers-list")

	submit(t, ctx, link(tr.T("offers.list.new")))
	waitText(t, ctx, tr.T("offers.form.title"))
	// Janez runs the demo's food bank, so he may offer in its name.
	waitText(t, ctx, tr.T("offers.form.org.label"))
	checkPage(t, ctx, "offers-form")

	chooseValue(t, ctx, tr.T("offers.form.kind.label"), "goods")
	chooseValue(t, ctx, tr.T("offers.form.category.label"), "furniture")
	fill(t, ctx, tr.T("offers.form.quantity.label"), "4")
	fill(t, ctx, tr.T("offers.form.unit.label"), "chairs")
	choosePlace(t, ctx, "Griže")
	fill(t, ctx, tr.T("location.address.label"), "Griže 7")
	if status := submit(t, ctx, button(tr.T("offers.form.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("an offer without a title answers %d, want 422\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("form.summary.title"))
	expectFieldError(t, ctx, tr.T("offers.form.title.label"), tr.T("offers.field.title.length"))
	expectFieldError(t, ctx, tr.T("offers.form.quantity.label"), "")
	if got := fieldValue(t, ctx, tr.T("location.address.label")); got != "Griže 7" {
		t.Errorf("after the error the address holds %q", got)
	}
	checkPage(t, ctx, "offers-form-errors")

	fill(t, ctx, tr.T("offers.form.title.label"), offersChairs)
	if status := submit(t, ctx, button(tr.T("offers.form.submit"))); status != http.StatusOK {
		t.Fatalf("post the offer: %d\n%s", status, pageText(ctx))
	}
	page := location(t, ctx)
	if !regexp.MustCompile(`^/c/` + demo.Slug + `/offers/\d+\?done=created$`).MatchString(page) {
		t.Fatalf("after posting the browser is on %s, want the offer's page", page)
	}
	waitText(t, ctx, tr.T("offers.notice.created"))
	waitText(t, ctx, "Griže 7")
	waitText(t, ctx, tr.T("offers.left.unit", "Left", "4", "Quantity", "4", "Unit", "chairs"))
	checkPage(t, ctx, "offers-detail")
	return strings.TrimSuffix(page, "?done=created")
}

// offersFindWithAFilter: the list filtered by category shows the chairs
// and not the demo's lunches.
func offersFindWithAFilter(t *testing.T, ctx context.Context, cat *i18n.Catalog) {
	t.Helper()
	tr := pageTranslator(t, ctx, cat)
	submit(t, ctx, link(tr.T("offers.nav.list")))
	chooseValue(t, ctx, tr.T("offers.filter.category.label"), "furniture")
	if status := submit(t, ctx, button(tr.T("offers.filter.submit"))); status != http.StatusOK {
		t.Fatalf("filter: %d", status)
	}
	if !strings.Contains(location(t, ctx), "category=furniture") {
		t.Errorf("the filter is not in the address: %s", location(t, ctx))
	}
	waitText(t, ctx, offersChairs)
	text := pageText(ctx)
	if strings.Contains(text, "Home-cooked lunches") {
		t.Error("the furniture filter lists the lunches")
	}
	if strings.Contains(text, "Griže 7") {
		t.Error("the list shows the address")
	}
	checkPage(t, ctx, "offers-list-filtered")
}

// offersLinkARequest: the coordinator opens the offer, links the first
// open request of the demo to two chairs and sees two left.
func offersLinkARequest(t *testing.T, ctx context.Context, cat *i18n.Catalog, base, offer string, coord demo.Person) {
	t.Helper()
	navigate(t, ctx, base+offer)
	volunteerLogIn(t, ctx, cat, coord.Email)
	if got := location(t, ctx); got != offer {
		t.Fatalf("after logging in the coordinator is on %s, want %s", got, offer)
	}
	tr := pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("offers.link.heading"))
	waitText(t, ctx, "Griže 7")
	chosen := read(t, ctx, "choose the first open request", chromedp.Evaluate[string](`(() => {
		const s = document.getElementById("f-request_id");
		if (s.options.length < 2) { return ""; }
		s.value = s.options[1].value;
		return s.options[1].text;
	})()`))
	if chosen == "" {
		t.Fatal("the coordinator has no open request to link")
	}
	for _, private := range []string{"Savinjska cesta", "Levec 40", "Šlandrova", "03 571"} {
		if strings.Contains(chosen, private) {
			t.Errorf("the request choice %q shows a private detail", chosen)
		}
	}
	fill(t, ctx, tr.T("offers.link.quantity.label"), "2")
	if status := submit(t, ctx, button(tr.T("offers.link.submit"))); status != http.StatusOK {
		t.Fatalf("link: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("offers.notice.linked"))
	left := read(t, ctx, "read what is left", chromedp.Evaluate[string](`document.getElementById("offer-left").innerText`))
	if want := tr.T("offers.left.unit", "Left", "2", "Quantity", "4", "Unit", "chairs"); strings.TrimSpace(left) != want {
		t.Errorf("after linking the offer says %q, want %q", left, want)
	}
	waitText(t, ctx, tr.T("offers.links.reserved", "Quantity", 2))
	checkPage(t, ctx, "offers-detail-linked")
}

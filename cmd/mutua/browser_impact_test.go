package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// The impact area in a real browser: a visitor reads the demo community's
// dashboard in every language (charts, their tables, the rule about small
// figures, the CSV link), its admin is told the figures are exact, and the
// operator sets the community's population on the comparison page, first
// with words instead of a number. axe checks every page.
func TestBrowserImpact(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	en := cat.Translator("en")
	dashboard := "/c/" + demo.Slug + "/impact"

	navigate(t, ctx, base+dashboard)
	for _, lang := range i18n.Languages() {
		submit(t, ctx, chromedp.CSS(`.language-switch button[value="`+lang+`"]`))
		tr := cat.Translator(lang)
		waitText(t, ctx, tr.T("impact.requests.caption"))
		waitText(t, ctx, tr.T("impact.privacy.rule"))
		checkPage(t, ctx, "impact-dashboard-"+lang)
	}
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	charts := read(t, ctx, "count the charts and their tables", chromedp.Evaluate[[]int](`[
		document.querySelectorAll('figure svg[role="img"] title').length,
		document.querySelectorAll('figure figcaption').length,
		document.querySelectorAll('table caption').length,
		document.querySelectorAll('svg [style]').length]`))
	if charts[0] < 2 || charts[1] != charts[0] || charts[2] < charts[0] || charts[3] != 0 {
		t.Errorf("charts with titles, captions, tables, styled SVG elements: %v", charts)
	}
	if strings.Contains(pageText(ctx), en.T("impact.privacy.exact")) {
		t.Error("a visitor is told the figures are exact")
	}
	href := read(t, ctx, "read the CSV link", chromedp.Evaluate[string](
		`document.querySelector('a[download]').getAttribute('href')`))
	res, err := http.Get(base + href)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") {
		t.Errorf("the CSV link %s answers %d %q %q", href, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}

	// The community's admin sees exact figures and is told so.
	admin := demoWithRole(t, domain.RoleAdmin)
	adminLogIn(t, ctx, cat, base, admin.Email, demo.Password)
	navigate(t, ctx, base+dashboard)
	tr := pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("impact.privacy.exact"))
	checkPage(t, ctx, "impact-dashboard-admin")
	logOut(t, ctx, tr)

	// The comparison, for visitors.
	navigate(t, ctx, base+"/impact")
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, ctx, en.T("impact.compare.title"))
	waitText(t, ctx, en.T("impact.band.unknown"))
	waitText(t, ctx, demo.Community.Name)
	checkPage(t, ctx, "impact-compare")

	// The operator sets the population: words come back with the error
	// next to the field, a number moves the community into its band.
	op := demoWithRole(t, "")
	adminLogIn(t, ctx, cat, base, op.Email, demo.Password)
	navigate(t, ctx, base+"/impact")
	tr = pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("impact.population.heading"))
	chooseValue(t, ctx, tr.T("impact.population.community.label"), demo.Slug)
	fill(t, ctx, tr.T("impact.population.label"), "many")
	if status := submit(t, ctx, button(tr.T("impact.population.save"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("a population in words answers %d, want 422", status)
	}
	waitText(t, ctx, tr.T("form.summary.title"))
	expectFieldError(t, ctx, tr.T("impact.population.label"), tr.T("field.population.out_of_range"))
	if got := fieldValue(t, ctx, tr.T("impact.population.label")); got != "many" {
		t.Errorf("the field keeps %q, want what was typed", got)
	}
	checkPage(t, ctx, "impact-population-error")
	fill(t, ctx, tr.T("impact.population.label"), "12500")
	if status := submit(t, ctx, button(tr.T("impact.population.save"))); status != http.StatusOK {
		t.Fatalf("save the population: %d", status)
	}
	waitText(t, ctx, tr.T("impact.population.saved"))
	band := read(t, ctx, "read the band of 5,000 to 20,000", chromedp.Evaluate[string](
		`document.querySelector('#band-1').closest('section').innerText`))
	if !strings.Contains(band, demo.Community.Name) {
		t.Errorf("the band of 5,000 to 20,000 lacks the community:\n%s", band)
	}
	checkPage(t, ctx, "impact-compare-operator")
}

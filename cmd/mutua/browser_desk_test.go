package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// The coordinator's desk in a real browser: a phone call from search to
// proposal, once with the mouse and once with the keyboard, the queue's
// filters with htmx and with JavaScript turned off, French on the desk, and
// a plain member kept out.

// deskNewClient is the caller the scenario records.
const deskNewClient = "Ivana Testna"

func TestBrowserDesk(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	coord := demoWithRole(t, domain.RoleCoordinator)
	tr := deskLogIn(t, ctx, cat, base, coord.Email)

	deskQueueWithHTMX(t, ctx, base, tr)
	deskFindClient(t, ctx, base, tr)
	deskCreateClient(t, ctx, tr)
	deskEnterRequest(t, ctx, tr)
	proposed := deskProposeWithClick(t, ctx, tr, coord)
	deskShortcutsAndFrench(t, ctx, cat, coord)
	deskVolunteerTakesOver(t, base, cat, proposed)
	deskQueueWithoutJavaScript(t, deskScriptlessTab(t, ctx), base, cat)

	// A plain member who finds the desk's address gets a friendly no.
	member := demoWithRole(t, domain.RoleMember)
	step(t, ctx, "log out", chromedp.Navigate(base+"/"))
	submit(t, ctx, chromedp.CSS(`form[action="/logout"] button`))
	tr = deskLogIn(t, ctx, cat, base, member.Email)
	if status := navigate(t, ctx, base+"/c/"+demo.Slug+"/desk"); status != http.StatusForbidden {
		t.Errorf("a member opens the desk: %d, want 403", status)
	}
	waitText(t, ctx, tr.T("desk.forbidden.title"))
	if strings.Contains(pageText(ctx), tr.T("desk.search.label")) {
		t.Error("the member's page shows the client search")
	}
	checkPage(t, ctx, "desk-forbidden")
}

// deskQueueWithHTMX: the queue lists the demo's open requests; a filter
// changes the list in place and the address, without loading the page.
func deskQueueWithHTMX(t *testing.T, ctx context.Context, base string, tr *i18n.Translator) {
	t.Helper()
	if status := navigate(t, ctx, base+"/c/"+demo.Slug+"/desk"); status != http.StatusOK {
		t.Fatalf("the desk: %d", status)
	}
	waitText(t, ctx, tr.T("desk.queue.title"))
	waitText(t, ctx, "Weekly shopping at the market")
	waitText(t, ctx, "Prescription from the pharmacy")
	checkPage(t, ctx, "desk-queue")

	step(t, ctx, "mark the page", chromedp.Evaluate[chromedp.Void](`window.deskSamePage = true`))
	step(t, ctx, "filter by urgency", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.getElementById("f-urgency");
		s.value = "high";
		s.dispatchEvent(new Event("change", {bubbles: true}));
	})()`))
	deskWaitFor(t, ctx, "the list to show high urgency only", `location.search.includes("urgency=high") &&
		!document.getElementById("desk-queue").innerText.includes("Weekly shopping at the market")`)
	waitText(t, ctx, "Prescription from the pharmacy")
	waitText(t, ctx, tr.T("desk.queue.count", "Count", 1))
	if !read(t, ctx, "is it the same page", chromedp.Evaluate[bool](`window.deskSamePage === true`)) {
		t.Error("the filter loaded a new page instead of changing the list in place")
	}
	checkPage(t, ctx, "")
}

// deskFindClient: the demo's client is found by the end of her phone
// number, typed with spaces.
func deskFindClient(t *testing.T, ctx context.Context, base string, tr *i18n.Translator) {
	t.Helper()
	navigate(t, ctx, base+"/c/"+demo.Slug+"/desk")
	fill(t, ctx, tr.T("desk.search.label"), "571 00 00")
	if status := submit(t, ctx, button(tr.T("desk.search.submit"))); status != http.StatusOK {
		t.Fatalf("search: %d", status)
	}
	waitText(t, ctx, "Frančiška Zupančič")
	waitText(t, ctx, tr.T("desk.clients.found", "Count", 1, "Search", "571 00 00"))
	checkPage(t, ctx, "desk-clients")
}

// deskCreateClient: the caller is new. The form first comes back with
// the mistakes next to their fields and the input kept, then records the
// client with their consent and goes on to their request.
func deskCreateClient(t *testing.T, ctx context.Context, tr *i18n.Translator) {
	t.Helper()
	submit(t, ctx, link(tr.T("desk.bar.new_client")))
	waitText(t, ctx, tr.T("desk.client.new.title"))
	fill(t, ctx, tr.T("desk.client.phone.label"), "041 55x")
	if status := submit(t, ctx, button(tr.T("desk.client.new.submit"))); status != http.StatusUnprocessableEntity {
		t.Errorf("a client without a name answers %d, want 422", status)
	}
	waitText(t, ctx, tr.T("form.summary.title"))
	expectFieldError(t, ctx, tr.T("desk.client.name.label"), tr.T("desk.field.name.length", "Count", domain.MaxPersonNameLen))
	expectFieldError(t, ctx, tr.T("desk.client.phone.label"), tr.T("desk.field.phone.format"))
	waitText(t, ctx, tr.T("desk.field.consent_method.required"))
	if got := fieldValue(t, ctx, tr.T("desk.client.phone.label")); got != "041 55x" {
		t.Errorf("after the errors the phone holds %q", got)
	}
	checkPage(t, ctx, "desk-client-errors")

	fill(t, ctx, tr.T("desk.client.name.label"), deskNewClient)
	fill(t, ctx, tr.T("desk.client.phone.label"), "041 555 123")
	fill(t, ctx, tr.T("location.address.label"), "Savinjska cesta 3, Žalec")
	choosePlace(t, ctx, "Žalec – centre")
	step(t, ctx, "consent on the phone", chromedp.Click(field(t, ctx, tr.T("desk.consent.method.phone"))))
	if status := submit(t, ctx, button(tr.T("desk.client.new.submit"))); status != http.StatusOK {
		t.Fatalf("record the client: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("desk.request.new.client_saved", "Name", deskNewClient))
}

// deskEnterRequest: the request form is filled in from the client; the
// coordinator says what is needed and saves.
func deskEnterRequest(t *testing.T, ctx context.Context, tr *i18n.Translator) {
	t.Helper()
	waitText(t, ctx, tr.T("desk.request.new.title", "Name", deskNewClient))
	if got := fieldValue(t, ctx, tr.T("location.address.label")); got != "Savinjska cesta 3, Žalec" {
		t.Errorf("the address is not the client's: %q", got)
	}
	checked := read(t, ctx, "read the languages", chromedp.Evaluate[bool](`document.getElementById("f-languages-sl").checked`))
	if !checked {
		t.Error("the client's language is not ticked")
	}
	checkPage(t, ctx, "desk-request-form")
	chooseValue(t, ctx, tr.T("desk.request.category.label"), "groceries")
	fill(t, ctx, tr.T("desk.request.title.label"), "Shopping for the week")
	if status := submit(t, ctx, button(tr.T("desk.request.new.submit"))); status != http.StatusOK {
		t.Fatalf("save the request: %d\n%s", status, pageText(ctx))
	}
	if !strings.Contains(location(t, ctx), "/desk/requests/") {
		t.Fatalf("saving the request leads to %s", location(t, ctx))
	}
	waitText(t, ctx, "Shopping for the week")
}

// deskProposeWithClick: the ranked candidates say in words why they fit;
// one click proposes the first, and the history shows it.
func deskProposeWithClick(t *testing.T, ctx context.Context, tr *i18n.Translator, coord demo.Person) (proposed string) {
	t.Helper()
	waitText(t, ctx, tr.T("desk.candidates.title"))
	deskExpectReasons(t, ctx, tr)
	checkPage(t, ctx, "desk-request")
	history := deskCount(t, ctx, ".desk-history li")
	first := read(t, ctx, "read the first candidate", chromedp.Evaluate[string](
		`document.querySelector(".desk-candidate-name").innerText.replace(/^\d\s*/, "").trim()`))
	if status := submit(t, ctx, chromedp.CSS(".desk-candidate button")); status != http.StatusOK {
		t.Fatalf("propose: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("desk.notice.proposed"))
	waitText(t, ctx, tr.T("desk.event.proposed", "Name", coord.Name))
	waitText(t, ctx, first)
	if got := deskCount(t, ctx, ".desk-history li"); got != history+1 {
		t.Errorf("the history has %d lines after proposing, want %d", got, history+1)
	}
	checkPage(t, ctx, "desk-request-proposed")
	return first
}

// deskVolunteerTakesOver ends the phone request's story in the volunteer's
// own browser: the volunteer the coordinator proposed logs in, finds the
// task, accepts it, sees the client's address only then, and completes it
// with the hours.
func deskVolunteerTakesOver(t *testing.T, base string, cat *i18n.Catalog, name string) {
	t.Helper()
	var vol demo.Person
	for _, p := range demo.People {
		if p.Name == name {
			vol = p
		}
	}
	if vol.Email == "" {
		t.Fatalf("the proposed volunteer %q is not a demo person", name)
	}
	ctx := newBrowser(t)
	address := "Savinjska cesta 3, Žalec"
	navigate(t, ctx, base+"/c/"+demo.Slug+"/tasks")
	volunteerLogIn(t, ctx, cat, vol.Email)
	tr := cat.Translator(htmlLang(t, ctx))
	waitText(t, ctx, tr.T("volunteer.tasks.group.proposed"))
	volunteerNoAddress(t, ctx, address)
	if status := submit(t, ctx, link("Shopping for the week")); status != http.StatusOK {
		t.Fatalf("open the task: %d", status)
	}
	volunteerNoAddress(t, ctx, address)
	if status := submit(t, ctx, button(tr.T("volunteer.task.accept"))); status != http.StatusOK {
		t.Fatalf("accept: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("volunteer.notice.accepted"))
	waitText(t, ctx, address)
	fill(t, ctx, tr.T("volunteer.hours.label"), "2")
	if status := submit(t, ctx, button(tr.T("volunteer.hours.submit"))); status != http.StatusOK {
		t.Fatalf("complete: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("volunteer.notice.completed"))
	checkPage(t, ctx, "desk-volunteer-completed")
}

// deskShortcutsAndFrench: with the keyboard only, "r" opens a new request
// for the client on the screen; the desk switches to French and says the
// reasons in French; "1" picks the first candidate, Enter proposes.
func deskShortcutsAndFrench(t *testing.T, ctx context.Context, cat *i18n.Catalog, coord demo.Person) {
	t.Helper()
	tr := pageTranslator(t, ctx, cat)
	// "?" opens the list of shortcuts, "/" goes to the search.
	step(t, ctx, "press ?", chromedp.KeyEvent("?"))
	if !read(t, ctx, "is the list open", chromedp.Evaluate[bool](`document.querySelector(".desk-shortcuts").open`)) {
		t.Error("? did not open the list of shortcuts")
	}
	step(t, ctx, "press /", chromedp.KeyEvent("/"))
	if f := focus(t, ctx, "#desk-search"); !f.Matches {
		t.Errorf("/ put the focus on %+v, want the client search", f)
	}
	step(t, ctx, "leave the search", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))

	// The client's page, from the request's details, and its edit form.
	submit(t, ctx, link(deskNewClient))
	waitText(t, ctx, tr.T("desk.client.requests"))
	waitText(t, ctx, "Shopping for the week")
	checkPage(t, ctx, "desk-client")
	clientPage := read(t, ctx, "read the address", chromedp.Location())
	submit(t, ctx, link(tr.T("desk.client.edit")))
	if got := fieldValue(t, ctx, tr.T("desk.client.phone.label")); got != "041 555 123" {
		t.Errorf("the edit form holds the phone %q", got)
	}
	checkPage(t, ctx, "desk-client-edit")
	navigate(t, ctx, clientPage)

	if status := follow(t, ctx, "press r", chromedp.KeyEvent("r")); status != http.StatusOK {
		t.Fatalf("r: %d", status)
	}
	waitText(t, ctx, tr.T("desk.request.new.title", "Name", deskNewClient))
	chooseValue(t, ctx, tr.T("desk.request.category.label"), "groceries")
	fill(t, ctx, tr.T("desk.request.title.label"), "Bread on Saturday")
	if status := follow(t, ctx, "press Enter", chromedp.KeyEvent(kb.Enter)); status != http.StatusOK {
		t.Fatalf("save with Enter: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, "Bread on Saturday")

	submit(t, ctx, chromedp.CSS(`.language-switch button[value="fr"]`))
	if lang := htmlLang(t, ctx); lang != "fr" {
		t.Fatalf("after switching to French the desk is in %q", lang)
	}
	fr := cat.Translator("fr")
	waitText(t, ctx, fr.T("desk.candidates.title"))
	waitText(t, ctx, fr.T("desk.reason.language", "Language", fr.LanguageName("sl")))
	deskExpectReasons(t, ctx, fr)
	checkPage(t, ctx, "desk-request-fr")

	step(t, ctx, "press 1", chromedp.KeyEvent("1"))
	f := focus(t, ctx, ".desk-candidate button")
	first := read(t, ctx, "is it the first", chromedp.Evaluate[bool](
		`document.activeElement === document.querySelector(".desk-candidate button")`))
	if !first || !f.Shown {
		t.Fatalf("1 put the focus on %+v, want the first candidate's button, visibly", f)
	}
	live := read(t, ctx, "read the live region", chromedp.Evaluate[string](`document.getElementById("desk-live").textContent`))
	if !strings.HasPrefix(live, strings.SplitN(fr.T("desk.candidate.confirm", "Name", "X"), "X", 2)[0]) {
		t.Errorf("the live region says %q, want the confirmation", live)
	}
	if status := follow(t, ctx, "press Enter", chromedp.KeyEvent(kb.Enter)); status != http.StatusOK {
		t.Fatalf("propose with Enter: %d", status)
	}
	waitText(t, ctx, fr.T("desk.notice.proposed"))
	waitText(t, ctx, fr.T("desk.event.proposed", "Name", coord.Name))
	checkPage(t, ctx, "")
}

// deskQueueWithoutJavaScript: in a tab with JavaScript turned off, the
// queue's filter form is a plain GET that reloads the page filtered.
func deskQueueWithoutJavaScript(t *testing.T, ctx context.Context, base string, cat *i18n.Catalog) {
	t.Helper()
	navigate(t, ctx, base+"/c/"+demo.Slug+"/desk")
	if read(t, ctx, "look for htmx", chromedp.Evaluate[bool](`typeof htmx !== "undefined"`)) {
		t.Fatal("htmx ran in the tab with JavaScript turned off")
	}
	tr := pageTranslator(t, ctx, cat)
	waitText(t, ctx, "Dripping kitchen tap")
	chooseValue(t, ctx, tr.T("desk.queue.urgency.label"), "low")
	if status := submit(t, ctx, button(tr.T("desk.queue.submit"))); status != http.StatusOK {
		t.Fatalf("filter without JavaScript: %d", status)
	}
	if got := location(t, ctx); !strings.Contains(got, "urgency=low") {
		t.Errorf("the filtered queue is at %s", got)
	}
	waitText(t, ctx, "Dripping kitchen tap")
	if strings.Contains(pageText(ctx), "Weekly shopping at the market") {
		t.Error("the filter without JavaScript still lists a normal request")
	}
	step(t, ctx, "tick overdue", chromedp.Click(field(t, ctx, tr.T("desk.queue.overdue.label"))))
	submit(t, ctx, button(tr.T("desk.queue.submit")))
	waitText(t, ctx, tr.T("desk.queue.empty.filtered"))
	checkPage(t, ctx, "desk-queue-nojs")
}

// deskExpectReasons checks that the first candidate's reasons are words in
// the page's language: the distance and a common language at least.
func deskExpectReasons(t *testing.T, ctx context.Context, tr *i18n.Translator) {
	t.Helper()
	reasons := read(t, ctx, "read the reasons", chromedp.Evaluate[string](`document.querySelector(".desk-reasons").innerText`))
	km := strings.SplitN(tr.T("desk.reason.distance", "KM", "X"), "X", 2)
	if !strings.Contains(reasons, strings.TrimSpace(km[1])) {
		t.Errorf("the reasons %q do not say how far", reasons)
	}
	if !strings.Contains(reasons, tr.T("desk.reason.language", "Language", tr.LanguageName("sl"))) {
		t.Errorf("the reasons %q do not say the common language", reasons)
	}
	if strings.Contains(reasons, "distance") || strings.Contains(reasons, "desk.") {
		t.Errorf("the reasons %q show codes", reasons)
	}
}

// deskLogIn logs in from the login page and returns the translator of the
// page it leads to, which is in the person's own language.
func deskLogIn(t *testing.T, ctx context.Context, cat *i18n.Catalog, base, email string) *i18n.Translator {
	t.Helper()
	navigate(t, ctx, base+"/login")
	tr := pageTranslator(t, ctx, cat)
	fill(t, ctx, tr.T("form.email.label"), email)
	fill(t, ctx, tr.T("form.password.label"), demo.Password)
	if status := submit(t, ctx, button(tr.T("login.submit"))); status != http.StatusOK {
		t.Fatalf("log in as %s: %d\n%s", email, status, pageText(ctx))
	}
	return pageTranslator(t, ctx, cat)
}

// deskCount counts the elements a CSS selector finds.
func deskCount(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	return read(t, ctx, "count "+sel, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
}

// deskWaitFor polls a JavaScript condition from Go until it holds.
func deskWaitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	for range 200 {
		if read(t, ctx, "wait for "+what, chromedp.Evaluate[bool](cond)) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waited in vain for %s:\n%s", what, pageText(ctx))
}

// deskScriptlessTab opens a second tab of the same browser, logged in as
// the first, with JavaScript turned off.
func deskScriptlessTab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	// Not step: the first action binds the tab's life to its context, and
	// step's context ends with the step.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("open a second tab: %v", err)
	}
	tab = context.WithValue(tab, browserStateKey{}, browserState{scriptsOff: true})
	version, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	step(t, tab, "set up the tab without JavaScript", desktop.viewport(),
		call(emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}),
		call(emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: version.UserAgent, AcceptLanguage: "en"}),
		call(emulation.SetScrollbarsHidden, emulation.SetScrollbarsHiddenParams{Hidden: true}),
		call(emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}),
	)
	return tab
}

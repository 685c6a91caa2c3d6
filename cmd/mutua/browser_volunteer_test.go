package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// The volunteer area in a real browser: becoming a volunteer, the feed
// with its reasons in words, offering to help; and a volunteer's task from
// the coordinator's proposal to its completion, with the address shown only
// to the person who helps.

// TestBrowserVolunteerOnboarding: Janez, a demo member, is sent to log in,
// becomes a volunteer through the steps (first with nothing chosen, which
// comes back with the errors next to the fields), sees Marija's shopping in
// his feed with the reasons in English and in German, and offers to help;
// the community asks a coordinator to confirm, so no address yet.
func TestBrowserVolunteerOnboarding(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	en, de := cat.Translator("en"), cat.Translator("de")
	janez := demoByEmail(t, "janez.kos@example.org")
	onboarding := "/c/" + demo.Slug + "/volunteer"

	navigate(t, ctx, base+onboarding)
	if got, want := location(t, ctx), "/login?next="+url.QueryEscape(onboarding); got != want {
		t.Fatalf("a visitor who wants to help is sent to %s, want %s", got, want)
	}
	volunteerLogIn(t, ctx, cat, janez.Email)
	if got := location(t, ctx); got != onboarding {
		t.Fatalf("after logging in the browser is on %s, want the onboarding", got)
	}
	// The demo accounts speak Slovenian; Janez reads English.
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))
	waitText(t, ctx, en.T("volunteer.profile.skills.heading"))
	if volunteerStepsShown(t, ctx) != 1 {
		t.Error("with JavaScript the onboarding does not show one step at a time")
	}
	checkPage(t, ctx, "volunteer-onboarding")

	// Through every step with nothing chosen: the form comes back at the
	// first step with a problem, every problem next to its field.
	volunteerNextStep(t, ctx)
	volunteerLanguage(t, ctx, "en", false)
	for range 3 {
		volunteerNextStep(t, ctx)
	}
	if status := submit(t, ctx, button(en.T("volunteer.profile.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("an empty profile answers %d, want 422\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, en.T("form.summary.title"))
	expectFieldError(t, ctx, "#f-skills", en.T("volunteer.field.skills.length"))
	expectFieldError(t, ctx, "#f-languages", en.T("volunteer.field.languages.length"))
	expectFieldError(t, ctx, en.T("volunteer.profile.area.place.label"), en.T("field.place.required"))
	if !read(t, ctx, "is the first step shown", chromedp.Evaluate[bool](`document.getElementById("f-skills").offsetParent !== null`)) {
		t.Error("the form with errors does not open at the step with the first error")
	}
	checkPage(t, ctx, "volunteer-onboarding-errors")

	// Now properly: groceries, Slovenian, Žalec centre, the morning of the
	// day Marija needs her shopping.
	weekday := domain.WeekdayOf(time.Now().In(demoZone(t)).AddDate(0, 0, 1))
	step(t, ctx, "tick groceries", chromedp.Click(chromedp.ID("skill-groceries")))
	volunteerNextStep(t, ctx)
	volunteerLanguage(t, ctx, "sl", true)
	volunteerNextStep(t, ctx)
	choosePlace(t, ctx, "Žalec – centre")
	volunteerNextStep(t, ctx)
	step(t, ctx, "tick the morning", chromedp.Click(chromedp.ID("slot-"+weekday+"-morning")))
	volunteerNextStep(t, ctx)
	if status := submit(t, ctx, button(en.T("volunteer.profile.submit"))); status != http.StatusOK {
		t.Fatalf("save the profile: %d\n%s", status, pageText(ctx))
	}
	if got := location(t, ctx); got != "/c/"+demo.Slug+"/feed?saved=1" {
		t.Errorf("after saving the profile the browser is on %s", got)
	}

	// The feed: Marija's shopping, with the reasons in words.
	waitText(t, ctx, en.T("volunteer.notice.saved"))
	waitText(t, ctx, "Weekly shopping at the market")
	waitText(t, ctx, en.T("volunteer.feed.near", "Place", "Žalec – centre"))
	waitText(t, ctx, en.T("volunteer.reason.language", "Language", en.LanguageName("sl")))
	waitText(t, ctx, en.T("volunteer.reason.skill", "Category", en.T("category.groceries")))
	waitText(t, ctx, en.T("volunteer.reason.available.morning", "Day", en.T("volunteer.day.reason."+weekday)))
	checkPage(t, ctx, "volunteer-feed")

	// The same reasons in German, numbers and days included.
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="de"]`))
	if lang := htmlLang(t, ctx); lang != "de" {
		t.Fatalf("after switching to German the feed is in %q", lang)
	}
	waitText(t, ctx, de.T("volunteer.reason.language", "Language", de.LanguageName("sl")))
	waitText(t, ctx, de.T("volunteer.reason.available.morning", "Day", de.T("volunteer.day.reason."+weekday)))
	reasons := read(t, ctx, "read the reasons", chromedp.Evaluate[string](`document.querySelector(".reasons").innerText`))
	if !strings.Contains(reasons, " km ") && !strings.Contains(reasons, de.T("volunteer.reason.distance.near")) {
		t.Errorf("the German reasons say nothing about the distance: %q", reasons)
	}
	checkPage(t, ctx, "volunteer-feed-de")
	submit(t, ctx, chromedp.CSS(`.language-switch button[value="en"]`))

	// One click offers; the demo community lets a coordinator confirm.
	if status := submit(t, ctx, button(en.T("volunteer.feed.offer"))); status != http.StatusOK {
		t.Fatalf("offer to help: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, en.T("volunteer.notice.offered.approval"))
	waitText(t, ctx, en.T("volunteer.task.private.later"))
	volunteerNoAddress(t, ctx, "Savinjska cesta")
	checkPage(t, ctx, "volunteer-offered")

	submit(t, ctx, link(en.T("volunteer.nav.tasks")))
	waitText(t, ctx, en.T("volunteer.tasks.group.offered"))
	waitText(t, ctx, "Weekly shopping at the market")
	checkPage(t, ctx, "")
	submit(t, ctx, link(en.T("volunteer.nav.feed")))
	waitText(t, ctx, en.T("volunteer.feed.offered"))
	checkPage(t, ctx, "")
}

// TestBrowserVolunteerTaskWithoutJavaScript: in a browser that runs no
// scripts, Luka answers the demo's proposal: he accepts, sees the address,
// writes a message and completes the task, first with hours that are not
// a number. Then Nina, another volunteer, opens the same task and gets a
// friendly "not found" without the address.
func TestBrowserVolunteerTaskWithoutJavaScript(t *testing.T) {
	ctx := newBrowser(t, withoutJavaScript)
	base := startDemo(t)
	cat := catalog(t)
	luka := demoByEmail(t, "luka.novak@example.org")
	tasks := "/c/" + demo.Slug + "/tasks"
	address := "Savinjska cesta 10, Žalec"

	navigate(t, ctx, base+tasks)
	volunteerLogIn(t, ctx, cat, luka.Email)
	if got := location(t, ctx); got != tasks {
		t.Fatalf("after logging in the browser is on %s, want the tasks", got)
	}
	// Luka reads Slovenian, as his account says.
	sl := cat.Translator(htmlLang(t, ctx))
	if sl.Lang() != "sl" {
		t.Errorf("Luka's tasks are in %q, want sl", sl.Lang())
	}
	waitText(t, ctx, sl.T("volunteer.tasks.group.proposed"))
	waitText(t, ctx, "Light bulb in the hallway")
	volunteerNoAddress(t, ctx, address)
	checkPage(t, ctx, "volunteer-tasks")

	if status := submit(t, ctx, button(sl.T("volunteer.task.accept"))); status != http.StatusOK {
		t.Fatalf("accept: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, sl.T("volunteer.notice.accepted"))
	waitText(t, ctx, address)
	task, _, _ := strings.Cut(location(t, ctx), "?")
	checkPage(t, ctx, "volunteer-task")

	message := "Pridem jutri ob desetih, prinesem lestev."
	fill(t, ctx, sl.T("volunteer.messages.label"), message)
	if status := submit(t, ctx, button(sl.T("volunteer.messages.send"))); status != http.StatusOK {
		t.Fatalf("send a message: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, sl.T("volunteer.notice.sent"))
	waitText(t, ctx, message)

	fill(t, ctx, sl.T("volunteer.hours.label"), "pol ure")
	if status := submit(t, ctx, button(sl.T("volunteer.hours.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("hours that are not a number answer %d, want 422", status)
	}
	expectFieldError(t, ctx, sl.T("volunteer.hours.label"), sl.T("volunteer.field.hours.number"))
	if got := fieldValue(t, ctx, sl.T("volunteer.hours.label")); got != "pol ure" {
		t.Errorf("after the error the hours field holds %q", got)
	}
	checkPage(t, ctx, "volunteer-task-hours-error")
	fill(t, ctx, sl.T("volunteer.hours.label"), "1,5")
	if status := submit(t, ctx, button(sl.T("volunteer.hours.submit"))); status != http.StatusOK {
		t.Fatalf("complete: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, sl.T("volunteer.notice.completed"))
	waitText(t, ctx, sl.T("volunteer.task.status", "Status", sl.T("volunteer.status.completed")))
	checkPage(t, ctx, "")

	// His profile, as one long form without JavaScript: his weekday
	// mornings (08:00–13:00, given through the API) are kept as they are.
	submit(t, ctx, link(sl.T("volunteer.nav.profile")))
	waitText(t, ctx, sl.T("volunteer.profile.kept.intro"))
	if volunteerStepsShown(t, ctx) != 5 {
		t.Error("without JavaScript the onboarding does not show every step")
	}
	checkPage(t, ctx, "volunteer-profile")

	// The home page after logging out speaks the browser's language.
	submit(t, ctx, button(sl.T("nav.logout")))
	waitText(t, ctx, cat.Translator("en").T("nav.login"))

	// Another volunteer, with the link: a friendly 404, never the address.
	nina := demoByEmail(t, "nina.horvat@example.org")
	navigate(t, ctx, base+task)
	if status := volunteerLogIn(t, ctx, cat, nina.Email); status != http.StatusNotFound {
		t.Errorf("another volunteer opens the task: %d, want 404", status)
	}
	if got := location(t, ctx); got != task {
		t.Fatalf("after logging in Nina is on %s, want %s", got, task)
	}
	waitText(t, ctx, sl.T("volunteer.error.not_in_thread"))
	volunteerNoAddress(t, ctx, address)
	volunteerNoAddress(t, ctx, message)
	checkPage(t, ctx, "volunteer-task-not-found")
}

// volunteerLogIn fills the login form the browser shows and follows it to
// the page it returns to, whose status it returns.
func volunteerLogIn(t *testing.T, ctx context.Context, cat *i18n.Catalog, email string) int64 {
	t.Helper()
	if !strings.HasPrefix(location(t, ctx), "/login") {
		t.Fatalf("expected the login page, the browser is on %s", location(t, ctx))
	}
	tr := cat.Translator(htmlLang(t, ctx))
	checkPage(t, ctx, "")
	fill(t, ctx, tr.T("form.email.label"), email)
	fill(t, ctx, tr.T("form.password.label"), demo.Password)
	status := submit(t, ctx, button(tr.T("login.submit")))
	if status == http.StatusUnauthorized || status >= 500 {
		t.Fatalf("log in as %s: %d\n%s", email, status, pageText(ctx))
	}
	return status
}

// volunteerStepsShown counts the onboarding steps on screen.
func volunteerStepsShown(t *testing.T, ctx context.Context) int {
	t.Helper()
	return read(t, ctx, "count the steps shown", chromedp.Evaluate[int](
		`Array.from(document.querySelectorAll(".step")).filter(s => s.offsetParent !== null).length`))
}

// volunteerNextStep presses the "next step" button of the step on screen.
func volunteerNextStep(t *testing.T, ctx context.Context) {
	t.Helper()
	step(t, ctx, "next step", chromedp.Click(chromedp.CSS(`.step:not(.step-hidden) .step-buttons .button-primary`)))
}

// volunteerLanguage ticks or unticks a language of the profile.
func volunteerLanguage(t *testing.T, ctx context.Context, lang string, on bool) {
	t.Helper()
	checked := read(t, ctx, "read "+lang, chromedp.Evaluate[bool](`document.getElementById("lang-`+lang+`").checked`))
	if checked != on {
		step(t, ctx, "click "+lang, chromedp.Click(chromedp.ID("lang-"+lang)))
	}
}

// volunteerNoAddress fails when the page's HTML holds a private detail.
func volunteerNoAddress(t *testing.T, ctx context.Context, private string) {
	t.Helper()
	html := read(t, ctx, "read the page", chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	if strings.Contains(html, private) {
		t.Errorf("%s shows %q, which this person may not see", location(t, ctx), private)
	}
}

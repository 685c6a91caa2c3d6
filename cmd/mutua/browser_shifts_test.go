package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/i18n"
)

// The shifts area in a real browser: Janez, who runs the demo's food bank,
// posts an opportunity with one shift for one person (first with a shift
// that ends before it starts); Luka signs up and has the place, Eva signs
// up and waits; Luka cancels from his list of shifts, and Eva has the
// place. Every page passes axe.
func TestBrowserShifts(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	list := "/c/" + demo.Slug + "/opportunities"

	// A visitor finds the food bank's opportunity and its organisation.
	if status := navigate(t, ctx, base+list); status != http.StatusOK {
		t.Fatalf("the list: %d", status)
	}
	en := pageTranslator(t, ctx, cat)
	waitText(t, ctx, "Saturday food distribution")
	waitText(t, ctx, "Banka hrane Žalec")
	checkPage(t, ctx, "shifts-list")
	submit(t, ctx, link("Saturday food distribution"))
	waitText(t, ctx, en.T("shifts.opportunity.login"))
	orgPath := read(t, ctx, "read the organisation's link", chromedp.Evaluate[string](
		`new URL(document.querySelector(".lead a").href).pathname`))
	if !strings.HasPrefix(orgPath, "/c/"+demo.Slug+"/organisations/") {
		t.Fatalf("the organisation's link leads to %s", orgPath)
	}

	// Janez posts: first a shift that ends before it starts.
	navigate(t, ctx, base+orgPath+"/opportunities/new")
	volunteerLogIn(t, ctx, cat, "janez.kos@example.org")
	tr := pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("shifts.post.once.legend"))
	checkPage(t, ctx, "shifts-post")
	// The script adds a fourth row, which stays empty and is left out.
	step(t, ctx, "add a shift", chromedp.Click(button(tr.T("shifts.post.add"))))
	if !read(t, ctx, "look for the fourth row", chromedp.Evaluate[bool](
		`document.getElementById("f-shift4.date") !== null && document.activeElement.id === "f-shift4.date"`)) {
		t.Error("adding a shift gives no fourth row with the focus in it")
	}
	day := time.Now().In(demoZone(t)).AddDate(0, 0, 2).Format(time.DateOnly)
	fill(t, ctx, tr.T("shifts.post.title.label"), "Sorting the winter coats")
	chooseValue(t, ctx, tr.T("shifts.post.category.label"), "household")
	choosePlace(t, ctx, "Žalec – centre")
	setValue(t, ctx, "f-shift1.date", day)
	setValue(t, ctx, "f-shift1.start", "10:00")
	setValue(t, ctx, "f-shift1.end", "09:00")
	setValue(t, ctx, "f-shift1.capacity", "1")
	if status := submit(t, ctx, button(tr.T("shifts.post.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("a shift that ends before it starts: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("form.summary.title"))
	if got := shiftsFieldError(t, ctx, "f-shift1.end"); !strings.Contains(got, tr.T("shifts.field.shifts.end.before_start")) {
		t.Errorf("the end shows %q", got)
	}
	checkPage(t, ctx, "shifts-post-errors")
	setValue(t, ctx, "f-shift1.end", "12:00")
	if status := submit(t, ctx, button(tr.T("shifts.post.submit"))); status != http.StatusOK {
		t.Fatalf("post: %d\n%s", status, pageText(ctx))
	}
	opportunity := location(t, ctx)
	if !strings.HasPrefix(opportunity, list+"/") {
		t.Fatalf("after posting the browser is on %s", opportunity)
	}
	waitText(t, ctx, "Sorting the winter coats")
	waitText(t, ctx, tr.T("shifts.free", "Free", "1", "Capacity", "1"))
	checkPage(t, ctx, "shifts-opportunity")
	shiftsLogOut(t, ctx, tr)

	// Luka signs up and has the place; Eva signs up and waits.
	tr = shiftsSignUp(t, ctx, cat, base+opportunity, "luka.novak@example.org", false)
	waitText(t, ctx, tr.T("shifts.status.confirmed"))
	checkPage(t, ctx, "shifts-signed-up")
	shiftsLogOut(t, ctx, tr)
	tr = shiftsSignUp(t, ctx, cat, base+opportunity, "eva.krajnc@example.org", true)
	waitText(t, ctx, tr.T("shifts.status.waitlisted", "Position", 1))
	checkPage(t, ctx, "shifts-waiting")
	shiftsLogOut(t, ctx, tr)

	// Luka cancels from his list of shifts.
	navigate(t, ctx, base+"/c/"+demo.Slug+"/my-shifts")
	volunteerLogIn(t, ctx, cat, "luka.novak@example.org")
	tr = pageTranslator(t, ctx, cat)
	waitText(t, ctx, "Sorting the winter coats")
	checkPage(t, ctx, "shifts-mine")
	step(t, ctx, "find the coats' cancel button", chromedp.WaitVisible(shiftsCancelButton("Sorting the winter coats")))
	if status := submit(t, ctx, shiftsCancelButton("Sorting the winter coats")); status != http.StatusOK {
		t.Fatalf("cancel: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("shifts.mine.cancelled"))
	shiftsLogOut(t, ctx, tr)

	// Eva now has the place, on her list and on the opportunity.
	navigate(t, ctx, base+"/c/"+demo.Slug+"/my-shifts")
	volunteerLogIn(t, ctx, cat, "eva.krajnc@example.org")
	tr = pageTranslator(t, ctx, cat)
	waitText(t, ctx, "Sorting the winter coats")
	waitText(t, ctx, tr.T("shifts.status.confirmed"))
	checkPage(t, ctx, "")
	navigate(t, ctx, base+opportunity)
	waitText(t, ctx, tr.T("shifts.status.confirmed"))
	waitText(t, ctx, tr.T("shifts.waiting", i18n.CountArg, 0))
}

// shiftsSignUp logs email in from the opportunity's page, signs up for its
// first shift and returns the translator of the page that follows, which
// says whether the place is theirs; full says the shift is already taken.
func shiftsSignUp(t *testing.T, ctx context.Context, cat *i18n.Catalog, opportunity, email string, full bool) *i18n.Translator {
	t.Helper()
	navigate(t, ctx, opportunity)
	en := pageTranslator(t, ctx, cat)
	submit(t, ctx, link(en.T("shifts.opportunity.login")))
	volunteerLogIn(t, ctx, cat, email)
	tr := pageTranslator(t, ctx, cat)
	label := tr.T("shifts.signup.submit")
	if full {
		waitText(t, ctx, tr.T("shifts.signup.full"))
		label = tr.T("shifts.signup.wait")
	}
	checkPage(t, ctx, "")
	if status := submit(t, ctx, button(label)); status != http.StatusOK {
		t.Fatalf("%s signs up: %d\n%s", email, status, pageText(ctx))
	}
	return tr
}

// shiftsCancelButton is the cancel button of the sign-up for the
// opportunity titled title on the list of one's shifts.
func shiftsCancelButton(title string) chromedp.Search {
	return chromedp.Search(`//li[.//a[normalize-space(.)=` + xpathString(title) + `]]//button`)
}

// shiftsFieldError is the message next to the field with the id, which
// must be tied to it (see fieldError).
func shiftsFieldError(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	return fieldError(t, ctx, "#"+id)
}

// shiftsLogOut logs out with the header's button, in the page's language
// tr; the demo's people read Slovenian and the visitor's page that follows
// is in English, so logOut's check of the words does not apply.
func shiftsLogOut(t *testing.T, ctx context.Context, tr *i18n.Translator) {
	t.Helper()
	if status := submit(t, ctx, button(tr.T("nav.logout"))); status != http.StatusOK {
		t.Fatalf("log out: %d", status)
	}
	if got := location(t, ctx); got != "/" {
		t.Errorf("after logging out the browser is on %s, want /", got)
	}
}

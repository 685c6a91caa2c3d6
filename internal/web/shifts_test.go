package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// The shifts area's pages: the list of opportunities, one opportunity with
// signing up, the waiting list and cancelling, posting an opportunity, and
// one's own shifts, for visitors, members, organisers and strangers.

// shiftsFixture is Utrecht Oost with an approved organisation run by
// Olaf, an opportunity with one shift for one person tomorrow, and two
// members who want to help.
type shiftsFixture struct {
	h                 *harness
	en                *i18n.Translator
	organiser, v1, v2 *http.Cookie
	orgID             int64
	opp               domain.Opportunity
}

func newShiftsFixture(t *testing.T) *shiftsFixture {
	t.Helper()
	h := newHarness(t, service.Options{})
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	f := &shiftsFixture{h: h, en: cat.Translator("en"),
		organiser: h.register("utrecht-oost", "Olaf", "olaf@example.org"),
		v1:        h.register("utrecht-oost", "Vera", "vera@example.org"),
		v2:        h.register("utrecht-oost", "Wim", "wim@example.org"),
	}
	org, err := h.svc.ProposeOrganisation(f.ctx(t, f.organiser), "utrecht-oost", domain.Organisation{
		Name: "Voedselbank Oost", Type: "ngo", Location: utrecht.Center})
	if err != nil {
		t.Fatal(err)
	}
	op, err := h.svc.CreateOperator(t.Context(), "op@example.org", testPassword, "Op")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ApproveOrganisation(service.WithActor(t.Context(), op), "utrecht-oost", org.ID); err != nil {
		t.Fatal(err)
	}
	f.orgID = org.ID
	f.opp = f.post(t, "Packing parcels", 0, 1)
	return f
}

// ctx is the service context of the person behind a session cookie.
func (f *shiftsFixture) ctx(t *testing.T, c *http.Cookie) context.Context {
	t.Helper()
	u, err := f.h.svc.Authenticate(t.Context(), c.Value)
	if err != nil {
		t.Fatal(err)
	}
	return service.WithActor(t.Context(), u)
}

// post makes Olaf post an opportunity with one shift per capacity given,
// on the following days from tomorrow, 09:00–12:00 UTC.
func (f *shiftsFixture) post(t *testing.T, title string, minAge int, capacities ...int) domain.Opportunity {
	t.Helper()
	day := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1)
	o := domain.Opportunity{OrganisationID: f.orgID, Title: title, Category: "groceries",
		Location: utrecht.Center, Address: "Oosterstraat 1", MinAge: minAge}
	for i, c := range capacities {
		start := day.AddDate(0, 0, i).Add(9 * time.Hour)
		o.Shifts = append(o.Shifts, domain.Shift{Start: start, End: start.Add(3 * time.Hour), Capacity: c})
	}
	created, err := f.h.svc.CreateOpportunity(f.ctx(t, f.organiser), "utrecht-oost", o)
	if err != nil {
		t.Fatal(err)
	}
	return created
}

func (f *shiftsFixture) oppPath(o domain.Opportunity) string {
	return fmt.Sprintf("/c/utrecht-oost/opportunities/%d", o.ID)
}

// signUp posts the sign-up form of a shift as the person behind c.
func (f *shiftsFixture) signUp(c *http.Cookie, o domain.Opportunity, shift int, extra url.Values) response {
	form := url.Values{"opportunity": {fmt.Sprint(o.ID)}}
	for k, v := range extra {
		form[k] = v
	}
	return f.h.do(request{method: "POST", path: fmt.Sprintf("/c/utrecht-oost/shifts/%d/signup", o.Shifts[shift].ID),
		form: form, cookies: []*http.Cookie{c}})
}

func (f *shiftsFixture) get(c *http.Cookie, path string) response {
	var cookies []*http.Cookie
	if c != nil {
		cookies = []*http.Cookie{c}
	}
	// Visitors read English too: without it they get the community's Dutch.
	return f.h.do(request{method: "GET", path: path, cookies: cookies, header: map[string]string{"Accept-Language": "en"}})
}

// shows fails unless the page holds text as a template writes it.
func shows(t *testing.T, res response, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if !strings.Contains(res.body, html.EscapeString(text)) {
			t.Errorf("the page lacks %q:\n%s", text, res.body)
		}
	}
}

func TestShiftsVisitorSeesOpportunityButCannotSignUp(t *testing.T) {
	f := newShiftsFixture(t)
	path := f.oppPath(f.opp)
	res := f.get(nil, path)
	if res.status != http.StatusOK {
		t.Fatalf("visitor: %d", res.status)
	}
	checkPage(t, res)
	shows(t, res, "Packing parcels", "Voedselbank Oost", "Oosterstraat 1", f.en.T("shifts.opportunity.login"),
		f.en.T("shifts.free", "Free", "1", "Capacity", "1"))
	for _, want := range []string{
		`href="/login?next=` + url.QueryEscape(path) + `"`,
		fmt.Sprintf(`href="/c/utrecht-oost/organisations/%d"`, f.orgID),
		fmt.Sprintf(`href="/api/v1/communities/utrecht-oost/opportunities/%d.ics"`, f.opp.ID),
	} {
		if !strings.Contains(res.body, html.EscapeString(want)) && !strings.Contains(res.body, want) {
			t.Errorf("the visitor's page lacks %s", want)
		}
	}
	if strings.Contains(res.body, "/signup") || strings.Contains(res.body, "/organisations/"+fmt.Sprint(f.orgID)+"/shifts") {
		t.Error("a visitor is offered a sign-up form or the organiser's overview")
	}
	// Posting anyway leads to the login page and back to the opportunity.
	res = f.signUp(&http.Cookie{Name: "x", Value: "y"}, f.opp, 0, nil)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/login?next="+url.QueryEscape(path) {
		t.Errorf("a visitor's sign-up: %d to %q", res.status, res.header.Get("Location"))
	}
	// The organiser sees the way to run the shifts.
	res = f.get(f.organiser, path)
	if !strings.Contains(res.body, fmt.Sprintf(`href="/c/utrecht-oost/organisations/%d/shifts"`, f.orgID)) {
		t.Error("the organiser's page lacks the link to the shifts overview")
	}
}

func TestShiftsSignUpWaitAndPromotion(t *testing.T) {
	f := newShiftsFixture(t)
	path := f.oppPath(f.opp)
	shift := f.opp.Shifts[0].ID

	res := f.signUp(f.v1, f.opp, 0, nil)
	want := fmt.Sprintf("%s?signed_up=%d#shift-%d", path, shift, shift)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != want {
		t.Fatalf("sign up: %d to %q, want %q\n%s", res.status, res.header.Get("Location"), want, res.body)
	}
	res = f.get(f.v1, fmt.Sprintf("%s?signed_up=%d", path, shift))
	checkPage(t, res)
	shows(t, res, f.en.T("shifts.status.confirmed"), f.en.T("shifts.cancel.button"))
	if !strings.Contains(res.body, "You are signed up for") {
		t.Errorf("no confirmation after signing up:\n%s", res.body)
	}

	// Twice is refused next to the form; as the page no longer offers the
	// form, the message is in the summary.
	res = f.signUp(f.v1, f.opp, 0, nil)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("signing up twice: %d", res.status)
	}
	shows(t, res, f.en.T("shifts.field.shift_id.already_signed_up"))

	// The shift is full: Wim joins the waiting list, first in line.
	res = f.get(f.v2, path)
	shows(t, res, f.en.T("shifts.signup.wait"), f.en.T("shifts.signup.full"))
	if res = f.signUp(f.v2, f.opp, 0, nil); res.status != http.StatusSeeOther {
		t.Fatalf("join the waiting list: %d\n%s", res.status, res.body)
	}
	res = f.get(f.v2, fmt.Sprintf("%s?signed_up=%d", path, shift))
	shows(t, res, f.en.T("shifts.status.waitlisted", "Position", 1), f.en.T("shifts.waiting", i18n.CountArg, 1))
	if !strings.Contains(res.body, "you are on the waiting list, number 1") {
		t.Errorf("no waiting-list notice:\n%s", res.body)
	}

	// Vera cancels; Wim gets her place.
	res = f.h.do(request{method: "POST", path: fmt.Sprintf("/c/utrecht-oost/shifts/%d/cancel", shift),
		form: url.Values{"opportunity": {fmt.Sprint(f.opp.ID)}}, cookies: []*http.Cookie{f.v1}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != fmt.Sprintf("%s?cancelled=%d", path, shift) {
		t.Fatalf("cancel: %d to %q", res.status, res.header.Get("Location"))
	}
	res = f.get(f.v1, res.header.Get("Location"))
	if !strings.Contains(res.body, "is cancelled") {
		t.Errorf("no notice after cancelling:\n%s", res.body)
	}
	res = f.get(f.v2, "/c/utrecht-oost/my-shifts")
	checkPage(t, res)
	shows(t, res, "Packing parcels", f.en.T("shifts.status.confirmed"))
	if strings.Contains(res.body, html.EscapeString(f.en.T("shifts.status.waitlisted", "Position", 1))) {
		t.Error("Wim is still waiting after Vera cancelled")
	}

	// Cancelling again finds no sign-up: a friendly 404.
	res = f.h.do(request{method: "POST", path: fmt.Sprintf("/c/utrecht-oost/shifts/%d/cancel", shift),
		form: url.Values{}, cookies: []*http.Cookie{f.v1}})
	if res.status != http.StatusNotFound {
		t.Errorf("cancel without a sign-up: %d", res.status)
	}
}

func TestShiftsSignUpRefusalsComeBackOnThePage(t *testing.T) {
	f := newShiftsFixture(t)
	adults := f.post(t, "Night market", 18, 2)
	shift := adults.Shifts[0].ID

	// Without the age confirmation: 422, the message next to the box.
	res := f.signUp(f.v1, adults, 0, nil)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("without age confirmation: %d", res.status)
	}
	checkPage(t, res)
	msg := html.EscapeString(f.en.T("shifts.field.age_confirmed.required"))
	if !strings.Contains(res.body, fmt.Sprintf(`id="f-age_confirmed-%d-error"`, shift)) || !strings.Contains(res.body, msg) {
		t.Errorf("the age message is not next to the box:\n%s", res.body)
	}
	if !strings.Contains(res.body, fmt.Sprintf(`href="#f-age_confirmed-%d"`, shift)) {
		t.Error("the summary does not link to the box")
	}

	// A team larger than the shift, the team's answers kept.
	res = f.signUp(f.v1, adults, 0, url.Values{"age_confirmed": {"yes"}, "team_size": {"3"}, "team_contact": {"Class 4b"}})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("a team too large: %d", res.status)
	}
	shows(t, res, f.en.T("shifts.field.team_size.larger_than_shift"))
	if !strings.Contains(res.body, `value="Class 4b"`) || !strings.Contains(res.body, `value="3"`) {
		t.Error("the team's answers are lost")
	}
	// A team size that is no number.
	res = f.signUp(f.v1, adults, 0, url.Values{"age_confirmed": {"yes"}, "team_size": {"many"}})
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("team size not a number: %d", res.status)
	}
	shows(t, res, f.en.T("shifts.field.team_size.range"))

	// With the box ticked and a team that fits: confirmed.
	res = f.signUp(f.v1, adults, 0, url.Values{"age_confirmed": {"yes"}, "team_size": {"2"}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("confirmed sign-up: %d\n%s", res.status, res.body)
	}

	// An unknown shift is a friendly 404.
	res = f.h.do(request{method: "POST", path: "/c/utrecht-oost/shifts/999999/signup",
		form: url.Values{"opportunity": {fmt.Sprint(adults.ID)}}, cookies: []*http.Cookie{f.v2}})
	if res.status != http.StatusNotFound {
		t.Errorf("unknown shift: %d", res.status)
	}
}

func TestShiftsMyShiftsListsConfirmedAndWaiting(t *testing.T) {
	f := newShiftsFixture(t)
	two := f.post(t, "Sorting donations", 0, 1, 1)
	for _, r := range []response{f.signUp(f.v1, two, 1, nil), f.signUp(f.v2, two, 0, nil), f.signUp(f.v2, two, 1, nil)} {
		if r.status != http.StatusSeeOther {
			t.Fatalf("sign up: %d\n%s", r.status, r.body)
		}
	}
	res := f.get(f.v2, "/c/utrecht-oost/my-shifts")
	if res.status != http.StatusOK {
		t.Fatalf("my shifts: %d", res.status)
	}
	checkPage(t, res)
	shows(t, res, "Sorting donations", f.en.T("shifts.status.confirmed"), f.en.T("shifts.status.waitlisted", "Position", 1))
	if n := strings.Count(res.body, html.EscapeString(f.en.T("shifts.cancel.button"))); n != 2 {
		t.Errorf("my shifts offers %d cancel buttons, want 2", n)
	}
	if !strings.Contains(res.body, `aria-current="page">`+f.en.T("volunteer.nav.shifts")) {
		t.Error("the nav does not mark my shifts")
	}
	// Cancelling from the list returns to it.
	res = f.h.do(request{method: "POST", path: fmt.Sprintf("/c/utrecht-oost/shifts/%d/cancel", two.Shifts[1].ID),
		form: url.Values{}, cookies: []*http.Cookie{f.v2}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != fmt.Sprintf("/c/utrecht-oost/my-shifts?cancelled=%d", two.Shifts[1].ID) {
		t.Errorf("cancel from the list: %d to %q", res.status, res.header.Get("Location"))
	}
	// Visitors log in first.
	res = f.get(nil, "/c/utrecht-oost/my-shifts")
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/login?next=") {
		t.Errorf("a visitor's my shifts: %d to %q", res.status, res.header.Get("Location"))
	}
}

func TestShiftsCalendarFeedAddress(t *testing.T) {
	f := newShiftsFixture(t)
	res := f.h.do(request{method: "POST", path: "/c/utrecht-oost/my-shifts/calendar", form: url.Values{}, cookies: []*http.Cookie{f.v1}})
	if res.status != http.StatusOK {
		t.Fatalf("make the feed: %d", res.status)
	}
	start := strings.Index(res.body, "/api/v1/communities/utrecht-oost/me/calendar.ics?token=")
	if start < 0 {
		t.Fatalf("no feed address:\n%s", res.body)
	}
	feed := html.UnescapeString(res.body[start:])
	feed = feed[:strings.IndexByte(feed, '"')]
	token, _ := url.ParseQuery(strings.SplitN(feed, "?", 2)[1])
	if _, err := f.h.svc.CalendarFeed(t.Context(), "utrecht-oost", token.Get("token"), "http://x"); err != nil {
		t.Fatalf("the address shown does not open the feed: %v", err)
	}
	res = f.h.do(request{method: "POST", path: "/c/utrecht-oost/my-shifts/calendar/stop", form: url.Values{}, cookies: []*http.Cookie{f.v1}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("stop the feed: %d", res.status)
	}
	if _, err := f.h.svc.CalendarFeed(t.Context(), "utrecht-oost", token.Get("token"), "http://x"); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("the stopped feed still opens: %v", err)
	}
	res = f.get(f.v1, res.header.Get("Location"))
	shows(t, res, f.en.T("shifts.mine.feed.stopped"))
}

func TestShiftsOtherCommunityAndUnknownAre404(t *testing.T) {
	f := newShiftsFixture(t)
	for _, path := range []string{
		fmt.Sprintf("/c/ljubljana/opportunities/%d", f.opp.ID),
		"/c/utrecht-oost/opportunities/999999",
		"/c/utrecht-oost/opportunities/abc",
		"/c/nowhere/opportunities",
	} {
		res := f.get(f.v1, path)
		if res.status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, res.status)
		}
		checkPage(t, res)
	}
	// Signing up for another community's shift through this one fails too.
	res := f.h.do(request{method: "POST", path: fmt.Sprintf("/c/ljubljana/shifts/%d/signup", f.opp.Shifts[0].ID),
		form: url.Values{"opportunity": {fmt.Sprint(f.opp.ID)}}, cookies: []*http.Cookie{f.v1}})
	if res.status == http.StatusSeeOther || res.status >= 500 {
		t.Errorf("sign up through another community: %d", res.status)
	}
}

func TestShiftsList(t *testing.T) {
	f := newShiftsFixture(t)
	res := f.get(nil, "/c/utrecht-oost/opportunities")
	if res.status != http.StatusOK {
		t.Fatalf("list: %d", res.status)
	}
	checkPage(t, res)
	shows(t, res, "Packing parcels", "Voedselbank Oost", "Oosterstraat 1")
	if !strings.Contains(res.body, fmt.Sprintf(`href="%s"`, f.oppPath(f.opp))) {
		t.Error("the list does not link to the opportunity")
	}
	// A range after the shift finds nothing; one around it finds it.
	later := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	res = f.get(f.v1, "/c/utrecht-oost/opportunities?from="+later)
	if res.status != http.StatusOK || strings.Contains(res.body, "Packing parcels") {
		t.Errorf("a later range: %d, lists the parcels %v", res.status, strings.Contains(res.body, "Packing parcels"))
	}
	shows(t, res, f.en.T("shifts.list.empty.filtered"))
	res = f.get(f.v1, "/c/utrecht-oost/opportunities?category=groceries&to="+later)
	shows(t, res, "Packing parcels")
	// Dates that are no dates, and a range backwards.
	res = f.get(f.v1, "/c/utrecht-oost/opportunities?from=tomorrow&to=2020-01-01")
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad dates: %d", res.status)
	}
	checkPage(t, res)
	shows(t, res, f.en.T("shifts.field.from.format"))
	if !strings.Contains(res.body, `id="f-from-error"`) || !strings.Contains(res.body, `value="tomorrow"`) {
		t.Error("the date's error is not next to the field, or the answer is lost")
	}
	res = f.get(f.v1, "/c/utrecht-oost/opportunities?to=2020-01-01")
	shows(t, res, f.en.T("shifts.field.to.before_start"))
}

// postForm is a complete posting form: one single shift the day after
// tomorrow, 09:00–12:00, for three people, at a named point.
func postForm() url.Values {
	day := time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
	return url.Values{"title": {"Repair café"}, "description": {"Fix bikes"}, "category": {"companionship"},
		"skills": {"repairs, bikes, repairs"}, "languages": {"nl", "en"}, "min_age": {"12"},
		"place": {"pin"}, "lat": {"52.09"}, "lon": {"5.14"}, "address": {"Oosterstraat 9"},
		"shift1.date": {day}, "shift1.start": {"09:00"}, "shift1.end": {"12:00"}, "shift1.capacity": {"3"}}
}

func TestShiftsPostingAnOpportunity(t *testing.T) {
	f := newShiftsFixture(t)
	path := fmt.Sprintf("/c/utrecht-oost/organisations/%d/opportunities/new", f.orgID)
	post := func(c *http.Cookie, form url.Values) response {
		return f.h.do(request{method: "POST", path: path, form: form, cookies: []*http.Cookie{c}})
	}

	res := f.get(f.organiser, path)
	if res.status != http.StatusOK {
		t.Fatalf("the form: %d", res.status)
	}
	checkPage(t, res)
	shows(t, res, f.en.T("shifts.post.title"), f.en.T("shifts.post.once.legend"), f.en.T("shifts.post.rule.legend"))

	// The second row ends before it starts and the third has room for
	// nobody: each error is next to its row's field, the first row's
	// answers kept.
	bad := postForm()
	day := time.Now().AddDate(0, 0, 3).Format(time.DateOnly)
	bad.Set("shift2.date", day)
	bad.Set("shift2.start", "14:00")
	bad.Set("shift2.end", "13:00")
	bad.Set("shift2.capacity", "2")
	bad.Set("shift3.date", day)
	bad.Set("shift3.start", "15:00")
	bad.Set("shift3.end", "16:00")
	bad.Set("shift3.capacity", "0")
	bad.Set("title", "")
	// A fifth row, as the script adds them, is read and shown again.
	bad.Set("shift5.date", day)
	bad.Set("shift5.start", "17:00")
	bad.Set("shift5.end", "nine")
	bad.Set("shift5.capacity", "1")
	res = post(f.organiser, bad)
	if res.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad shifts: %d\n%s", res.status, res.body)
	}
	checkPage(t, res)
	for id, msg := range map[string]string{
		"f-shift2.end":      "shifts.field.shifts.end.before_start",
		"f-shift3.capacity": "shifts.field.shifts.capacity.range",
		"f-title":           "shifts.field.title.length",
		"f-shift5.end":      "shifts.field.shifts.end.format",
	} {
		want := fmt.Sprintf(`<p class="field-error" id="%s-error"><span class="visually-hidden">%s</span> %s</p>`,
			id, html.EscapeString(f.en.T("form.error.prefix")), html.EscapeString(f.en.T(msg)))
		if !strings.Contains(res.body, want) {
			t.Errorf("no %q next to %s", f.en.T(msg), id)
		}
	}
	// The summary lists the problems in the form's order.
	title, second, fifth := strings.Index(res.body, `href="#f-title"`), strings.Index(res.body, `href="#f-shift2.end"`),
		strings.Index(res.body, `href="#f-shift5.end"`)
	if title < 0 || !(title < second && second < fifth) {
		t.Errorf("the summary's links are at %d, %d, %d; want the title, shift 2, shift 5 in that order", title, second, fifth)
	}
	if strings.Contains(res.body, `id="f-shift1.end-error"`) {
		t.Error("the good first row shows an error")
	}
	if !strings.Contains(res.body, `value="Fix bikes"`) && !strings.Contains(res.body, ">Fix bikes</textarea>") {
		t.Error("the description is lost")
	}

	// No shift and no rule; a rule without days.
	empty := postForm()
	for _, k := range []string{"shift1.date", "shift1.start", "shift1.end", "shift1.capacity"} {
		empty.Del(k)
	}
	res = post(f.organiser, empty)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="f-shifts-error"`) {
		t.Errorf("no shifts: %d, error next to the shifts %v", res.status, strings.Contains(res.body, `id="f-shifts-error"`))
	}
	shows(t, res, f.en.T("shifts.field.shifts.required"))
	empty.Set("recurrence.start", "09:00")
	res = post(f.organiser, empty)
	shows(t, res, f.en.T("shifts.field.recurrence.days.required"))
	if !strings.Contains(res.body, `id="f-recurrence.days-error"`) {
		t.Error("the rule's days have no error next to them")
	}

	// Done properly: one shift and a weekly rule; the page of the new
	// opportunity follows.
	good := postForm()
	for k, v := range map[string]string{"recurrence.start": "18:00", "recurrence.end": "20:00", "recurrence.capacity": "4",
		"recurrence.until": time.Now().AddDate(0, 0, 20).Format(time.DateOnly)} {
		good.Set(k, v)
	}
	good["recurrence.days"] = []string{"tue", "thu"}
	res = post(f.organiser, good)
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/c/utrecht-oost/opportunities/") {
		t.Fatalf("post: %d to %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	res = f.get(f.v1, res.header.Get("Location"))
	shows(t, res, "Repair café", "Oosterstraat 9", f.en.T("shifts.opportunity.age.min", "Age", 12), "bikes")
	if n := strings.Count(res.body, `<tr id="shift-`); n < 3 {
		t.Errorf("the new opportunity has %d shifts, want the single one and the weekly ones", n)
	}
}

func TestShiftsPostingForAnOrganisationYouDoNotRun(t *testing.T) {
	f := newShiftsFixture(t)
	path := fmt.Sprintf("/c/utrecht-oost/organisations/%d/opportunities/new", f.orgID)
	res := f.get(f.v1, path)
	if res.status != http.StatusForbidden {
		t.Fatalf("GET by a member: %d, want 403", res.status)
	}
	checkPage(t, res)
	shows(t, res, f.en.T("shifts.error.not_organiser"))
	res = f.h.do(request{method: "POST", path: path, form: postForm(), cookies: []*http.Cookie{f.v1}})
	if res.status != http.StatusForbidden {
		t.Errorf("POST by a member: %d, want 403", res.status)
	}
	list, err := f.h.svc.Opportunities(t.Context(), "utrecht-oost", service.OpportunityQuery{})
	if err != nil || len(list) != 1 {
		t.Errorf("opportunities after the refused post: %d, %v", len(list), err)
	}
	// Another community's organisation is not found; visitors log in.
	if res = f.get(f.v1, fmt.Sprintf("/c/ljubljana/organisations/%d/opportunities/new", f.orgID)); res.status != http.StatusNotFound {
		t.Errorf("another community's organisation: %d", res.status)
	}
	if res = f.get(nil, path); res.status != http.StatusSeeOther {
		t.Errorf("a visitor: %d", res.status)
	}
}

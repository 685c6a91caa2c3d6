package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mutua/internal/service"
)

// askForm is a complete, valid request in Utrecht Oost (which has no named
// places, so the pin is used), changed by edit.
func askForm(edit func(url.Values)) url.Values {
	tomorrow := time.Now().AddDate(0, 0, 1).Format(time.DateOnly)
	later := time.Now().AddDate(0, 0, 3).Format(time.DateOnly)
	f := url.Values{
		"category": {"groceries"}, "title": {"Shopping at the market"}, "description": {"Bread and apples"},
		"needed_from": {tomorrow}, "needed_by": {later}, "time_of_day": {"morning"},
		"place": {"pin"}, "lat": {"52.0905"}, "lon": {"5.1402"}, "address": {"Secret lane 7"},
		"languages": {"nl", "en"}, "urgency": {"normal"},
	}
	if edit != nil {
		edit(f)
	}
	return f
}

func TestAskVisitorsAreSentToLogIn(t *testing.T) {
	h := newHarness(t, service.Options{})
	next := func(path string) string { return "/login?next=" + url.QueryEscape(path) }
	runScenarios(t, h, []scenario{
		{name: "the form", req: request{method: "GET", path: "/c/utrecht-oost/ask"},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/ask")},
		{name: "a form posted after the session ended returns to the form",
			req:    request{method: "POST", path: "/c/utrecht-oost/ask", form: askForm(nil)},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/ask")},
		{name: "my requests", req: request{method: "GET", path: "/c/utrecht-oost/my-requests"},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/my-requests")},
		{name: "a request", req: request{method: "GET", path: "/c/utrecht-oost/requests/1"},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/requests/1")},
		{name: "cancelling returns to the question",
			req:    request{method: "POST", path: "/c/utrecht-oost/requests/1/cancel", form: url.Values{}},
			status: http.StatusSeeOther, location: next("/c/utrecht-oost/requests/1/cancel")},
		{name: "an unknown community is a 404 first", req: request{method: "GET", path: "/c/atlantis/ask", header: english()},
			status: http.StatusNotFound, contains: []string{"We could not find this community"}},
	})
}

func TestAskFormShowsTheCommunitysChoices(t *testing.T) {
	h := newHarness(t, service.Options{})
	anke := h.registerIn("utrecht-oost", "Anke", "anke@example.org", "en")
	outsider := h.register("ljubljana", "Mojca", "mojca@example.org")
	c, err := h.svc.Community(t.Context(), "utrecht-oost")
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().In(c.Location()).Format(time.DateOnly)
	runScenarios(t, h, []scenario{
		{name: "member", req: request{method: "GET", path: "/c/utrecht-oost/ask", cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Ask for help</h1>", `action="/c/utrecht-oost/ask"`, `id="f-category-groceries"`,
				`id="f-category-companionship"`, "Company and a chat", `name="needed_from" type="date" value="` + today + `"`,
				`value="any" checked`, `value="normal" checked`, `id="f-languages-en" name="languages" value="en" checked`,
				`id="f-languages-nl" name="languages" value="nl">`, `name="place"`, `name="address"`,
				`aria-current="page">Ask for help`},
			absent: []string{`id="f-category-transport"`, `id="f-category-other"`}},
		{name: "someone who is not a member is told to join",
			req:    request{method: "GET", path: "/c/utrecht-oost/ask", cookies: []*http.Cookie{outsider}, header: english()},
			status: http.StatusForbidden, contains: []string{"You are not a member of Utrecht Oost yet."}},
	})
}

func TestAskBadInputComesBackWithFieldErrors(t *testing.T) {
	h := newHarness(t, service.Options{})
	anke := h.register("utrecht-oost", "Anke", "anke@example.org")
	post := func(edit func(url.Values)) request {
		return request{method: "POST", path: "/c/utrecht-oost/ask", form: askForm(edit), cookies: []*http.Cookie{anke}, header: english()}
	}
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	runScenarios(t, h, []scenario{
		{name: "nothing filled in", req: request{method: "POST", path: "/c/utrecht-oost/ask", form: url.Values{},
			cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusUnprocessableEntity,
			contains: []string{"Please check your answers", "Choose the kind of help you need.",
				"Say in a few words what you need", "Choose the first day help is welcome.",
				"Choose the last day help is still useful.", "Choose a place or put a pin on the map.",
				`id="f-category-error"`, `aria-describedby="f-category-error"`, `href="#f-category"`}},
		{name: "empty title and the last day before the first",
			req: post(func(f url.Values) {
				f.Set("title", "  ")
				f.Set("needed_by", yesterday)
			}),
			status: http.StatusUnprocessableEntity,
			contains: []string{"Say in a few words what you need", "The last day cannot be before the first day.",
				`id="f-title-error"`, `id="f-needed_by-error"`, `value="` + yesterday + `"`, "Bread and apples",
				`value="groceries" checked`, `value="morning" checked`, `value="52.0905"`}},
		{name: "a date that is no date", req: post(func(f url.Values) { f.Set("needed_from", "31/02/2026") }),
			status: http.StatusUnprocessableEntity, contains: []string{"Enter the date as day, month and year."},
			absent: []string{"Choose the last day help is still useful."}},
		{name: "a time in the past", req: post(func(f url.Values) {
			f.Set("needed_from", yesterday)
			f.Set("needed_by", yesterday)
		}),
			status: http.StatusUnprocessableEntity, contains: []string{"This time is already over."}},
		{name: "a kind of help the community does not offer", req: post(func(f url.Values) { f.Set("category", "transport") }),
			status: http.StatusUnprocessableEntity, contains: []string{"This community does not offer this kind of help."}},
		{name: "choices that were not offered", req: post(func(f url.Values) {
			f["languages"] = []string{"en", "xx"}
			f.Set("time_of_day", "midnight")
			f.Set("urgency", "panic")
		}),
			status: http.StatusUnprocessableEntity,
			contains: []string{"Choose languages from the list.",
				"Choose a time of day from the list.", "Choose how urgent it is."}},
		{name: "a pin outside the community", req: post(func(f url.Values) { f.Set("lat", "46.05"); f.Set("lon", "14.5") }),
			status: http.StatusUnprocessableEntity, contains: []string{`id="f-place-error"`}},
		{name: "a title far too long", req: post(func(f url.Values) { f.Set("title", strings.Repeat("a", 500)) }),
			status: http.StatusUnprocessableEntity, contains: []string{"in at most 120 characters"}},
	})
	h.t = t
	list := h.do(request{method: "GET", path: "/c/utrecht-oost/my-requests", cookies: []*http.Cookie{anke}, header: english()})
	if !strings.Contains(list.body, "You have not asked for help yet.") {
		t.Errorf("a refused form stored a request:\n%s", list.body)
	}
}

var requestPath = regexp.MustCompile(`^/c/utrecht-oost/requests/(\d+)$`)

func TestAskConfirmFollowAndCancel(t *testing.T) {
	h := newHarness(t, service.Options{})
	anke := h.register("utrecht-oost", "Anke", "anke@example.org")
	piet := h.register("utrecht-oost", "Piet", "piet@example.org")
	res := h.do(request{method: "POST", path: "/c/utrecht-oost/ask", form: askForm(nil), cookies: []*http.Cookie{anke}})
	m := requestPath.FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("asking: %d to %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	page := m[0]
	runScenarios(t, h, []scenario{
		{name: "the confirmation says what happens next", req: request{method: "GET", path: page, cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusOK,
			contains: []string{"Thank you – your request has been sent", "What happens next",
				"will get in touch with you here", "Shopping at the market", "Secret lane 7", "Waiting for a helper",
				"Dutch, English", "You asked for help", `href="` + page + `/cancel"`, `href="/c/utrecht-oost/my-requests"`}},
		{name: "another member sees the public details only", req: request{method: "GET", path: page, cookies: []*http.Cookie{piet}, header: english()},
			status: http.StatusOK, contains: []string{"<h1>Shopping at the market</h1>", "from the centre", "Could you help?"},
			absent: []string{"Secret lane", "52.0905", "Thank you", "/cancel"}},
		{name: "the community home lists it without the address", req: request{method: "GET", path: "/c/utrecht-oost", cookies: []*http.Cookie{piet}, header: english()},
			status: http.StatusOK,
			contains: []string{"Neighbours who are asking for help", `href="` + page + `"`, "Shopping at the market",
				"This month in Utrecht Oost", "fewer than 5", `href="/c/utrecht-oost/ask"`, `href="/c/utrecht-oost/volunteer"`},
			absent: []string{"Secret lane", "52.0905", "5.1402"}},
		{name: "visitors see the figures but no requests", req: request{method: "GET", path: "/c/utrecht-oost", header: english()},
			status: http.StatusOK, contains: []string{"This month in Utrecht Oost", "fewer than 5"},
			absent: []string{"Shopping at the market", "Neighbours who are asking"}},
		{name: "my requests", req: request{method: "GET", path: "/c/utrecht-oost/my-requests", cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusOK, contains: []string{"<h1>My requests</h1>", "Shopping at the market", "Waiting for a helper", "History"}},
		{name: "someone else's list is empty", req: request{method: "GET", path: "/c/utrecht-oost/my-requests", cookies: []*http.Cookie{piet}, header: english()},
			status: http.StatusOK, contains: []string{"You have not asked for help yet."}, absent: []string{"Shopping at the market"}},
		{name: "the cancel question", req: request{method: "GET", path: page + "/cancel", cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusOK, contains: []string{"Cancel your request?", "Yes, cancel my request", `action="` + page + `/cancel"`}},
		{name: "nobody else can cancel it", req: request{method: "GET", path: page + "/cancel", cookies: []*http.Cookie{piet}, header: english()},
			status: http.StatusNotFound, contains: []string{"Page not found"}},
		{name: "nor post the cancel", req: request{method: "POST", path: page + "/cancel", form: url.Values{}, cookies: []*http.Cookie{piet}, header: english()},
			status: http.StatusForbidden},
		{name: "cancelled", req: request{method: "POST", path: page + "/cancel", form: url.Values{}, cookies: []*http.Cookie{anke}},
			status: http.StatusSeeOther, location: "/c/utrecht-oost/my-requests?cancelled=1"},
		{name: "the list says so", req: request{method: "GET", path: "/c/utrecht-oost/my-requests?cancelled=1", cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusOK, contains: []string{"Your request has been cancelled.", "Cancelled", "The request was cancelled"},
			absent: []string{page + "/cancel"}},
		{name: "cancelling twice explains why not", req: request{method: "POST", path: page + "/cancel", form: url.Values{}, cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusConflict, contains: []string{"can no longer be cancelled"}, absent: []string{"Yes, cancel"}},
		{name: "a cancelled request is gone from the home page", req: request{method: "GET", path: "/c/utrecht-oost", cookies: []*http.Cookie{piet}, header: english()},
			status: http.StatusOK, contains: []string{"Nobody is waiting for help right now."}},
		{name: "and from other members' view", req: request{method: "GET", path: page, cookies: []*http.Cookie{piet}, header: english()},
			status: http.StatusNotFound},
		{name: "an unknown request", req: request{method: "GET", path: "/c/utrecht-oost/requests/4242", cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusNotFound, contains: []string{"We could not find this request."}},
		{name: "a request id that is no number", req: request{method: "GET", path: "/c/utrecht-oost/requests/abc", cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusNotFound},
		{name: "a request of another community", req: request{method: "GET", path: strings.Replace(page, "utrecht-oost", "ljubljana", 1), cookies: []*http.Cookie{anke}, header: english()},
			status: http.StatusForbidden},
	})
}

func TestAskInSlovenian(t *testing.T) {
	h := newHarness(t, service.Options{})
	mojca := h.registerIn("ljubljana", "Mojca", "mojca@example.org", "sl")
	res := h.do(request{method: "GET", path: "/c/ljubljana/ask", cookies: []*http.Cookie{mojca}})
	if res.status != http.StatusOK {
		t.Fatalf("form: %d", res.status)
	}
	for _, want := range []string{`<html lang="sl">`, "Prosite za pomoč", "Kaj potrebujete, v nekaj besedah?", "Pošlji prošnjo",
		`id="f-languages-sl" name="languages" value="sl" checked`, `id="f-languages-it"`, "italijanščina"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the Slovenian form lacks %q", want)
		}
	}
	checkPage(t, res)
}

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// deskFixture is Utrecht Oost with a coordinator, a plain member, a
// volunteer who does groceries in Dutch any day, and a client who phoned.
type deskFixture struct {
	h                           *harness
	coord, member, helper       *http.Cookie
	coordCtx                    context.Context
	helperID                    int64
	client                      domain.Client
	tomorrowFrom, tomorrowUntil string
}

func newDeskFixture(t *testing.T) *deskFixture {
	t.Helper()
	h := newHarness(t, service.Options{})
	f := &deskFixture{h: h,
		coord:  h.register("utrecht-oost", "Cora Coördinator", "cora@example.org"),
		member: h.register("utrecht-oost", "Mia Member", "mia@example.org"),
		helper: h.register("utrecht-oost", "Henk Helper", "henk@example.org"),
	}
	c, err := h.store.CommunityBySlug(t.Context(), "utrecht-oost")
	if err != nil {
		t.Fatal(err)
	}
	coord := deskUser(t, h, f.coord)
	if err := h.store.PutMembership(t.Context(), c.ID, coord.ID, domain.RoleCoordinator); err != nil {
		t.Fatal(err)
	}
	f.coordCtx = service.WithActor(t.Context(), coord)
	helper := deskUser(t, h, f.helper)
	f.helperID = helper.ID
	var week []domain.Slot
	for _, d := range domain.Weekdays {
		week = append(week, domain.Slot{Day: d, From: "00:00", To: "24:00"})
	}
	if _, err := h.svc.PutMyVolunteer(service.WithActor(t.Context(), helper), "utrecht-oost", domain.Volunteer{
		Skills: []string{"groceries"}, Languages: []string{"nl"}, Home: domain.Point{Lat: 52.09, Lng: 5.14},
		RadiusKM: 2, MaxActive: 3, Availability: week}); err != nil {
		t.Fatal(err)
	}
	f.client, err = h.svc.CreateClient(f.coordCtx, "utrecht-oost", domain.Client{Name: "Frieda Visser", Phone: "+31 6 1234 5678",
		Address: "Oosterstraat 5", Location: domain.Point{Lat: 52.091, Lng: 5.141}, Languages: []string{"nl"},
		Consent: domain.Consent{Method: "phone"}})
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Brussels")
	day := time.Now().In(loc).AddDate(0, 0, 2)
	f.tomorrowFrom = time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, loc).Format("2006-01-02T15:04")
	f.tomorrowUntil = time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, loc).Format("2006-01-02T15:04")
	return f
}

func deskUser(t *testing.T, h *harness, c *http.Cookie) domain.User {
	t.Helper()
	u, err := h.svc.Authenticate(t.Context(), c.Value)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// requestForm is a complete request for the client: groceries in Dutch
// the day after tomorrow, 10:00–12:00, at a pin near the centre.
func (f *deskFixture) requestForm(edit func(url.Values)) url.Values {
	v := url.Values{"category": {"groceries"}, "title": {"Shopping at the market"}, "description": {"Bread and milk"},
		"needed_from": {f.tomorrowFrom}, "needed_by": {f.tomorrowUntil}, "urgency": {"high"}, "languages": {"nl"},
		"recurrence_kind": {"once"}, "place": {"pin"}, "lat": {"52.091"}, "lon": {"5.141"}, "address": {"Oosterstraat 5"}}
	if edit != nil {
		edit(v)
	}
	return v
}

// enterRequest posts the request form and returns the new request's id.
func (f *deskFixture) enterRequest(t *testing.T) int64 {
	t.Helper()
	f.h.t = t
	res := f.h.do(request{method: "POST", path: "/c/utrecht-oost/desk/clients/" + itoa(f.client.ID) + "/request",
		form: f.requestForm(nil), cookies: []*http.Cookie{f.coord}, header: english()})
	m := regexp.MustCompile(`/desk/requests/(\d+)$`).FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("enter a request: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func TestDeskAccess(t *testing.T) {
	f := newDeskFixture(t)
	client := "/c/utrecht-oost/desk/clients/" + itoa(f.client.ID)
	runScenarios(t, f.h, []scenario{
		{name: "a visitor logs in first and comes back",
			req:    request{method: "GET", path: "/c/utrecht-oost/desk?status=done", header: english()},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Fdesk%3Fstatus%3Ddone"},
		{name: "a visitor's form goes to login and back to the page",
			req:    request{method: "POST", path: "/c/utrecht-oost/desk/requests/7/propose", form: url.Values{"volunteer": {"1"}}},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Fdesk%2Frequests%2F7"},
		{name: "a member gets the friendly page that says the desk is not theirs",
			req:      request{method: "GET", path: "/c/utrecht-oost/desk", cookies: []*http.Cookie{f.member}, header: english()},
			status:   http.StatusForbidden,
			contains: []string{"This page is for coordinators", "ask an administrator"},
			absent:   []string{"Find a client"}},
		{name: "a member cannot read a client",
			req:    request{method: "GET", path: client, cookies: []*http.Cookie{f.member}, header: english()},
			status: http.StatusForbidden, absent: []string{"Frieda"}},
		{name: "a member cannot propose",
			req: request{method: "POST", path: "/c/utrecht-oost/desk/requests/1/propose", form: url.Values{"volunteer": {"1"}},
				cookies: []*http.Cookie{f.member}, header: english()},
			status: http.StatusForbidden},
		{name: "a coordinator of another community is a stranger here",
			req:    request{method: "GET", path: "/c/ljubljana/desk", cookies: []*http.Cookie{f.coord}, header: english()},
			status: http.StatusForbidden},
		{name: "an unknown community is the 404 page",
			req:    request{method: "GET", path: "/c/nowhere/desk", cookies: []*http.Cookie{f.coord}, header: english()},
			status: http.StatusNotFound},
		{name: "a client of no number is the 404 page",
			req:    request{method: "GET", path: "/c/utrecht-oost/desk/clients/abc", cookies: []*http.Cookie{f.coord}, header: english()},
			status: http.StatusNotFound},
		{name: "an unknown client is the 404 page",
			req:    request{method: "GET", path: "/c/utrecht-oost/desk/clients/99999", cookies: []*http.Cookie{f.coord}, header: english()},
			status: http.StatusNotFound},
		{name: "an unknown request is the 404 page",
			req:    request{method: "GET", path: "/c/utrecht-oost/desk/requests/99999", cookies: []*http.Cookie{f.coord}, header: english()},
			status: http.StatusNotFound},
		{name: "the coordinator sees the desk with the search first",
			req:    request{method: "GET", path: "/c/utrecht-oost/desk", cookies: []*http.Cookie{f.coord}, header: english()},
			status: http.StatusOK,
			contains: []string{`<h1>Coordinator&#39;s desk</h1>`, `aria-keyshortcuts="/"`, `aria-keyshortcuts="n"`, `aria-keyshortcuts="?"`,
				"Keyboard shortcuts", "There are no open requests", "0 requests shown."}},
	})
}

func TestDeskQueueFilters(t *testing.T) {
	f := newDeskFixture(t)
	id := f.enterRequest(t)
	row := `href="/c/utrecht-oost/desk/requests/` + itoa(id) + `"`
	desk := func(query string, hx bool) request {
		r := request{method: "GET", path: "/c/utrecht-oost/desk" + query, cookies: []*http.Cookie{f.coord}, header: english()}
		if hx {
			r.header = map[string]string{"Accept-Language": "en", "HX-Request": "true", "HX-Target": "desk-queue"}
		}
		return r
	}
	runScenarios(t, f.h, []scenario{
		{name: "open requests with who, when, urgency and status",
			req: desk("", false), status: http.StatusOK,
			contains: []string{row, "Shopping at the market", "Frieda Visser", "Urgency: high", "Open", "1 request shown.",
				`hx-get="/c/utrecht-oost/desk"`, `hx-target="#desk-queue"`, `hx-push-url="true"`, "includeIndicatorStyles"}},
		{name: "a category without requests", req: desk("?category=companionship", false), status: http.StatusOK,
			contains: []string{"No request matches these filters.", `<option value="companionship" lang="" selected>`}, absent: []string{row}},
		{name: "urgency", req: desk("?urgency=high", false), status: http.StatusOK, contains: []string{row}},
		{name: "overdue keeps only what is due within a day", req: desk("?overdue=1", false), status: http.StatusOK,
			contains: []string{"No request matches", `name="overdue" value="1" aria-describedby="f-overdue-hint" checked`}, absent: []string{row}},
		{name: "done", req: desk("?status=done", false), status: http.StatusOK, absent: []string{row}},
		{name: "any status", req: desk("?status=all", false), status: http.StatusOK, contains: []string{row}},
		{name: "unknown filters are named", req: desk("?status=lost&urgency=now", false), status: http.StatusUnprocessableEntity,
			contains: []string{"Please check your answers", `href="#f-status"`, `href="#f-urgency"`}, absent: []string{row}},
		{name: "an htmx history restore gets the whole page",
			req: request{method: "GET", path: "/c/utrecht-oost/desk", cookies: []*http.Cookie{f.coord},
				header: map[string]string{"Accept-Language": "en", "HX-Request": "true", "HX-Target": "desk-queue", "HX-History-Restore-Request": "true"}},
			status: http.StatusOK, contains: []string{"<h1>", row}},
	})

	// htmx gets the list alone, with the count out of band.
	f.h.t = t
	res := f.h.do(desk("?status=all", true))
	if res.status != http.StatusOK || !strings.Contains(res.header.Get("Vary"), "HX-Request") {
		t.Errorf("htmx: status %d, Vary %q", res.status, res.header.Get("Vary"))
	}
	for _, want := range []string{row, `<p id="desk-queue-count" hx-swap-oob="innerHTML">1 request shown.</p>`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the fragment lacks %q:\n%s", want, res.body)
		}
	}
	if strings.Contains(res.body, "<html") || strings.Contains(res.body, "<h1") || strings.Contains(res.body, "<script") {
		t.Errorf("the fragment is more than the list:\n%s", res.body)
	}
}

func TestDeskClients(t *testing.T) {
	f := newDeskFixture(t)
	page := "/c/utrecht-oost/desk/clients"
	as := []*http.Cookie{f.coord}
	good := url.Values{"name": {"Gerrit Jansen"}, "phone": {"030 123 45 67"}, "place": {"pin"}, "lat": {"52.09"}, "lon": {"5.14"},
		"address": {"Kerkstraat 1"}, "languages": {"nl", "en"}, "notes": {"Ring twice"}, "consent_method": {"written"}}
	runScenarios(t, f.h, []scenario{
		{name: "by the end of the phone number, however it is typed",
			req: request{method: "GET", path: page + "?q=" + url.QueryEscape("12 34 56-78"), cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"1 client found for “12 34 56-78”.", "Frieda Visser", "&#43;31 6 1234 5678",
				`href="/c/utrecht-oost/desk/clients/` + itoa(f.client.ID) + `/request"`}},
		{name: "with the country code and the trunk zero",
			req:    request{method: "GET", path: page + "?q=" + url.QueryEscape("06 1234 5678"), cookies: as, header: english()},
			status: http.StatusOK, contains: []string{"Frieda Visser"}},
		{name: "by part of the name",
			req:    request{method: "GET", path: page + "?q=visser", cookies: as, header: english()},
			status: http.StatusOK, contains: []string{"Frieda Visser"}},
		{name: "nobody found offers a new client with the search in it",
			req: request{method: "GET", path: page + "?q=" + url.QueryEscape("Jan de Boer"), cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"No client found for “Jan de Boer”.", `href="/c/utrecht-oost/desk/clients/new?q=Jan&#43;de&#43;Boer"`}},
		{name: "an empty search says what to type next to the box",
			req: request{method: "GET", path: page + "?q=+", cookies: as, header: english()}, status: http.StatusUnprocessableEntity,
			contains: []string{`id="desk-search-error"`, "Type a phone number or a name to search for.", `aria-invalid="true"`}},
		{name: "the new-client form takes the phone from the search",
			req: request{method: "GET", path: page + "/new?q=" + url.QueryEscape("030 999"), cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{`name="phone" type="tel" value="030 999"`, "How did they agree?", "Recorded by: Cora Coördinator",
				`name="consent_given_at" type="datetime-local" value="`, `id="f-languages-nl" name="languages" value="nl" checked`}},
		{name: "mistakes come back next to their fields with the input kept",
			req: request{method: "POST", path: page + "/new", cookies: as, header: english(), form: url.Values{
				"name": {""}, "phone": {"call me maybe"}, "notes": {"Deaf in one ear"}, "languages": {"nl"}}},
			status: http.StatusUnprocessableEntity,
			contains: []string{"Please check your answers", `id="f-name-error"`, "Enter the person&#39;s name",
				`id="f-phone-error"`, "Enter a phone number of digits", `value="call me maybe"`, "Deaf in one ear",
				`id="f-consent_method-error"`, "Choose how the person agreed.", `id="f-place-error"`}},
		{name: "a good client goes on to their request",
			req:    request{method: "POST", path: page + "/new", cookies: as, header: english(), form: good},
			status: http.StatusSeeOther,
			check: func(t *testing.T, h *harness, res response) {
				if !regexp.MustCompile(`^/c/utrecht-oost/desk/clients/\d+/request\?new=1$`).MatchString(res.header.Get("Location")) {
					t.Errorf("Location %q", res.header.Get("Location"))
				}
				found, err := h.svc.FindClients(f.coordCtx, "utrecht-oost", domain.ClientQuery{Phone: "1234567"})
				if err != nil || len(found) != 1 || found[0].Consent.Method != "written" || found[0].Notes != "Ring twice" {
					t.Errorf("stored %+v %v", found, err)
				}
			}},
		{name: "the client page shows consent and an edit link",
			req: request{method: "GET", path: page + "/" + itoa(f.client.ID), cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"<h1>Frieda Visser</h1>", "On the phone", "recorded by Cora Coördinator", `aria-keyshortcuts="r"`,
				"No requests yet."}},
		{name: "editing keeps the consent and shows the change",
			req: request{method: "POST", path: page + "/" + itoa(f.client.ID) + "/edit", cookies: as, header: english(), form: url.Values{
				"name": {"Frieda de Visser"}, "phone": {"+31 6 1234 5678"}, "place": {"pin"}, "lat": {"52.091"}, "lon": {"5.141"},
				"languages": {"nl"}, "consent_method": {"written"}}},
			status: http.StatusSeeOther, location: page + "/" + itoa(f.client.ID) + "?saved=1",
			check: func(t *testing.T, h *harness, res response) {
				c, err := h.svc.Client(f.coordCtx, "utrecht-oost", f.client.ID)
				if err != nil || c.Name != "Frieda de Visser" || c.Consent.Method != "phone" {
					t.Errorf("after the edit %+v %v", c, err)
				}
			}},
		{name: "an edit with mistakes comes back",
			req: request{method: "POST", path: page + "/" + itoa(f.client.ID) + "/edit", cookies: as, header: english(), form: url.Values{
				"name": {"x"}, "place": {"pin"}, "lat": {"north"}, "lon": {"5.14"}}},
			status: http.StatusUnprocessableEntity, contains: []string{`id="f-lat-error"`, `value="north"`}},
	})
}

func TestDeskRequests(t *testing.T) {
	f := newDeskFixture(t)
	as := []*http.Cookie{f.coord}
	form := "/c/utrecht-oost/desk/clients/" + itoa(f.client.ID) + "/request"
	runScenarios(t, f.h, []scenario{
		{name: "the form is filled in from the client",
			req: request{method: "GET", path: form + "?new=1", cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"New request for Frieda Visser", "Frieda Visser is saved as a client.", `value="Oosterstraat 5"`,
				`id="f-languages-nl" name="languages" value="nl" checked`, `value="pin" selected`, `value="52.091000"`,
				`id="f-recurrence_kind-once" name="recurrence_kind" value="once" checked`, `id="f-urgency-normal" name="urgency" value="normal" checked`}},
		{name: "mistakes come back, every one at once",
			req: request{method: "POST", path: form, cookies: as, header: english(), form: f.requestForm(func(v url.Values) {
				v.Set("category", "")
				v.Set("title", "")
				v.Set("needed_from", "tomorrow")
				v.Set("recurrence_kind", "weekly")
				v.Set("lat", "")
			})},
			status: http.StatusUnprocessableEntity,
			contains: []string{`id="f-category-error"`, "Choose the kind of help.", `id="f-title-error"`,
				`id="f-needed_from-error"`, `value="tomorrow"`, `id="f-recurrence_days-error"`, `id="f-recurrence_until-error"`,
				`id="f-lat-error"`, "Bread and milk"},
			absent: []string{`id="f-needed_by-error"`}},
		{name: "a time in the past is refused",
			req: request{method: "POST", path: form, cookies: as, header: english(), form: f.requestForm(func(v url.Values) {
				v.Set("needed_from", "2020-01-01T10:00")
				v.Set("needed_by", "2020-01-01T12:00")
			})},
			status: http.StatusUnprocessableEntity, contains: []string{"This time has already passed."}},
		{name: "a place outside the area is named on the place",
			req: request{method: "POST", path: form, cookies: as, header: english(), form: f.requestForm(func(v url.Values) {
				v.Set("lat", "46.05")
				v.Set("lon", "14.5")
			})},
			status: http.StatusUnprocessableEntity, contains: []string{`id="f-place-error"`}},
	})

	id := f.enterRequest(t)
	page := "/c/utrecht-oost/desk/requests/" + itoa(id)
	runScenarios(t, f.h, []scenario{
		{name: "the request page ranks the volunteer with reasons in words",
			req: request{method: "GET", path: page, cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"<h1>Shopping at the market</h1>", "Who can help", "Henk Helper", "% match", "km away", "helps with Groceries",
				"speaks Dutch", "no tasks in the last 30 days", `aria-keyshortcuts="1"`, "Press Enter to propose Henk Helper",
				"Propose Henk Helper", "Frieda Visser", "&#43;31 6 1234 5678", "Oosterstraat 5", "Entered by Cora Coördinator.",
				`aria-keyshortcuts="r"`}},
		{name: "proposing without a volunteer is explained",
			req:    request{method: "POST", path: page + "/propose", cookies: as, header: english(), form: url.Values{"volunteer": {"x"}}},
			status: http.StatusUnprocessableEntity, contains: []string{"Please check your answers", "Who can help"}},
		{name: "proposing someone who is no volunteer is explained",
			req: request{method: "POST", path: page + "/propose", cookies: as, header: english(),
				form: url.Values{"volunteer": {itoa(deskUser(t, f.h, f.member).ID)}}},
			status: http.StatusUnprocessableEntity, contains: []string{"has no volunteer profile here"}},
		{name: "one click proposes",
			req: request{method: "POST", path: page + "/propose", cookies: as, header: english(),
				form: url.Values{"volunteer": {itoa(f.helperID)}}},
			status: http.StatusSeeOther, location: page + "?done=proposed"},
		{name: "the history grows and the volunteer is listed with the thread",
			req: request{method: "GET", path: page + "?done=proposed", cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"The volunteer has been asked.", "Cora Coördinator proposed a volunteer.", "asked, waiting for an answer",
				`href="/c/utrecht-oost/tasks/`, "Messages with Henk Helper", "Assigned"},
			absent: []string{"Who can help"}},
		{name: "proposing again says the request is taken",
			req: request{method: "POST", path: page + "/propose", cookies: as, header: english(),
				form: url.Values{"volunteer": {itoa(f.helperID)}}},
			status: http.StatusConflict, contains: []string{"This request is no longer open"}},
		{name: "an offer of another request cannot be approved here",
			req:    request{method: "POST", path: page + "/approve", cookies: as, header: english(), form: url.Values{"assignment": {"424242"}}},
			status: http.StatusNotFound},
		{name: "cancelling ends it",
			req:    request{method: "POST", path: page + "/cancel", cookies: as, header: english()},
			status: http.StatusSeeOther, location: page + "?done=cancelled"},
		{name: "the cancelled request shows it",
			req: request{method: "GET", path: page + "?done=cancelled", cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"The request is cancelled.", "Cancelled by Cora Coördinator.", "withdrawn"},
			absent:   []string{"Yes, cancel the request"}},
		{name: "the client page lists the request",
			req:    request{method: "GET", path: "/c/utrecht-oost/desk/clients/" + itoa(f.client.ID), cookies: as, header: english()},
			status: http.StatusOK, contains: []string{`href="` + page + `"`, "Cancelled"}},
	})
}

func TestDeskInOtherLanguages(t *testing.T) {
	f := newDeskFixture(t)
	id := f.enterRequest(t)
	res := f.h.do(request{method: "GET", path: "/c/utrecht-oost/desk/requests/" + itoa(id), cookies: []*http.Cookie{f.coord, langCookie("fr")}})
	checkPage(t, res)
	for _, want := range []string{`<html lang="fr">`, "Qui peut aider", "parle néerlandais", "aucune tâche ces 30 derniers jours", "Proposer Henk Helper"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the French page lacks %q", want)
		}
	}
	res = f.h.do(request{method: "GET", path: "/c/utrecht-oost/desk?status=all", cookies: []*http.Cookie{f.coord, langCookie("sl")}})
	if !strings.Contains(res.body, "Prikazana je 1 prošnja.") || !strings.Contains(res.body, "Nujnost: visoka") {
		t.Errorf("the Slovenian queue:\n%s", res.body)
	}
}

func TestDeskApprovesAnOffer(t *testing.T) {
	f := newDeskFixture(t)
	id := f.enterRequest(t)
	offer, err := f.h.svc.Offer(service.WithActor(t.Context(), deskUser(t, f.h, f.helper)), "utrecht-oost", id)
	if err != nil || offer.Status != domain.AssignOffered {
		t.Fatalf("offer: %+v %v", offer, err)
	}
	page := "/c/utrecht-oost/desk/requests/" + itoa(id)
	as := []*http.Cookie{f.coord}
	runScenarios(t, f.h, []scenario{
		{name: "the offer waits with a button to approve it",
			req: request{method: "GET", path: page, cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"offered to help, waiting for approval", "Approve the offer of Henk Helper",
				`name="assignment" value="` + itoa(offer.ID) + `"`, "Henk Helper offered to help."}},
		{name: "approving assigns the volunteer",
			req: request{method: "POST", path: page + "/approve", cookies: as, header: english(),
				form: url.Values{"assignment": {itoa(offer.ID)}}},
			status: http.StatusSeeOther, location: page + "?done=approved"},
		{name: "the page says so",
			req: request{method: "GET", path: page + "?done=approved", cookies: as, header: english()}, status: http.StatusOK,
			contains: []string{"The offer is approved", "Cora Coördinator confirmed the volunteer.", "helping"},
			absent:   []string{"Approve the offer of"}},
		{name: "approving twice explains why not",
			req: request{method: "POST", path: page + "/approve", cookies: as, header: english(),
				form: url.Values{"assignment": {itoa(offer.ID)}}},
			status: http.StatusConflict, contains: []string{"This request is no longer open"}},
	})
}

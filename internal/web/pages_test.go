package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mutua/internal/httpx"
	"mutua/internal/service"
)

// scenario is one request through the pages and what must come back.
type scenario struct {
	name string
	// setup may prepare accounts and returns the cookies to send.
	setup    func(h *harness) []*http.Cookie
	req      request
	status   int
	location string
	contains []string
	absent   []string
	check    func(t *testing.T, h *harness, res response)
}

func runScenarios(t *testing.T, h *harness, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			h.t = t
			req := sc.req
			if sc.setup != nil {
				req.cookies = append(req.cookies, sc.setup(h)...)
			}
			res := h.do(req)
			if res.status != sc.status {
				t.Errorf("status %d, want %d\n%s", res.status, sc.status, res.body)
			}
			if sc.location != "" {
				if got := res.header.Get("Location"); got != sc.location {
					t.Errorf("Location %q, want %q", got, sc.location)
				}
			}
			for _, want := range sc.contains {
				if !strings.Contains(res.body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
			for _, bad := range sc.absent {
				if strings.Contains(res.body, bad) {
					t.Errorf("body has %q", bad)
				}
			}
			checkPage(t, res)
			if sc.check != nil {
				sc.check(t, h, res)
			}
		})
	}
}

func english() map[string]string { return map[string]string{"Accept-Language": "en"} }

func TestBrowsingPages(t *testing.T) {
	h := newHarness(t, service.Options{})
	runScenarios(t, h, []scenario{
		{name: "home lists the communities with their languages",
			req:    request{method: "GET", path: "/", header: english()},
			status: http.StatusOK,
			contains: []string{`<html lang="en">`, "Help in your neighbourhood", "2 communities use mutua here.",
				`href="/c/utrecht-oost"`, "Utrecht Oost", "Languages: Dutch, English",
				`href="/c/ljubljana"`, "Languages: Slovenian, English, Italian"}},
		{name: "community home offers the two choices to visitors",
			req:    request{method: "GET", path: "/c/utrecht-oost", header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Utrecht Oost</h1>", "I need help", "I want to help",
				`href="/c/utrecht-oost/register?next=%2Fc%2Futrecht-oost%2Fask"`, `href="/c/utrecht-oost/register?next=%2Fc%2Futrecht-oost%2Fvolunteer"`, `href="/login?next=%2Fc%2Futrecht-oost"`,
				"Up to 2.5 km from the centre", "Groceries", "Company and a chat"},
			absent: []string{"Join this community", "Your role"}},
		{name: "unknown community is a friendly 404",
			req:      request{method: "GET", path: "/c/atlantis", header: english()},
			status:   http.StatusNotFound,
			contains: []string{"<h1>Page not found</h1>", "We could not find this community", `href="/"`}},
		{name: "unknown community register page is a 404 too",
			req:    request{method: "GET", path: "/c/atlantis/register", header: english()},
			status: http.StatusNotFound, contains: []string{"Page not found"}},
		{name: "unknown path is a 404 in the visitor's language",
			req:      request{method: "GET", path: "/no/such/page", header: map[string]string{"Accept-Language": "fr-BE,fr;q=0.9"}},
			status:   http.StatusNotFound,
			contains: []string{`<html lang="fr">`, "Page introuvable", "Aller à la page d&#39;accueil"}},
		{name: "unknown path with another method is a 404 page as well",
			req:    request{method: "DELETE", path: "/c", header: english()},
			status: http.StatusNotFound, contains: []string{"Page not found"}},
		{name: "logged-in non-member is offered to join",
			setup: func(h *harness) []*http.Cookie {
				return []*http.Cookie{h.register("ljubljana", "Mojca", "mojca@example.org")}
			},
			req:      request{method: "GET", path: "/c/utrecht-oost", header: english()},
			status:   http.StatusOK,
			contains: []string{"Logged in as Mojca", "You are logged in, but you are not yet a member of Utrecht Oost.", `action="/c/utrecht-oost/join"`, "Join this community"},
			absent:   []string{"I need help", "Your role"}},
		{name: "member sees role and facts in the community's language",
			setup: func(h *harness) []*http.Cookie {
				return []*http.Cookie{h.registerIn("utrecht-oost", "Anke", "anke@example.org", "nl")}
			},
			req:    request{method: "GET", path: "/c/utrecht-oost"},
			status: http.StatusOK,
			contains: []string{`<html lang="nl">`, "Fijn dat u er bent, Anke.", "Uw rol: Lid", "Tot 2,5 km van het centrum",
				"Boodschappen", "Gezelschap en een praatje", "Talen", "Nederlands, Engels"},
			absent: []string{"Word lid van deze gemeenschap", "Ik heb hulp nodig"}},
	})
}

func TestJoining(t *testing.T) {
	h := newHarness(t, service.Options{})
	session := h.register("ljubljana", "Janez", "janez@example.org")
	runScenarios(t, h, []scenario{
		{name: "visitor who is not logged in is sent to log in first",
			req:    request{method: "POST", path: "/c/utrecht-oost/join", form: url.Values{}},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost"},
		{name: "unknown community",
			req:    request{method: "POST", path: "/c/atlantis/join", form: url.Values{}, cookies: []*http.Cookie{session}, header: english()},
			status: http.StatusNotFound, contains: []string{"We could not find this community"}},
		{name: "join returns to the community",
			req:    request{method: "POST", path: "/c/utrecht-oost/join", form: url.Values{}, cookies: []*http.Cookie{session}},
			status: http.StatusSeeOther, location: "/c/utrecht-oost"},
		{name: "after joining the page shows the role",
			req:    request{method: "GET", path: "/c/utrecht-oost", cookies: []*http.Cookie{session}, header: english()},
			status: http.StatusOK, contains: []string{"Your role: Member"}, absent: []string{"Join this community"}},
	})
}

func TestLogout(t *testing.T) {
	h := newHarness(t, service.Options{})
	session := h.register("utrecht-oost", "Piet", "piet@example.org")
	res := h.do(request{method: "POST", path: "/logout", form: url.Values{}, cookies: []*http.Cookie{session}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
		t.Fatalf("logout: %d to %q", res.status, res.header.Get("Location"))
	}
	c := res.cookie(httpx.SessionCookie)
	if c == nil || c.MaxAge >= 0 || c.Value != "" {
		t.Errorf("logout did not clear the cookie: %+v", c)
	}
	if _, err := h.svc.Authenticate(t.Context(), session.Value); err == nil {
		t.Error("the session still works on the server after logout")
	}
	page := h.do(request{method: "GET", path: "/c/utrecht-oost", cookies: []*http.Cookie{session}, header: english()})
	if !strings.Contains(page.body, "I need help") || strings.Contains(page.body, "Logged in as") {
		t.Error("the old cookie still shows a logged-in page")
	}
}

package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// signinHarness is the pages with a clock the test moves and Mia, a
// member of Utrecht Oost who asks for links.
type signinHarness struct {
	*harness
	en  *i18n.Translator
	mia int64
	now *time.Time
	// registered is the session Mia's registration opened.
	registered *http.Cookie
}

func newSigninHarness(t *testing.T, burst int) *signinHarness {
	t.Helper()
	now := time.Now().UTC()
	h := newHarness(t, service.Options{Now: func() time.Time { return now }, LoginBurst: burst})
	registered := h.register("utrecht-oost", "Mia", "mia@example.org")
	u, err := h.store.UserByEmail(t.Context(), "mia@example.org")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &signinHarness{harness: h, en: cat.Translator("en"), mia: u.ID, now: &now, registered: registered}
}

// link returns the path of the newest emailed link of kind to Mia.
// runScenarios points the harness at the test's own t again: the
// scenarios leave it on their last subtest.
func (s *signinHarness) link(t *testing.T, kind domain.NotificationKind) string {
	t.Helper()
	s.harness.t = t
	list, err := s.store.Notifications(t.Context(), s.mia, domain.Page{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range list {
		if n.Kind == kind {
			return n.Data["path"]
		}
	}
	t.Fatalf("no %s email for Mia", kind)
	return ""
}

// token is the token in a link's path.
func token(t *testing.T, path string) string {
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("token")
}

func TestSigninByLink(t *testing.T) {
	s := newSigninHarness(t, 0)
	login := s.do(request{method: "GET", path: "/login?next=%2Fc%2Futrecht-oost%2Fask", header: english()})
	for _, want := range []string{`href="/login/link/new?next=%2fc%2futrecht-oost%2fask"`, `href="/login/reset/new?next=%2fc%2futrecht-oost%2fask"`,
		s.en.T("signin.login.link"), s.en.T("signin.login.forgot")} {
		if !strings.Contains(login.body, want) {
			t.Errorf("the login page lacks %s", want)
		}
	}
	sentTo := "/login/link/sent?next=%2Fc%2Futrecht-oost%2Fask"
	runScenarios(t, s.harness, []scenario{
		{name: "the request form", req: request{method: "GET", path: "/login/link/new?next=/c/utrecht-oost/ask", header: english()},
			status: http.StatusOK, contains: []string{s.en.T("signin.request.link.intro"), `name="next" value="/c/utrecht-oost/ask"`}},
		{name: "a bad address comes back", req: request{method: "POST", path: "/login/link/new", header: english(),
			form: url.Values{"email": {"mia@"}}},
			status: http.StatusUnprocessableEntity, contains: []string{s.en.T("field.email.format"), `value="mia@"`}},
		{name: "an unknown address gets the same answer", req: request{method: "POST", path: "/login/link/new", header: english(),
			form: url.Values{"email": {"nobody@example.org"}, "next": {"/c/utrecht-oost/ask"}}},
			status: http.StatusSeeOther, location: sentTo},
		{name: "Mia asks for a link", req: request{method: "POST", path: "/login/link/new", header: english(),
			form: url.Values{"email": {"Mia@example.org"}, "next": {"/c/utrecht-oost/ask"}}},
			status: http.StatusSeeOther, location: sentTo},
		{name: "the check-your-email page", req: request{method: "GET", path: sentTo, header: english()},
			status: http.StatusOK, contains: []string{s.en.T("signin.sent.text")}},
	})
	path := s.link(t, domain.NotifyLoginLink)
	if !strings.HasPrefix(path, "/login/link?") {
		t.Fatalf("link %q", path)
	}
	tok := token(t, path)
	used := html.EscapeString(s.en.T("error.link_used"))
	runScenarios(t, s.harness, []scenario{
		{name: "opening the link shows a button and uses nothing", req: request{method: "GET", path: path, header: english()},
			status: http.StatusOK, contains: []string{s.en.T("signin.link.submit", "Name", "Mia"), `name="token" value="` + tok + `"`}},
		{name: "opening it twice still works", req: request{method: "GET", path: path, header: english()},
			status: http.StatusOK, contains: []string{s.en.T("signin.link.submit", "Name", "Mia")}},
		{name: "the button logs in, ends the browser's older session and goes on", req: request{method: "POST", path: "/login/link", header: english(),
			form: url.Values{"token": {tok}, "next": {"/c/utrecht-oost/ask"}}, cookies: []*http.Cookie{s.registered}},
			status: http.StatusSeeOther, location: "/c/utrecht-oost/ask",
			check: func(t *testing.T, h *harness, res response) {
				c := res.cookie(httpx.SessionCookie)
				if c == nil || !c.HttpOnly {
					t.Fatalf("no session cookie: %+v", c)
				}
				if u, err := h.svc.Authenticate(t.Context(), c.Value); err != nil || u.Name != "Mia" {
					t.Errorf("the session is not Mia's: %v", err)
				}
				if _, err := h.svc.Authenticate(t.Context(), s.registered.Value); err == nil {
					t.Error("the browser's older session still works")
				}
			}},
		{name: "the second use is told kindly", req: request{method: "POST", path: "/login/link", header: english(),
			form: url.Values{"token": {tok}}},
			status: http.StatusGone, contains: []string{used, s.en.T("signin.problem.new_link"), `href="/login/link/new"`}},
		{name: "opening a used link", req: request{method: "GET", path: path, header: english()},
			status: http.StatusGone, contains: []string{used, `href="/login/link/new?next=%2Fc%2Futrecht-oost%2Fask"`}},
	})
}

func TestSigninBadLinks(t *testing.T) {
	s := newSigninHarness(t, 0)
	if res := s.do(request{method: "POST", path: "/login/reset/new", header: english(), form: url.Values{"email": {"mia@example.org"}}}); res.status != http.StatusSeeOther {
		t.Fatalf("asking for a reset: %d", res.status)
	}
	reset := s.link(t, domain.NotifyPasswordReset)
	invalid := html.EscapeString(s.en.T("error.link_invalid"))
	var scenarios []scenario
	for _, path := range []string{"/login/link", "/login/link?token=", "/login/link?token=nonsense", "/login/link?token=%00%ff%3Cb%3E",
		"/login/link?token=" + strings.Repeat("A", 3000), "/login/reset?token=made-up", "/login/link?token=" + token(t, reset)} {
		scenarios = append(scenarios, scenario{name: "GET " + path[:min(len(path), 40)], req: request{method: "GET", path: path, header: english()},
			status: http.StatusNotFound, contains: []string{invalid, s.en.T("signin.problem.new_link")}})
	}
	scenarios = append(scenarios,
		scenario{name: "posting garbage", req: request{method: "POST", path: "/login/link", header: english(), form: url.Values{"token": {"x"}}},
			status: http.StatusNotFound, contains: []string{invalid}},
		scenario{name: "posting a reset without a token", req: request{method: "POST", path: "/login/reset", header: english(), form: url.Values{"password": {testPassword}}},
			status: http.StatusNotFound, contains: []string{invalid, `href="/login/reset/new"`}},
		scenario{name: "the reset form", req: request{method: "GET", path: reset, header: english()},
			status: http.StatusOK, contains: []string{s.en.T("signin.reset.intro", "Name", "Mia"), `autocomplete="new-password"`}},
		scenario{name: "a weak password comes back and keeps the link", req: request{method: "POST", path: "/login/reset", header: english(),
			form: url.Values{"token": {token(t, reset)}, "password": {"short"}}},
			status: http.StatusUnprocessableEntity, contains: []string{s.en.T("field.password.too_short", "Count", domain.MinPasswordLen),
				`name="token" value="` + token(t, reset) + `"`}, absent: []string{`value="short"`}},
	)
	runScenarios(t, s.harness, scenarios)

	*s.now = s.now.Add(domain.LoginLinkTTL)
	runScenarios(t, s.harness, []scenario{
		{name: "an expired link", req: request{method: "GET", path: reset, header: english()},
			status: http.StatusGone, contains: []string{html.EscapeString(s.en.T("error.link_expired")), `href="/login/reset/new"`}},
		{name: "posting to an expired link", req: request{method: "POST", path: "/login/reset", header: english(),
			form: url.Values{"token": {token(t, reset)}, "password": {"a fine new password"}}},
			status: http.StatusGone, contains: []string{html.EscapeString(s.en.T("error.link_expired"))}},
	})
}

func TestSigninResetPassword(t *testing.T) {
	s := newSigninHarness(t, 0)
	old := s.do(request{method: "POST", path: "/login", header: english(), form: url.Values{"email": {"mia@example.org"}, "password": {testPassword}}}).cookie(httpx.SessionCookie)
	if old == nil {
		t.Fatal("no login")
	}
	if res := s.do(request{method: "POST", path: "/login/reset/new", header: english(), form: url.Values{"email": {"mia@example.org"}}}); res.status != http.StatusSeeOther {
		t.Fatalf("asking for a reset: %d", res.status)
	}
	tok := token(t, s.link(t, domain.NotifyPasswordReset))
	res := s.do(request{method: "POST", path: "/login/reset", header: english(), form: url.Values{"token": {tok}, "password": {"a fine new password"}}})
	c := res.cookie(httpx.SessionCookie)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/c/utrecht-oost" || c == nil {
		t.Fatalf("reset: %d to %q, cookie %v", res.status, res.header.Get("Location"), c)
	}
	if _, err := s.svc.Authenticate(t.Context(), old.Value); err == nil {
		t.Error("the older session survived the reset")
	}
	if _, err := s.svc.Login(t.Context(), "mia@example.org", "a fine new password"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
}

func TestSigninRequestsLimited(t *testing.T) {
	s := newSigninHarness(t, 1)
	ask := func() response {
		return s.do(request{method: "POST", path: "/login/link/new", header: english(), form: url.Values{"email": {"mia@example.org"}}})
	}
	if res := ask(); res.status != http.StatusSeeOther {
		t.Fatalf("first request: %d", res.status)
	}
	res := ask()
	if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") == "" {
		t.Fatalf("second request: %d, Retry-After %q", res.status, res.header.Get("Retry-After"))
	}
	checkPage(t, res)
	if !strings.Contains(res.body, `value="mia@example.org"`) {
		t.Error("the address was not kept")
	}
}

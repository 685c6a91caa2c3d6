package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/notify"
	"mutua/internal/service"
)

// radio is how the page writes a radio button of a kind, checked or not.
func radio(kind, mode string, checked bool) string {
	s := `id="f-prefs.` + kind + `-` + mode + `" name="prefs.` + kind + `" value="` + mode + `"`
	if checked {
		s += " checked"
	}
	return s + ">"
}

func TestNotificationPreferencesPage(t *testing.T) {
	s := newStaff(t, service.Options{})
	path := notify.PreferencesPath
	prefs := func(form url.Values) request {
		return request{method: "POST", path: path, cookies: s.as("Max"), header: english(), form: form}
	}
	var always []string
	for _, k := range domain.NotificationKinds {
		always = append(always, esc(s.en.T("notices.kind."+string(k)+".name")), esc(s.en.T("notices.kind."+string(k)+".hint")))
	}
	runScenarios(t, s.harness, []scenario{
		{name: "a visitor is sent to log in and back",
			req:    request{method: "GET", path: path},
			status: http.StatusSeeOther, location: "/login?next=%2Faccount%2Fnotifications"},
		{name: "a one-click unsubscribe without a session is sent to log in too",
			req:    request{method: "POST", path: path, form: url.Values{"List-Unsubscribe": {"One-Click"}}},
			status: http.StatusSeeOther, location: "/login?next=%2Faccount%2Fnotifications"},
		{name: "the account page links to the preferences",
			req:    request{method: "GET", path: "/account", cookies: s.as("Max"), header: english()},
			status: http.StatusOK, contains: []string{`href="` + path + `"`, esc(s.en.T("notices.account.link"))}},
		{name: "every kind with its explanation; immediately unless chosen otherwise",
			req:    request{method: "GET", path: path, cookies: s.as("Max"), header: english()},
			status: http.StatusOK,
			contains: append(always, esc(s.en.T("notices.prefs.title")), "max@example.org",
				radio("message", "immediate", true), radio("message", "digest", false), radio("message", "off", false),
				radio("digest", "immediate", true), radio("digest", "off", false),
				esc(s.en.T("notices.prefs.always.label")), `id="f-prefs.shift_cancelled"`),
			absent: []string{`name="prefs.assignment_proposed"`, `name="prefs.login_link"`, `id="f-prefs.digest-digest"`}},
		{name: "choices are saved",
			req:    prefs(url.Values{"prefs.message": {"off"}, "prefs.shift_reminder": {"digest"}}),
			status: http.StatusSeeOther, location: path + "?done=saved"},
		{name: "and shown with a confirmation",
			req:    request{method: "GET", path: path + "?done=saved", cookies: s.as("Max"), header: english()},
			status: http.StatusOK,
			contains: []string{esc(s.en.T("notices.notice.saved")), radio("message", "off", true), radio("message", "immediate", false),
				radio("shift_reminder", "digest", true), radio("welcome", "immediate", true)}},
		{name: "a tampered choice is refused and nothing changes",
			req:    prefs(url.Values{"prefs.message": {"weekly"}, "prefs.welcome": {"off"}}),
			status: http.StatusUnprocessableEntity,
			contains: []string{esc(s.en.T("notices.prefs.failed")), esc(s.en.T("notices.prefs.error.unknown_mode")),
				`href="#f-prefs.message"`, `id="f-prefs.message-error"`, radio("welcome", "off", true)},
			check: func(t *testing.T, h *harness, res response) {
				stored := h.do(request{method: "GET", path: path, cookies: s.as("Max"), header: english()})
				if !strings.Contains(stored.body, radio("message", "off", true)) || !strings.Contains(stored.body, radio("welcome", "immediate", true)) {
					t.Error("a refused form changed the stored choices")
				}
			}},
		{name: "what must always arrive cannot be turned off",
			req:      prefs(url.Values{"prefs.shift_cancelled": {"off"}}),
			status:   http.StatusUnprocessableEntity,
			contains: []string{esc(s.en.T("notices.prefs.error.critical")), `href="#f-prefs.shift_cancelled"`}},
		{name: "the digest cannot go in the digest",
			req:      prefs(url.Values{"prefs.digest": {"digest"}}),
			status:   http.StatusUnprocessableEntity,
			contains: []string{esc(s.en.T("notices.prefs.error.unknown_mode")), `id="f-prefs.digest-error"`}},
		{name: "an unknown kind",
			req:      prefs(url.Values{"prefs.postcards": {"off"}}),
			status:   http.StatusUnprocessableEntity,
			contains: []string{esc(s.en.T("notices.prefs.failed"))}},
		{name: "in Slovenian",
			req:    request{method: "GET", path: path, cookies: append(s.as("Max"), &http.Cookie{Name: "mutua_lang", Value: "sl"})},
			status: http.StatusOK, contains: []string{`<html lang="sl">`, "Nikoli", "Dnevni povzetek"}},
	})
}

// failedPage is the staff of the admin tests on a clock the test moves,
// with dead welcome messages for Max in Utrecht and for Lea in Ljubljana.
type failedPage struct {
	*staff
	now      *time.Time
	max, lea int64
}

func newFailedPage(t *testing.T) *failedPage {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Second)
	f := &failedPage{now: &now}
	f.staff = newStaff(t, service.Options{Now: func() time.Time { return *f.now }})
	lea := f.register("ljubljana", "Lea", "lea@example.org")
	f.max = f.bounce("Max", "550 5.1.1 <max@example.org>: Recipient address rejected: User unknown in virtual mailbox table")
	f.cookies["Lea"] = lea
	f.lea = f.bounce("Lea", "550 no such mailbox")
	return f
}

// bounce marks the person's welcome dead, as the dispatcher does when the
// server refuses the address for good, and returns its id.
func (f *failedPage) bounce(name, answer string) int64 {
	f.t.Helper()
	u, err := f.svc.Authenticate(f.t.Context(), f.cookies[name].Value)
	if err != nil {
		f.t.Fatal(err)
	}
	list, err := f.store.Notifications(f.t.Context(), u.ID, domain.Page{})
	if err != nil || len(list) != 1 || list[0].Kind != domain.NotifyWelcome {
		f.t.Fatalf("the welcome of %s: %+v, %v", name, list, err)
	}
	if err := f.store.EndNotification(f.t.Context(), list[0].ID, domain.NotificationDead, answer); err != nil {
		f.t.Fatal(err)
	}
	return list[0].ID
}

func TestFailedEmailsPage(t *testing.T) {
	f := newFailedPage(t)
	*f.now = f.now.Add(3 * time.Hour)
	path := "/c/utrecht-oost/admin/notifications"
	retry := func(id int64) string { return path + "/" + strconv.FormatInt(id, 10) + "/retry" }
	post := func(who string, id int64) request {
		return request{method: "POST", path: retry(id), cookies: f.as(who), header: english(), form: url.Values{"page": {"1"}}}
	}
	forbidden := esc(f.en.T("error.forbidden"))
	runScenarios(t, f.harness, []scenario{
		{name: "a visitor is sent to log in and back",
			req:    request{method: "GET", path: path},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Fadmin%2Fnotifications"},
		{name: "a member may not look",
			req:    request{method: "GET", path: path, cookies: f.as("Max"), header: english()},
			status: http.StatusForbidden, absent: []string{"max@example.org"}},
		{name: "nor a coordinator, whose navigation does not offer the page",
			req:    request{method: "GET", path: path, cookies: f.as("Cor"), header: english()},
			status: http.StatusForbidden, contains: []string{forbidden}, absent: []string{"max@example.org"},
			check: func(t *testing.T, h *harness, _ response) {
				if res := h.do(request{method: "GET", path: "/c/utrecht-oost/admin/members", cookies: f.as("Cor")}); strings.Contains(res.body, `href="`+path+`"`) {
					t.Error("the coordinator's navigation links to the failed emails")
				}
			}},
		{name: "the admin sees the community's failures and the queue",
			req:    request{method: "GET", path: path, cookies: f.as("Ada"), header: english()},
			status: http.StatusOK,
			contains: []string{esc(f.en.T("notices.failed.title")), `aria-current="page">` + esc(f.en.T("notices.nav.failed")),
				esc(f.en.T("notices.failed.to", "Name", "Max", "Email", "max@example.org")), esc(f.en.T("notices.kind.welcome.name")),
				"Recipient address rejected", `action="` + retry(f.max) + `"`,
				esc(f.en.T("notices.wait.hours", "Count", 3)), `<dd class="coord-figure">1</dd>`},
			absent: []string{"lea@example.org", retry(f.lea)}},
		{name: "the operator too",
			req:    request{method: "GET", path: path, cookies: f.as("Olga"), header: english()},
			status: http.StatusOK, contains: []string{"max@example.org"}},
		{name: "another community's page is not the admin's",
			req:    request{method: "GET", path: "/c/ljubljana/admin/notifications", cookies: f.as("Ada"), header: english()},
			status: http.StatusForbidden},
		{name: "a visitor's button leads to the login",
			req:    request{method: "POST", path: retry(f.max), form: url.Values{}},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Fadmin%2Fnotifications"},
		{name: "a coordinator may not send again",
			req:    post("Cor", f.max),
			status: http.StatusForbidden, contains: []string{forbidden}},
		{name: "another community's email is not found",
			req:    post("Ada", f.lea),
			status: http.StatusNotFound, contains: []string{esc(f.en.T("error.notification_not_found"))}},
		{name: "nor is an id that is no number",
			req:    request{method: "POST", path: path + "/welcome/retry", cookies: f.as("Ada"), form: url.Values{}},
			status: http.StatusNotFound},
		{name: "the admin sends it again",
			req:    post("Ada", f.max),
			status: http.StatusSeeOther, location: path + "?done=queued",
			check: func(t *testing.T, h *harness, _ response) {
				list, err := h.store.Notifications(t.Context(), f.userID("Max"), domain.Page{})
				if err != nil || len(list) != 1 || list[0].Status != domain.NotificationPending || list[0].Attempts != 0 || !list[0].DueAt.Equal(*f.now) {
					t.Errorf("the message sent again: %+v, %v", list, err)
				}
			}},
		{name: "with a confirmation, and the list is empty",
			req:      request{method: "GET", path: path + "?done=queued", cookies: f.as("Ada"), header: english()},
			status:   http.StatusOK,
			contains: []string{esc(f.en.T("notices.notice.queued")), esc(f.en.T("notices.failed.empty")), `<dd class="coord-figure">0</dd>`},
			absent:   []string{"max@example.org"}},
		{name: "twice is not found",
			req:    post("Ada", f.max),
			status: http.StatusNotFound, contains: []string{esc(f.en.T("error.notification_not_found"))}},
	})
}

func (f *failedPage) userID(name string) int64 {
	f.t.Helper()
	u, err := f.svc.Authenticate(f.t.Context(), f.cookies[name].Value)
	if err != nil {
		f.t.Fatal(err)
	}
	return u.ID
}

// TestFailedEmailsPageShortensAnswers: a mail server's long answer is cut
// at a word, and the figures speak of minutes, hours and days.
func TestFailedEmailsPageShortensAnswers(t *testing.T) {
	f := newFailedPage(t)
	long := strings.Repeat("mailbox unavailable ", 30) + "THE END"
	c, err := f.store.CommunityBySlug(t.Context(), "utrecht-oost")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.RequeueDeadNotification(t.Context(), c.ID, f.max, *f.now); err != nil {
		t.Fatal(err)
	}
	f.bounce("Max", long)
	for _, c := range []struct {
		after time.Duration
		want  string
	}{{30 * time.Second, f.en.T("notices.wait.less")}, {90 * time.Minute, f.en.T("notices.wait.minutes", "Count", 90)},
		{47 * time.Hour, f.en.T("notices.wait.hours", "Count", 47)}, {50 * time.Hour, f.en.T("notices.wait.days", "Count", 2)}} {
		later := f.now.Add(c.after)
		saved := *f.now
		*f.now = later
		res := f.do(request{method: "GET", path: "/c/utrecht-oost/admin/notifications", cookies: f.as("Ada"), header: english()})
		*f.now = saved
		if res.status != http.StatusOK || !strings.Contains(res.body, `<dd class="coord-figure">`+esc(c.want)+`</dd>`) {
			t.Errorf("after %v the longest wait does not read %q", c.after, c.want)
		}
		if !strings.Contains(res.body, "mailbox unavailable…") || strings.Contains(res.body, "THE END") {
			t.Errorf("the long answer is not shortened")
		}
	}
}

// TestNoticesKeysBuiltAtRunTimeExist: the pages name every kind of email
// and every choice, and explain every refusal of the service, by keys
// built at run time; the catalogue tests make every language have what
// English has.
func TestNoticesKeysBuiltAtRunTimeExist(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	var keys []string
	for _, k := range domain.NotificationKinds {
		keys = append(keys, "notices.kind."+string(k)+".name", "notices.kind."+string(k)+".hint")
	}
	for _, m := range []domain.NotifyMode{domain.NotifyImmediate, domain.NotifyInDigest, domain.NotifyOff} {
		keys = append(keys, "notices.prefs.mode."+string(m))
	}
	// The codes of SetNotificationPrefs's field errors.
	for _, code := range []string{"unknown", "unknown_mode", "critical"} {
		keys = append(keys, "notices.prefs.error."+code)
	}
	for _, done := range []string{"saved", "queued"} {
		keys = append(keys, "notices.notice."+done)
	}
	keys = append(keys, "error.notification_not_found")
	for _, k := range keys {
		if _, ok := en.Lookup(k); !ok {
			t.Errorf("the catalogue lacks %s", k)
		}
	}
}

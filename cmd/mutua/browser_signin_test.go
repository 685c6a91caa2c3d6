package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	netmail "net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
	"mutua/internal/mail/mailtest"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// signinPublicURL is where the test server says it lives: the links in
// its emails start with it, and the tests open their paths on the real
// address.
const signinPublicURL = "http://mutua.test"

// startMailingDemo runs `mutua serve` with the demo community, sending its
// emails to an SMTP server in the test process. It returns the server's
// address, the SMTP server and the database.
func startMailingDemo(t *testing.T) (string, *mailtest.Server, string) {
	t.Helper()
	smtp := mailtest.Start(t)
	dsn := storetest.DSN(t)
	base, _ := startServer(t, "-db", dsn, "-demo", "-public-url", signinPublicURL,
		"-smtp-host", smtp.Host, "-smtp-port", fmt.Sprint(smtp.Port), "-smtp-tls", "none",
		"-mail-from", "mutua <noreply@example.org>")
	return base, smtp, dsn
}

// linkInMail matches the one-time link in an email's text.
var linkInMail = regexp.MustCompile(regexp.QuoteMeta(signinPublicURL) + `(/login/(?:link|reset)\?token=[A-Za-z0-9_-]{43}[^\s"<]*)`)

// awaitLinkMail waits for the email with subject to to arrive and returns
// it with the local path of its link.
func awaitLinkMail(t *testing.T, smtp *mailtest.Server, to, subject string) (mailtest.Received, string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range smtp.Messages() {
			got, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
			if len(m.To) == 1 && m.To[0] == to && got == subject {
				match := linkInMail.FindStringSubmatch(mailText(t, m))
				if match == nil {
					t.Fatalf("the email has no link:\n%s", mailText(t, m))
				}
				return m, strings.ReplaceAll(match[1], "&amp;", "&")
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no email %q to %s arrived; got %d others", subject, to, len(smtp.Messages()))
	return mailtest.Received{}, ""
}

// mailText is every part of a message, decoded.
func mailText(t *testing.T, m mailtest.Received) string {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return all.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		all.Write(b)
	}
}

// TestSigninLinkByEmail runs the whole magic link through a real server
// and a real SMTP server: Mojca asks for a login link on the page, the
// email arrives in her language with the link, the link's page names her,
// its button logs her in and takes her to her community, a second use is
// told kindly that the link was used, and the outbox keeps no token.
func TestSigninLinkByEmail(t *testing.T) {
	base, smtp, dsn := startMailingDemo(t)
	sl := catalog(t).Translator("sl")
	mojca := demoByEmail(t, "mojca.kovac@example.org")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path string, form url.Values) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept-Language", "sl")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}
	for _, email := range []string{"MOJCA.kovac@example.org", "nobody@example.org"} {
		res := post("/login/link/new", url.Values{"email": {email}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login/link/sent" {
			t.Fatalf("asking for a link for %s: %d to %q", email, res.StatusCode, res.Header.Get("Location"))
		}
	}
	m, path := awaitLinkMail(t, smtp, mojca.Email, sl.T("notify.login_link.subject"))
	if lang := m.Header.Get("Content-Language"); lang != "sl" {
		t.Errorf("the email is in %q, want Mojca's Slovenian", lang)
	}
	if text := mailText(t, m); !strings.Contains(text, sl.T("notify.login_link.action")) || !strings.Contains(text, sl.T("notify.footer.account")) {
		t.Errorf("the email lacks the action or the account footer:\n%s", text)
	}
	token := strings.TrimPrefix(path, "/login/link?token=")

	status, page := get(t, base+path)
	if status != http.StatusOK || !strings.Contains(page, "Mojca") || !strings.Contains(page, `name="token" value="`+token+`"`) {
		t.Fatalf("the link's page: %d\n%s", status, page)
	}
	res := post("/login/link", url.Values{"token": {token}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/c/"+demo.Slug {
		t.Fatalf("using the link: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == httpx.SessionCookie {
			session = c
		}
	}
	if session == nil || !session.HttpOnly {
		t.Fatalf("no session cookie: %+v", session)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v1/me", nil)
	req.AddCookie(session)
	me, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(me.Body)
	me.Body.Close()
	if me.StatusCode != http.StatusOK || !strings.Contains(string(body), mojca.Email) {
		t.Fatalf("the session is not Mojca's: %d %s", me.StatusCode, body)
	}

	again := post("/login/link", url.Values{"token": {token}})
	text, _ := io.ReadAll(again.Body)
	if again.StatusCode != http.StatusGone || !strings.Contains(string(text), htmlEscape(sl.T("error.link_used"))) ||
		!strings.Contains(string(text), sl.T("signin.problem.new_link")) {
		t.Fatalf("the second use: %d\n%s", again.StatusCode, text)
	}
	for _, m := range smtp.Messages() {
		if m.To[0] == "nobody@example.org" {
			t.Error("an address without an account got an email")
		}
	}
	signinOutboxClean(t, dsn, mojca.Email, token)
}

// signinOutboxClean checks, once the link's email is marked sent, that no
// row of the account's outbox still holds the token.
func signinOutboxClean(t *testing.T, dsn, email, token string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		list, err := st.Notifications(ctx, u.ID, domain.Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		sent, leaked := false, false
		for _, n := range list {
			if n.Kind == domain.NotifyLoginLink && n.Status == domain.NotificationSent {
				sent = true
			}
			for _, v := range n.Data {
				leaked = leaked || strings.Contains(v, token)
			}
		}
		if sent {
			if leaked {
				t.Error("the outbox still holds the token after sending")
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the login link's email was never marked sent")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestBrowserSigninReset: a demo member who forgot her password follows
// "Forgot your password?" from the login page, gets the email, opens its
// link, is refused a short password, chooses a good one and lands logged
// in on her community; every page passes axe.
func TestBrowserSigninReset(t *testing.T) {
	ctx := newBrowser(t)
	base, smtp, _ := startMailingDemo(t)
	cat := catalog(t)
	en := cat.Translator("en")
	janez := demoByEmail(t, "janez.kos@example.org")

	navigate(t, ctx, base+"/login")
	if status := submit(t, ctx, link(en.T("signin.login.forgot"))); status != http.StatusOK {
		t.Fatalf("the forgot-password page: %d", status)
	}
	waitText(t, ctx, en.T("signin.request.reset.intro"))
	checkPage(t, ctx, "signin-request")
	fill(t, ctx, en.T("form.email.label"), "janez@")
	if status := submit(t, ctx, button(en.T("signin.request.reset.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("a bad address answers %d, want 422", status)
	}
	expectFieldError(t, ctx, en.T("form.email.label"), en.T("field.email.format"))
	checkPage(t, ctx, "")
	fill(t, ctx, en.T("form.email.label"), janez.Email)
	submit(t, ctx, button(en.T("signin.request.reset.submit")))
	waitText(t, ctx, en.T("signin.sent.text"))
	checkPage(t, ctx, "signin-sent")

	sl := cat.Translator("sl")
	_, path := awaitLinkMail(t, smtp, janez.Email, sl.T("notify.password_reset.subject"))
	if status := navigate(t, ctx, base+path); status != http.StatusOK {
		t.Fatalf("the reset link: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, en.T("signin.reset.intro", "Name", janez.Name))
	checkPage(t, ctx, "signin-reset")
	fill(t, ctx, en.T("signin.reset.password"), "short")
	if status := submit(t, ctx, button(en.T("signin.reset.submit"))); status != http.StatusUnprocessableEntity {
		t.Fatalf("a short password answers %d, want 422", status)
	}
	expectFieldError(t, ctx, en.T("signin.reset.password"), en.T("field.password.too_short", i18n.CountArg, domain.MinPasswordLen))
	checkPage(t, ctx, "")
	fill(t, ctx, en.T("signin.reset.password"), "a new password for Janez")
	submit(t, ctx, button(en.T("signin.reset.submit")))
	if got := location(t, ctx); got != "/c/"+demo.Slug {
		t.Fatalf("after the reset the browser is on %s, want the community\n%s", got, pageText(ctx))
	}
	waitText(t, ctx, janez.Name)
	checkPage(t, ctx, "")

	// The link is spent: opening it again is a friendly page.
	if status := navigate(t, ctx, base+path); status != http.StatusGone {
		t.Fatalf("the used link: %d", status)
	}
	waitText(t, ctx, sl.T("signin.problem.new_link"))
	checkPage(t, ctx, "signin-used")
}

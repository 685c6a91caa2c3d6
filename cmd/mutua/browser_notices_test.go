package main

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/mail/mailtest"
	"mutua/internal/notify"
	"mutua/internal/service"
	"mutua/internal/store/storetest"
)

// The notices area in a real browser: a visitor who follows the link of an
// email to the preferences logs in and comes back there, then turns one
// kind of email off; the community admin finds a welcome email that the
// mail server refused on the page of failed emails and sends it again.
//
// The failure is a real one: the demo server sends to an SMTP server in
// the test that bounces one address for good, and a newcomer registers
// with that address through the API, which queues their welcome.

// bouncedName is the newcomer whose address the mail server refuses.
const bouncedName, bouncedEmail = "Bojan Odbit", "bojan.odbit@example.org"

func TestBrowserNotices(t *testing.T) {
	ctx := newBrowser(t)
	smtp := mailtest.Start(t)
	smtp.Bounce(bouncedEmail)
	base, _ := startServer(t, "-db", storetest.DSN(t), "-demo", "-smtp-host", smtp.Host,
		"-smtp-port", fmt.Sprint(smtp.Port), "-smtp-tls", "none", "-mail-from", "mutua <noreply@example.org>")
	admin := demoByEmail(t, "mojca.kovac@example.org")
	coordAPI(t, "POST", base+"/api/v1/auth/register", "", map[string]string{"community": demo.Slug,
		"email": bouncedEmail, "password": "correct horse battery", "name": bouncedName}, &struct{}{})
	token := coordToken(t, base, admin.Email)
	failedAPI := base + "/api/v1/communities/" + demo.Slug + "/notifications/failed"
	waitFor(t, 20*time.Second, func() bool {
		var got service.FailedNotifications
		coordAPI(t, "GET", failedAPI, token, nil, &got)
		return len(got.Failed) == 1 && got.Failed[0].RecipientName == bouncedName
	})

	cat := catalog(t)
	noticesPrefsSteps(t, ctx, base, admin)

	navigate(t, ctx, base+"/c/"+demo.Slug+"/admin/settings")
	tr := pageTranslator(t, ctx, cat)
	if status := submit(t, ctx, link(tr.T("notices.nav.failed"))); status != http.StatusOK {
		t.Fatalf("open the failed emails: %d", status)
	}
	waitText(t, ctx, tr.T("notices.failed.title"))
	waitText(t, ctx, tr.T("notices.failed.to", "Name", bouncedName, "Email", bouncedEmail))
	waitText(t, ctx, tr.T("notices.kind.welcome.name"))
	checkPage(t, ctx, "notices-failed")

	retry := tr.T("notices.failed.retry") + " " + tr.T("notices.failed.retry.whom", "Name", bouncedName)
	if status := submit(t, ctx, button(retry)); status != http.StatusOK {
		t.Fatalf("send again: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("notices.notice.queued"))
	if got := location(t, ctx); got != "/c/"+demo.Slug+"/admin/notifications?done=queued" {
		t.Errorf("after sending again the browser is on %s", got)
	}
	checkPage(t, ctx, "")
}

// noticesPrefsSteps: the preferences page sends a visitor to log in and
// back, shows every kind, and keeps a choice.
func noticesPrefsSteps(t *testing.T, ctx context.Context, base string, p demo.Person) {
	t.Helper()
	navigate(t, ctx, base+notify.PreferencesPath)
	if got := location(t, ctx); got != "/login?next=%2Faccount%2Fnotifications" {
		t.Fatalf("a visitor to the preferences is on %s", got)
	}
	tr := pageTranslator(t, ctx, catalog(t))
	fill(t, ctx, tr.T("form.email.label"), p.Email)
	fill(t, ctx, tr.T("form.password.label"), demo.Password)
	if status := submit(t, ctx, button(tr.T("login.submit"))); status != http.StatusOK {
		t.Fatalf("log in: %d", status)
	}
	if got := location(t, ctx); got != notify.PreferencesPath {
		t.Fatalf("after logging in the browser is on %s, not back on the preferences", got)
	}
	tr = pageTranslator(t, ctx, catalog(t))
	waitText(t, ctx, tr.T("notices.prefs.title"))
	waitText(t, ctx, tr.T("notices.kind.shift_reminder.hint"))
	waitText(t, ctx, tr.T("notices.prefs.always.label"))
	checkPage(t, ctx, "notices-prefs")

	off := chromedp.Search(`//input[@id="f-prefs.message-off"]`)
	step(t, ctx, "choose never for new messages", chromedp.Click(off))
	if status := submit(t, ctx, button(tr.T("notices.prefs.submit"))); status != http.StatusOK {
		t.Fatalf("save the choices: %d", status)
	}
	waitText(t, ctx, tr.T("notices.notice.saved"))
	checked := read(t, ctx, "read the choice", chromedp.Evaluate[bool](`document.getElementById("f-prefs.message-off").checked`))
	if !checked {
		t.Error("the saved choice is not shown")
	}
	checkPage(t, ctx, "")
}

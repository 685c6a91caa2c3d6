package service_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/mail"
	"mutua/internal/mail/mailtest"
	"mutua/internal/notify"
	"mutua/internal/service"
	"mutua/internal/store"
)

// failedOutbox is outboxSetup with a second community, a real SMTP server
// and the dispatcher that sends to it on the test's clock, giving up after
// the first failure so that a refusal makes a message dead at once.
type failedOutbox struct {
	svc   *service.Service
	st    *store.Store
	smtp  *mailtest.Server
	d     *notify.Dispatcher
	now   *time.Time
	wakes *int
	as    map[string]context.Context
}

func newFailedOutbox(t *testing.T) *failedOutbox {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Second)
	f := &failedOutbox{now: &now, smtp: mailtest.Start(t)}
	var ctx context.Context
	f.svc, f.st, ctx, f.wakes = outboxSetup(t, f.now)
	f.as = staff(t, f.svc, ctx, map[string]domain.Role{"ada": domain.RoleAdmin, "cor": domain.RoleCoordinator, "max": domain.RoleMember})
	village := domain.Community{Slug: "village", Name: "Village", Languages: []string{"en"}, Center: domain.Point{Lat: 52.2, Lng: 4.8}, RadiusKM: 5}
	if _, err := f.svc.CreateCommunity(f.as["op"], village); err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender, err := mail.New(mail.Config{Host: f.smtp.Host, Port: f.smtp.Port, TLS: mail.TLSNone,
		From: "Town <noreply@town.example>", Timeout: 5 * time.Second}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	f.d = notify.NewDispatcher(f.st, sender, notify.Renderer{Catalog: cat, BaseURL: "https://town.example"}, quiet)
	f.d.Now = func() time.Time { return *f.now }
	f.d.MaxAttempts = 1
	return f
}

// join registers name in the community; the account's welcome is queued.
func (f *failedOutbox) join(t *testing.T, slug, name string) context.Context {
	t.Helper()
	u, err := f.svc.Register(context.Background(), domain.Registration{Community: slug, Email: name + "@example.org", Password: pw, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return service.WithActor(context.Background(), u)
}

// dispatch runs the dispatcher until nothing due is left.
func (f *failedOutbox) dispatch(t *testing.T) {
	t.Helper()
	for {
		n, err := f.d.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// welcomeOf is the person's welcome message as the outbox holds it.
func (f *failedOutbox) welcomeOf(t *testing.T, who context.Context) domain.Notification {
	t.Helper()
	list := outboxOf(t, f.st, who)[domain.NotifyWelcome]
	if len(list) != 1 {
		t.Fatalf("%d welcomes, want 1", len(list))
	}
	return list[0]
}

// TestFailedNotificationsForAdmins: a bounced address and a server that
// refused make two dead messages in the town; the admins see those and
// no others (not the village's, not what was sent), newest first with the
// outbox's figures; only they may see them or send one again; a message
// sent again is reset and the dispatcher delivers it, with its Message-ID.
func TestFailedNotificationsForAdmins(t *testing.T) {
	f := newFailedOutbox(t)
	f.smtp.Bounce("bob@example.org")
	f.smtp.Bounce("vic@example.org")
	bob := f.join(t, "town", "bob")
	vic := f.join(t, "village", "vic")
	f.dispatch(t)
	f.smtp.Refuse(true)
	cy := f.join(t, "town", "cy")
	f.dispatch(t)
	f.smtp.Refuse(false)
	// Not yet sent: one due in the town, and one in the village that the
	// town's figures must not count.
	f.join(t, "town", "dee")
	f.join(t, "village", "wes")
	*f.now = f.now.Add(10 * time.Minute)

	got, err := f.svc.FailedNotifications(f.as["ada"], "town", domain.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Failed) != 2 || got.Failed[0].RecipientName != "cy" || got.Failed[1].RecipientName != "bob" {
		t.Fatalf("failed: %+v, want cy's then bob's", got.Failed)
	}
	for _, n := range got.Failed {
		if n.Kind != domain.NotifyWelcome || n.Attempts != 1 || n.LastError == "" || n.RecipientEmail != n.RecipientName+"@example.org" {
			t.Errorf("a failed message reads %+v", n)
		}
	}
	if want := (service.OutboxFigures{Pending: 1, OldestWait: 10 * time.Minute, OldestWaitSeconds: 600, Dead: 2}); got.Outbox != want {
		t.Errorf("figures %+v, want %+v", got.Outbox, want)
	}
	page2, err := f.svc.FailedNotifications(f.as["ada"], "town", domain.Page{Limit: 1, Offset: 1})
	if err != nil || len(page2.Failed) != 1 || page2.Failed[0].RecipientName != "bob" {
		t.Errorf("the second page of one: %+v, %v", page2.Failed, err)
	}
	if _, err := f.svc.FailedNotifications(f.as["op"], "town", domain.Page{}); err != nil {
		t.Errorf("the operator, an admin everywhere: %v", err)
	}

	for who, code := range map[string]string{"cor": "forbidden", "max": "forbidden"} {
		_, err := f.svc.FailedNotifications(f.as[who], "town", domain.Page{})
		wantCode(t, who+" lists the failures", err, code)
		wantCode(t, who+" sends again", f.svc.SendNotificationAgain(f.as[who], "town", f.welcomeOf(t, cy).ID), code)
	}
	_, err = f.svc.FailedNotifications(vic, "town", domain.Page{})
	wantCode(t, "a member of another community", err, "not_a_member")
	_, err = f.svc.FailedNotifications(context.Background(), "town", domain.Page{})
	if !errors.Is(err, domain.ErrUnauthenticated) {
		t.Errorf("a visitor: %v", err)
	}

	// The village's dead message and the town's sent ones are not the
	// town admin's to send again.
	for what, id := range map[string]int64{"the village's": f.welcomeOf(t, vic).ID, "a sent one": f.welcomeOf(t, f.as["ada"]).ID, "none": 999999} {
		wantCode(t, "send again "+what, f.svc.SendNotificationAgain(f.as["ada"], "town", id), "notification_not_found")
	}
	if w := f.welcomeOf(t, vic); w.Status != domain.NotificationDead {
		t.Errorf("the village's message became %s", w.Status)
	}

	before := f.welcomeOf(t, cy)
	wakes := *f.wakes
	if err := f.svc.SendNotificationAgain(f.as["ada"], "town", before.ID); err != nil {
		t.Fatal(err)
	}
	again := f.welcomeOf(t, cy)
	if again.Status != domain.NotificationPending || again.Attempts != 0 || !again.DueAt.Equal(*f.now) {
		t.Errorf("sent again, the row is %s with %d attempts due %v; want pending, 0, %v", again.Status, again.Attempts, again.DueAt, *f.now)
	}
	if *f.wakes != wakes+1 {
		t.Error("the dispatcher was not woken")
	}
	wantCode(t, "send again twice", f.svc.SendNotificationAgain(f.as["ada"], "town", before.ID), "notification_not_found")

	delivered := len(f.smtp.Messages())
	f.dispatch(t)
	msgs := f.smtp.WaitFor(delivered+3, 5*time.Second)[delivered:] // cy, dee, wes
	var toCy []mailtest.Received
	for _, m := range msgs {
		if len(m.To) == 1 && m.To[0] == "cy@example.org" {
			toCy = append(toCy, m)
		}
	}
	if len(toCy) != 1 || toCy[0].MessageID() != before.MessageID {
		t.Fatalf("after sending again cy got %d messages (ids %v), want one with id %s", len(toCy), toCy, before.MessageID)
	}
	if s := f.welcomeOf(t, cy).Status; s != domain.NotificationSent {
		t.Errorf("the message sent again is %s", s)
	}
	after, err := f.svc.FailedNotifications(f.as["ada"], "town", domain.Page{})
	if err != nil || len(after.Failed) != 1 || after.Failed[0].UserID != f.welcomeOf(t, bob).UserID || after.Outbox.Dead != 1 {
		t.Errorf("after cy's message went out: %+v, %v", after, err)
	}
}

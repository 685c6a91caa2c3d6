package notify_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/mail"
	"mutua/internal/mail/mailtest"
	"mutua/internal/notify"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// outbox is a store with a community and two people, a real SMTP server in
// the process, and a dispatcher on a clock the test moves.
type outbox struct {
	st     *store.Store
	smtp   *mailtest.Server
	d      *notify.Dispatcher
	clock  atomic.Pointer[time.Time]
	c      domain.Community
	marija domain.User // writes in German
	janez  domain.User // has no language of his own: the community's
}

func newOutbox(t testing.TB) *outbox {
	t.Helper()
	o := &outbox{st: openStore(t), smtp: mailtest.Start(t)}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	o.clock.Store(&now)
	ctx := context.Background()
	o.c = domain.Community{Slug: "zalec", Name: "Žalec pomaga", Languages: []string{"sl", "en"},
		Settings: domain.Settings{Timezone: "Europe/Ljubljana"}, Center: domain.Point{Lat: 46.25, Lng: 15.16}, RadiusKM: 5, Categories: domain.Categories}
	if err := o.st.CreateCommunity(ctx, &o.c); err != nil {
		t.Fatal(err)
	}
	o.marija = domain.User{Email: "marija@example.org", Name: "Marija", Language: "de", PasswordHash: "x"}
	o.janez = domain.User{Email: "janez@example.org", Name: "Janez", PasswordHash: "x"}
	for _, u := range []*domain.User{&o.marija, &o.janez} {
		if err := o.st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	sender, err := mail.New(mail.Config{Host: o.smtp.Host, Port: o.smtp.Port, TLS: mail.TLSNone,
		From: "Žalec pomaga <noreply@zalec.example>", Timeout: 5 * time.Second}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	o.d = notify.NewDispatcher(o.st, sender, notify.Renderer{Catalog: cat, BaseURL: "https://zalec.example"},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	o.d.Now = func() time.Time { return *o.clock.Load() }
	return o
}

func (o *outbox) advance(d time.Duration) {
	now := o.clock.Load().Add(d)
	o.clock.Store(&now)
}

// openStore is storetest.Open for benchmarks too.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.DSN(t), store.Options{ReadConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// queue writes a notification due now.
func (o *outbox) queue(t testing.TB, u domain.User, kind domain.NotificationKind, data map[string]string) domain.Notification {
	t.Helper()
	n := domain.Notification{CommunityID: o.c.ID, UserID: u.ID, Kind: kind, Data: data,
		MessageID: notify.NewMessageID("zalec.example"), DueAt: *o.clock.Load()}
	if err := o.st.EnqueueNotification(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// status reads a notification's row back.
func (o *outbox) status(t *testing.T, n domain.Notification) domain.Notification {
	t.Helper()
	list, err := o.st.Notifications(context.Background(), n.UserID, domain.Page{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range list {
		if x.ID == n.ID {
			return x
		}
	}
	t.Fatalf("notification %d is gone", n.ID)
	return domain.Notification{}
}

func (o *outbox) run(t *testing.T) int {
	t.Helper()
	n, err := o.d.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func promoted(path string) map[string]string {
	return map[string]string{"shift_title": "Saturday food distribution", "starts_at": "2026-11-28T08:00:00Z", "path": path}
}

// TestMessagesGoOutInTheirReadersLanguage: the email is in the recipient's
// own language, or the community's when they have none; times are in the
// community's zone; the link and the preferences link use the public
// address; the Message-ID is the row's.
func TestMessagesGoOutInTheirReadersLanguage(t *testing.T) {
	o := newOutbox(t)
	toMarija := o.queue(t, o.marija, domain.NotifyShiftPromoted, promoted("/c/zalec/opportunities/7"))
	toJanez := o.queue(t, o.janez, domain.NotifyShiftPromoted, promoted("/c/zalec/opportunities/7"))
	if n := o.run(t); n != 2 {
		t.Fatalf("claimed %d, want 2", n)
	}
	got := o.smtp.WaitFor(2, 5*time.Second)
	if len(got) != 2 {
		t.Fatalf("%d messages arrived", len(got))
	}
	// 08:00 UTC is 09:00 in Žalec, written the reader's way.
	cat, _ := i18n.Load()
	starts := time.Date(2026, 11, 28, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	byID := map[string]mailtest.Received{}
	for _, m := range got {
		byID[m.MessageID()] = m
	}
	for _, tc := range []struct {
		n             domain.Notification
		to, lang, sub string
		body          []string
	}{
		{toMarija, "marija@example.org", "de", "Ein Platz ist für Sie frei: Saturday food distribution",
			[]string{"Hallo Marija", cat.Translator("de").Date(starts) + ", 09:00", "https://zalec.example/c/zalec/opportunities/7", "Einsatz ansehen"}},
		{toJanez, "janez@example.org", "sl", "Sprostilo se je mesto za vas: Saturday food distribution",
			[]string{"Pozdravljeni, Janez", cat.Translator("sl").Date(starts) + ", 09:00", "https://zalec.example/c/zalec/opportunities/7"}},
	} {
		m, ok := byID[tc.n.MessageID]
		if !ok {
			t.Errorf("no message with the Message-ID %s of the row", tc.n.MessageID)
			continue
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		if m.To[0] != tc.to || m.Header.Get("Content-Language") != tc.lang || subject != tc.sub {
			t.Errorf("to %v, language %q, subject %q; want %s, %s, %q", m.To, m.Header.Get("Content-Language"), subject, tc.to, tc.lang, tc.sub)
		}
		if got := m.Header.Get("List-Unsubscribe"); got != "<https://zalec.example"+notify.PreferencesPath+">" {
			t.Errorf("List-Unsubscribe = %q", got)
		}
		raw := decodedBody(t, m)
		for _, want := range tc.body {
			if !strings.Contains(raw, want) {
				t.Errorf("the %s email lacks %q:\n%s", tc.lang, want, raw)
			}
		}
		if st := o.status(t, tc.n); st.Status != domain.NotificationSent || st.SentAt.IsZero() || st.Attempts != 1 {
			t.Errorf("row after sending: %+v", st)
		}
	}
	if n := o.run(t); n != 0 {
		t.Errorf("a second run claimed %d sent messages", n)
	}
}

// decodedBody is the text of every part of the message, decoded.
func decodedBody(t *testing.T, m mailtest.Received) string {
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
		p, err := r.NextPart() // undoes quoted-printable
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

// TestARefusingServerLosesNothing: while the server refuses, every message
// waits with a growing delay; once it takes mail again every message
// arrives exactly once.
func TestARefusingServerLosesNothing(t *testing.T) {
	o := newOutbox(t)
	const n = 30
	var queued []domain.Notification
	for i := range n {
		queued = append(queued, o.queue(t, o.janez, domain.NotifyShiftConfirmed, promoted(fmt.Sprintf("/c/zalec/opportunities/%d", i))))
	}
	o.smtp.Refuse(true)
	for attempt := 1; attempt <= 3; attempt++ {
		if got := o.run(t); got != n {
			t.Fatalf("attempt %d claimed %d, want %d", attempt, got, n)
		}
		row := o.status(t, queued[0])
		wait := row.DueAt.Sub(*o.clock.Load())
		base := notify.DefaultFirstRetry << (attempt - 1)
		if row.Status != domain.NotificationPending || row.Attempts != attempt || wait < base*8/10 || wait > base*12/10 {
			t.Fatalf("after refusal %d: status %s, attempts %d, retry in %v (want about %v)", attempt, row.Status, row.Attempts, wait, base)
		}
		if got := o.run(t); got != 0 {
			t.Fatalf("claimed %d before the retry was due", got)
		}
		o.advance(base * 13 / 10)
	}
	o.smtp.Refuse(false)
	for o.run(t) > 0 {
	}
	got := o.smtp.WaitFor(n, 5*time.Second)
	seen := map[string]int{}
	for _, m := range got {
		seen[m.MessageID()]++
	}
	for _, q := range queued {
		if seen[q.MessageID] != 1 {
			t.Errorf("message %s arrived %d times", q.MessageID, seen[q.MessageID])
		}
	}
	if len(got) != n {
		t.Errorf("%d messages arrived, want %d", len(got), n)
	}
}

// TestFailuresForGoodAreDead: a bounced address dies at once without
// holding up the others; a message that keeps failing dies after the last
// attempt.
func TestFailuresForGoodAreDead(t *testing.T) {
	o := newOutbox(t)
	o.smtp.Bounce("marija@example.org")
	bounced := o.queue(t, o.marija, domain.NotifyShiftConfirmed, promoted("/x"))
	fine := o.queue(t, o.janez, domain.NotifyShiftConfirmed, promoted("/x"))
	o.run(t)
	if st := o.status(t, bounced); st.Status != domain.NotificationDead || !strings.Contains(st.LastError, "550") {
		t.Errorf("bounced: %s %q", st.Status, st.LastError)
	}
	if st := o.status(t, fine); st.Status != domain.NotificationSent {
		t.Errorf("the other message: %s", st.Status)
	}

	o.d.MaxAttempts = 3
	o.smtp.Refuse(true)
	stubborn := o.queue(t, o.janez, domain.NotifyShiftConfirmed, promoted("/y"))
	for range 3 {
		o.run(t)
		o.advance(notify.DefaultMaxRetry * 2)
	}
	if st := o.status(t, stubborn); st.Status != domain.NotificationDead || st.Attempts != 3 {
		t.Errorf("after the last attempt: %s after %d attempts", st.Status, st.Attempts)
	}
}

// TestPreferencesAreHonouredExceptForWhatMustArrive: "off" skips a kind
// and "digest" keeps it for the digest, but a message a person must get
// goes out whatever they chose.
func TestPreferencesAreHonouredExceptForWhatMustArrive(t *testing.T) {
	o := newOutbox(t)
	ctx := context.Background()
	for kind, mode := range map[domain.NotificationKind]domain.NotifyMode{
		domain.NotifyShiftConfirmed: domain.NotifyOff,
		domain.NotifyMessage:        domain.NotifyInDigest,
		domain.NotifyShiftPromoted:  domain.NotifyOff, // critical: ignored
	} {
		if err := o.st.PutNotificationPref(ctx, o.janez.ID, kind, mode); err != nil {
			t.Fatal(err)
		}
	}
	off := o.queue(t, o.janez, domain.NotifyShiftConfirmed, promoted("/a"))
	digest := o.queue(t, o.janez, domain.NotifyMessage, map[string]string{"sender_name": "Nina", "request_title": "Shopping"})
	critical := o.queue(t, o.janez, domain.NotifyShiftPromoted, promoted("/b"))
	other := o.queue(t, o.marija, domain.NotifyShiftConfirmed, promoted("/c")) // Marija chose nothing
	o.run(t)
	for _, tc := range []struct {
		n    domain.Notification
		want domain.NotificationStatus
	}{{off, domain.NotificationSkipped}, {digest, domain.NotificationDigest}, {critical, domain.NotificationSent}, {other, domain.NotificationSent}} {
		if st := o.status(t, tc.n); st.Status != tc.want {
			t.Errorf("%s to user %d: %s, want %s", tc.n.Kind, tc.n.UserID, st.Status, tc.want)
		}
	}
	if got := o.smtp.WaitFor(2, 5*time.Second); len(got) != 2 {
		t.Errorf("%d messages arrived, want 2", len(got))
	}
}

// TestADispatcherThatDiedIsReplaced: rows claimed by a dispatcher that
// died before recording anything are claimed again once its lease runs
// out, and go out with their own Message-ID.
func TestADispatcherThatDiedIsReplaced(t *testing.T) {
	o := newOutbox(t)
	n := o.queue(t, o.janez, domain.NotifyShiftConfirmed, promoted("/a"))
	now := *o.clock.Load()
	if claimed, err := o.st.ClaimNotifications(context.Background(), now, now.Add(notify.DefaultLease), 10); err != nil || len(claimed) != 1 {
		t.Fatalf("the first dispatcher claimed %d (%v)", len(claimed), err)
	}
	if got := o.run(t); got != 0 {
		t.Fatalf("another dispatcher claimed %d leased rows", got)
	}
	o.advance(notify.DefaultLease + time.Second)
	if got := o.run(t); got != 1 {
		t.Fatalf("after the lease ran out %d were claimed, want 1", got)
	}
	got := o.smtp.WaitFor(1, 5*time.Second)
	if len(got) != 1 || got[0].MessageID() != n.MessageID {
		t.Errorf("arrived %+v, want the one message %s", got, n.MessageID)
	}
	if st := o.status(t, n); st.Attempts != 2 || st.Status != domain.NotificationSent {
		t.Errorf("row %+v", st)
	}
}

// TestEveryKindHasItsText: each kind's subject, body and link text exist
// in the catalogue; the catalogue's own tests make sure every language has
// every English key.
func TestEveryKindHasItsText(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	for _, kind := range domain.NotificationKinds {
		for _, part := range []string{"subject", "body", "action"} {
			if key := "notify." + string(kind) + "." + part; !en.Has(key) {
				t.Errorf("the catalogue lacks %s", key)
			}
		}
	}
}

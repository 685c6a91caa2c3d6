package mail_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"mutua/internal/mail"
	"mutua/internal/mail/mailtest"
)

func sender(t *testing.T, srv *mailtest.Server, change ...func(*mail.Config)) mail.Sender {
	t.Helper()
	cfg := mail.Config{Host: srv.Host, Port: srv.Port, TLS: mail.TLSNone, From: "mutua Žalec <noreply@zalec.example>", Timeout: 5 * time.Second}
	for _, c := range change {
		c(&cfg)
	}
	s, err := mail.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func message(id, to string) mail.Message {
	return mail.Message{
		ID: id + "@zalec.example", To: to, ToName: "Marija Novak", Language: "sl",
		Subject:     "Pomoč pri nakupu je potrjena",
		Text:        "Nina vam bo pomagala v soboto.\n\nNastavitve: https://zalec.example/account/notifications",
		HTML:        `<p>Nina vam bo pomagala v soboto.</p>`,
		Unsubscribe: "https://zalec.example/account/notifications",
	}
}

// TestSendsWhatTheRecipientNeeds: one message arrives with its recipient,
// language, subject (UTF-8), stable Message-ID, List-Unsubscribe header,
// and a text and an HTML part.
func TestSendsWhatTheRecipientNeeds(t *testing.T) {
	srv := mailtest.Start(t)
	errs := sender(t, srv).Send(t.Context(), []mail.Message{message("n-1", "marija@example.org")})
	if errs[0] != nil {
		t.Fatal(errs[0])
	}
	got := srv.WaitFor(1, 5*time.Second)
	if len(got) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(got))
	}
	m := got[0]
	if len(m.To) != 1 || m.To[0] != "marija@example.org" || m.From != "noreply@zalec.example" {
		t.Errorf("envelope from %q to %v", m.From, m.To)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subject != "Pomoč pri nakupu je potrjena" {
		t.Errorf("subject %q (%v)", subject, err)
	}
	to, err := netmail.ParseAddress(m.Header.Get("To"))
	if err != nil || to.Address != "marija@example.org" || to.Name != "Marija Novak" {
		t.Errorf("To header %q (%v)", m.Header.Get("To"), err)
	}
	for header, want := range map[string]string{
		"Message-Id":       "<n-1@zalec.example>",
		"List-Unsubscribe": "<https://zalec.example/account/notifications>",
		"Content-Language": "sl",
		"Auto-Submitted":   "auto-generated",
	} {
		if got := m.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
	if m.MessageID() != "n-1@zalec.example" {
		t.Errorf("MessageID() = %q", m.MessageID())
	}
	parts := bodyParts(t, m)
	if !strings.Contains(parts["text/plain"], "https://zalec.example/account/notifications") {
		t.Errorf("the text part lacks the link: %q", parts["text/plain"])
	}
	if !strings.Contains(parts["text/html"], "<p>Nina vam bo pomagala") {
		t.Errorf("the HTML part is %q", parts["text/html"])
	}
}

// bodyParts decodes a multipart/alternative message into its parts by
// media type.
func bodyParts(t *testing.T, m mailtest.Received) map[string]string {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatal(err)
	}
	media, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || media != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	parts := map[string]string{}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart() // decodes quoted-printable
		if err == io.EOF {
			return parts
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		media, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		parts[media] = string(b)
	}
}

// TestFailuresAreSortedIntoTemporaryAndPermanent: a refusing server fails
// every message temporarily and accepts them once it recovers; a bounced
// or malformed address fails for good without holding up the others.
func TestFailuresAreSortedIntoTemporaryAndPermanent(t *testing.T) {
	srv := mailtest.Start(t)
	srv.Bounce("gone@example.org")
	s := sender(t, srv)
	batch := []mail.Message{message("a", "one@example.org"), message("b", "gone@example.org"),
		message("c", "not an address"), message("d", "two@example.org")}

	srv.Refuse(true)
	errs := s.Send(t.Context(), batch)
	for _, i := range []int{0, 1, 3} {
		if !mail.IsTemporary(errs[i]) {
			t.Errorf("while the server refuses, message %d: %v, want a temporary failure", i, errs[i])
		}
	}
	if errs[2] == nil || mail.IsTemporary(errs[2]) {
		t.Errorf("a malformed address: %v, want a permanent failure", errs[2])
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages arrived while the server refused", n)
	}

	srv.Refuse(false)
	errs = s.Send(t.Context(), batch)
	if errs[0] != nil || errs[3] != nil {
		t.Errorf("after recovery: %v, %v", errs[0], errs[3])
	}
	if errs[1] == nil || mail.IsTemporary(errs[1]) {
		t.Errorf("a bounced address: %v, want a permanent failure", errs[1])
	}
	got := srv.WaitFor(2, 5*time.Second)
	if len(got) != 2 || got[0].MessageID() != "a@zalec.example" || got[1].MessageID() != "d@zalec.example" {
		t.Errorf("arrived: %+v", got)
	}
}

// TestAHangingServerTimesOut: a server that never answers costs one
// timeout and a temporary failure, not a stuck sender.
func TestAHangingServerTimesOut(t *testing.T) {
	srv := mailtest.Start(t)
	srv.Hang(10 * time.Second)
	s := sender(t, srv, func(c *mail.Config) { c.Timeout = 300 * time.Millisecond })
	start := time.Now()
	errs := s.Send(t.Context(), []mail.Message{message("h", "one@example.org")})
	if !mail.IsTemporary(errs[0]) {
		t.Errorf("a hanging server: %v, want a temporary failure", errs[0])
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("sending to a hanging server took %v", took)
	}
}

// TestLogsIn: with a username the sender authenticates, and a server that
// requires it refuses a sender without.
func TestLogsIn(t *testing.T) {
	srv := mailtest.Start(t)
	srv.RequireAuth("mutua", "s3cret")
	if errs := sender(t, srv).Send(t.Context(), []mail.Message{message("x", "one@example.org")}); errs[0] == nil {
		t.Error("a server that requires a login accepted mail without one")
	}
	withLogin := sender(t, srv, func(c *mail.Config) { c.Username, c.Password = "mutua", "s3cret" })
	if errs := withLogin.Send(t.Context(), []mail.Message{message("y", "one@example.org")}); errs[0] != nil {
		t.Fatal(errs[0])
	}
	if got := srv.WaitFor(1, 5*time.Second); len(got) != 1 || got[0].MessageID() != "y@zalec.example" {
		t.Errorf("arrived: %+v", got)
	}
}

// TestWithoutAServerMessagesAreLogged: the demo and development fallback.
func TestWithoutAServerMessagesAreLogged(t *testing.T) {
	var logs bytes.Buffer
	s, err := mail.New(mail.Config{}, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	errs := s.Send(context.Background(), []mail.Message{message("l", "one@example.org"), message("bad", "")})
	if errs[0] != nil || errs[1] == nil {
		t.Errorf("errors %v", errs)
	}
	for _, want := range []string{"no SMTP server", "l@zalec.example", "one@example.org", "https://zalec.example/account/notifications"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logs.String())
		}
	}
}

func TestConfigValidate(t *testing.T) {
	good := mail.Config{Host: "smtp.example.org", Port: 587, TLS: mail.TLSStartTLS, From: "mutua <noreply@example.org>"}
	if err := good.Validate(); err != nil {
		t.Fatalf("a good configuration: %v", err)
	}
	if err := (mail.Config{}).Validate(); err != nil {
		t.Errorf("no server at all is valid (mail is logged): %v", err)
	}
	for name, change := range map[string]func(*mail.Config){
		"port 0":                 func(c *mail.Config) { c.Port = 0 },
		"port 70000":             func(c *mail.Config) { c.Port = 70000 },
		"tls yes":                func(c *mail.Config) { c.TLS = "yes" },
		"no sender":              func(c *mail.Config) { c.From = "" },
		"password, no user name": func(c *mail.Config) { c.Password = "x" },
	} {
		c := good
		change(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
		if _, err := mail.New(c, slog.Default()); err == nil {
			t.Errorf("%s: New accepted it", name)
		}
	}
}

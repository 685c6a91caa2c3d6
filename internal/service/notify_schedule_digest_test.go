package service_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/mail"
	"mutua/internal/mail/mailtest"
	"mutua/internal/notify"
	"mutua/internal/service"
)

// digestWorld adds to a schedule what a digest lists: a fitting request
// near "vol", an opportunity with a free place, and a message "vol"
// chose to read in the digest; "off" turned the digest off, "quiet" lives
// where nothing fits. morning is 07:05 in the community on the day after
// the start.
func digestWorld(t *testing.T, s *schedule) (req service.RequestView, opp domain.Opportunity, kept domain.Notification, morning time.Time) {
	t.Helper()
	ctx := context.Background()
	s.profile(t, "vol", centre, 5, "groceries")
	s.profile(t, "off", centre, 5, "groceries")
	s.profile(t, "quiet", at(centre, 3, 270), 1, "transport")
	if err := s.svc.SetNotificationPrefs(s.as["off"], map[domain.NotificationKind]domain.NotifyMode{domain.NotifyDigest: domain.NotifyOff}); err != nil {
		t.Fatal(err)
	}
	req = s.ask(t, "Groceries for Ana", at(centre, 0.3, 0), 30*time.Hour, 5*24*time.Hour)
	org, err := s.svc.ProposeOrganisation(s.as["asker"], "town", domain.Organisation{Name: "Food bank", Type: "ngo", Location: centre})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.ApproveOrganisation(s.as["op"], "town", org.ID); err != nil {
		t.Fatal(err)
	}
	shift := s.t0.Add(4 * 24 * time.Hour).Truncate(time.Hour)
	opp, err = s.svc.CreateOpportunity(s.as["asker"], "town", domain.Opportunity{OrganisationID: org.ID, Title: "Sorting food",
		Category: "food", Location: at(centre, 2, 90), Address: "Dock 4",
		Shifts: []domain.Shift{{Start: shift, End: shift.Add(2 * time.Hour), Capacity: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	vol, _ := service.ActorFrom(s.as["vol"])
	kept = domain.Notification{CommunityID: opp.CommunityID, UserID: vol.ID, Kind: domain.NotifyMessage, SubjectID: 9,
		MessageID: "kept@town.example", DueAt: s.t0,
		Data: map[string]string{"sender_name": "Ana", "request_title": "Groceries", "path": "/c/town/tasks/9"}}
	if err := s.st.EnqueueNotification(ctx, &kept); err != nil {
		t.Fatal(err)
	}
	// What the dispatcher does with a kind its reader wants in the digest.
	if err := s.st.EndNotification(ctx, kept.ID, domain.NotificationDigest, ""); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(domain.DefaultTimezone)
	day := s.t0.In(loc).AddDate(0, 0, 1)
	morning = time.Date(day.Year(), day.Month(), day.Day(), 7, 5, 0, 0, loc).UTC()
	return req, opp, kept, morning
}

func (s *schedule) digests(t *testing.T) int {
	t.Helper()
	n, err := s.svc.QueueDigests(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDigestListsWhatFitsOnceADay: from 07:00 in the community, each
// volunteer with the digest on gets one a day listing the requests of
// their feed and the opportunities near them, with the messages they kept
// for it (which become digested), and a member who kept messages for it
// gets those; nothing to tell means no email, and a volunteer who turned
// it off gets none.
func TestDigestListsWhatFitsOnceADay(t *testing.T) {
	s := newSchedule(t)
	req, opp, kept, morning := digestWorld(t, s)
	// The person asking, no volunteer, kept a message for the digest too.
	asker, _ := service.ActorFrom(s.as["asker"])
	askers := domain.Notification{CommunityID: opp.CommunityID, UserID: asker.ID, Kind: domain.NotifyMessage, SubjectID: 9,
		MessageID: "askers@town.example", DueAt: s.t0,
		Data: map[string]string{"sender_name": "Vol", "request_title": "Groceries for Ana", "path": "/c/town/requests/1"}}
	if err := s.st.EnqueueNotification(context.Background(), &askers); err != nil {
		t.Fatal(err)
	}
	if err := s.st.EndNotification(context.Background(), askers.ID, domain.NotificationDigest, ""); err != nil {
		t.Fatal(err)
	}

	*s.now = morning.Add(-35 * time.Minute)
	if n := s.digests(t); n != 0 {
		t.Fatalf("%d digests at 06:30", n)
	}
	if got := s.outbox(t, "vol", domain.NotifyDigest); len(got) != 0 {
		t.Fatalf("a digest row before 07:00: %+v", got)
	}
	*s.now = morning
	if n := s.digests(t); n != 2 {
		t.Fatalf("%d digests at 07:05, want vol's and the asker's", n)
	}
	if got := s.outbox(t, "asker", domain.NotifyDigest); len(got) != 1 {
		t.Errorf("the asker's digests: %+v", got)
	} else if items, updates := digestOf(t, got[0]); len(items) != 0 || len(updates) != 1 ||
		updates[0].Data["request_title"] != "Groceries for Ana" || updates[0].Data["path"] != "/c/town/requests/1" {
		t.Errorf("the asker's digest lists %+v and %+v", items, updates)
	}
	got := s.outbox(t, "vol", domain.NotifyDigest)
	if len(got) != 1 || got[0].Status != domain.NotificationPending || !got[0].DueAt.Equal(morning) {
		t.Fatalf("vol's digests: %+v", got)
	}
	d := got[0].Data
	items, updates := digestOf(t, got[0])
	// The request first, then the opportunity, with its public address.
	if len(items) != 2 || items[0].Title != "Groceries for Ana" || items[0].KM >= 1 ||
		items[0].Path != "/c/town/feed#request-"+strconv.FormatInt(req.ID, 10) || items[0].Address != "" ||
		items[1].Title != "Sorting food" || math.Round(items[1].KM) != 2 || items[1].Address != "Dock 4" ||
		items[1].Path != "/c/town/opportunities/"+strconv.FormatInt(opp.ID, 10) {
		t.Errorf("the digest lists %+v", items)
	}
	if len(updates) != 1 || updates[0].Kind != domain.NotifyMessage || updates[0].Data["sender_name"] != "Ana" ||
		updates[0].Data["path"] != "/c/town/tasks/9" {
		t.Errorf("updates = %+v", updates)
	}
	if d["count"] != "3" || d["path"] != "/c/town/feed" {
		t.Errorf("count %q, path %q", d["count"], d["path"])
	}
	for _, n := range s.outbox(t, "vol", domain.NotifyMessage) {
		if n.ID == kept.ID && n.Status != domain.NotificationDigested {
			t.Errorf("the kept message is %s after the digest", n.Status)
		}
	}
	if got := s.outbox(t, "off", domain.NotifyDigest); len(got) != 0 {
		t.Errorf("a volunteer who turned the digest off has %d", len(got))
	}
	if got := s.outbox(t, "quiet", domain.NotifyDigest); len(got) != 1 || got[0].Status != domain.NotificationSkipped {
		t.Errorf("a volunteer with nothing to read: %+v, want one skipped row and no email", got)
	}

	*s.now = morning.Add(10 * time.Hour)
	if n := s.digests(t); n != 0 {
		t.Errorf("%d more digests the same evening", n)
	}
	*s.now = morning.Add(24 * time.Hour)
	if n := s.digests(t); n != 1 {
		t.Fatalf("%d digests the next morning, want 1", n)
	}
	got = s.outbox(t, "vol", domain.NotifyDigest)
	if len(got) != 2 {
		t.Fatalf("vol's digests: %+v", got)
	}
	if items, updates := digestOf(t, got[0]); len(updates) != 0 || len(items) == 0 || items[0].Title != "Groceries for Ana" {
		t.Errorf("the second digest (newest first) lists %+v and %+v", items, updates)
	}
}

// TestDigestsAreNotDoubledByConcurrentRuns: jobs of several replicas at
// the same moment write one digest per person, and no kept message goes
// into two.
func TestDigestsAreNotDoubledByConcurrentRuns(t *testing.T) {
	s := newSchedule(t)
	_, _, _, morning := digestWorld(t, s)
	*s.now = morning
	var total atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			n, err := s.svc.QueueDigests(context.Background())
			if err != nil {
				t.Error(err)
			}
			total.Add(int32(n))
		}()
	}
	close(start)
	wg.Wait()
	if got := total.Load(); got != 1 {
		t.Errorf("six concurrent runs queued %d digests, want 1", got)
	}
	got := s.outbox(t, "vol", domain.NotifyDigest)
	if len(got) != 1 {
		t.Fatalf("vol's digests: %+v", got)
	}
	if _, updates := digestOf(t, got[0]); len(updates) != 1 || updates[0].Data["sender_name"] != "Ana" {
		t.Errorf("vol's digest has the updates %+v", updates)
	}
	if got := s.outbox(t, "quiet", domain.NotifyDigest); len(got) != 1 {
		t.Errorf("quiet has %d digest rows, want the one skipped", len(got))
	}
}

// TestDigestEmailArrives: the digest a job queued goes out through the
// real dispatcher to a real SMTP server, in the reader's language, with
// each listed item and its link in the text and as its own paragraph in
// the HTML.
func TestDigestEmailArrives(t *testing.T) {
	s := newSchedule(t)
	ctx := context.Background()
	greta, err := s.svc.Register(ctx, domain.Registration{Community: "town", Email: "greta@example.org", Password: pw,
		Name: "Greta", Language: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.svc.GrantRole(s.as["op"], "town", domain.Grant{Email: greta.Email, Role: domain.RoleVolunteer}); err != nil {
		t.Fatal(err)
	}
	s.as["greta"] = service.WithActor(ctx, greta)
	s.profile(t, "greta", centre, 5, "groceries")
	req := s.ask(t, "Groceries for Ana", at(centre, 0.3, 0), 30*time.Hour, 5*24*time.Hour)

	smtp := mailtest.Start(t)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender, err := mail.New(mail.Config{Host: smtp.Host, Port: smtp.Port, TLS: mail.TLSNone,
		From: "Town <noreply@town.example>", Timeout: 5 * time.Second}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	d := notify.NewDispatcher(s.st, sender, notify.Renderer{Catalog: cat, BaseURL: "https://town.example"}, quiet)
	d.Now = func() time.Time { return *s.now }
	flush := func() {
		t.Helper()
		for {
			n, err := d.RunOnce(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				return
			}
		}
	}
	// The welcomes of everyone registered. A run returns once the server
	// took its messages, so what arrived is all there is.
	flush()
	before := len(smtp.Messages())
	if before == 0 {
		t.Fatal("no welcome arrived: the fixture is not sending")
	}

	loc, _ := time.LoadLocation(domain.DefaultTimezone)
	day := s.t0.In(loc).AddDate(0, 0, 1)
	*s.now = time.Date(day.Year(), day.Month(), day.Day(), 7, 0, 0, 0, loc).UTC()
	if n := s.digests(t); n != 1 {
		t.Fatalf("%d digests queued, want Greta's", n)
	}
	flush()
	got := smtp.WaitFor(before+1, 5*time.Second)
	if len(got) != before+1 {
		t.Fatalf("%d messages after the digest, want %d", len(got), before+1)
	}
	m := got[len(got)-1]
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if len(m.To) != 1 || m.To[0] != "greta@example.org" || m.Header.Get("Content-Language") != "de" ||
		subject != "Was heute bei Town zu Ihnen passt" {
		t.Fatalf("to %v, language %q, subject %q", m.To, m.Header.Get("Content-Language"), subject)
	}
	line := "“Groceries for Ana” · "
	link := "https://town.example/c/town/feed#request-" + strconv.FormatInt(req.ID, 10)
	text, html := mailParts(t, m)
	// The line is in German too: the distance, and the date as Germans write it.
	de := cat.Translator("de")
	from := req.NeededFrom.In(loc)
	for _, want := range []string{"Hallo Greta", "Diese Anfragen und Einsätze", line, link, "https://town.example/c/town/feed\n",
		de.T("notify.digest.near"), de.Date(from) + ", " + de.Time(from)} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(html, "<p>"+line) || !strings.Contains(html, link+"</p>") || strings.Contains(html, "Neuigkeiten") {
		t.Errorf("the HTML lacks the item as a paragraph of its own, or shows an empty section:\n%s", html)
	}
}

// mailParts returns the decoded text and HTML parts of a message.
func mailParts(t *testing.T, m mailtest.Received) (text, html string) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return text, html
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
			html = string(b)
		} else {
			text = strings.ReplaceAll(string(b), "\r\n", "\n")
		}
	}
}

// digestOf decodes what a digest notification lists.
func digestOf(t *testing.T, n domain.Notification) ([]domain.DigestItem, []domain.DigestUpdate) {
	t.Helper()
	var items []domain.DigestItem
	var updates []domain.DigestUpdate
	if err := json.Unmarshal([]byte(n.Data["items"]), &items); err != nil {
		t.Fatalf("items %q: %v", n.Data["items"], err)
	}
	if err := json.Unmarshal([]byte(n.Data["updates"]), &updates); err != nil {
		t.Fatalf("updates %q: %v", n.Data["updates"], err)
	}
	return items, updates
}

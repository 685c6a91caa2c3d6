package service_test

import (
	"context"
	"errors"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// linkSetup is a service with a controlled clock and login limit (burst
// 0: none), a community and one member, Ann, with her context.
func linkSetup(t *testing.T, now *time.Time, burst int) (*service.Service, *store.Store, context.Context) {
	t.Helper()
	st := storetest.Open(t)
	svc := service.New(st, service.Options{Argon2: auth.FastArgon2, Now: func() time.Time { return *now },
		MailHost: "town.example", LoginBurst: burst})
	ctx := context.Background()
	op, err := svc.CreateOperator(ctx, "op@example.org", pw, "Op")
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Community{Slug: "town", Name: "Town", Languages: []string{"nl"}, Center: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5}
	if _, err := svc.CreateCommunity(service.WithActor(ctx, op), c); err != nil {
		t.Fatal(err)
	}
	ann, err := svc.Register(ctx, domain.Registration{Community: "town", Email: "ann@example.org", Password: pw, Name: "Ann", Language: "sl"})
	if err != nil {
		t.Fatal(err)
	}
	return svc, st, service.WithActor(ctx, ann)
}

// linkToken finds the token in the newest queued email of kind to the
// actor of ctx, failing when there is none.
func linkToken(t *testing.T, st *store.Store, ctx context.Context, kind domain.NotificationKind) string {
	t.Helper()
	list := outboxOf(t, st, ctx)[kind]
	if len(list) == 0 {
		t.Fatalf("no %s email queued", kind)
	}
	n := list[0]
	if n.CommunityID != 0 || n.Status != domain.NotificationPending {
		t.Fatalf("%s email: community %d, status %s; want an account-level pending message", kind, n.CommunityID, n.Status)
	}
	u, err := url.Parse(n.Data["path"])
	if err != nil || u.Query().Get("token") == "" {
		t.Fatalf("%s email path %q has no token", kind, n.Data["path"])
	}
	return u.Query().Get("token")
}

// TestLoginLinkWorksOnce: the emailed link names the account before it is
// used, logs in once, and then says it was used; the stored hash is not the
// token.
func TestLoginLinkWorksOnce(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx := linkSetup(t, &now, 0)
	anon := context.Background()
	if err := svc.RequestLoginLink(anon, " Ann@Example.org ", "/c/town/ask"); err != nil {
		t.Fatal(err)
	}
	token := linkToken(t, st, ctx, domain.NotifyLoginLink)
	path := outboxOf(t, st, ctx)[domain.NotifyLoginLink][0].Data["path"]
	if !strings.HasPrefix(path, "/login/link?") || !strings.Contains(path, "next=%2Fc%2Ftown%2Fask") {
		t.Errorf("link path %q: want /login/link with the next page", path)
	}
	if len(token) != 43 {
		t.Errorf("token %q: want 32 random bytes, base64url without padding", token)
	}
	if _, err := st.LoginLinkByHash(anon, []byte(token)); err == nil {
		t.Error("the raw token is stored")
	}
	u, err := svc.LoginLinkUser(anon, domain.LinkLogin, token)
	if err != nil || u.Name != "Ann" {
		t.Fatalf("link user = %q, %v; want Ann", u.Name, err)
	}
	// Looking does not use the link up.
	sess, err := svc.RedeemLoginLink(anon, token)
	if err != nil {
		t.Fatal(err)
	}
	if who, err := svc.Authenticate(anon, sess.Token); err != nil || who.Email != "ann@example.org" {
		t.Fatalf("the session is %q, %v", who.Email, err)
	}
	_, err = svc.RedeemLoginLink(anon, token)
	wantCode(t, "a used link", err, "link_used")
	_, err = svc.LoginLinkUser(anon, domain.LinkLogin, token)
	wantCode(t, "showing a used link", err, "link_used")
}

// TestLoginLinkExpires: a link works until just before 15 minutes by the
// service's clock, not at 15 minutes.
func TestLoginLinkExpires(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx := linkSetup(t, &now, 0)
	anon := context.Background()
	for _, req := range []func(context.Context, string, string) error{svc.RequestLoginLink, svc.RequestPasswordReset} {
		if err := req(anon, "ann@example.org", ""); err != nil {
			t.Fatal(err)
		}
	}
	login := linkToken(t, st, ctx, domain.NotifyLoginLink)
	reset := linkToken(t, st, ctx, domain.NotifyPasswordReset)
	now = now.Add(domain.LoginLinkTTL - time.Second)
	if _, err := svc.LoginLinkUser(anon, domain.LinkLogin, login); err != nil {
		t.Fatalf("a second before expiry: %v", err)
	}
	now = now.Add(time.Second)
	_, err := svc.RedeemLoginLink(anon, login)
	wantCode(t, "an expired login link", err, "link_expired")
	_, err = svc.RedeemPasswordReset(anon, reset, "another long password")
	wantCode(t, "an expired reset link", err, "link_expired")
	if _, err := svc.Login(anon, "ann@example.org", pw); err != nil {
		t.Fatalf("an expired reset changed the password: %v", err)
	}
	// For a day an expired link still says so; then its row goes, and it
	// is as unknown as any other string.
	if n, err := svc.PruneLoginLinks(anon); err != nil || n != 0 {
		t.Fatalf("pruning right after expiry removed %d (%v)", n, err)
	}
	now = now.Add(25 * time.Hour)
	if n, err := svc.PruneLoginLinks(anon); err != nil || n != 2 {
		t.Fatalf("pruning a day later removed %d (%v), want both links", n, err)
	}
	_, err = svc.RedeemLoginLink(anon, login)
	wantCode(t, "a pruned login link", err, "link_invalid")
}

// TestLinkPurposeAndGarbage: a link opens only what it was made for, and
// unknown or malformed tokens are link_invalid, not errors.
func TestLinkPurposeAndGarbage(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx := linkSetup(t, &now, 0)
	anon := context.Background()
	if err := svc.RequestPasswordReset(anon, "ann@example.org", ""); err != nil {
		t.Fatal(err)
	}
	reset := linkToken(t, st, ctx, domain.NotifyPasswordReset)
	if p := outboxOf(t, st, ctx)[domain.NotifyPasswordReset][0].Data["path"]; !strings.HasPrefix(p, "/login/reset?token=") {
		t.Errorf("reset path %q", p)
	}
	_, err := svc.RedeemLoginLink(anon, reset)
	wantCode(t, "a reset link used to log in", err, "link_invalid")
	for _, token := range []string{"", "nope", strings.Repeat("x", 5000), "%00\n<script>"} {
		_, err := svc.RedeemLoginLink(anon, token)
		wantCode(t, "token "+token[:min(len(token), 10)], err, "link_invalid")
		_, err = svc.RedeemPasswordReset(anon, token, "another long password")
		wantCode(t, "reset token "+token[:min(len(token), 10)], err, "link_invalid")
	}
	// The reset link survived the attempt to log in with it.
	if _, err := svc.LoginLinkUser(anon, domain.LinkReset, reset); err != nil {
		t.Fatalf("the reset link stopped working: %v", err)
	}
}

// TestPasswordResetSetsPasswordAndEndsSessions: a weak password leaves the
// link usable; a good one replaces the password, ends the account's other
// sessions and opens a new one.
func TestPasswordResetSetsPasswordAndEndsSessions(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx := linkSetup(t, &now, 0)
	anon := context.Background()
	old, err := svc.Login(anon, "ann@example.org", pw)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.RequestPasswordReset(anon, "ann@example.org", ""); err != nil {
		t.Fatal(err)
	}
	token := linkToken(t, st, ctx, domain.NotifyPasswordReset)
	_, err = svc.RedeemPasswordReset(anon, token, "short")
	wantCode(t, "a short password", err, "invalid")
	const newPW = "a brand new passphrase"
	sess, err := svc.RedeemPasswordReset(anon, token, newPW)
	if err != nil {
		t.Fatalf("reset after a refused password: %v", err)
	}
	if _, err := svc.Authenticate(anon, old.Token); err == nil {
		t.Error("the session from before the reset still works")
	}
	if _, err := svc.Authenticate(anon, sess.Token); err != nil {
		t.Errorf("the new session: %v", err)
	}
	if _, err := svc.Login(anon, "ann@example.org", pw); err == nil {
		t.Error("the old password still works")
	}
	if _, err := svc.Login(anon, "ann@example.org", newPW); err != nil {
		t.Errorf("the new password: %v", err)
	}
	_, err = svc.RedeemPasswordReset(anon, token, "yet another passphrase")
	wantCode(t, "a used reset link", err, "link_used")
}

// TestLinkRequestForNobody: an address without an account gets the same
// answer and no email; a malformed address is invalid either way.
func TestLinkRequestForNobody(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, _ := linkSetup(t, &now, 0)
	anon := context.Background()
	for _, req := range []func(context.Context, string, string) error{svc.RequestLoginLink, svc.RequestPasswordReset} {
		if err := req(anon, "nobody@example.org", ""); err != nil {
			t.Fatalf("an unknown address: %v", err)
		}
		wantCode(t, "a malformed address", req(anon, "not an address", ""), "invalid")
	}
	// Both answers take as long: the fastest of three tries of each differ
	// by less than a quarter.
	fastest := func(email string) time.Duration {
		best := time.Hour
		for range 3 {
			start := time.Now()
			if err := svc.RequestLoginLink(anon, email, ""); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	known, unknown := fastest("ann@example.org"), fastest("nobody@example.org")
	if d := known - unknown; d > known/4 || -d > known/4 {
		t.Errorf("a request takes %v for an account and %v without one", known, unknown)
	}
	stats, err := st.OutboxStats(anon, now.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	// Ann's welcome and her three links are all the messages.
	if stats.Pending != 4 {
		t.Fatalf("%d messages pending, want Ann's four", stats.Pending)
	}
}

// TestLinkRequestsAreLimited: per address, then per client address; the
// refusal says when to try again, and password logins are not affected.
func TestLinkRequestsAreLimited(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, _, _ := linkSetup(t, &now, 2)
	ip := service.WithClientIP(context.Background(), netip.MustParseAddr("203.0.113.7"))
	for range 2 {
		if err := svc.RequestLoginLink(ip, "ann@example.org", ""); err != nil {
			t.Fatal(err)
		}
	}
	err := svc.RequestPasswordReset(ip, "ann@example.org", "")
	wantCode(t, "a third request for one address", err, "rate_limited")
	var de *domain.Error
	if !asDomain(err, &de) || de.RetryAfter <= 0 {
		t.Fatalf("no Retry-After in %v", err)
	}
	// Unknown addresses cost the same, so the limit does not reveal them.
	// The client's bucket holds 4×2: three requests so far, five more.
	for i := range 5 {
		if err := svc.RequestLoginLink(ip, "nobody"+string(rune('a'+i))+"@example.org", ""); err != nil {
			t.Fatalf("request %d from the address: %v", i, err)
		}
	}
	wantCode(t, "the ninth request from one client", svc.RequestLoginLink(ip, "zed@example.org", ""), "rate_limited")
	if _, err := svc.Login(ip, "ann@example.org", pw); err != nil {
		t.Fatalf("link requests used up password logins: %v", err)
	}
	now = now.Add(15 * time.Minute)
	if err := svc.RequestLoginLink(ip, "ann@example.org", ""); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// TestLinkRedeemedOnceUnderRace: many simultaneous uses of one link open
// exactly one session; the rest are told it was used.
func TestLinkRedeemedOnceUnderRace(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx := linkSetup(t, &now, 0)
	anon := context.Background()
	for _, purpose := range []domain.LinkPurpose{domain.LinkLogin, domain.LinkReset} {
		var err error
		var kind domain.NotificationKind
		if purpose == domain.LinkLogin {
			err, kind = svc.RequestLoginLink(anon, "ann@example.org", ""), domain.NotifyLoginLink
		} else {
			err, kind = svc.RequestPasswordReset(anon, "ann@example.org", ""), domain.NotifyPasswordReset
		}
		if err != nil {
			t.Fatal(err)
		}
		token := linkToken(t, st, ctx, kind)
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if purpose == domain.LinkLogin {
					_, errs[i] = svc.RedeemLoginLink(anon, token)
				} else {
					_, errs[i] = svc.RedeemPasswordReset(anon, token, "parallel passphrase "+string(rune('a'+i)))
				}
			}()
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
				continue
			}
			wantCode(t, string(purpose)+" link lost the race", err, "link_used")
		}
		if won != 1 {
			t.Fatalf("%s: %d of %d parallel uses succeeded, want exactly 1", purpose, won, n)
		}
	}
	storeRace(t, svc, st, ctx)
}

// storeRace uses one link from many goroutines straight through the store,
// where no earlier check of the service can turn the losers away: the
// conditional UPDATE alone must let exactly one through.
func storeRace(t *testing.T, svc *service.Service, st *store.Store, ctx context.Context) {
	t.Helper()
	if err := svc.RequestLoginLink(context.Background(), "ann@example.org", ""); err != nil {
		t.Fatal(err)
	}
	hash := auth.HashToken(linkToken(t, st, ctx, domain.NotifyLoginLink))
	const n = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = st.UseLoginLink(context.Background(), hash, domain.LinkLogin, time.Now())
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, domain.ErrStateChanged):
			t.Errorf("a losing use: %v, want ErrStateChanged", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d of %d parallel uses in the store succeeded, want exactly 1", won, n)
	}
}

// TestLinkTokenWipedFromOutbox: once its email has gone (or failed for
// good, or was skipped), no token remains in the outbox; other kinds keep
// their data.
func TestLinkTokenWipedFromOutbox(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx := linkSetup(t, &now, 0)
	anon := context.Background()
	for range 3 {
		if err := svc.RequestLoginLink(anon, "ann@example.org", ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.RequestPasswordReset(anon, "ann@example.org", ""); err != nil {
		t.Fatal(err)
	}
	box := outboxOf(t, st, ctx)
	links := append(box[domain.NotifyLoginLink], box[domain.NotifyPasswordReset]...)
	if len(links) != 4 {
		t.Fatalf("%d link emails queued, want 4", len(links))
	}
	if err := st.MarkNotificationSent(anon, links[0].ID, now); err != nil {
		t.Fatal(err)
	}
	if err := st.EndNotification(anon, links[1].ID, domain.NotificationDead, "550 no such user"); err != nil {
		t.Fatal(err)
	}
	if err := st.EndNotification(anon, links[2].ID, domain.NotificationSkipped, "no longer applies"); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkNotificationSent(anon, links[3].ID, now); err != nil {
		t.Fatal(err)
	}
	welcome := box[domain.NotifyWelcome][0]
	if err := st.MarkNotificationSent(anon, welcome.ID, now); err != nil {
		t.Fatal(err)
	}
	for kind, list := range outboxOf(t, st, ctx) {
		for _, n := range list {
			isLink := kind == domain.NotifyLoginLink || kind == domain.NotifyPasswordReset
			if isLink && len(n.Data) != 0 {
				t.Errorf("%s message %d (%s) still holds %v", kind, n.ID, n.Status, n.Data)
			}
			if !isLink && n.Data["path"] == "" {
				t.Errorf("%s message %d lost its data", kind, n.ID)
			}
		}
	}
}

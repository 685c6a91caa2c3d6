package service_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/service"
	"mutua/internal/store/storetest"
)

const pw = "a long password"

func setup(t *testing.T, now *time.Time) (*service.Service, context.Context) {
	t.Helper()
	o := service.Options{Argon2: auth.FastArgon2}
	if now != nil {
		o.Now = func() time.Time { return *now }
	}
	svc := service.New(storetest.Open(t), o)
	ctx := context.Background()
	op, err := svc.CreateOperator(ctx, "op@example.org", pw, "Op")
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Community{Slug: "town", Name: "Town", Languages: []string{"nl"}, Center: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5}
	if _, err := svc.CreateCommunity(service.WithActor(ctx, op), c); err != nil {
		t.Fatal(err)
	}
	return svc, ctx
}

func TestPruneSessions(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	svc, ctx := setup(t, &now)
	old, err := svc.Login(ctx, "op@example.org", pw)
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(31 * 24 * time.Hour)
	fresh, _ := svc.Login(ctx, "op@example.org", pw)
	n, err := svc.PruneSessions(ctx)
	if err != nil || n != 1 {
		t.Fatalf("pruned %d (%v), want exactly the expired session", n, err)
	}
	if _, err := svc.Authenticate(ctx, fresh.Token); err != nil {
		t.Fatalf("a live session was pruned: %v", err)
	}
	if _, err := svc.Authenticate(ctx, old.Token); err == nil {
		t.Fatal("the expired session still authenticates")
	}
}

func TestCreateOperatorPromotesAndResetsPassword(t *testing.T) {
	svc, ctx := setup(t, nil)
	if _, err := svc.Register(ctx, domain.Registration{Community: "town", Email: "ann@example.org", Password: pw, Name: "Ann"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateOperator(ctx, "ANN@example.org", "another long password", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Login(ctx, "ann@example.org", pw); err == nil {
		t.Fatal("the old password still works after the reset")
	}
	s, err := svc.Login(ctx, "ann@example.org", "another long password")
	if err != nil || !s.User.IsOperator {
		t.Fatalf("promoted account: %+v, %v", s.User, err)
	}
}

func TestJoinKeepsExistingRole(t *testing.T) {
	svc, ctx := setup(t, nil)
	if _, err := svc.Join(ctx, "town"); !errors.Is(err, domain.ErrUnauthenticated) {
		t.Fatalf("anonymous join: %v", err)
	}
	u, err := svc.Register(ctx, domain.Registration{Community: "town", Email: "bo@example.org", Password: pw, Name: "Bo"})
	if err != nil {
		t.Fatal(err)
	}
	op, _ := svc.Login(ctx, "op@example.org", pw)
	if _, _, err := svc.GrantRole(service.WithActor(ctx, op.User), "town", domain.Grant{Email: "bo@example.org", Role: domain.RoleVolunteer}); err != nil {
		t.Fatal(err)
	}
	m, err := svc.Join(service.WithActor(ctx, u), "town")
	if err != nil || m.Role != domain.RoleVolunteer || m.CommunitySlug != "town" {
		t.Fatalf("join of a volunteer: %+v, %v", m, err)
	}
	if _, err := svc.Join(service.WithActor(ctx, u), "elsewhere"); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("join of an unknown community: %v", err)
	}
}

func TestExpireRequests(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, ctx := setup(t, &now)
	u, err := svc.Register(ctx, domain.Registration{Community: "town", Email: "cy@example.org", Password: pw, Name: "Cy"})
	if err != nil {
		t.Fatal(err)
	}
	me := service.WithActor(ctx, u)
	ask := func(title string, rec domain.Recurrence) int64 {
		t.Helper()
		v, err := svc.CreateRequest(me, "town", domain.Request{Category: "groceries", Title: title,
			Location: domain.Point{Lat: 52.37, Lng: 4.9}, NeededFrom: now.Add(time.Hour), NeededBy: now.Add(2 * time.Hour), Recurrence: rec})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	once := ask("once", domain.Recurrence{})
	weekly := ask("weekly", domain.Recurrence{Kind: domain.RecurWeekly, Days: []string{"mon", "thu"},
		Until: now.AddDate(0, 0, 20).Format(time.DateOnly)})

	now = now.Add(3 * time.Hour)
	n, err := svc.ExpireRequests(ctx)
	if err != nil || n != 1 {
		t.Fatalf("expired %d (%v), want only the one-off request", n, err)
	}
	for id, want := range map[int64]domain.RequestStatus{once: domain.RequestExpired, weekly: domain.RequestOpen} {
		v, err := svc.Request(me, "town", id)
		if err != nil || v.Status != want {
			t.Fatalf("request %d: %v %v, want %s", id, v.Status, err, want)
		}
	}
	h, err := svc.RequestHistory(me, "town", once)
	if err != nil || len(h) != 2 || h[1].Kind != "expired" || h[1].ActorID != nil {
		t.Fatalf("history of the expired request: %+v %v", h, err)
	}
	now = now.AddDate(0, 0, 22)
	if n, err := svc.ExpireRequests(ctx); err != nil || n != 1 {
		t.Fatalf("after its last day the weekly request did not expire: %d %v", n, err)
	}
}

func asDomain(err error, target **domain.Error) bool { return errors.As(err, target) }

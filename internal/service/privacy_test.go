package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// people registers accounts in "town" and returns their contexts.
func people(t *testing.T, svc *service.Service, ctx context.Context, names ...string) map[string]context.Context {
	t.Helper()
	out := map[string]context.Context{}
	for _, n := range names {
		u, err := svc.Register(ctx, domain.Registration{Community: "town", Email: n + "@example.org", Password: pw, Name: n})
		if err != nil {
			t.Fatal(err)
		}
		out[n] = service.WithActor(ctx, u)
	}
	return out
}

// TestPrivacyPerRole walks one request through its life and checks, at
// each step, who sees the address.
func TestPrivacyPerRole(t *testing.T) {
	now := time.Now().UTC()
	svc, ctx := setup(t, &now)
	op, _ := svc.Login(ctx, "op@example.org", pw)
	opCtx := service.WithActor(ctx, op.User)
	p := people(t, svc, ctx, "asker", "helper", "other", "coord")
	if _, _, err := svc.GrantRole(opCtx, "town", domain.Grant{Email: "coord@example.org", Role: domain.RoleCoordinator}); err != nil {
		t.Fatal(err)
	}
	coordUser, _ := svc.Login(ctx, "coord@example.org", pw)
	p["coord"] = service.WithActor(ctx, coordUser.User)
	for _, n := range []string{"helper", "other"} {
		_, err := svc.PutMyVolunteer(p[n], "town", domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
			Home: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5})
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := svc.CreateRequest(p["asker"], "town", domain.Request{Category: "groceries", Title: "Shopping",
		Location: domain.Point{Lat: 52.371, Lng: 4.901}, Address: "Secret street 1",
		NeededFrom: now.Add(time.Hour), NeededBy: now.Add(3 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	sees := func(who string) bool {
		t.Helper()
		v, err := svc.Request(p[who], "town", r.ID)
		if err != nil {
			return false
		}
		private := v.Address != "" || v.Location != nil || v.Contact != nil
		if private != strings.Contains(v.Address, "Secret") {
			t.Fatalf("%s sees part of the private details: %+v", who, v)
		}
		return private
	}
	expect := func(step string, want map[string]bool) {
		t.Helper()
		for who, w := range want {
			if got := sees(who); got != w {
				t.Errorf("%s: %s sees the address = %v, want %v", step, who, got, w)
			}
		}
	}
	all := func(asker, helper, other, coord, admin bool) map[string]bool {
		p["admin"] = opCtx
		return map[string]bool{"asker": asker, "helper": helper, "other": other, "coord": coord, "admin": admin}
	}
	expect("open", all(true, false, false, true, true))
	as, err := svc.Offer(p["helper"], "town", r.ID)
	if err != nil {
		t.Fatal(err)
	}
	expect("offered", all(true, false, false, true, true))
	if _, err := svc.Approve(p["coord"], "town", as.ID); err != nil {
		t.Fatal(err)
	}
	expect("accepted", all(true, true, false, true, true))
	if _, err := svc.Complete(p["helper"], "town", as.ID, 1); err != nil {
		t.Fatal(err)
	}
	expect("just completed", all(true, true, false, true, true))
	now = now.Add(service.HelperAccessAfterDone + time.Hour)
	expect("a week after completion", all(true, false, false, true, true))
}

func TestCompleteNeedsAcceptedTask(t *testing.T) {
	now := time.Now().UTC()
	svc, ctx := setup(t, &now)
	op, _ := svc.Login(ctx, "op@example.org", pw)
	opCtx := service.WithActor(ctx, op.User)
	p := people(t, svc, ctx, "asker", "helper")
	if _, err := svc.PutMyVolunteer(p["helper"], "town", domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
		Home: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5}); err != nil {
		t.Fatal(err)
	}
	r, err := svc.CreateRequest(p["asker"], "town", domain.Request{Category: "groceries", Title: "Shopping",
		Location: domain.Point{Lat: 52.37, Lng: 4.9}, NeededFrom: now.Add(time.Hour), NeededBy: now.Add(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := svc.MyVolunteer(p["helper"], "town")
	as, err := svc.Propose(opCtx, "town", r.ID, v.UserID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Complete(p["helper"], "town", as.ID, 1)
	var de *domain.Error
	if domain.KindOf(err) != domain.KindConflict || !asDomain(err, &de) || len(de.Fields) == 0 || de.Fields[0].Field != "status" {
		t.Fatalf("completing a proposal that was never accepted: %v", err)
	}
	// Nothing was half-written: the volunteer still holds exactly one task.
	if v, _ := svc.MyVolunteer(p["helper"], "town"); v.Active != 1 {
		t.Fatalf("active tasks %d after a refused completion, want 1", v.Active)
	}
	if _, err := svc.Decline(p["helper"], "town", as.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := svc.MyVolunteer(p["helper"], "town"); v.Active != 0 {
		t.Fatalf("active tasks %d after declining, want 0", v.Active)
	}
	if rv, _ := svc.Request(p["asker"], "town", r.ID); rv.Status != domain.RequestOpen {
		t.Fatalf("request %s after the decline, want open again", rv.Status)
	}
	if c, err := svc.Candidates(opCtx, "town", r.ID, 10); err != nil || len(c) != 0 {
		t.Fatalf("a volunteer who declined is suggested again: %+v %v", c, err)
	}
}

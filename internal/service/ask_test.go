package service_test

import (
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// TestMyRequests follows a member's two requests: one a volunteer takes
// and completes, one still open; another member's request never shows.
func TestMyRequests(t *testing.T) {
	now := time.Now().UTC()
	svc, ctx := setup(t, &now)
	op, _ := svc.Login(ctx, "op@example.org", pw)
	opCtx := service.WithActor(ctx, op.User)
	p := people(t, svc, ctx, "asker", "helper", "neighbour")
	if _, err := svc.PutMyVolunteer(p["helper"], "town", domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
		Home: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5}); err != nil {
		t.Fatal(err)
	}
	ask := func(who, title string) service.RequestView {
		t.Helper()
		r, err := svc.CreateRequest(p[who], "town", domain.Request{Category: "groceries", Title: title,
			Location: domain.Point{Lat: 52.371, Lng: 4.901}, Address: "Secret street 1",
			NeededFrom: now.Add(time.Hour), NeededBy: now.Add(3 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := ask("asker", "Bread")
	now = now.Add(time.Second)
	second := ask("asker", "Milk")
	theirs := ask("neighbour", "Apples")

	helper, _ := svc.MyVolunteer(p["helper"], "town")
	as, err := svc.Propose(opCtx, "town", first.ID, helper.UserID)
	if err != nil {
		t.Fatal(err)
	}
	list, err := svc.MyRequests(p["asker"], "town", domain.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Fatalf("my requests = %+v, want Milk then Bread", list)
	}
	if list[1].Helper != nil {
		t.Errorf("a proposal nobody accepted yet counts as a helper: %+v", list[1].Helper)
	}
	if _, err := svc.Accept(p["helper"], "town", as.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Complete(p["helper"], "town", as.ID, 1.5); err != nil {
		t.Fatal(err)
	}
	mine, err := svc.MyRequest(p["asker"], "town", first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h := mine.Helper; h == nil || h.AssignmentID != as.ID || h.Name != "helper" || h.Status != domain.AssignCompleted {
		t.Errorf("helper = %+v, want the completed assignment %d of helper", h, as.ID)
	}
	var kinds []string
	for _, e := range mine.History {
		kinds = append(kinds, e.Kind)
	}
	if want := []string{"created", "proposed", "accepted", "completed"}; !slices.Equal(kinds, want) {
		t.Errorf("history %v, want %v", kinds, want)
	}
	if !mine.Mine || mine.Address != "Secret street 1" || mine.Status != domain.RequestDone || mine.Contact != nil {
		t.Errorf("own request = %+v, want mine, done, with the address and no contact", mine.RequestView)
	}

	if _, err := svc.MyRequest(p["asker"], "town", theirs.ID); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("someone else's request through MyRequest: %v, want not found", err)
	}
	if _, err := svc.MyRequests(ctx, "town", domain.Page{}); domain.KindOf(err) != domain.KindUnauthenticated {
		t.Errorf("a visitor's requests: %v, want unauthenticated", err)
	}
	if _, err := svc.MyRequests(p["asker"], "elsewhere", domain.Page{}); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("requests in an unknown community: %v, want not found", err)
	}
}

// TestImpactHidesSmallNumbers checks that figures under five are hidden
// and that the month starts in the community's time zone.
func TestImpactHidesSmallNumbers(t *testing.T) {
	now := time.Now().UTC()
	svc, ctx := setup(t, &now)
	p := people(t, svc, ctx, "a", "b", "c", "d", "e")
	for _, who := range []string{"a", "b", "c", "d", "e"} {
		_, err := svc.CreateRequest(p[who], "town", domain.Request{Category: "groceries", Title: "Shopping",
			Location: domain.Point{Lat: 52.37, Lng: 4.9}, NeededFrom: now.Add(time.Hour), NeededBy: now.Add(2 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	}
	im, err := svc.ImpactThisMonth(ctx, "town") // no login needed
	if err != nil {
		t.Fatal(err)
	}
	if im.RequestsMade != (service.PublicCount{Value: 5}) {
		t.Errorf("requests made %+v, want 5", im.RequestsMade)
	}
	hidden := service.PublicCount{Hidden: true}
	if im.RequestsDone != hidden || im.Volunteers != hidden || im.Hours != hidden {
		t.Errorf("zero figures are not hidden: %+v", im)
	}
	local := now.In(im.Since.Location())
	if im.Since.Day() != 1 || im.Since.Hour() != 0 || im.Since.Month() != local.Month() || im.Since.Location().String() != domain.DefaultTimezone {
		t.Errorf("since %v, want the first of this month in %s", im.Since, domain.DefaultTimezone)
	}
	if _, err := svc.ImpactThisMonth(ctx, "atlantis"); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("impact of an unknown community: %v", err)
	}
}

package service_test

import (
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// TestTaskShowsWhatEachPersonMaySeeAndDo walks a proposal through its life
// and checks the task view of each person: the private details by the
// privacy rules, and the actions by the rules the actions apply.
func TestTaskShowsWhatEachPersonMaySeeAndDo(t *testing.T) {
	now := time.Now().UTC()
	svc, ctx := setup(t, &now)
	op, _ := svc.Login(ctx, "op@example.org", pw)
	coord := service.WithActor(ctx, op.User)
	p := people(t, svc, ctx, "asker", "helper", "other")
	for _, n := range []string{"helper", "other"} {
		if _, err := svc.PutMyVolunteer(p[n], "town", domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
			Home: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5}); err != nil {
			t.Fatal(err)
		}
	}
	ask := func(title string) service.RequestView {
		t.Helper()
		r, err := svc.CreateRequest(p["asker"], "town", domain.Request{Category: "groceries", Title: title,
			Location: domain.Point{Lat: 52.371, Lng: 4.901}, Address: "Secret street 1",
			NeededFrom: now.Add(time.Hour), NeededBy: now.Add(3 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := ask("Shopping")
	helper, _ := svc.MyVolunteer(p["helper"], "town")
	as, err := svc.Propose(coord, "town", r.ID, helper.UserID)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		private, mine, accept, decline, complete, approve bool
	}
	check := func(step, who string, w want) {
		t.Helper()
		actor := p[who]
		if who == "coord" {
			actor = coord
		}
		tv, err := svc.Task(actor, "town", as.ID)
		if err != nil {
			t.Fatalf("%s: %s cannot see the task: %v", step, who, err)
		}
		got := want{private: tv.Request.Address != "", mine: tv.Mine, accept: tv.CanAccept, decline: tv.CanDecline,
			complete: tv.CanComplete, approve: tv.CanApprove}
		if got != w {
			t.Errorf("%s: %s sees %+v, want %+v", step, who, got, w)
		}
		if tv.VolunteerName != "helper" || tv.Request.ID != r.ID {
			t.Errorf("%s: %s sees volunteer %q of request %d", step, who, tv.VolunteerName, tv.Request.ID)
		}
	}
	check("proposed", "helper", want{mine: true, accept: true, decline: true})
	check("proposed", "asker", want{private: true})
	check("proposed", "coord", want{private: true})
	if _, err := svc.Task(p["other"], "town", as.ID); domain.KindOf(err) != domain.KindForbidden {
		t.Fatalf("another volunteer opens the task: %v", err)
	}
	if _, err := svc.Accept(p["helper"], "town", as.ID); err != nil {
		t.Fatal(err)
	}
	check("accepted", "helper", want{private: true, mine: true, decline: true, complete: true})
	check("accepted", "coord", want{private: true, complete: true})
	check("accepted", "asker", want{private: true})

	// Lists never carry private details, not even for the helper.
	list, err := svc.MyTasks(p["helper"], "town", domain.Page{})
	if err != nil || len(list) != 1 {
		t.Fatalf("my tasks: %+v, %v", list, err)
	}
	if list[0].Request.Address != "" || list[0].Request.Contact != nil || !list[0].CanComplete {
		t.Errorf("task in the list: %+v", list[0])
	}

	// An offer waits for a coordinator, who may approve it.
	r2 := ask("More shopping")
	offer, err := svc.Offer(p["other"], "town", r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	tv, err := svc.Task(coord, "town", offer.ID)
	if err != nil || !tv.CanApprove || tv.CanAccept || tv.Mine {
		t.Fatalf("coordinator's view of an offer: %+v, %v", tv, err)
	}
	if tv, err := svc.Task(p["other"], "town", offer.ID); err != nil || tv.CanApprove || !tv.CanDecline || tv.Request.Address != "" {
		t.Fatalf("volunteer's view of their offer: %+v, %v", tv, err)
	}
	if _, err := svc.Task(p["helper"], "town", 999999); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("unknown task: %v", err)
	}
}

package service_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// outboxSetup is setup with the store at hand, to read the outbox, and a
// count of the dispatcher's wake-ups.
func outboxSetup(t *testing.T, now *time.Time) (*service.Service, *store.Store, context.Context, *int) {
	t.Helper()
	st := storetest.Open(t)
	wakes := new(int)
	svc := service.New(st, service.Options{Argon2: auth.FastArgon2, Now: func() time.Time { return *now },
		MailHost: "town.example", Wake: func() { *wakes++ }})
	ctx := context.Background()
	op, err := svc.CreateOperator(ctx, "op@example.org", pw, "Op")
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Community{Slug: "town", Name: "Town", Languages: []string{"nl"}, Center: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5}
	if _, err := svc.CreateCommunity(service.WithActor(ctx, op), c); err != nil {
		t.Fatal(err)
	}
	return svc, st, ctx, wakes
}

// outboxOf lists the user's notifications by kind and status.
func outboxOf(t *testing.T, st *store.Store, ctx context.Context) map[domain.NotificationKind][]domain.Notification {
	t.Helper()
	u, ok := service.ActorFrom(ctx)
	if !ok {
		t.Fatal("no actor")
	}
	list, err := st.Notifications(context.Background(), u.ID, domain.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := map[domain.NotificationKind][]domain.Notification{}
	for _, n := range list {
		out[n.Kind] = append(out[n.Kind], n)
	}
	return out
}

// TestShiftPlacesAreNotified: a confirmed place is told at once with two
// reminders queued for later; a waiting sign-up is not told anything
// until a cancellation promotes it; the canceller's reminders are taken
// out of the queue; a refused sign-up queues nothing.
func TestShiftPlacesAreNotified(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx, wakes := outboxSetup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"org": domain.RoleMember, "ana": domain.RoleVolunteer, "bo": domain.RoleVolunteer})
	org, err := svc.ProposeOrganisation(as["org"], "town", domain.Organisation{Name: "Food bank", Type: "ngo", Location: domain.Point{Lat: 52.37, Lng: 4.9}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ApproveOrganisation(as["op"], "town", org.ID); err != nil {
		t.Fatal(err)
	}
	start := now.Add(72 * time.Hour)
	o, err := svc.CreateOpportunity(as["org"], "town", domain.Opportunity{OrganisationID: org.ID, Title: "Sorting",
		Category: "food", Location: domain.Point{Lat: 52.37, Lng: 4.9}, Shifts: []domain.Shift{{Start: start, End: start.Add(2 * time.Hour), Capacity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	shift := o.Shifts[0].ID
	if _, err := svc.SignUp(as["ana"], "town", shift, domain.Signup{}); err != nil {
		t.Fatal(err)
	}
	ana := outboxOf(t, st, as["ana"])
	if got := ana[domain.NotifyShiftConfirmed]; len(got) != 1 || got[0].SubjectID != shift || got[0].Data["shift_title"] != "Sorting" ||
		got[0].Data["path"] != "/c/town/opportunities/"+strconv.FormatInt(o.ID, 10) || !got[0].DueAt.Equal(now) {
		t.Fatalf("confirmation: %+v", got)
	}
	reminders := ana[domain.NotifyShiftReminder]
	if len(reminders) != 2 {
		t.Fatalf("%d reminders queued, want 2", len(reminders))
	}
	due := map[time.Time]bool{reminders[0].DueAt: true, reminders[1].DueAt: true}
	if !due[start.Add(-24*time.Hour)] || !due[start.Add(-2*time.Hour)] {
		t.Errorf("reminders due at %v, want 24 and 2 hours before %v", due, start)
	}
	if *wakes == 0 {
		t.Error("the dispatcher was not woken")
	}

	if _, err := svc.SignUp(as["bo"], "town", shift, domain.Signup{}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SignUp(as["bo"], "town", shift, domain.Signup{}); err == nil {
		t.Fatal("signing up twice succeeded")
	}
	if got := outboxOf(t, st, as["bo"]); len(got) != 1 || len(got[domain.NotifyWelcome]) != 1 {
		t.Errorf("a waiting (and a refused) sign-up queued %v; want only the welcome", got)
	}

	if err := svc.CancelSignup(as["ana"], "town", shift); err != nil {
		t.Fatal(err)
	}
	for _, r := range outboxOf(t, st, as["ana"])[domain.NotifyShiftReminder] {
		if r.Status != domain.NotificationSkipped {
			t.Errorf("a reminder of a cancelled place is %s", r.Status)
		}
	}
	bo := outboxOf(t, st, as["bo"])
	if len(bo[domain.NotifyShiftPromoted]) != 1 || len(bo[domain.NotifyShiftReminder]) != 2 {
		t.Errorf("the promoted volunteer's outbox: %v", bo)
	}
}

// TestRequestChangesAreNotified follows two requests through their lives
// and checks who is told what: the volunteer a task is proposed to, the
// coordinator whose proposal is declined, the person helped when someone
// takes the task, writes, finishes, or when nobody came in time.
func TestRequestChangesAreNotified(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx, _ := outboxSetup(t, &now)
	op, err := svc.Login(ctx, "op@example.org", pw)
	if err != nil {
		t.Fatal(err)
	}
	coord := service.WithActor(ctx, op.User)
	p := people(t, svc, ctx, "asker", "helper", "busy")
	for _, n := range []string{"helper", "busy"} {
		if _, err := svc.PutMyVolunteer(p[n], "town", domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
			Home: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5}); err != nil {
			t.Fatal(err)
		}
	}
	ask := func(title string) service.RequestView {
		t.Helper()
		r, err := svc.CreateRequest(p["asker"], "town", domain.Request{Category: "groceries", Title: title,
			Location: domain.Point{Lat: 52.371, Lng: 4.901}, NeededFrom: now.Add(time.Hour), NeededBy: now.Add(3 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	kinds := func(who context.Context) map[domain.NotificationKind]int {
		out := map[domain.NotificationKind]int{}
		for k, list := range outboxOf(t, st, who) {
			out[k] = len(list)
		}
		return out
	}
	userID := func(who context.Context) int64 { u, _ := service.ActorFrom(who); return u.ID }

	shopping := ask("Shopping")
	declined, err := svc.Propose(coord, "town", shopping.ID, userID(p["busy"]))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decline(p["busy"], "town", declined.ID); err != nil {
		t.Fatal(err)
	}
	as, err := svc.Propose(coord, "town", shopping.ID, userID(p["helper"]))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Accept(p["helper"], "town", as.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PostMessage(p["helper"], "town", as.ID, "I will come at ten."); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PostMessage(p["asker"], "town", as.ID, "Thank you!"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Complete(p["helper"], "town", as.ID, 1.5); err != nil {
		t.Fatal(err)
	}
	ask("Pharmacy") // nobody takes it
	now = now.Add(4 * time.Hour)
	if _, err := svc.ExpireRequests(ctx); err != nil {
		t.Fatal(err)
	}

	// Everyone registered, so everyone got a welcome too.
	for who, want := range map[string]map[domain.NotificationKind]int{
		"busy":   {domain.NotifyWelcome: 1, domain.NotifyAssignmentProposed: 1},
		"helper": {domain.NotifyWelcome: 1, domain.NotifyAssignmentProposed: 1, domain.NotifyMessage: 1},
		"asker": {domain.NotifyWelcome: 1, domain.NotifyAssignmentAccepted: 1, domain.NotifyMessage: 1, domain.NotifyRequestCompleted: 1,
			domain.NotifyRequestExpired: 1},
	} {
		got := kinds(p[who])
		if len(got) != len(want) {
			t.Errorf("%s was told %v, want %v", who, got, want)
			continue
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s was told %v, want %v", who, got, want)
				break
			}
		}
	}
	told := outboxOf(t, st, coord)[domain.NotifyAssignmentDeclined]
	if len(told) != 1 || told[0].Data["volunteer_name"] != "busy" || told[0].Data["path"] != "/c/town/desk/requests/"+strconv.FormatInt(shopping.ID, 10) {
		t.Errorf("the proposing coordinator was told %+v", told)
	}
	accepted := outboxOf(t, st, p["asker"])[domain.NotifyAssignmentAccepted]
	if len(accepted) != 1 || accepted[0].Data["volunteer_name"] != "helper" || accepted[0].Data["request_title"] != "Shopping" {
		t.Errorf("the person helped was told %+v", accepted)
	}
}

// TestCancellingAShiftTellsEveryone: organisers call a shift off; the
// people holding places and those waiting are told (a kind nobody can
// turn off), their reminders are dropped, and the shift takes no more
// sign-ups.
func TestCancellingAShiftTellsEveryone(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, st, ctx, _ := outboxSetup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"org": domain.RoleMember, "ana": domain.RoleVolunteer,
		"bo": domain.RoleVolunteer, "cy": domain.RoleVolunteer})
	org, err := svc.ProposeOrganisation(as["org"], "town", domain.Organisation{Name: "Food bank", Type: "ngo", Location: domain.Point{Lat: 52.37, Lng: 4.9}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ApproveOrganisation(as["op"], "town", org.ID); err != nil {
		t.Fatal(err)
	}
	start := now.Add(72 * time.Hour)
	o, err := svc.CreateOpportunity(as["org"], "town", domain.Opportunity{OrganisationID: org.ID, Title: "Sorting",
		Category: "food", Location: domain.Point{Lat: 52.37, Lng: 4.9}, Shifts: []domain.Shift{{Start: start, End: start.Add(2 * time.Hour), Capacity: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	shift := o.Shifts[0].ID
	for _, who := range []string{"ana", "bo"} { // ana holds the place, bo waits
		if _, err := svc.SignUp(as[who], "town", shift, domain.Signup{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.CancelShift(as["ana"], "town", shift); err == nil {
		t.Fatal("a volunteer cancelled the shift")
	}
	sh, err := svc.CancelShift(as["org"], "town", shift)
	if err != nil {
		t.Fatal(err)
	}
	if !sh.Cancelled || sh.Status != domain.ShiftClosed || sh.Confirmed != 0 || sh.Waiting != 0 {
		t.Errorf("the cancelled shift: %+v", sh)
	}
	for _, who := range []string{"ana", "bo"} {
		box := outboxOf(t, st, as[who])
		if got := box[domain.NotifyShiftCancelled]; len(got) != 1 || got[0].Status != domain.NotificationPending ||
			got[0].Data["shift_title"] != "Sorting" || got[0].SubjectID != shift {
			t.Errorf("%s was told %+v", who, got)
		}
		for _, r := range box[domain.NotifyShiftReminder] {
			if r.Status != domain.NotificationSkipped {
				t.Errorf("%s still has a reminder that is %s", who, r.Status)
			}
		}
	}
	if got := outboxOf(t, st, as["cy"])[domain.NotifyShiftCancelled]; len(got) != 0 {
		t.Errorf("someone not signed up was told: %+v", got)
	}
	if _, err := svc.SignUp(as["cy"], "town", shift, domain.Signup{}); err == nil {
		t.Error("a cancelled shift took a sign-up")
	}
	if _, err := svc.CancelShift(as["org"], "town", shift); domain.KindOf(err) != domain.KindConflict {
		t.Errorf("cancelling twice: %v, want a conflict", err)
	}
}

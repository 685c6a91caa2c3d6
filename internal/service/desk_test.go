package service_test

import (
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// TestDeskQueue: the queue lists open requests soonest first with the
// names of the people they are for, marks the pressing ones, filters, and
// is for coordinators only.
func TestDeskQueue(t *testing.T) {
	now := time.Date(2030, 5, 6, 8, 0, 0, 0, time.UTC)
	svc, ctx := setup(t, &now)
	op, _ := svc.Login(ctx, "op@example.org", pw)
	opCtx := service.WithActor(ctx, op.User)
	p := people(t, svc, ctx, "asker", "coord")
	if _, _, err := svc.GrantRole(opCtx, "town", domain.Grant{Email: "coord@example.org", Role: domain.RoleCoordinator}); err != nil {
		t.Fatal(err)
	}
	coord, _ := svc.Login(ctx, "coord@example.org", pw)
	p["coord"] = service.WithActor(ctx, coord.User)
	client, err := svc.CreateClient(p["coord"], "town", domain.Client{Name: "Cora Client", Phone: "+31 6 1234 5678",
		Location: domain.Point{Lat: 52.37, Lng: 4.9}, Consent: domain.Consent{Method: "phone"}})
	if err != nil {
		t.Fatal(err)
	}
	ask := func(who string, in time.Duration, urgency string, clientID *int64) int64 {
		t.Helper()
		v, err := svc.CreateRequest(p[who], "town", domain.Request{Category: "groceries", Title: "Shopping", Urgency: urgency,
			Location: domain.Point{Lat: 52.37, Lng: 4.9}, NeededFrom: now.Add(in - time.Hour), NeededBy: now.Add(in), ClientID: clientID})
		if err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	later := ask("asker", 72*time.Hour, "low", nil)
	soon := ask("coord", 5*time.Hour, "high", &client.ID)
	lapsing := ask("asker", 2*time.Hour, "normal", nil)
	now = now.Add(3 * time.Hour) // lapsing's time has passed, it is not expired yet

	items, err := svc.Queue(p["coord"], "town", service.QueueQuery{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id  int64
		who string
		due service.Due
	}
	var got []row
	for _, it := range items {
		got = append(got, row{it.ID, it.Who, it.Due})
	}
	want := []row{{lapsing, "asker", service.DuePassed}, {soon, "Cora Client", service.DueShortly}, {later, "asker", service.DueLater}}
	if !slices.Equal(got, want) {
		t.Errorf("queue %+v, want %+v", got, want)
	}
	for _, it := range items {
		if it.Address != "" || it.Location != nil {
			t.Errorf("a queue row carries private details: %+v", it.RequestView)
		}
	}

	filtered := func(q service.QueueQuery) []int64 {
		t.Helper()
		items, err := svc.Queue(p["coord"], "town", q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		var ids []int64
		for _, it := range items {
			ids = append(ids, it.ID)
		}
		return ids
	}
	if _, err := svc.CancelRequest(p["coord"], "town", later); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		q    service.QueueQuery
		want []int64
	}{
		"overdue":              {service.QueueQuery{Overdue: true}, []int64{lapsing, soon}},
		"urgency":              {service.QueueQuery{Urgency: "high"}, []int64{soon}},
		"cancelled":            {service.QueueQuery{Status: "cancelled"}, []int64{later}},
		"all, latest first":    {service.QueueQuery{Status: service.QueueAll}, []int64{later, soon, lapsing}},
		"overdue among all":    {service.QueueQuery{Status: service.QueueAll, Overdue: true}, []int64{lapsing, soon}},
		"overdue and done":     {service.QueueQuery{Status: "done", Overdue: true}, nil},
		"category without any": {service.QueueQuery{Category: "transport"}, nil},
	} {
		if got := filtered(tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}

	_, err = svc.Queue(p["coord"], "town", service.QueueQuery{Status: "lost", Category: "cooking", Urgency: "now"})
	var de *domain.Error
	if !asDomain(err, &de) || len(de.Fields) != 3 {
		t.Errorf("bad filters: %v, want three field errors", err)
	}
	if _, err := svc.Queue(p["asker"], "town", service.QueueQuery{}); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a member reads the queue: %v", err)
	}
	if _, err := svc.Desk(p["asker"], "town"); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a member opens the desk: %v", err)
	}
	if c, err := svc.Desk(p["coord"], "town"); err != nil || c.Slug != "town" {
		t.Errorf("the coordinator opens the desk: %+v %v", c, err)
	}
}

// TestDeskRequestDetails: the history names who did what, the assignments
// name the volunteers, and a client's file lists their requests.
func TestDeskRequestDetails(t *testing.T) {
	now := time.Now().UTC()
	svc, ctx := setup(t, &now)
	op, _ := svc.Login(ctx, "op@example.org", pw)
	opCtx := service.WithActor(ctx, op.User)
	p := people(t, svc, ctx, "helper", "coord", "asker")
	if _, _, err := svc.GrantRole(opCtx, "town", domain.Grant{Email: "coord@example.org", Role: domain.RoleCoordinator}); err != nil {
		t.Fatal(err)
	}
	coord, _ := svc.Login(ctx, "coord@example.org", pw)
	p["coord"] = service.WithActor(ctx, coord.User)
	helper, err := svc.PutMyVolunteer(p["helper"], "town", domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
		Home: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5})
	if err != nil {
		t.Fatal(err)
	}
	client, err := svc.CreateClient(p["coord"], "town", domain.Client{Name: "Cora Client",
		Location: domain.Point{Lat: 52.37, Lng: 4.9}, Consent: domain.Consent{Method: "in_person"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := svc.CreateRequest(p["coord"], "town", domain.Request{Category: "groceries", Title: "Shopping",
		Location: domain.Point{Lat: 52.37, Lng: 4.9}, NeededFrom: now.Add(time.Hour), NeededBy: now.Add(2 * time.Hour), ClientID: &client.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Propose(p["coord"], "town", r.ID, helper.UserID); err != nil {
		t.Fatal(err)
	}

	h, err := svc.NamedRequestHistory(p["coord"], "town", r.ID)
	if err != nil || len(h) != 2 || h[0].Kind != "created" || h[1].Kind != "proposed" || h[1].ActorName != "coord" {
		t.Fatalf("history %+v %v", h, err)
	}
	as, err := svc.RequestAssignments(p["coord"], "town", r.ID)
	if err != nil || len(as) != 1 || as[0].VolunteerName != "helper" || as[0].Status != domain.AssignProposed {
		t.Fatalf("assignments %+v %v", as, err)
	}
	if _, err := svc.RequestAssignments(p["helper"], "town", r.ID); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a volunteer lists the assignments: %v", err)
	}
	if _, err := svc.RequestAssignments(p["coord"], "town", r.ID+100); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("assignments of an unknown request: %v", err)
	}

	f, err := svc.ClientFile(p["coord"], "town", client.ID, domain.Page{})
	if err != nil || f.Client.Name != "Cora Client" || f.ConsentRecordedBy != "coord" || len(f.Requests) != 1 || f.Requests[0].ID != r.ID {
		t.Fatalf("client file %+v %v", f, err)
	}
	if _, err := svc.ClientFile(p["asker"], "town", client.ID, domain.Page{}); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a member reads a client's file: %v", err)
	}
	if _, err := svc.ClientFile(p["coord"], "town", client.ID+100, domain.Page{}); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("file of an unknown client: %v", err)
	}
}

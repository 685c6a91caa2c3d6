package storetest

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/store"
)

var requestCases = []testCase{
	{"create and get", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		cl := newClient(t, s, c, coord, "Ana", "041 123 456")
		created := newRequest(t, s, c, coord, func(r *domain.Request) {
			r.RequesterID, r.ClientID = nil, &cl.ID
			r.Urgency = "high"
			r.Languages = []string{"sl", "de"}
			r.Recurrence = domain.Recurrence{Kind: domain.RecurWeekly, Days: []string{"mon", "thu"}, Until: "2030-05-01"}
			r.Status = ""
		})
		if created.ID == 0 || created.Status != domain.RequestOpen {
			t.Fatalf("created = %+v, want an ID and status open", created)
		}
		wantRecent(t, "CreatedAt", created.CreatedAt)
		got, err := s.RequestByID(testContext(t), c.ID, created.ID)
		wantOK(t, err)
		wantSameRequest(t, got, created)
		if got.RequesterID != nil || got.ClientID == nil || *got.ClientID != cl.ID {
			t.Errorf("requester %v, client %v; want none and %d", got.RequesterID, got.ClientID, cl.ID)
		}
	}},
	{"refused: unknown request, another community's client, a window ending before it starts", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "a-town", "A")
		b := newCommunity(t, s, "b-town", "B")
		coord := newUser(t, s, "co@example.org", "Co")
		_, err := s.RequestByID(testContext(t), a.ID, 4242)
		wantErr(t, err, domain.ErrNotFound)

		clientOfB := newClient(t, s, b, coord, "Bea", "")
		r := domain.Request{CommunityID: a.ID, Category: "meals", Title: "Soup", NeededFrom: day0, NeededBy: day0.Add(time.Hour),
			Urgency: "low", Location: centre, Approx: centre, ClientID: &clientOfB.ID, CreatedBy: coord.ID, Recurrence: domain.Recurrence{Kind: "once"}}
		wantErr(t, s.CreateRequest(testContext(t), &r, geo.CellID(centre)), domain.ErrReferenced)
		r.ClientID, r.NeededBy = nil, day0.Add(-time.Hour)
		wantErr(t, s.CreateRequest(testContext(t), &r, geo.CellID(centre)), store.ErrConstraint)
	}},
	{"transition", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		u := newUser(t, s, "me@example.org", "Me")
		r := newRequest(t, s, c, u, nil)
		wantOK(t, s.TransitionRequest(testContext(t), c.ID, r.ID, domain.RequestOpen, domain.RequestAssigned))
		wantErr(t, s.TransitionRequest(testContext(t), c.ID, r.ID, domain.RequestOpen, domain.RequestAssigned), domain.ErrStateChanged)
		wantErr(t, s.TransitionRequest(testContext(t), c.ID, 4242, domain.RequestOpen, domain.RequestAssigned), domain.ErrNotFound)
		err := s.TransitionRequest(testContext(t), c.ID, r.ID, domain.RequestAssigned, domain.RequestStatus("lost"))
		wantErr(t, err, store.ErrConstraint)

		got, err := s.RequestByID(testContext(t), c.ID, r.ID)
		wantOK(t, err)
		if got.Status != domain.RequestAssigned || got.UpdatedAt.Before(r.UpdatedAt) {
			t.Errorf("after the transition: status %s, updated %v (was %v)", got.Status, got.UpdatedAt, r.UpdatedAt)
		}
	}},
	{"concurrent transitions: exactly one wins", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		u := newUser(t, s, "me@example.org", "Me")
		r := newRequest(t, s, c, u, nil)
		const n = 8
		errs := make([]error, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				<-start
				errs[i] = s.TransitionRequest(testContext(t), c.ID, r.ID, domain.RequestOpen, domain.RequestAssigned)
			})
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, domain.ErrStateChanged):
				t.Errorf("a loser got %v, want ErrStateChanged", err)
			}
		}
		if won != 1 {
			t.Errorf("%d attempts won, want exactly 1", won)
		}
	}},
	{"find by every filter, newest first", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		me := newUser(t, s, "me@example.org", "Me")
		coord := newUser(t, s, "co@example.org", "Co")
		cl := newClient(t, s, c, coord, "Ana", "")
		near := newRequest(t, s, c, me, nil)
		far := newRequest(t, s, c, me, func(r *domain.Request) { r.Location = offset(centre, 8, 0); r.Category = "meals" })
		forClient := newRequest(t, s, c, coord, func(r *domain.Request) {
			r.RequesterID, r.ClientID = nil, &cl.ID
			r.Category = "transport"
			r.Location = offset(centre, 0.3, -0.2)
		})
		done := newRequest(t, s, c, me, func(r *domain.Request) { r.Status = domain.RequestDone })
		cells := geo.Covering(centre, 1)
		cases := []struct {
			name string
			f    domain.RequestFilter
			want []domain.Request
		}{
			{"all", domain.RequestFilter{}, []domain.Request{done, forClient, far, near}},
			{"open", domain.RequestFilter{Status: domain.RequestOpen}, []domain.Request{forClient, far, near}},
			{"category", domain.RequestFilter{Category: "meals"}, []domain.Request{far}},
			{"categories", domain.RequestFilter{Categories: []string{"transport", "groceries"}}, []domain.Request{done, forClient, near}},
			{"category and categories", domain.RequestFilter{Category: "groceries", Categories: []string{"transport"}}, []domain.Request{}},
			{"requester", domain.RequestFilter{RequesterID: me.ID}, []domain.Request{done, far, near}},
			{"client", domain.RequestFilter{ClientID: cl.ID}, []domain.Request{forClient}},
			{"open nearby", domain.RequestFilter{Status: domain.RequestOpen, Cells: cells}, []domain.Request{forClient, near}},
			{"nearby in any status", domain.RequestFilter{Cells: cells}, []domain.Request{done, forClient, near}},
			{"open nearby that fit", domain.RequestFilter{Status: domain.RequestOpen, Cells: cells, Categories: []string{"groceries"}}, []domain.Request{near}},
			{"far away", domain.RequestFilter{Cells: geo.Covering(offset(centre, 30, 30), 2)}, []domain.Request{}},
			{"paged", domain.RequestFilter{Page: domain.Page{Limit: 2, Offset: 1}}, []domain.Request{forClient, far}},
		}
		for _, tc := range cases {
			list, err := s.FindRequests(testContext(t), c.ID, tc.f)
			wantOK(t, err)
			if got, want := ids(list, requestID), ids(tc.want, requestID); !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", tc.name, got, want)
			}
		}
		list, err := s.FindRequests(testContext(t), c.ID, domain.RequestFilter{ClientID: cl.ID})
		wantOK(t, err)
		wantSameRequest(t, list[0], forClient)
	}},
	{"expiry touches only open requests past due, in every community", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "a-town", "A")
		b := newCommunity(t, s, "b-town", "B")
		u := newUser(t, s, "me@example.org", "Me")
		now := day0.Add(3 * time.Hour)
		pastA := newRequest(t, s, a, u, nil)
		pastB := newRequest(t, s, b, u, nil)
		future := newRequest(t, s, a, u, func(r *domain.Request) { r.NeededBy = now.Add(time.Minute) })
		exactlyNow := newRequest(t, s, a, u, func(r *domain.Request) { r.NeededBy = now })
		assigned := newRequest(t, s, a, u, func(r *domain.Request) { r.Status = domain.RequestAssigned })
		cancelled := newRequest(t, s, b, u, func(r *domain.Request) { r.Status = domain.RequestCancelled })

		expired, err := s.ExpireRequests(testContext(t), now)
		wantOK(t, err)
		if got, want := ids(expired, requestID), []int64{pastA.ID, pastB.ID}; !slices.Equal(got, want) {
			t.Fatalf("expired %v, want %v", got, want)
		}
		for _, r := range expired {
			if r.Status != domain.RequestExpired || r.Title != "Shopping" {
				t.Errorf("returned %+v, want the whole request with status expired", r)
			}
		}
		for _, tc := range []struct {
			r    domain.Request
			want domain.RequestStatus
		}{
			{pastA, domain.RequestExpired}, {pastB, domain.RequestExpired}, {future, domain.RequestOpen},
			{exactlyNow, domain.RequestOpen}, {assigned, domain.RequestAssigned}, {cancelled, domain.RequestCancelled},
		} {
			got, err := s.RequestByID(testContext(t), tc.r.CommunityID, tc.r.ID)
			wantOK(t, err)
			if got.Status != tc.want {
				t.Errorf("request %d is %s, want %s", tc.r.ID, got.Status, tc.want)
			}
		}
		again, err := s.ExpireRequests(testContext(t), now)
		wantOK(t, err)
		if len(again) != 0 {
			t.Errorf("a second run expired %v", ids(again, requestID))
		}
	}},
	{"history, oldest first", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		u := newUser(t, s, "me@example.org", "Me")
		r := newRequest(t, s, c, u, nil)
		// The first event gets the database's clock; the others come
		// later by the caller's, added in the wrong order.
		soon := time.Now().Add(time.Minute)
		events := []domain.RequestEvent{
			{CommunityID: c.ID, RequestID: r.ID, ActorID: &u.ID, Kind: "created", Status: "open"},
			{CommunityID: c.ID, RequestID: r.ID, Kind: "expired", Status: "expired", At: soon.Add(time.Minute)},
			{CommunityID: c.ID, RequestID: r.ID, ActorID: &u.ID, Kind: "proposed", Note: "Bo could", At: soon},
		}
		for i := range events {
			wantOK(t, s.AddRequestEvent(testContext(t), &events[i]))
		}
		wantRecent(t, "At of an event added without one", events[0].At)
		events[1], events[2] = events[2], events[1]
		got, err := s.RequestHistory(testContext(t), c.ID, r.ID)
		wantOK(t, err)
		if len(got) != len(events) {
			t.Fatalf("history = %+v", got)
		}
		for i, e := range got {
			w := events[i]
			if e.ID != w.ID || e.Kind != w.Kind || e.Status != w.Status || e.Note != w.Note || !e.At.Equal(w.At) ||
				e.RequestID != r.ID || e.CommunityID != c.ID || (e.ActorID == nil) != (w.ActorID == nil) {
				t.Errorf("event %d = %+v, want %+v", i, e, w)
			}
		}
		bad := domain.RequestEvent{CommunityID: c.ID, RequestID: 4242, Kind: "created"}
		wantErr(t, s.AddRequestEvent(testContext(t), &bad), domain.ErrReferenced)
	}},
}

func wantSameRequest(t *testing.T, got, want domain.Request) {
	t.Helper()
	if got.ID != want.ID || got.CommunityID != want.CommunityID || got.Category != want.Category || got.Title != want.Title ||
		got.Description != want.Description || !got.NeededFrom.Equal(want.NeededFrom) || !got.NeededBy.Equal(want.NeededBy) ||
		got.Urgency != want.Urgency || !slices.Equal(got.Languages, want.Languages) || got.Location != want.Location ||
		got.Address != want.Address || got.Approx != want.Approx || !sameID(got.ClientID, want.ClientID) ||
		!sameID(got.RequesterID, want.RequesterID) || got.CreatedBy != want.CreatedBy ||
		got.Recurrence.Kind != want.Recurrence.Kind || !slices.Equal(got.Recurrence.Days, want.Recurrence.Days) ||
		got.Recurrence.Until != want.Recurrence.Until || got.Status != want.Status ||
		!got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("request = %+v\nwant %+v", got, want)
	}
	if got.NeededFrom.Location() != time.UTC || got.NeededBy.Location() != time.UTC {
		t.Error("request times are not in UTC")
	}
}

func sameID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

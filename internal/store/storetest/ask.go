package storetest

import (
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

// askCases cover what the pages for people asking for help read: the
// assignments and histories of a page of requests at once, and the
// community's impact figures.
var askCases = []testCase{
	{"assignments of several requests, by request then oldest first", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		other := newCommunity(t, s, "celje", "Celje")
		me := newUser(t, s, "me@example.org", "Me")
		vo := newUser(t, s, "vo@example.org", "Vo")
		bo := newUser(t, s, "bo@example.org", "Bo")
		r1 := newRequest(t, s, c, me, nil)
		r2 := newRequest(t, s, c, me, nil)
		r3 := newRequest(t, s, c, me, nil)
		elsewhere := newRequest(t, s, other, me, nil)
		a2 := newAssignment(t, s, r2, vo, vo, domain.AssignOffered)
		a1 := newAssignment(t, s, r1, vo, vo, domain.AssignAccepted)
		a2b := newAssignment(t, s, r2, bo, bo, domain.AssignOffered)
		newAssignment(t, s, r3, bo, bo, domain.AssignOffered)
		newAssignment(t, s, elsewhere, bo, bo, domain.AssignOffered)

		got, err := s.AssignmentsOfRequests(testContext(t), c.ID, []int64{r2.ID, r1.ID, elsewhere.ID})
		wantOK(t, err)
		if g, w := ids(got, assignmentID), []int64{a1.ID, a2.ID, a2b.ID}; !slices.Equal(g, w) {
			t.Errorf("assignments %v, want %v", g, w)
		}
		wantSameAssignment(t, got[0], a1)
		none, err := s.AssignmentsOfRequests(testContext(t), c.ID, nil)
		wantOK(t, err)
		if none == nil || len(none) != 0 {
			t.Errorf("no requests: %v, want an empty list", none)
		}
	}},
	{"history of several requests, by request then oldest first", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		other := newCommunity(t, s, "celje", "Celje")
		me := newUser(t, s, "me@example.org", "Me")
		r1 := newRequest(t, s, c, me, nil)
		r2 := newRequest(t, s, c, me, nil)
		elsewhere := newRequest(t, s, other, me, nil)
		later := time.Now().Add(time.Hour)
		events := []domain.RequestEvent{
			{CommunityID: c.ID, RequestID: r2.ID, ActorID: &me.ID, Kind: "created", Status: "open"},
			{CommunityID: c.ID, RequestID: r1.ID, Kind: "cancelled", Status: "cancelled", At: later},
			{CommunityID: c.ID, RequestID: r1.ID, ActorID: &me.ID, Kind: "created", Status: "open"},
			{CommunityID: other.ID, RequestID: elsewhere.ID, Kind: "created", Status: "open"},
		}
		for i := range events {
			wantOK(t, s.AddRequestEvent(testContext(t), &events[i]))
		}
		got, err := s.HistoryOfRequests(testContext(t), c.ID, []int64{r1.ID, r2.ID, elsewhere.ID})
		wantOK(t, err)
		want := []domain.RequestEvent{events[2], events[1], events[0]}
		if g, w := ids(got, eventID), ids(want, eventID); !slices.Equal(g, w) {
			t.Fatalf("events %v, want %v", g, w)
		}
		if e := got[1]; e.Kind != "cancelled" || e.Status != "cancelled" || e.ActorID != nil || !e.At.Equal(events[1].At) ||
			e.CommunityID != c.ID || e.RequestID != r1.ID {
			t.Errorf("event = %+v, want %+v", e, events[1])
		}
		if e := got[0]; e.ActorID == nil || *e.ActorID != me.ID {
			t.Errorf("actor of %+v, want %d", e, me.ID)
		}
		none, err := s.HistoryOfRequests(testContext(t), c.ID, []int64{})
		wantOK(t, err)
		if none == nil || len(none) != 0 {
			t.Errorf("no requests: %v, want an empty list", none)
		}
	}},
	{"impact counts since a moment, of one community only", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		other := newCommunity(t, s, "celje", "Celje")
		me := newUser(t, s, "me@example.org", "Me")
		vo := newUser(t, s, "vo@example.org", "Vo")
		bo := newUser(t, s, "bo@example.org", "Bo")
		since := time.Now().Add(-time.Hour)

		empty, err := s.ImpactCounts(testContext(t), c.ID, since)
		wantOK(t, err)
		if empty != (domain.ImpactCounts{}) {
			t.Errorf("an empty community counts %+v", empty)
		}

		r1 := newRequest(t, s, c, me, nil)
		r2 := newRequest(t, s, c, me, nil)
		newRequest(t, s, c, me, nil)
		elsewhere := newRequest(t, s, other, me, nil)
		give := func(r domain.Request, giver domain.User, hours float64, at time.Time) {
			t.Helper()
			a := newAssignment(t, s, r, giver, giver, domain.AssignCompleted)
			wantOK(t, s.CreateContribution(testContext(t), &domain.Contribution{CommunityID: r.CommunityID, GiverID: giver.ID,
				ReceiverUserID: &me.ID, Hours: hours, RequestID: r.ID, AssignmentID: a.ID, Category: r.Category, At: at}))
		}
		give(r1, vo, 1.5, time.Time{}) // now, by the database's clock
		give(r1, bo, 2, since.Add(time.Minute))
		give(r2, vo, 0.25, since.Add(time.Second))
		give(r2, bo, 8, since.Add(-time.Minute)) // before the period
		give(elsewhere, bo, 3, time.Time{})      // another community

		got, err := s.ImpactCounts(testContext(t), c.ID, since)
		wantOK(t, err)
		want := domain.ImpactCounts{RequestsMade: 3, RequestsDone: 2, Volunteers: 2, Hours: 3.75}
		if got != want {
			t.Errorf("counts %+v, want %+v", got, want)
		}
		later, err := s.ImpactCounts(testContext(t), c.ID, time.Now().Add(time.Hour))
		wantOK(t, err)
		if later != (domain.ImpactCounts{}) {
			t.Errorf("counts since a moment to come: %+v", later)
		}
	}},
}

func eventID(e domain.RequestEvent) int64 { return e.ID }

package storetest

import (
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/store"
)

// exchangeIsolationCases give two communities the same place, the same phone
// numbers and the same people, and check that asking with one community's
// id never reads, changes or points at the other's clients, requests,
// volunteers, assignments or messages.
var exchangeIsolationCases = []testCase{
	{"nothing of A is seen or touched through B", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "a-town", "A")
		b := newCommunity(t, s, "b-town", "B")
		coord := newUser(t, s, "co@example.org", "Co")
		putMember(t, s, a, coord, domain.RoleCoordinator)
		putMember(t, s, b, coord, domain.RoleCoordinator)
		clientA := newClient(t, s, a, coord, "Ana", "041 123 456")
		clientB := newClient(t, s, b, coord, "Ana", "041 123 456")
		reqA := newRequest(t, s, a, coord, func(r *domain.Request) { r.ClientID = &clientA.ID })
		reqB := newRequest(t, s, b, coord, nil)
		volA := newVolunteer(t, s, a, newUser(t, s, "va@example.org", "VA"), centre, "groceries")
		volB := newVolunteer(t, s, b, newUser(t, s, "vb@example.org", "VB"), centre, "groceries")
		volA.RadiusKM = 9
		wantOK(t, s.PutVolunteer(testContext(t), &volA, geo.CellID(centre)))
		userA, err := s.UserByID(testContext(t), volA.UserID)
		wantOK(t, err)
		asgA := newAssignment(t, s, reqA, userA, coord, domain.AssignAccepted)
		declined := newAssignment(t, s, reqA, coord, coord, domain.AssignOffered)
		wantOK(t, s.TransitionAssignment(testContext(t), a.ID, declined.ID, domain.AssignOffered, domain.AssignWithdrawn, 0, time.Time{}))
		newMessage(t, s, asgA, coord, "see you at ten")
		event := domain.RequestEvent{CommunityID: a.ID, RequestID: reqA.ID, Kind: "created"}
		wantOK(t, s.AddRequestEvent(testContext(t), &event))
		ctx := testContext(t)

		// Clients.
		_, err = s.ClientByID(ctx, b.ID, clientA.ID)
		wantErr(t, err, domain.ErrNotFound)
		moved := clientA
		moved.CommunityID, moved.Name = b.ID, "Taken over"
		wantErr(t, s.UpdateClient(ctx, &moved), domain.ErrNotFound)
		for _, q := range []domain.ClientQuery{{Phone: "123456"}, {Phone: "+386 41 123 456"}, {Name: "ana"}, {}} {
			found, err := s.FindClients(ctx, b.ID, q)
			wantOK(t, err)
			if got := ids(found, clientID); !slices.Equal(got, []int64{clientB.ID}) {
				t.Errorf("clients of B for %+v: %v, want only %d", q, got, clientB.ID)
			}
		}

		// Requests.
		_, err = s.RequestByID(ctx, b.ID, reqA.ID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, s.TransitionRequest(ctx, b.ID, reqA.ID, domain.RequestOpen, domain.RequestCancelled), domain.ErrNotFound)
		for _, f := range []domain.RequestFilter{
			{}, {Status: domain.RequestOpen, Cells: geo.Covering(centre, 1)}, {RequesterID: coord.ID}, {Categories: []string{"groceries"}},
		} {
			list, err := s.FindRequests(ctx, b.ID, f)
			wantOK(t, err)
			if got := ids(list, requestID); !slices.Equal(got, []int64{reqB.ID}) {
				t.Errorf("requests of B for %+v: %v, want only %d", f, got, reqB.ID)
			}
		}
		list, err := s.FindRequests(ctx, b.ID, domain.RequestFilter{ClientID: clientA.ID})
		wantOK(t, err)
		if len(list) != 0 {
			t.Errorf("B lists requests of A's client: %v", ids(list, requestID))
		}
		history, err := s.RequestHistory(ctx, b.ID, reqA.ID)
		wantOK(t, err)
		if len(history) != 0 {
			t.Errorf("B sees the history of A's request: %+v", history)
		}
		intruder := domain.RequestEvent{CommunityID: b.ID, RequestID: reqA.ID, Kind: "status"}
		wantErr(t, s.AddRequestEvent(ctx, &intruder), domain.ErrReferenced)

		// Volunteers.
		_, err = s.Volunteer(ctx, b.ID, volA.UserID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, s.SetVetted(ctx, b.ID, volA.UserID, true, coord.ID, day0), domain.ErrNotFound)
		wantErr(t, s.AdjustActive(ctx, b.ID, volA.UserID, 1), domain.ErrNotFound)
		for _, tc := range []struct {
			c    domain.Community
			want int64
		}{{a, volA.UserID}, {b, volB.UserID}} {
			near, err := s.NearbyVolunteers(ctx, tc.c.ID, domain.VolunteerQuery{Cells: geo.Covering(centre, 1), Category: "groceries"})
			wantOK(t, err)
			if got := ids(near, volunteerID); !slices.Equal(got, []int64{tc.want}) {
				t.Errorf("volunteers near in %s: %v, want only %d", tc.c.Slug, got, tc.want)
			}
		}
		km, err := s.MaxVolunteerRadius(ctx, b.ID)
		wantOK(t, err)
		if km != volB.RadiusKM {
			t.Errorf("largest radius in B = %v, want B's own %v", km, volB.RadiusKM)
		}
		stats, err := s.VolunteerStats(ctx, b.ID, []int64{volA.UserID, coord.ID}, time.Time{})
		wantOK(t, err)
		if len(stats) != 0 {
			t.Errorf("B counts A's assignments: %+v", stats)
		}

		// Assignments, contributions and messages.
		_, err = s.AssignmentByID(ctx, b.ID, asgA.ID)
		wantErr(t, err, domain.ErrNotFound)
		err = s.TransitionAssignment(ctx, b.ID, asgA.ID, domain.AssignAccepted, domain.AssignCompleted, 1, day0)
		wantErr(t, err, domain.ErrNotFound)
		ofRequest, err := s.AssignmentsOfRequest(ctx, b.ID, reqA.ID)
		wantOK(t, err)
		ofVolunteer, err := s.AssignmentsOfVolunteer(ctx, b.ID, volA.UserID, domain.Page{})
		wantOK(t, err)
		declinedIDs, err := s.DeclinedVolunteers(ctx, b.ID, reqA.ID)
		wantOK(t, err)
		if len(ofRequest)+len(ofVolunteer)+len(declinedIDs) != 0 {
			t.Errorf("B lists A's assignments: %v, %v, %v", ids(ofRequest, assignmentID), ids(ofVolunteer, assignmentID), declinedIDs)
		}
		cross := domain.Assignment{CommunityID: b.ID, RequestID: reqA.ID, VolunteerID: volB.UserID, Status: domain.AssignProposed, ProposedBy: coord.ID}
		wantErr(t, s.CreateAssignment(ctx, &cross), domain.ErrReferenced)
		contrib := domain.Contribution{CommunityID: b.ID, GiverID: volA.UserID, Hours: 1, RequestID: reqA.ID, AssignmentID: asgA.ID, Category: "groceries"}
		wantErr(t, s.CreateContribution(ctx, &contrib), domain.ErrReferenced)
		msgs, err := s.ListMessages(ctx, b.ID, asgA.ID, domain.MessagePage{})
		wantOK(t, err)
		if len(msgs) != 0 {
			t.Errorf("B reads A's messages: %+v", msgs)
		}
		m := domain.Message{CommunityID: b.ID, AssignmentID: asgA.ID, AuthorID: coord.ID, Body: "hi"}
		wantErr(t, s.CreateMessage(ctx, &m), domain.ErrReferenced)

		// And A's rows are as they were.
		gotClient, err := s.ClientByID(ctx, a.ID, clientA.ID)
		wantOK(t, err)
		gotReq, err := s.RequestByID(ctx, a.ID, reqA.ID)
		wantOK(t, err)
		gotAsg, err := s.AssignmentByID(ctx, a.ID, asgA.ID)
		wantOK(t, err)
		gotVol, err := s.Volunteer(ctx, a.ID, volA.UserID)
		wantOK(t, err)
		if gotClient.Name != "Ana" || gotReq.Status != domain.RequestOpen || gotAsg.Status != domain.AssignAccepted ||
			gotVol.Active != 0 || gotVol.Vetted {
			t.Errorf("A's rows changed: %+v %+v %+v %+v", gotClient, gotReq, gotAsg, gotVol)
		}
	}},
}

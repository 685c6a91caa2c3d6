package storetest

import (
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var assignmentCases = []testCase{
	{"create, get and list", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		vo := newUser(t, s, "vo@example.org", "Vo")
		other := newUser(t, s, "ot@example.org", "Ot")
		r1 := newRequest(t, s, c, coord, nil)
		r2 := newRequest(t, s, c, coord, nil)
		a1 := newAssignment(t, s, r1, vo, coord, domain.AssignProposed)
		a2 := newAssignment(t, s, r1, other, other, domain.AssignOffered)
		a3 := newAssignment(t, s, r2, vo, coord, domain.AssignAccepted)
		wantRecent(t, "CreatedAt", a1.CreatedAt)

		got, err := s.AssignmentByID(testContext(t), c.ID, a1.ID)
		wantOK(t, err)
		wantSameAssignment(t, got, a1)
		_, err = s.AssignmentByID(testContext(t), c.ID, 4242)
		wantErr(t, err, domain.ErrNotFound)

		ofRequest, err := s.AssignmentsOfRequest(testContext(t), c.ID, r1.ID)
		wantOK(t, err)
		if got, want := ids(ofRequest, assignmentID), []int64{a1.ID, a2.ID}; !slices.Equal(got, want) {
			t.Errorf("of request: %v, want %v (oldest first)", got, want)
		}
		ofVolunteer, err := s.AssignmentsOfVolunteer(testContext(t), c.ID, vo.ID, domain.Page{})
		wantOK(t, err)
		if got, want := ids(ofVolunteer, assignmentID), []int64{a3.ID, a1.ID}; !slices.Equal(got, want) {
			t.Errorf("of volunteer: %v, want %v (newest first)", got, want)
		}
		wantSameAssignment(t, ofVolunteer[0], a3)
		paged, err := s.AssignmentsOfVolunteer(testContext(t), c.ID, vo.ID, domain.Page{Limit: 1, Offset: 1})
		wantOK(t, err)
		if got := ids(paged, assignmentID); !slices.Equal(got, []int64{a1.ID}) {
			t.Errorf("second page: %v", got)
		}
	}},
	{"one live assignment per volunteer and request", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		vo := newUser(t, s, "vo@example.org", "Vo")
		r := newRequest(t, s, c, coord, nil)
		first := newAssignment(t, s, r, vo, coord, domain.AssignProposed)
		for _, status := range []domain.AssignmentStatus{domain.AssignProposed, domain.AssignOffered, domain.AssignAccepted} {
			dup := domain.Assignment{CommunityID: c.ID, RequestID: r.ID, VolunteerID: vo.ID, Status: status, ProposedBy: vo.ID}
			wantErr(t, s.CreateAssignment(testContext(t), &dup), domain.ErrDuplicate)
		}
		wantOK(t, s.TransitionAssignment(testContext(t), c.ID, first.ID, domain.AssignProposed, domain.AssignDeclined, 0, time.Time{}))
		again := newAssignment(t, s, r, vo, vo, domain.AssignOffered)
		wantOK(t, s.TransitionAssignment(testContext(t), c.ID, again.ID, domain.AssignOffered, domain.AssignWithdrawn, 0, time.Time{}))
		newAssignment(t, s, r, vo, coord, domain.AssignProposed)

		declined, err := s.DeclinedVolunteers(testContext(t), c.ID, r.ID)
		wantOK(t, err)
		if !slices.Equal(declined, []int64{vo.ID}) {
			t.Errorf("declined = %v, want %d once", declined, vo.ID)
		}
	}},
	{"transitions and completion", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		vo := newUser(t, s, "vo@example.org", "Vo")
		r := newRequest(t, s, c, coord, nil)
		a := newAssignment(t, s, r, vo, coord, domain.AssignProposed)

		// Hours given before completion are not stored.
		wantOK(t, s.TransitionAssignment(testContext(t), c.ID, a.ID, domain.AssignProposed, domain.AssignAccepted, 5, day0))
		got, err := s.AssignmentByID(testContext(t), c.ID, a.ID)
		wantOK(t, err)
		if got.Status != domain.AssignAccepted || got.Hours != 0 || !got.CompletedAt.IsZero() {
			t.Errorf("accepted = %+v", got)
		}
		err = s.TransitionAssignment(testContext(t), c.ID, a.ID, domain.AssignProposed, domain.AssignDeclined, 0, time.Time{})
		wantErr(t, err, domain.ErrStateChanged)
		err = s.TransitionAssignment(testContext(t), c.ID, 4242, domain.AssignProposed, domain.AssignDeclined, 0, time.Time{})
		wantErr(t, err, domain.ErrNotFound)
		err = s.TransitionAssignment(testContext(t), c.ID, a.ID, domain.AssignAccepted, domain.AssignCompleted, -1, day0)
		wantErr(t, err, store.ErrConstraint)
		err = s.TransitionAssignment(testContext(t), c.ID, a.ID, domain.AssignAccepted, domain.AssignCompleted, 24*366+1, day0)
		wantErr(t, err, store.ErrConstraint)

		done := day0.Add(3 * time.Hour)
		wantOK(t, s.TransitionAssignment(testContext(t), c.ID, a.ID, domain.AssignAccepted, domain.AssignCompleted, 2.5, done))
		got, err = s.AssignmentByID(testContext(t), c.ID, a.ID)
		wantOK(t, err)
		if got.Status != domain.AssignCompleted || got.Hours != 2.5 || !got.CompletedAt.Equal(done) {
			t.Errorf("completed = %+v", got)
		}

		contrib := domain.Contribution{CommunityID: c.ID, GiverID: vo.ID, ReceiverUserID: &coord.ID, Hours: 2.5,
			RequestID: r.ID, AssignmentID: a.ID, Category: r.Category, At: done}
		wantOK(t, s.CreateContribution(testContext(t), &contrib))
		if contrib.ID == 0 || !contrib.At.Equal(done) {
			t.Errorf("contribution = %+v", contrib)
		}
		twice := contrib
		twice.At = time.Time{}
		wantErr(t, s.CreateContribution(testContext(t), &twice), domain.ErrDuplicate)
	}},
	{"contribution for a client, stamped by the database", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		vo := newUser(t, s, "vo@example.org", "Vo")
		cl := newClient(t, s, c, coord, "Ana", "")
		r := newRequest(t, s, c, coord, func(r *domain.Request) { r.RequesterID, r.ClientID = nil, &cl.ID })
		a := newAssignment(t, s, r, vo, coord, domain.AssignAccepted)
		contrib := domain.Contribution{CommunityID: c.ID, GiverID: vo.ID, ReceiverClientID: &cl.ID, Hours: 1,
			RequestID: r.ID, AssignmentID: a.ID, Category: r.Category}
		wantOK(t, s.CreateContribution(testContext(t), &contrib))
		wantRecent(t, "At", contrib.At)
	}},
	{"volunteer statistics", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		busy := newUser(t, s, "busy@example.org", "Busy")
		picky := newUser(t, s, "picky@example.org", "Picky")
		idle := newUser(t, s, "idle@example.org", "Idle")
		for i := range 3 {
			r := newRequest(t, s, c, coord, nil)
			a := newAssignment(t, s, r, busy, coord, domain.AssignAccepted)
			if i < 2 {
				wantOK(t, s.TransitionAssignment(testContext(t), c.ID, a.ID, domain.AssignAccepted, domain.AssignCompleted, 1, day0))
			}
			p := newAssignment(t, s, r, picky, coord, domain.AssignProposed)
			to := domain.AssignDeclined
			if i == 0 {
				to = domain.AssignWithdrawn
			}
			wantOK(t, s.TransitionAssignment(testContext(t), c.ID, p.ID, domain.AssignProposed, to, 0, time.Time{}))
		}

		// More ids than one query binds, with the real ones in the
		// second chunk.
		var asked []int64
		for i := range 600 {
			asked = append(asked, int64(1_000_000+i))
		}
		asked = append(asked, idle.ID, busy.ID, picky.ID)
		since := time.Now().Add(-time.Hour)
		stats, err := s.VolunteerStats(testContext(t), c.ID, asked, since)
		wantOK(t, err)
		want := map[int64]domain.VolunteerStats{
			busy.ID:  {Recent: 3, Completed: 2},
			picky.ID: {Recent: 3, Declined: 3},
		}
		if len(stats) != len(want) || stats[busy.ID] != want[busy.ID] || stats[picky.ID] != want[picky.ID] {
			t.Errorf("stats = %+v, want %+v", stats, want)
		}

		later, err := s.VolunteerStats(testContext(t), c.ID, []int64{busy.ID}, time.Now().Add(time.Hour))
		wantOK(t, err)
		if got := later[busy.ID]; got != (domain.VolunteerStats{Completed: 2}) {
			t.Errorf("nothing recent: %+v", got)
		}
		none, err := s.VolunteerStats(testContext(t), c.ID, nil, since)
		wantOK(t, err)
		if len(none) != 0 {
			t.Errorf("no ids: %+v", none)
		}
	}},
}

func wantSameAssignment(t *testing.T, got, want domain.Assignment) {
	t.Helper()
	if got.ID != want.ID || got.CommunityID != want.CommunityID || got.RequestID != want.RequestID ||
		got.VolunteerID != want.VolunteerID || got.Status != want.Status || got.ProposedBy != want.ProposedBy ||
		got.Hours != want.Hours || !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) ||
		!got.CompletedAt.Equal(want.CompletedAt) {
		t.Errorf("assignment = %+v\nwant %+v", got, want)
	}
}

package storetest

import (
	"fmt"
	"slices"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var messageCases = []testCase{
	{"pages go back from the newest, each oldest first", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		vo := newUser(t, s, "vo@example.org", "Vo")
		r := newRequest(t, s, c, coord, nil)
		a := newAssignment(t, s, r, vo, coord, domain.AssignAccepted)
		other := newAssignment(t, s, newRequest(t, s, c, coord, nil), vo, coord, domain.AssignAccepted)
		var sent []domain.Message
		for i := range 5 {
			author := []domain.User{coord, vo}[i%2]
			sent = append(sent, newMessage(t, s, a, author, fmt.Sprintf("message %d", i)))
		}
		newMessage(t, s, other, vo, "elsewhere")
		wantRecent(t, "CreatedAt", sent[0].CreatedAt)

		for _, tc := range []struct {
			page domain.MessagePage
			want []domain.Message
		}{
			{domain.MessagePage{}, sent},
			{domain.MessagePage{Limit: 2}, sent[3:]},
			{domain.MessagePage{Limit: 2, Before: sent[3].ID}, sent[1:3]},
			{domain.MessagePage{Limit: 2, Before: sent[1].ID}, sent[:1]},
			{domain.MessagePage{Limit: 2, Before: sent[0].ID}, nil},
		} {
			got, err := s.ListMessages(testContext(t), c.ID, a.ID, tc.page)
			wantOK(t, err)
			if g, w := ids(got, messageID), ids(tc.want, messageID); !slices.Equal(g, w) {
				t.Errorf("page %+v: %v, want %v", tc.page, g, w)
			}
		}
		got, err := s.ListMessages(testContext(t), c.ID, a.ID, domain.MessagePage{Limit: 1})
		wantOK(t, err)
		if m, w := got[0], sent[4]; m.AuthorName != "Co" || m.AuthorID != coord.ID || m.Body != w.Body ||
			m.AssignmentID != a.ID || m.CommunityID != c.ID || !m.CreatedAt.Equal(w.CreatedAt) {
			t.Errorf("message = %+v, want %+v by Co", m, w)
		}
	}},
	{"refused: unknown assignment, empty body", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		u := newUser(t, s, "u@example.org", "U")
		m := domain.Message{CommunityID: c.ID, AssignmentID: 4242, AuthorID: u.ID, Body: "hello"}
		wantErr(t, s.CreateMessage(testContext(t), &m), domain.ErrReferenced)
		a := newAssignment(t, s, newRequest(t, s, c, u, nil), u, u, domain.AssignOffered)
		m = domain.Message{CommunityID: c.ID, AssignmentID: a.ID, AuthorID: u.ID}
		wantErr(t, s.CreateMessage(testContext(t), &m), store.ErrConstraint)
	}},
}

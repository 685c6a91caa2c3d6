package storetest

import (
	"maps"
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

// deskCases cover what the coordinators' desk reads: the queue ordered by
// when help is needed, and the names of clients.
var deskCases = []testCase{
	{"queue orders by needed_by and filters", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		other := newCommunity(t, s, "celje", "Celje")
		ana := newUser(t, s, "ana@example.org", "Ana")
		at := func(h int, edit func(*domain.Request)) func(*domain.Request) {
			return func(r *domain.Request) {
				r.NeededFrom, r.NeededBy = day0.Add(time.Duration(h)*time.Hour), day0.Add(time.Duration(h+1)*time.Hour)
				if edit != nil {
					edit(r)
				}
			}
		}
		late := newRequest(t, s, c, ana, at(30, nil))
		soon := newRequest(t, s, c, ana, at(2, func(r *domain.Request) { r.Urgency = "high" }))
		middle := newRequest(t, s, c, ana, at(10, func(r *domain.Request) { r.Category = "transport" }))
		done := newRequest(t, s, c, ana, at(1, nil))
		wantOK(t, s.TransitionRequest(testContext(t), c.ID, done.ID, domain.RequestOpen, domain.RequestDone))
		newRequest(t, s, other, ana, at(0, nil)) // another community's request never shows
		open := []domain.RequestStatus{domain.RequestOpen}

		cases := []struct {
			name string
			f    domain.QueueFilter
			want []int64
		}{
			{"open, soonest first", domain.QueueFilter{Statuses: open}, []int64{soon.ID, middle.ID, late.ID}},
			{"every status", domain.QueueFilter{}, []int64{done.ID, soon.ID, middle.ID, late.ID}},
			{"latest first", domain.QueueFilter{Latest: true}, []int64{late.ID, middle.ID, soon.ID, done.ID}},
			{"done", domain.QueueFilter{Statuses: []domain.RequestStatus{domain.RequestDone}}, []int64{done.ID}},
			{"open or done", domain.QueueFilter{Statuses: []domain.RequestStatus{domain.RequestOpen, domain.RequestDone}},
				[]int64{done.ID, soon.ID, middle.ID, late.ID}},
			{"category", domain.QueueFilter{Statuses: open, Category: "transport"}, []int64{middle.ID}},
			{"urgency", domain.QueueFilter{Statuses: open, Urgency: "high"}, []int64{soon.ID}},
			{"due before", domain.QueueFilter{Statuses: open, DueBefore: day0.Add(11 * time.Hour)}, []int64{soon.ID}},
			{"due before, inclusive of the moment", domain.QueueFilter{Statuses: open, DueBefore: day0.Add(11*time.Hour + time.Microsecond)},
				[]int64{soon.ID, middle.ID}},
			{"a page", domain.QueueFilter{Statuses: open, Page: domain.Page{Limit: 1, Offset: 1}}, []int64{middle.ID}},
		}
		for _, tc := range cases {
			got, err := s.QueueRequests(testContext(t), c.ID, tc.f)
			wantOK(t, err)
			if ids := ids(got, requestID); !slices.Equal(ids, tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, ids, tc.want)
			}
		}
		got, err := s.QueueRequests(testContext(t), c.ID, domain.QueueFilter{Statuses: open, Urgency: "high"})
		wantOK(t, err)
		if len(got) == 1 && (got[0].Title != soon.Title || !got[0].NeededBy.Equal(soon.NeededBy) || got[0].Address != soon.Address) {
			t.Errorf("the queue returned %+v, want the stored request %+v", got[0], soon)
		}
	}},
	{"client names stay in their community", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		other := newCommunity(t, s, "celje", "Celje")
		coord := newUser(t, s, "co@example.org", "Co")
		ana := newClient(t, s, c, coord, "Ana Novak", "041 123 456")
		bor := newClient(t, s, c, coord, "Bor Kos", "")
		foreign := newClient(t, s, other, coord, "Cene Celjski", "")
		names, err := s.ClientNames(testContext(t), c.ID, []int64{ana.ID, bor.ID, foreign.ID, 4242})
		wantOK(t, err)
		want := map[int64]string{ana.ID: "Ana Novak", bor.ID: "Bor Kos"}
		if !maps.Equal(names, want) {
			t.Errorf("ClientNames = %v, want %v", names, want)
		}
		names, err = s.ClientNames(testContext(t), c.ID, nil)
		wantOK(t, err)
		if len(names) != 0 {
			t.Errorf("no ids gave %v", names)
		}
	}},
}

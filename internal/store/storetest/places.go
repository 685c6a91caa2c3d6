package storetest

import (
	"testing"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var placeCases = []testCase{
	{"create, list in name order, delete", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		for _, name := range []string{"Petrovče", "Centre", "Griže"} {
			p := domain.Place{CommunityID: c.ID, Name: name, Point: offset(centre, 1, 2)}
			wantOK(t, s.CreatePlace(testContext(t), &p))
			if p.ID == 0 {
				t.Fatal("CreatePlace did not set the ID")
			}
		}
		list, err := s.Places(testContext(t), c.ID)
		wantOK(t, err)
		if len(list) != 3 || list[0].Name != "Centre" || list[1].Name != "Griže" || list[2].Name != "Petrovče" {
			t.Fatalf("Places = %+v, want Centre, Griže, Petrovče", list)
		}
		if list[0].Point != offset(centre, 1, 2) || list[0].CommunityID != c.ID {
			t.Errorf("place read back as %+v", list[0])
		}
		wantOK(t, s.DeletePlace(testContext(t), c.ID, list[1].ID))
		list, err = s.Places(testContext(t), c.ID)
		wantOK(t, err)
		if len(list) != 2 {
			t.Errorf("after delete %d places, want 2", len(list))
		}
	}},
	{"a name is unique per community only", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "a", "A")
		b := newCommunity(t, s, "b", "B")
		p := domain.Place{CommunityID: a.ID, Name: "Centre", Point: centre}
		wantOK(t, s.CreatePlace(testContext(t), &p))
		dup := domain.Place{CommunityID: a.ID, Name: "Centre", Point: centre}
		wantErr(t, s.CreatePlace(testContext(t), &dup), domain.ErrDuplicate)
		other := domain.Place{CommunityID: b.ID, Name: "Centre", Point: centre}
		wantOK(t, s.CreatePlace(testContext(t), &other))
	}},
	{"another community's place can be neither seen nor deleted", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "a", "A")
		b := newCommunity(t, s, "b", "B")
		p := domain.Place{CommunityID: a.ID, Name: "Centre", Point: centre}
		wantOK(t, s.CreatePlace(testContext(t), &p))
		wantErr(t, s.DeletePlace(testContext(t), b.ID, p.ID), domain.ErrNotFound)
		list, err := s.Places(testContext(t), b.ID)
		wantOK(t, err)
		if len(list) != 0 {
			t.Errorf("community b sees %+v", list)
		}
	}},
}

package storetest

import (
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var clientCases = []testCase{
	{"create and get", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		created := newClient(t, s, c, coord, "Ana Novak", "041 123 456")
		if created.ID == 0 {
			t.Fatal("CreateClient did not set the ID")
		}
		wantRecent(t, "CreatedAt", created.CreatedAt)
		wantRecent(t, "UpdatedAt", created.UpdatedAt)

		got, err := s.ClientByID(testContext(t), c.ID, created.ID)
		wantOK(t, err)
		wantSameClient(t, got, created)
	}},
	{"update keeps the recorder and the creation time", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		other := newUser(t, s, "other@example.org", "Other")
		cl := newClient(t, s, c, coord, "Ana Novak", "041 123 456")
		before := cl

		cl.Name, cl.Phone, cl.Address, cl.Notes = "Ana Kovač", "051 999 888", "Savinjska 2", "ring twice"
		cl.Location = offset(centre, 1, 1)
		cl.Languages = []string{"sl", "de"}
		cl.Consent = domain.Consent{GivenAt: day0.Add(time.Hour), Method: "written", RecordedBy: other.ID}
		cl.CreatedAt = time.Time{}
		wantOK(t, s.UpdateClient(testContext(t), &cl))
		if cl.UpdatedAt.Before(before.UpdatedAt) {
			t.Errorf("UpdatedAt went back from %v to %v", before.UpdatedAt, cl.UpdatedAt)
		}
		if cl.Consent.RecordedBy != coord.ID || !cl.CreatedAt.Equal(before.CreatedAt) {
			t.Errorf("UpdateClient returned recorder %d and creation %v, want the stored %d and %v",
				cl.Consent.RecordedBy, cl.CreatedAt, coord.ID, before.CreatedAt)
		}

		got, err := s.ClientByID(testContext(t), c.ID, cl.ID)
		wantOK(t, err)
		wantSameClient(t, got, cl)

		found, err := s.FindClients(testContext(t), c.ID, domain.ClientQuery{Phone: "999888"})
		wantOK(t, err)
		if got := ids(found, clientID); !slices.Equal(got, []int64{cl.ID}) {
			t.Errorf("the new phone finds %v", got)
		}
		found, err = s.FindClients(testContext(t), c.ID, domain.ClientQuery{Phone: "123456"})
		wantOK(t, err)
		if len(found) != 0 {
			t.Errorf("the old phone still finds %v", ids(found, clientID))
		}
	}},
	{"unknown client and unknown recorder", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		_, err := s.ClientByID(testContext(t), c.ID, 4242)
		wantErr(t, err, domain.ErrNotFound)
		ghost := domain.Client{ID: 4242, CommunityID: c.ID, Name: "Nobody", Consent: domain.Consent{GivenAt: day0, Method: "phone"}}
		wantErr(t, s.UpdateClient(testContext(t), &ghost), domain.ErrNotFound)
		ghost.ID, ghost.Consent.RecordedBy = 0, 4242
		wantErr(t, s.CreateClient(testContext(t), &ghost), domain.ErrReferenced)
	}},
	{"find by the end of the phone number", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		ana := newClient(t, s, c, coord, "Ana", "041 123 456")
		bor := newClient(t, s, c, coord, "Bor", "+386 31 999 456")
		cene := newClient(t, s, c, coord, "Cene", "02 555 12 34")
		dana := newClient(t, s, c, coord, "Dana", "")
		cases := []struct {
			phone string
			want  []int64
		}{
			{"123456", []int64{ana.ID}},
			{"041 123 456", []int64{ana.ID}},
			{"41-123-456", []int64{ana.ID}},
			// The stored number is the end of the one searched for, as
			// a caller id shows it, and the trunk 0 does not count.
			{"+386 41 123 456", []int64{ana.ID}},
			{"00386 41 123 456", []int64{ana.ID}},
			{"031 999 456", []int64{bor.ID}},
			{"456", []int64{ana.ID, bor.ID}},
			{"5551234", []int64{cene.ID}},
			{"+32 2 555 12 34", []int64{cene.ID}},
			{"999", nil},
			{"1234567", nil},
			{"+386 41 123 457", nil},
			{"no digits", nil},
			{"000", nil},
		}
		for _, tc := range cases {
			found, err := s.FindClients(testContext(t), c.ID, domain.ClientQuery{Phone: tc.phone})
			wantOK(t, err)
			if got := ids(found, clientID); !slices.Equal(got, append([]int64{}, tc.want...)) {
				t.Errorf("phone %q finds %v, want %v", tc.phone, got, tc.want)
			}
		}
		all, err := s.FindClients(testContext(t), c.ID, domain.ClientQuery{})
		wantOK(t, err)
		if got, want := ids(all, clientID), []int64{ana.ID, bor.ID, cene.ID, dana.ID}; !slices.Equal(got, want) {
			t.Errorf("no filter lists %v, want %v", got, want)
		}
	}},
	{"find by part of the name, in any case and alphabet", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		sustar := newClient(t, s, c, coord, "Marija Šuštar", "03 710 11 11")
		novak := newClient(t, s, c, coord, "Ana Novak", "03 710 22 22")
		percent := newClient(t, s, c, coord, "100% Bob_X", "")
		cases := []struct {
			q    domain.ClientQuery
			want []int64
		}{
			{domain.ClientQuery{Name: "šušt"}, []int64{sustar.ID}},
			{domain.ClientQuery{Name: "ŠUŠTAR"}, []int64{sustar.ID}},
			{domain.ClientQuery{Name: "NOV"}, []int64{novak.ID}},
			{domain.ClientQuery{Name: "a"}, []int64{novak.ID, sustar.ID}},
			{domain.ClientQuery{Name: "%"}, []int64{percent.ID}},
			{domain.ClientQuery{Name: "b_x"}, []int64{percent.ID}},
			// Unescaped, _ would match the space of "ana novak".
			{domain.ClientQuery{Name: "a_n"}, nil},
			{domain.ClientQuery{Name: "a", Phone: "2222"}, []int64{novak.ID}},
			{domain.ClientQuery{Name: "marija", Phone: "2222"}, nil},
			{domain.ClientQuery{Name: "a", Page: domain.Page{Limit: 1, Offset: 1}}, []int64{sustar.ID}},
		}
		for _, tc := range cases {
			found, err := s.FindClients(testContext(t), c.ID, tc.q)
			wantOK(t, err)
			if got := ids(found, clientID); !slices.Equal(got, append([]int64{}, tc.want...)) {
				t.Errorf("%+v finds %v, want %v", tc.q, got, tc.want)
			}
		}
	}},
}

func wantSameClient(t *testing.T, got, want domain.Client) {
	t.Helper()
	if got.ID != want.ID || got.CommunityID != want.CommunityID || got.Name != want.Name || got.Phone != want.Phone ||
		got.Address != want.Address || got.Location != want.Location || !slices.Equal(got.Languages, want.Languages) ||
		got.Notes != want.Notes || !got.Consent.GivenAt.Equal(want.Consent.GivenAt) ||
		got.Consent.Method != want.Consent.Method || got.Consent.RecordedBy != want.Consent.RecordedBy ||
		!got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("client = %+v\nwant %+v", got, want)
	}
	if got.Consent.GivenAt.Location() != time.UTC {
		t.Errorf("consent time in %v, want UTC", got.Consent.GivenAt.Location())
	}
}

package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/store"
)

// newOffer stores an active offer of ten meals at p, from day0 for a week,
// after edit has changed what the case needs.
func newOffer(t *testing.T, s *store.Store, c domain.Community, by domain.User, p domain.Point, edit func(*domain.Offer)) domain.Offer {
	t.Helper()
	until := day0.Add(7 * 24 * time.Hour)
	o := domain.Offer{
		CommunityID: c.ID, OfferedBy: by.ID, Kind: "goods", Category: "meals", Title: "Hot Meals",
		Description: "Soup and bread", Quantity: 10, Unit: "meals", Location: p, Address: "Rue Haute 9",
		Approx: geo.Approximate(p), AvailableFrom: day0, AvailableUntil: &until, Conditions: "pick up before 18:00",
	}
	if edit != nil {
		edit(&o)
	}
	if err := s.CreateOffer(testContext(t), &o, geo.CellID(o.Approx)); err != nil {
		t.Fatalf("create offer %q: %v", o.Title, err)
	}
	return o
}

func offerTitles(list []domain.Offer) []string {
	out := make([]string, len(list))
	for i, o := range list {
		out[i] = o.Title
	}
	return out
}

func wantTitles(t *testing.T, what string, list []domain.Offer, want ...string) {
	t.Helper()
	got := offerTitles(list)
	if len(got) != len(want) {
		t.Fatalf("%s = %q, want %q", what, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s = %q, want %q", what, got, want)
		}
	}
}

var offerCases = []testCase{
	{"create and read back", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "u@example.org", "U")
		o := newOffer(t, s, c, u, centre, nil)
		if o.ID == 0 || o.Status != domain.OfferActive {
			t.Fatalf("created %+v", o)
		}
		wantRecent(t, "created_at", o.CreatedAt)
		got, err := s.OfferByID(testContext(t), c.ID, o.ID)
		wantOK(t, err)
		if got.Title != o.Title || got.Quantity != 10 || got.Reserved != 0 || got.Unit != "meals" || got.Address != o.Address ||
			got.Location != o.Location || got.Approx != o.Approx || !got.AvailableFrom.Equal(day0.Truncate(time.Microsecond)) ||
			got.AvailableUntil == nil || !got.AvailableUntil.Equal(*o.AvailableUntil) || got.OrganisationID != nil ||
			got.Conditions != o.Conditions || got.OfferedBy != u.ID || got.Kind != "goods" || got.Category != "meals" {
			t.Errorf("read back %+v, want %+v", got, o)
		}
		open := newOffer(t, s, c, u, centre, func(o *domain.Offer) { o.AvailableUntil = nil })
		got, err = s.OfferByID(testContext(t), c.ID, open.ID)
		wantOK(t, err)
		if got.AvailableUntil != nil {
			t.Errorf("open-ended offer read back with until %v", got.AvailableUntil)
		}
	}},
	{"an organisation's offer names it, in its own community only", func(t *testing.T, s *store.Store) {
		a, b := newCommunity(t, s, "a", "A"), newCommunity(t, s, "b", "B")
		u := newUser(t, s, "u@example.org", "U")
		org := domain.Organisation{CommunityID: a.ID, Name: "Food bank", Type: "ngo", Location: centre, ProposedBy: u.ID}
		wantOK(t, s.CreateOrganisation(testContext(t), &org))
		o := newOffer(t, s, a, u, centre, func(o *domain.Offer) { o.OrganisationID = &org.ID })
		got, err := s.OfferByID(testContext(t), a.ID, o.ID)
		wantOK(t, err)
		if got.OrganisationID == nil || *got.OrganisationID != org.ID {
			t.Errorf("organisation read back as %v, want %d", got.OrganisationID, org.ID)
		}
		cross := domain.Offer{CommunityID: b.ID, OfferedBy: u.ID, OrganisationID: &org.ID, Kind: "goods", Category: "meals",
			Title: "x", Quantity: 1, Location: centre, Approx: centre, AvailableFrom: day0}
		wantErr(t, s.CreateOffer(testContext(t), &cross, 1), domain.ErrReferenced)
	}},
	{"the schema refuses a bad kind, quantity or window", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "u@example.org", "U")
		for name, edit := range map[string]func(*domain.Offer){
			"kind":     func(o *domain.Offer) { o.Kind = "money" },
			"quantity": func(o *domain.Offer) { o.Quantity = 0 },
			"window":   func(o *domain.Offer) { before := day0.Add(-time.Hour); o.AvailableUntil = &before },
		} {
			o := domain.Offer{CommunityID: c.ID, OfferedBy: u.ID, Kind: "goods", Category: "meals", Title: "x",
				Quantity: 1, Location: centre, Approx: centre, AvailableFrom: day0}
			edit(&o)
			if err := s.CreateOffer(testContext(t), &o, 1); !errors.Is(err, store.ErrConstraint) {
				t.Errorf("%s: error %v, want a constraint error", name, err)
			}
		}
	}},
	{"find filters by kind, category, title text and place, newest first", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "u@example.org", "U")
		newOffer(t, s, c, u, centre, nil)
		newOffer(t, s, c, u, offset(centre, 1, 0), func(o *domain.Offer) { o.Title, o.Kind, o.Category = "Spare Room", "space", "rooms" })
		newOffer(t, s, c, u, offset(centre, 8, 0), func(o *domain.Offer) { o.Title, o.Kind, o.Category = "Van (Ždralov)", "service", "transport" })
		withdrawn := newOffer(t, s, c, u, centre, func(o *domain.Offer) { o.Title = "Withdrawn meals" })
		wantOK(t, s.WithdrawOffer(testContext(t), c.ID, withdrawn.ID))
		newOffer(t, s, c, u, centre, func(o *domain.Offer) {
			o.Title, o.AvailableFrom = "Past meals", day0.Add(-48*time.Hour)
			end := day0.Add(-time.Hour)
			o.AvailableUntil = &end
		})
		find := func(f domain.OfferFilter) []domain.Offer {
			t.Helper()
			f.Now = day0
			list, err := s.FindOffers(testContext(t), c.ID, f)
			wantOK(t, err)
			return list
		}
		wantTitles(t, "all", find(domain.OfferFilter{}), "Van (Ždralov)", "Spare Room", "Hot Meals")
		wantTitles(t, "kind", find(domain.OfferFilter{Kind: "space"}), "Spare Room")
		wantTitles(t, "category", find(domain.OfferFilter{Category: "transport"}), "Van (Ždralov)")
		wantTitles(t, "text, any case and alphabet", find(domain.OfferFilter{Text: "ždr"}), "Van (Ždralov)")
		wantTitles(t, "text is literal", find(domain.OfferFilter{Text: "%"}))
		wantTitles(t, "near", find(domain.OfferFilter{Cells: geo.Covering(centre, 3)}), "Spare Room", "Hot Meals")
		wantTitles(t, "near and kind", find(domain.OfferFilter{Cells: geo.Covering(centre, 3), Kind: "goods"}), "Hot Meals")
	}},
	{"withdraw once", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "u@example.org", "U")
		o := newOffer(t, s, c, u, centre, nil)
		wantOK(t, s.WithdrawOffer(testContext(t), c.ID, o.ID))
		wantErr(t, s.WithdrawOffer(testContext(t), c.ID, o.ID), domain.ErrStateChanged)
		wantErr(t, s.WithdrawOffer(testContext(t), c.ID, o.ID+100), domain.ErrNotFound)
		got, err := s.OfferByID(testContext(t), c.ID, o.ID)
		wantOK(t, err)
		if got.Status != domain.OfferWithdrawn {
			t.Errorf("status %s after withdrawing", got.Status)
		}
	}},
	{"reserve and release keep reserved in step with the links", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "u@example.org", "U")
		o := newOffer(t, s, c, u, centre, nil)
		r1, r2 := newRequest(t, s, c, u, nil), newRequest(t, s, c, u, nil)
		l1 := domain.OfferLink{CommunityID: c.ID, OfferID: o.ID, RequestID: r1.ID, Quantity: 6, CreatedBy: u.ID}
		wantOK(t, s.ReserveOffer(testContext(t), &l1))
		if l1.ID == 0 || l1.Status != domain.LinkActive {
			t.Fatalf("link %+v", l1)
		}
		again := domain.OfferLink{CommunityID: c.ID, OfferID: o.ID, RequestID: r1.ID, Quantity: 1, CreatedBy: u.ID}
		wantErr(t, s.ReserveOffer(testContext(t), &again), domain.ErrDuplicate)
		tooMany := domain.OfferLink{CommunityID: c.ID, OfferID: o.ID, RequestID: r2.ID, Quantity: 5, CreatedBy: u.ID}
		wantErr(t, s.ReserveOffer(testContext(t), &tooMany), domain.ErrStateChanged)
		l2 := domain.OfferLink{CommunityID: c.ID, OfferID: o.ID, RequestID: r2.ID, Quantity: 4, CreatedBy: u.ID}
		wantOK(t, s.ReserveOffer(testContext(t), &l2))
		wantReserved(t, s, o, 10)

		wantOK(t, s.ReleaseOfferLink(testContext(t), c.ID, o.ID, l1.ID, day0))
		wantErr(t, s.ReleaseOfferLink(testContext(t), c.ID, o.ID, l1.ID, day0), domain.ErrStateChanged)
		wantErr(t, s.ReleaseOfferLink(testContext(t), c.ID, o.ID, l1.ID+100, day0), domain.ErrNotFound)
		wantReserved(t, s, o, 4)
		links, err := s.OfferLinks(testContext(t), c.ID, o.ID)
		wantOK(t, err)
		if len(links) != 3-1 || links[0].Status != domain.LinkReleased || links[0].ReleasedAt == nil || links[1].Status != domain.LinkActive {
			t.Errorf("links %+v", links)
		}
		active, err := s.ActiveOfferLinksOfRequest(testContext(t), c.ID, r2.ID)
		wantOK(t, err)
		if len(active) != 1 || active[0].ID != l2.ID {
			t.Errorf("active links of r2 %+v", active)
		}
		none, err := s.ActiveOfferLinksOfRequest(testContext(t), c.ID, r1.ID)
		wantOK(t, err)
		if len(none) != 0 {
			t.Errorf("released link still active: %+v", none)
		}
	}},
	{"a withdrawn offer takes no reservation", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "u@example.org", "U")
		o := newOffer(t, s, c, u, centre, nil)
		r := newRequest(t, s, c, u, nil)
		wantOK(t, s.WithdrawOffer(testContext(t), c.ID, o.ID))
		l := domain.OfferLink{CommunityID: c.ID, OfferID: o.ID, RequestID: r.ID, Quantity: 1, CreatedBy: u.ID}
		wantErr(t, s.ReserveOffer(testContext(t), &l), domain.ErrStateChanged)
		wantReserved(t, s, o, 0)
	}},
	{"concurrent reservations of the last units: exactly one wins", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "u@example.org", "U")
		o := newOffer(t, s, c, u, centre, func(o *domain.Offer) { o.Quantity = 3 })
		const n = 8
		reqs := make([]domain.Request, n)
		for i := range reqs {
			reqs[i] = newRequest(t, s, c, u, nil)
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				l := domain.OfferLink{CommunityID: c.ID, OfferID: o.ID, RequestID: reqs[i].ID, Quantity: 2, CreatedBy: u.ID}
				errs[i] = s.ReserveOffer(testContext(t), &l)
			})
		}
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
			t.Fatalf("%d reservations of 2 out of 3 succeeded, want exactly 1", won)
		}
		wantReserved(t, s, o, 2)
	}},
	{"links and offers stay in their community", func(t *testing.T, s *store.Store) {
		a, b := newCommunity(t, s, "a", "A"), newCommunity(t, s, "b", "B")
		u := newUser(t, s, "u@example.org", "U")
		o := newOffer(t, s, a, u, centre, nil)
		rb := newRequest(t, s, b, u, nil)
		_, err := s.OfferByID(testContext(t), b.ID, o.ID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, s.WithdrawOffer(testContext(t), b.ID, o.ID), domain.ErrNotFound)
		list, err := s.FindOffers(testContext(t), b.ID, domain.OfferFilter{Now: day0})
		wantOK(t, err)
		if len(list) != 0 {
			t.Errorf("community b finds %q", offerTitles(list))
		}
		cross := domain.OfferLink{CommunityID: a.ID, OfferID: o.ID, RequestID: rb.ID, Quantity: 1, CreatedBy: u.ID}
		wantErr(t, s.ReserveOffer(testContext(t), &cross), domain.ErrReferenced)
		wantReserved(t, s, o, 0)
		other := domain.OfferLink{CommunityID: b.ID, OfferID: o.ID, RequestID: rb.ID, Quantity: 1, CreatedBy: u.ID}
		wantErr(t, s.ReserveOffer(testContext(t), &other), domain.ErrNotFound)
		wantErr(t, s.HoldLiveRequest(testContext(t), a.ID, rb.ID), domain.ErrNotFound)
	}},
	{"hold a live request only", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "u@example.org", "U")
		r := newRequest(t, s, c, u, nil)
		wantOK(t, s.HoldLiveRequest(testContext(t), c.ID, r.ID))
		wantOK(t, s.TransitionRequest(testContext(t), c.ID, r.ID, domain.RequestOpen, domain.RequestCancelled))
		wantErr(t, s.HoldLiveRequest(testContext(t), c.ID, r.ID), domain.ErrStateChanged)
	}},
}

func wantReserved(t *testing.T, s *store.Store, o domain.Offer, want int) {
	t.Helper()
	got, err := s.OfferByID(testContext(t), o.CommunityID, o.ID)
	wantOK(t, err)
	if got.Reserved != want {
		t.Errorf("reserved = %d, want %d", got.Reserved, want)
	}
}

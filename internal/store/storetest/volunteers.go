package storetest

import (
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/match"
	"mutua/internal/store"
)

var volunteerCases = []testCase{
	{"put, get and put again", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		u := newUser(t, s, "vo@example.org", "Vo")
		created := newVolunteer(t, s, c, u, centre, "groceries", "gardening")
		if created.Name != "Vo" || created.Active != 0 || created.Vetted || !created.VettedAt.IsZero() {
			t.Errorf("created = %+v", created)
		}
		wantRecent(t, "CreatedAt", created.CreatedAt)
		got, err := s.Volunteer(testContext(t), c.ID, u.ID)
		wantOK(t, err)
		wantSameVolunteer(t, got, created)

		wantOK(t, s.SetVetted(testContext(t), c.ID, u.ID, true, coord.ID, day0))
		wantOK(t, s.AdjustActive(testContext(t), c.ID, u.ID, 1))
		changed := created
		changed.Skills = []string{"transport"}
		changed.Languages = []string{"sl"}
		changed.Home = offset(centre, 1, 1)
		changed.RadiusKM = 7.5
		changed.Availability = []domain.Slot{{Day: "sat", From: "10:00", To: "24:00"}, {Day: "sun", From: "00:00", To: "02:00"}}
		changed.MaxActive = 4
		changed.Vetted, changed.Active = false, 0 // what a profile form sends
		wantOK(t, s.PutVolunteer(testContext(t), &changed, geo.CellID(changed.Home)))
		if !changed.Vetted || !changed.VettedAt.Equal(day0) || changed.VettedBy != coord.ID || changed.Active != 1 ||
			!changed.CreatedAt.Equal(created.CreatedAt) || changed.Name != "Vo" {
			t.Errorf("PutVolunteer did not keep vetting, load and creation: %+v", changed)
		}
		got, err = s.Volunteer(testContext(t), c.ID, u.ID)
		wantOK(t, err)
		wantSameVolunteer(t, got, changed)

		wantOK(t, s.SetVetted(testContext(t), c.ID, u.ID, false, coord.ID, day0))
		got, err = s.Volunteer(testContext(t), c.ID, u.ID)
		wantOK(t, err)
		if got.Vetted || !got.VettedAt.IsZero() || got.VettedBy != 0 {
			t.Errorf("after withdrawing the vetting: %+v", got)
		}
	}},
	{"refused: no membership, unknown profile, a negative load", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		stranger := newUser(t, s, "st@example.org", "Stranger")
		v := domain.Volunteer{UserID: stranger.ID, CommunityID: c.ID, Skills: []string{"meals"}, Languages: []string{"en"},
			Home: centre, RadiusKM: 2, MaxActive: 1}
		wantErr(t, s.PutVolunteer(testContext(t), &v, geo.CellID(centre)), domain.ErrReferenced)
		_, err := s.Volunteer(testContext(t), c.ID, stranger.ID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, s.SetVetted(testContext(t), c.ID, stranger.ID, true, stranger.ID, day0), domain.ErrNotFound)
		wantErr(t, s.AdjustActive(testContext(t), c.ID, stranger.ID, 1), domain.ErrNotFound)

		u := newUser(t, s, "vo@example.org", "Vo")
		newVolunteer(t, s, c, u, centre, "meals")
		wantOK(t, s.AdjustActive(testContext(t), c.ID, u.ID, 1))
		wantErr(t, s.AdjustActive(testContext(t), c.ID, u.ID, -2), store.ErrConstraint)
		wantOK(t, s.AdjustActive(testContext(t), c.ID, u.ID, -1))
		wantErr(t, s.AdjustActive(testContext(t), c.ID, u.ID, -1), store.ErrConstraint)
		got, err := s.Volunteer(testContext(t), c.ID, u.ID)
		wantOK(t, err)
		if got.Active != 0 {
			t.Errorf("active = %d after refused adjustments, want 0", got.Active)
		}
	}},
	{"largest radius", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		km, err := s.MaxVolunteerRadius(testContext(t), c.ID)
		wantOK(t, err)
		if km != 0 {
			t.Errorf("without volunteers: %v, want 0", km)
		}
		newVolunteer(t, s, c, newUser(t, s, "a@example.org", "A"), centre, "meals")
		far := newVolunteer(t, s, c, newUser(t, s, "b@example.org", "B"), centre, "meals")
		far.RadiusKM = 12.5
		wantOK(t, s.PutVolunteer(testContext(t), &far, geo.CellID(far.Home)))
		km, err = s.MaxVolunteerRadius(testContext(t), c.ID)
		wantOK(t, err)
		if km != 12.5 {
			t.Errorf("largest radius = %v, want 12.5", km)
		}
	}},
	{"nearby volunteers: cells, skill, load and vetting", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		coord := newUser(t, s, "co@example.org", "Co")
		vol := func(name string, home domain.Point, skills ...string) domain.Volunteer {
			return newVolunteer(t, s, c, newUser(t, s, name+"@example.org", name), home, skills...)
		}
		both := vol("both", offset(centre, 0.2, 0), "groceries", "transport")
		driver := vol("driver", offset(centre, -0.3, 0.1), "transport")
		far := vol("far", offset(centre, 8, 0), "groceries")
		busy := vol("busy", offset(centre, 0, 0.4), "groceries")
		vetted := vol("vetted", offset(centre, 0.1, -0.5), "groceries", "childcare")
		vol("tagged", centre, "gardening") // a free tag only
		wantOK(t, s.AdjustActive(testContext(t), c.ID, busy.UserID, 2))
		wantOK(t, s.SetVetted(testContext(t), c.ID, vetted.UserID, true, coord.ID, day0))

		cells := geo.Covering(centre, 1)
		// Everyone here speaks nl and en and is free on Tuesday morning.
		slovenian := match.LanguageMask([]string{"sl"})
		if slovenian&match.LanguageMask([]string{"nl", "en"}) != 0 {
			t.Fatal("the language masks of sl and nl, en share a bit; pick another language for this test")
		}
		tuesdayTen := match.WeekMask([]domain.Interval{{Start: 24*60 + 10*60, End: 24*60 + 11*60}})
		wednesday := match.WeekMask([]domain.Interval{{Start: 2 * 24 * 60, End: 3 * 24 * 60}})
		cases := []struct {
			name string
			q    domain.VolunteerQuery
			want []int64
		}{
			{"groceries", domain.VolunteerQuery{Cells: cells, Category: "groceries"}, []int64{both.UserID, vetted.UserID}},
			{"groceries, vetted", domain.VolunteerQuery{Cells: cells, Category: "groceries", RequireVetted: true}, []int64{vetted.UserID}},
			{"transport", domain.VolunteerQuery{Cells: cells, Category: "transport"}, []int64{both.UserID, driver.UserID}},
			{"wider", domain.VolunteerQuery{Cells: geo.Covering(centre, 10), Category: "groceries"}, []int64{both.UserID, far.UserID, vetted.UserID}},
			{"nobody can", domain.VolunteerQuery{Cells: cells, Category: "petcare"}, nil},
			{"a free tag is no category", domain.VolunteerQuery{Cells: cells, Category: "gardening"}, nil},
			{"no category", domain.VolunteerQuery{Cells: cells}, nil},
			{"no cells", domain.VolunteerQuery{Category: "groceries"}, nil},
			{"speaks Dutch", domain.VolunteerQuery{Cells: cells, Category: "groceries", LanguageMask: match.LanguageMask([]string{"nl-BE"})},
				[]int64{both.UserID, vetted.UserID}},
			{"speaks Slovenian", domain.VolunteerQuery{Cells: cells, Category: "groceries", LanguageMask: slovenian}, nil},
			{"free on Tuesday at ten", domain.VolunteerQuery{Cells: cells, Category: "groceries", WeekMask: tuesdayTen},
				[]int64{both.UserID, vetted.UserID}},
			{"free on Wednesday", domain.VolunteerQuery{Cells: cells, Category: "groceries", WeekMask: wednesday}, nil},
		}
		for _, tc := range cases {
			list, err := s.NearbyVolunteers(testContext(t), c.ID, tc.q)
			wantOK(t, err)
			got := ids(list, volunteerID)
			slices.Sort(got)
			if !slices.Equal(got, append([]int64{}, tc.want...)) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}

		one, err := s.NearbyVolunteers(testContext(t), c.ID, domain.VolunteerQuery{Cells: cells, Category: "groceries", Limit: 1})
		wantOK(t, err)
		if len(one) != 1 {
			t.Errorf("Limit 1 gave %d volunteers", len(one))
		}

		// What matching needs comes back; name, vetting details and times
		// are left out on purpose.
		list, err := s.NearbyVolunteers(testContext(t), c.ID, domain.VolunteerQuery{Cells: cells, Category: "childcare"})
		wantOK(t, err)
		if len(list) != 1 {
			t.Fatalf("childcare: %+v", list)
		}
		want, err := s.Volunteer(testContext(t), c.ID, vetted.UserID)
		wantOK(t, err)
		want.Name, want.VettedAt, want.VettedBy, want.CreatedAt, want.UpdatedAt = "", time.Time{}, 0, time.Time{}, time.Time{}
		wantSameVolunteer(t, list[0], want)
		names, err := s.UserNames(testContext(t), []int64{vetted.UserID, 999999})
		wantOK(t, err)
		if len(names) != 1 || names[vetted.UserID] != "vetted" {
			t.Errorf("UserNames = %v, want only the known account", names)
		}

		// Changing a profile changes its masks.
		vetted.Languages = []string{"sl"}
		wantOK(t, s.PutVolunteer(testContext(t), &vetted, geo.CellID(vetted.Home)))
		list, err = s.NearbyVolunteers(testContext(t), c.ID, domain.VolunteerQuery{Cells: cells, Category: "groceries", LanguageMask: slovenian})
		wantOK(t, err)
		if got := ids(list, volunteerID); !slices.Equal(got, []int64{vetted.UserID}) {
			t.Errorf("after learning Slovenian: %v, want only %d", got, vetted.UserID)
		}

		// A freed volunteer is found again.
		wantOK(t, s.AdjustActive(testContext(t), c.ID, busy.UserID, -1))
		list, err = s.NearbyVolunteers(testContext(t), c.ID, domain.VolunteerQuery{Cells: cells, Category: "groceries"})
		wantOK(t, err)
		if !slices.Contains(ids(list, volunteerID), busy.UserID) {
			t.Errorf("a volunteer below max_active again is not found: %v", ids(list, volunteerID))
		}
	}},
}

func wantSameVolunteer(t *testing.T, got, want domain.Volunteer) {
	t.Helper()
	if got.UserID != want.UserID || got.CommunityID != want.CommunityID || got.Name != want.Name ||
		!slices.Equal(got.Skills, want.Skills) || !slices.Equal(got.Languages, want.Languages) || got.Home != want.Home ||
		got.RadiusKM != want.RadiusKM || !slices.Equal(got.Availability, want.Availability) || got.MaxActive != want.MaxActive ||
		got.Vetted != want.Vetted || !got.VettedAt.Equal(want.VettedAt) || got.VettedBy != want.VettedBy ||
		got.Active != want.Active || !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("volunteer = %+v\nwant %+v", got, want)
	}
}

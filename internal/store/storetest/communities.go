package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var communityCases = []testCase{
	{"create and get by slug and id", func(t *testing.T, s *store.Store) {
		created := newCommunity(t, s, "brussels", "Brussels")
		if created.ID == 0 {
			t.Fatal("CreateCommunity did not set the ID")
		}
		wantRecent(t, "CreatedAt", created.CreatedAt)

		bySlug, err := s.CommunityBySlug(testContext(t), "brussels")
		wantOK(t, err)
		byID, err := s.CommunityByID(testContext(t), created.ID)
		wantOK(t, err)
		for _, got := range []domain.Community{bySlug, byID} {
			wantSameCommunity(t, got, created)
		}
	}},
	{"nil lists are stored as empty", func(t *testing.T, s *store.Store) {
		c := domain.Community{Slug: "bare", Name: "Bare", Center: domain.Point{Lat: 1, Lng: 2}, RadiusKM: 1}
		wantOK(t, s.CreateCommunity(testContext(t), &c))
		got, err := s.CommunityByID(testContext(t), c.ID)
		wantOK(t, err)
		if len(got.Languages) != 0 || len(got.Categories) != 0 {
			t.Errorf("lists = %v, %v; want empty", got.Languages, got.Categories)
		}
	}},
	{"duplicate slug", func(t *testing.T, s *store.Store) {
		newCommunity(t, s, "ghent", "Ghent")
		dup := domain.Community{Slug: "ghent", Name: "Other Ghent", Languages: []string{"nl"}, RadiusKM: 3}
		wantErr(t, s.CreateCommunity(testContext(t), &dup), domain.ErrDuplicate)
	}},
	{"unknown slug and id", func(t *testing.T, s *store.Store) {
		_, err := s.CommunityBySlug(testContext(t), "nowhere")
		wantErr(t, err, domain.ErrNotFound)
		_, err = s.CommunityByID(testContext(t), 4242)
		wantErr(t, err, domain.ErrNotFound)
	}},
	{"schema refuses a non-positive radius", func(t *testing.T, s *store.Store) {
		c := domain.Community{Slug: "flat", Name: "Flat", Languages: []string{"en"}, RadiusKM: 0}
		err := s.CreateCommunity(testContext(t), &c)
		wantErr(t, err, store.ErrConstraint)
		if domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("kind = %v, want invalid", domain.KindOf(err))
		}
	}},
	{"settings have defaults and round-trip", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "celje", "Celje")
		if c.Timezone != domain.DefaultTimezone || c.OfferMode != domain.OfferApproval || c.VettingCategories == nil {
			t.Errorf("defaults on create = %+v", c.Settings)
		}
		got, err := s.CommunityByID(testContext(t), c.ID)
		wantOK(t, err)
		if got.Timezone != domain.DefaultTimezone || got.OfferMode != domain.OfferApproval || len(got.VettingCategories) != 0 {
			t.Errorf("stored defaults = %+v", got.Settings)
		}

		want := domain.Settings{Timezone: "Europe/Ljubljana", VettingCategories: []string{"childcare", "transport"}, OfferMode: domain.OfferDirect}
		wantOK(t, s.UpdateSettings(testContext(t), c.ID, want))
		bySlug, err := s.CommunityBySlug(testContext(t), "celje")
		wantOK(t, err)
		list, err := s.ListCommunities(testContext(t), domain.Page{})
		wantOK(t, err)
		for _, got := range []domain.Community{bySlug, list[0]} {
			if got.Timezone != want.Timezone || got.OfferMode != want.OfferMode || !slices.Equal(got.VettingCategories, want.VettingCategories) {
				t.Errorf("settings = %+v, want %+v", got.Settings, want)
			}
			if got.Name != "Celje" || !slices.Equal(got.Categories, c.Categories) {
				t.Errorf("UpdateSettings changed more than the settings: %+v", got)
			}
		}

		created := domain.Community{Slug: "velenje", Name: "Velenje", Languages: []string{"sl"}, RadiusKM: 5, Settings: want}
		wantOK(t, s.CreateCommunity(testContext(t), &created))
		got, err = s.CommunityByID(testContext(t), created.ID)
		wantOK(t, err)
		if got.Timezone != want.Timezone || got.OfferMode != want.OfferMode || !slices.Equal(got.VettingCategories, want.VettingCategories) {
			t.Errorf("settings given on create = %+v, want %+v", got.Settings, want)
		}
	}},
	{"settings of an unknown community, and a bad offer mode", func(t *testing.T, s *store.Store) {
		ok := domain.Settings{Timezone: "UTC", OfferMode: domain.OfferDirect}
		wantErr(t, s.UpdateSettings(testContext(t), 4242, ok), domain.ErrNotFound)
		c := newCommunity(t, s, "kranj", "Kranj")
		err := s.UpdateSettings(testContext(t), c.ID, domain.Settings{Timezone: "UTC", OfferMode: "whenever"})
		wantErr(t, err, store.ErrConstraint)
	}},
	{"list is ordered by name and paged", func(t *testing.T, s *store.Store) {
		for _, name := range []string{"Charlie", "Alpha", "Bravo"} {
			newCommunity(t, s, strings.ToLower(name), name)
		}
		cases := []struct {
			page domain.Page
			want []string
		}{
			{domain.Page{}, []string{"Alpha", "Bravo", "Charlie"}},
			{domain.Page{Limit: 2}, []string{"Alpha", "Bravo"}},
			{domain.Page{Limit: 2, Offset: 2}, []string{"Charlie"}},
			{domain.Page{Limit: 2, Offset: 5}, []string{}},
			{domain.Page{Limit: -1, Offset: -3}, []string{"Alpha", "Bravo", "Charlie"}},
		}
		for _, tc := range cases {
			list, err := s.ListCommunities(testContext(t), tc.page)
			wantOK(t, err)
			if got := communityNames(list); !slices.Equal(got, tc.want) {
				t.Errorf("page %+v: names = %v, want %v", tc.page, got, tc.want)
			}
		}
	}},
	{"list limit is capped", func(t *testing.T, s *store.Store) {
		wantOK(t, s.InTx(testContext(t), func(ctx context.Context) error {
			for i := range 205 {
				c := domain.Community{Slug: fmt.Sprintf("c%03d", i), Name: fmt.Sprintf("C %03d", i), Languages: []string{"en"}, RadiusKM: 1}
				if err := s.CreateCommunity(ctx, &c); err != nil {
					return err
				}
			}
			return nil
		}))
		all, err := s.ListCommunities(testContext(t), domain.Page{Limit: 1000})
		wantOK(t, err)
		if len(all) != 200 {
			t.Errorf("Limit 1000 gave %d communities, want the cap of 200", len(all))
		}
		def, err := s.ListCommunities(testContext(t), domain.Page{})
		wantOK(t, err)
		if len(def) != 50 {
			t.Errorf("Limit 0 gave %d communities, want the default of 50", len(def))
		}
	}},
}

func wantSameCommunity(t *testing.T, got, want domain.Community) {
	t.Helper()
	if got.ID != want.ID || got.Slug != want.Slug || got.Name != want.Name ||
		got.Center != want.Center || got.RadiusKM != want.RadiusKM ||
		!slices.Equal(got.Languages, want.Languages) || !slices.Equal(got.Categories, want.Categories) ||
		!got.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("community = %+v\nwant %+v", got, want)
	}
}

func communityNames(list []domain.Community) []string {
	names := []string{}
	for _, c := range list {
		names = append(names, c.Name)
	}
	return names
}

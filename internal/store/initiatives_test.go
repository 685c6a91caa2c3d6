package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// directoryFixture is a store with two communities, a user, and in the
// first community the initiatives and organisation named in want*.
type directoryFixture struct {
	s            *store.Store
	ctx          context.Context
	town, other  domain.Community
	user         domain.User
	repair, farm domain.Initiative
}

var savinja = domain.Point{Lat: 46.25, Lng: 15.16}

func newDirectoryFixture(t *testing.T) directoryFixture {
	t.Helper()
	f := directoryFixture{s: storetest.Open(t), ctx: context.Background()}
	f.user = domain.User{Email: "dir@example.org", Name: "Dir", PasswordHash: "x"}
	if err := f.s.CreateUser(f.ctx, &f.user); err != nil {
		t.Fatal(err)
	}
	f.town = domain.Community{Slug: "town", Name: "Town", Languages: []string{"sl"}, Center: savinja, RadiusKM: 30}
	f.other = domain.Community{Slug: "other", Name: "Other", Languages: []string{"sl"}, Center: savinja, RadiusKM: 30}
	for _, c := range []*domain.Community{&f.town, &f.other} {
		if err := f.s.CreateCommunity(f.ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	f.repair = f.add(t, f.town, domain.Initiative{Name: "Popravljalnica Žalec", Sector: "repair",
		Description: "Repair café: bring what is broken", Address: "Šlandrov trg 1, Žalec",
		Location: domain.Point{Lat: 46.2516, Lng: 15.1649}, Languages: []string{"sl", "en"}, Status: domain.InitiativeApproved})
	f.farm = f.add(t, f.town, domain.Initiative{Name: "ZADRUGA zelenjave", Sector: "food",
		Description: "Vegetable box scheme (NEAR the river) -- organic",
		Location:    domain.Point{Lat: 46.40, Lng: 15.16}, Status: domain.InitiativeApproved})
	f.add(t, f.other, domain.Initiative{Name: "Žalec elsewhere", Sector: "repair", Location: savinja, Status: domain.InitiativeApproved})
	org := domain.Organisation{CommunityID: f.town.ID, Name: "Energetska zadruga Celje", Type: "cooperative",
		Sector: "Energy", Description: "Sončne elektrarne na strehah", Location: domain.Point{Lat: 46.23, Lng: 15.26},
		Status: domain.OrgApproved, ProposedBy: f.user.ID}
	if err := f.s.CreateOrganisation(f.ctx, &org); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f directoryFixture) add(t *testing.T, c domain.Community, in domain.Initiative) domain.Initiative {
	t.Helper()
	in.CommunityID, in.ProposedBy = c.ID, f.user.ID
	if err := f.s.CreateInitiative(f.ctx, &in); err != nil {
		t.Fatalf("create initiative %q: %v", in.Name, err)
	}
	return in
}

func (f directoryFixture) names(t *testing.T, filter domain.DirectoryFilter) []string {
	t.Helper()
	list, err := f.s.FindDirectory(f.ctx, f.town.ID, filter)
	if err != nil {
		t.Fatalf("find %+v: %v", filter, err)
	}
	out := []string{}
	for _, e := range list {
		out = append(out, e.Name)
	}
	return out
}

func TestDirectorySearchFoldsDiacritics(t *testing.T) {
	f := newDirectoryFixture(t)
	cases := []struct {
		text string
		want []string
	}{
		{"zalec", []string{"Popravljalnica Žalec"}},
		{"Zalec", []string{"Popravljalnica Žalec"}},
		{"ŽALEC", []string{"Popravljalnica Žalec"}},
		{"šlandrov", []string{"Popravljalnica Žalec"}},
		{"slandrov trg", []string{"Popravljalnica Žalec"}},
		{"zadruga", []string{"Energetska zadruga Celje", "ZADRUGA zelenjave"}},
		{"sončne", []string{"Energetska zadruga Celje"}},
		{"soncne", []string{"Energetska zadruga Celje"}},
		{"zalec zadruga", []string{}},
		{"nothing-like-this", []string{}},
	}
	for _, c := range cases {
		if got := f.names(t, domain.DirectoryFilter{Text: c.text}); !slices.Equal(got, c.want) {
			t.Errorf("search %q: %q, want %q", c.text, got, c.want)
		}
	}
	all := f.names(t, domain.DirectoryFilter{})
	if want := []string{"Energetska zadruga Celje", "Popravljalnica Žalec", "ZADRUGA zelenjave"}; !slices.Equal(all, want) {
		t.Errorf("whole directory of town: %q, want %q (nothing of the other community)", all, want)
	}
}

func TestDirectorySearchTreatsSyntaxAsText(t *testing.T) {
	f := newDirectoryFixture(t)
	for _, q := range []string{`"`, `*`, `-`, `(`, `)`, `:`, `NEAR`, `near(zadruga`, `"zadruga`, `zadruga*`,
		`-zadruga`, `body:zadruga`, `zadruga AND`, `OR`, `NOT zadruga`, `^zadruga`, `zadruga & !x | y`, `'`, `\`} {
		list, err := f.s.FindDirectory(f.ctx, f.town.ID, domain.DirectoryFilter{Text: q})
		if err != nil {
			t.Errorf("search %q: %v", q, err)
			continue
		}
		for _, e := range list {
			if e.Name != "ZADRUGA zelenjave" && e.Name != "Energetska zadruga Celje" {
				t.Errorf("search %q found %q", q, e.Name)
			}
		}
	}
	if got := f.names(t, domain.DirectoryFilter{Text: `"NEAR" the (river)`}); !slices.Equal(got, []string{"ZADRUGA zelenjave"}) {
		t.Errorf("NEAR as a word: %q", got)
	}
	if got := f.names(t, domain.DirectoryFilter{Text: `zadruga*`}); len(got) != 2 {
		t.Errorf("a star is no prefix operator but is not an error either: %q", got)
	}
	if got := f.names(t, domain.DirectoryFilter{Text: `* - :`}); len(got) != 0 {
		t.Errorf("a search of syntax characters only matches nothing: %q", got)
	}
}

func TestDirectoryIndexFollowsUpdateAndDelete(t *testing.T) {
	f := newDirectoryFixture(t)
	in := f.repair
	in.Name, in.Address = "Popravljalnica Celje", "Prešernova 3, Celje"
	if err := f.s.UpdateInitiative(f.ctx, &in); err != nil {
		t.Fatal(err)
	}
	if got := f.names(t, domain.DirectoryFilter{Text: "zalec"}); len(got) != 0 {
		t.Errorf("old words still found after the update: %q", got)
	}
	if got := f.names(t, domain.DirectoryFilter{Text: "presernova"}); !slices.Equal(got, []string{"Popravljalnica Celje"}) {
		t.Errorf("new words after the update: %q", got)
	}
	other := f.repair
	other.CommunityID = f.other.ID
	if err := f.s.UpdateInitiative(f.ctx, &other); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("update through another community: %v, want not found", err)
	}
	if err := f.s.DeleteInitiative(f.ctx, f.other.ID, in.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("delete through another community: %v, want not found", err)
	}
	if err := f.s.DeleteInitiative(f.ctx, f.town.ID, in.ID); err != nil {
		t.Fatal(err)
	}
	if got := f.names(t, domain.DirectoryFilter{Text: "popravljalnica"}); len(got) != 0 {
		t.Errorf("found after delete: %q", got)
	}
	if _, err := f.s.InitiativeByID(f.ctx, f.town.ID, in.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("read after delete: %v", err)
	}
}

func TestDirectoryFiltersBySectorDistanceAndStatus(t *testing.T) {
	f := newDirectoryFixture(t)
	if got := f.names(t, domain.DirectoryFilter{Sector: "energy"}); !slices.Equal(got, []string{"Energetska zadruga Celje"}) {
		t.Errorf("sector energy (an organisation's free text 'Energy'): %q", got)
	}
	if got := f.names(t, domain.DirectoryFilter{Sector: "repair", Text: "zalec"}); !slices.Equal(got, []string{"Popravljalnica Žalec"}) {
		t.Errorf("sector and text: %q", got)
	}
	if got := f.names(t, domain.DirectoryFilter{Sector: "food", Text: "zalec"}); len(got) != 0 {
		t.Errorf("sector food and text zalec: %q", got)
	}
	near := domain.Point{Lat: 46.2516, Lng: 15.1649}
	list, err := f.s.FindDirectory(f.ctx, f.town.ID, domain.DirectoryFilter{Near: &near, RadiusKM: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "Popravljalnica Žalec" || list[1].Kind != domain.EntryOrganisation {
		t.Fatalf("within 10 km of Žalec, nearest first: %+v", list)
	}
	if d := *list[1].DistanceKM; d < 7 || d > 9 {
		t.Errorf("Celje is %.1f km from Žalec, want about 8", d)
	}
	if got := f.names(t, domain.DirectoryFilter{Near: &near, RadiusKM: 1}); !slices.Equal(got, []string{"Popravljalnica Žalec"}) {
		t.Errorf("within 1 km: %q", got)
	}
	waiting := f.add(t, f.town, domain.Initiative{Name: "Skupnostni vrt", Sector: "gardening", Location: near})
	if got := f.names(t, domain.DirectoryFilter{Text: "vrt"}); len(got) != 0 {
		t.Errorf("a proposed initiative is listed: %q", got)
	}
	if got := f.names(t, domain.DirectoryFilter{ProposedOnly: true}); !slices.Equal(got, []string{"Skupnostni vrt"}) {
		t.Errorf("proposed only: %q", got)
	}
	if err := f.s.ApproveInitiative(f.ctx, f.other.ID, waiting.ID, f.user.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("approve through another community: %v", err)
	}
	if err := f.s.ApproveInitiative(f.ctx, f.town.ID, waiting.ID, f.user.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveInitiative(f.ctx, f.town.ID, waiting.ID, f.user.ID); !errors.Is(err, domain.ErrStateChanged) {
		t.Errorf("approve twice: %v", err)
	}
	got, err := f.s.InitiativeByID(f.ctx, f.town.ID, waiting.ID)
	if err != nil || got.Status != domain.InitiativeApproved || got.ApprovedBy == nil || *got.ApprovedBy != f.user.ID {
		t.Errorf("approved: %+v, %v", got, err)
	}
	if got := f.names(t, domain.DirectoryFilter{Text: "vrt"}); !slices.Equal(got, []string{"Skupnostni vrt"}) {
		t.Errorf("approved is listed: %q", got)
	}
}

func TestOrganisationSectorRule(t *testing.T) {
	for free, want := range map[string]string{"Energy": "energy", " platform coop ": "platform_coop",
		"platform-coop": "platform_coop", "Social services": "other", "": "other", "FOOD": "food"} {
		if got := domain.OrganisationSector(free); got != want {
			t.Errorf("OrganisationSector(%q) = %q, want %q", free, got, want)
		}
	}
}

// BenchmarkFindDirectory searches a directory of 5,000 initiatives on
// SQLite by a word, and near a point, the two searches the directory page
// makes; a page is 30 entries.
//
//	go test -run '^$' -bench FindDirectory ./internal/store/
func BenchmarkFindDirectory(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	u := domain.User{Email: "bench@example.org", Name: "B", PasswordHash: "x"}
	c := domain.Community{Slug: "bench", Name: "Bench", Languages: []string{"sl"}, Center: savinja, RadiusKM: 30}
	if err := s.CreateUser(ctx, &u); err != nil {
		b.Fatal(err)
	}
	if err := s.CreateCommunity(ctx, &c); err != nil {
		b.Fatal(err)
	}
	words := []string{"Žalec", "Celje", "Petrovče", "Griže", "Šempeter", "Levec", "Vransko", "Braslovče"}
	err = s.InTx(ctx, func(ctx context.Context) error {
		for i := range 5000 {
			in := domain.Initiative{CommunityID: c.ID, ProposedBy: u.ID, Status: domain.InitiativeApproved,
				Name: "Initiative " + words[i%len(words)] + " " + string(rune('a'+i%26)), Sector: domain.InitiativeSectors[i%11],
				Description: "A short description of what happens here", Address: words[(i/8)%len(words)] + " 1",
				Location: domain.Point{Lat: savinja.Lat + float64(i%100)/500, Lng: savinja.Lng + float64(i/100)/500}}
			if err := s.CreateInitiative(ctx, &in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("text", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.FindDirectory(ctx, c.ID, domain.DirectoryFilter{Text: "zalec", Page: domain.Page{Limit: 30}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("near", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.FindDirectory(ctx, c.ID, domain.DirectoryFilter{Near: &savinja, RadiusKM: 5, Page: domain.Page{Limit: 30}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package store_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// importCentre is the middle of the imported people.
var importCentre = domain.Point{Lat: 46.0569, Lng: 14.5058}

func importCommunity(t *testing.T, s *store.Store) domain.Community {
	t.Helper()
	c := domain.Community{Slug: "ljubljana", Name: "Ljubljana", Languages: []string{"sl", "en"}, Center: importCentre,
		RadiusKM: 25, Categories: domain.Categories}
	if err := s.CreateCommunity(t.Context(), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// importedPeople makes n people, more than one batch of the import, with
// every field the import stores varying.
func importedPeople(n int) []store.ImportedVolunteer {
	people := make([]store.ImportedVolunteer, n)
	for i := range people {
		home := domain.Point{Lat: importCentre.Lat + float64(i%17)*0.001, Lng: importCentre.Lng - float64(i%13)*0.001}
		v := domain.Volunteer{
			Skills:       []string{domain.Categories[i%len(domain.Categories)], "knitting"},
			Languages:    []string{"sl", "en"}[:1+i%2],
			Home:         home,
			RadiusKM:     1 + float64(i%7),
			Availability: []domain.Slot{{Day: domain.Weekdays[i%7], From: "17:00", To: "20:00"}},
			MaxActive:    1 + i%3,
			Vetted:       i%10 == 0,
		}
		if v.Vetted {
			v.VettedAt = time.Date(2030, 3, 4, 9, 0, 0, 0, time.UTC)
		}
		hash := ""
		if i%2 == 1 {
			hash = "argon2id$fake"
		}
		people[i] = store.ImportedVolunteer{
			User:      domain.User{Email: fmt.Sprintf("v%d@example.org", i), Name: fmt.Sprintf("Volunteer %d", i), Language: "sl", PasswordHash: hash},
			Volunteer: v,
			Cell:      geo.CellID(home),
		}
	}
	return people
}

func TestImportVolunteers(t *testing.T) {
	s := storetest.Open(t)
	ctx := t.Context()
	c := importCommunity(t, s)
	people := importedPeople(321)
	if err := s.ImportVolunteers(ctx, c.ID, people); err != nil {
		t.Fatal(err)
	}
	for i, p := range people {
		if p.User.ID == 0 || p.Volunteer.UserID != p.User.ID || p.Volunteer.CommunityID != c.ID || p.User.CreatedAt.IsZero() {
			t.Fatalf("person %d: ids not set: %+v", i, p)
		}
		u, err := s.UserByEmail(ctx, p.User.Email)
		if err != nil || u.ID != p.User.ID || u.Name != p.User.Name {
			t.Fatalf("person %d: account %+v, %v", i, u, err)
		}
		if want := map[bool]string{true: "argon2id$fake", false: "!"}[i%2 == 1]; u.PasswordHash != want {
			t.Errorf("person %d: password hash %q, want %q", i, u.PasswordHash, want)
		}
		m, err := s.Membership(ctx, c.ID, u.ID)
		if err != nil || m.Role != domain.RoleVolunteer {
			t.Fatalf("person %d: membership %+v, %v", i, m, err)
		}
	}
	all, err := s.AllVolunteers(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(people) {
		t.Fatalf("AllVolunteers: %d, want %d", len(all), len(people))
	}
	for i, got := range all {
		want := people[i].Volunteer // ids are given in order within one import
		if got.UserID != want.UserID || got.Name != want.Name || !slices.Equal(got.Skills, want.Skills) ||
			!slices.Equal(got.Languages, want.Languages) || got.Home != want.Home || got.RadiusKM != want.RadiusKM ||
			!slices.Equal(got.Availability, want.Availability) || got.MaxActive != want.MaxActive ||
			got.Vetted != want.Vetted || !got.VettedAt.Equal(want.VettedAt) || got.Active != 0 {
			t.Fatalf("volunteer %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
	// The skill mask is the one PutVolunteer writes: the spatial search
	// finds every imported volunteer offering pharmacy.
	near, err := s.NearbyVolunteers(ctx, c.ID, domain.VolunteerQuery{Cells: geo.Covering(importCentre, 5), Category: "pharmacy", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	pharmacy := 0
	for _, p := range people {
		if slices.Contains(p.Volunteer.Skills, "pharmacy") {
			pharmacy++
		}
	}
	if len(near) != pharmacy {
		t.Errorf("NearbyVolunteers found %d pharmacy volunteers, want %d", len(near), pharmacy)
	}
}

func TestImportVolunteersDuplicateEmailStoresNothing(t *testing.T) {
	s := storetest.Open(t)
	ctx := t.Context()
	c := importCommunity(t, s)
	taken := domain.User{Email: "taken@example.org", Name: "Taken"}
	if err := s.CreateUser(ctx, &taken); err != nil {
		t.Fatal(err)
	}
	twice := importedPeople(250)
	twice[230].User.Email = twice[3].User.Email // in a later batch than the first
	inDB := importedPeople(250)
	inDB[180].User.Email = taken.Email
	for name, people := range map[string][]store.ImportedVolunteer{"twice in the import": twice, "already an account": inDB} {
		err := s.ImportVolunteers(ctx, c.ID, people)
		if !errors.Is(err, domain.ErrDuplicate) {
			t.Fatalf("%s: error %v, want ErrDuplicate", name, err)
		}
		all, err := s.AllVolunteers(ctx, c.ID)
		if err != nil || len(all) != 0 {
			t.Errorf("%s: %d volunteers left behind (%v)", name, len(all), err)
		}
		if _, err := s.UserByEmail(ctx, people[0].User.Email); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("%s: the first account was left behind: %v", name, err)
		}
		if n, err := s.CountMembersWithRole(ctx, c.ID, domain.RoleVolunteer); err != nil || n != 0 {
			t.Errorf("%s: %d memberships left behind (%v)", name, n, err)
		}
	}
}

func importedRequests(n int, creator int64) []store.ImportedRequest {
	from := time.Date(2030, 3, 4, 9, 0, 0, 0, time.UTC)
	reqs := make([]store.ImportedRequest, n)
	for i := range reqs {
		loc := domain.Point{Lat: importCentre.Lat + float64(i%11)*0.002, Lng: importCentre.Lng + float64(i%5)*0.002}
		r := domain.Request{
			Category: domain.Categories[i%len(domain.Categories)], Title: fmt.Sprintf("Request %d", i),
			NeededFrom: from.Add(time.Duration(i) * time.Hour), NeededBy: from.Add(time.Duration(i+2) * time.Hour),
			Urgency: "normal", Languages: []string{"sl"}, Location: loc, Address: "Trubarjeva 1", Approx: geo.Approximate(loc),
			CreatedBy: creator, Recurrence: domain.Recurrence{Kind: domain.RecurOnce},
		}
		if i%4 == 0 {
			r.Recurrence = domain.Recurrence{Kind: domain.RecurWeekly, Days: []string{"mon", "thu"}, Until: "2030-05-01"}
			r.ExpiresAt = time.Date(2030, 5, 2, 0, 0, 0, 0, time.UTC)
		}
		if i%3 == 0 {
			id := creator
			r.RequesterID = &id
		}
		reqs[i] = store.ImportedRequest{Request: r, Cell: geo.CellID(r.Approx)}
	}
	return reqs
}

func TestImportRequests(t *testing.T) {
	s := storetest.Open(t)
	ctx := t.Context()
	c := importCommunity(t, s)
	coord := domain.User{Email: "co@example.org", Name: "Co"}
	if err := s.CreateUser(ctx, &coord); err != nil {
		t.Fatal(err)
	}
	reqs := importedRequests(234, coord.ID)
	if err := s.ImportRequests(ctx, c.ID, reqs); err != nil {
		t.Fatal(err)
	}
	for i, ir := range reqs {
		want := ir.Request
		got, err := s.RequestByID(ctx, c.ID, want.ID)
		if err != nil {
			t.Fatalf("request %d (id %d): %v", i, want.ID, err)
		}
		wantExpiry := want.ExpiresAt
		if wantExpiry.IsZero() {
			wantExpiry = want.NeededBy
		}
		if got.Title != want.Title || got.Category != want.Category || got.Status != domain.RequestOpen ||
			!got.NeededFrom.Equal(want.NeededFrom) || !got.ExpiresAt.Equal(wantExpiry) || got.Approx != want.Approx ||
			got.Recurrence.Kind != want.Recurrence.Kind || (got.RequesterID == nil) != (want.RequesterID == nil) ||
			!got.CreatedAt.Equal(want.CreatedAt) {
			t.Fatalf("request %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
	// The feed index serves them: every open request is in the covering.
	found, err := s.FindRequests(ctx, c.ID, domain.RequestFilter{Status: domain.RequestOpen,
		Cells: geo.Covering(importCentre, 5), Page: domain.Page{Limit: 200}})
	if err != nil || len(found) != 200 {
		t.Errorf("FindRequests near the centre: %d, %v", len(found), err)
	}

	bad := importedRequests(150, coord.ID)
	stranger := int64(999_999)
	bad[120].Request.RequesterID = &stranger
	if err := s.ImportRequests(ctx, c.ID, bad); !errors.Is(err, domain.ErrReferenced) {
		t.Fatalf("an unknown requester: %v, want ErrReferenced", err)
	}
	for _, ir := range bad[:100] {
		if ir.Request.ID == 0 {
			continue
		}
		if _, err := s.RequestByID(ctx, c.ID, ir.Request.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("request %d of the failed import was left behind: %v", ir.Request.ID, err)
		}
	}
	all, err := s.FindRequests(ctx, c.ID, domain.RequestFilter{Page: domain.Page{Limit: 200, Offset: 200}})
	if err != nil || len(all) != len(reqs)-200 {
		t.Errorf("after the failed import: %d requests past the first 200, want %d (%v)", len(all), len(reqs)-200, err)
	}
}

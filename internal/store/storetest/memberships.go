package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var membershipCases = []testCase{
	{"put and get", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "leuven", "Leuven")
		u := newUser(t, s, "fa@example.org", "Fa")
		putMember(t, s, c, u, domain.RoleVolunteer)

		m, err := s.Membership(testContext(t), c.ID, u.ID)
		wantOK(t, err)
		if m.CommunityID != c.ID || m.CommunitySlug != "leuven" || m.UserID != u.ID || m.Role != domain.RoleVolunteer {
			t.Errorf("membership = %+v", m)
		}
		wantRecent(t, "CreatedAt", m.CreatedAt)
	}},
	{"put twice changes the role and keeps the creation time", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "namur", "Namur")
		u := newUser(t, s, "gi@example.org", "Gi")
		putMember(t, s, c, u, domain.RoleMember)
		before, err := s.Membership(testContext(t), c.ID, u.ID)
		wantOK(t, err)
		putMember(t, s, c, u, domain.RoleAdmin)
		putMember(t, s, c, u, domain.RoleAdmin)

		after, err := s.Membership(testContext(t), c.ID, u.ID)
		wantOK(t, err)
		if after.Role != domain.RoleAdmin {
			t.Errorf("role = %s, want admin", after.Role)
		}
		if !after.CreatedAt.Equal(before.CreatedAt) {
			t.Errorf("CreatedAt changed from %v to %v", before.CreatedAt, after.CreatedAt)
		}
	}},
	{"not a member", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "mons", "Mons")
		u := newUser(t, s, "ha@example.org", "Ha")
		_, err := s.Membership(testContext(t), c.ID, u.ID)
		wantErr(t, err, domain.ErrNotFound)
	}},
	{"unknown community or user", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "liege", "Liège")
		u := newUser(t, s, "io@example.org", "Io")
		wantErr(t, s.PutMembership(testContext(t), 31337, u.ID, domain.RoleMember), domain.ErrReferenced)
		wantErr(t, s.PutMembership(testContext(t), c.ID, 31337, domain.RoleMember), domain.ErrReferenced)
	}},
	{"unknown role", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "arlon", "Arlon")
		u := newUser(t, s, "jo@example.org", "Jo")
		err := s.PutMembership(testContext(t), c.ID, u.ID, domain.Role("king"))
		wantErr(t, err, store.ErrConstraint)
	}},
	{"count by role", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "bruges", "Bruges")
		roles := []domain.Role{domain.RoleAdmin, domain.RoleAdmin, domain.RoleVolunteer, domain.RoleMember}
		for i, r := range roles {
			putMember(t, s, c, newUser(t, s, fmt.Sprintf("k%d@example.org", i), "K"), r)
		}
		want := map[domain.Role]int{domain.RoleAdmin: 2, domain.RoleVolunteer: 1, domain.RoleMember: 1, domain.RoleCoordinator: 0}
		for role, n := range want {
			got, err := s.CountMembersWithRole(testContext(t), c.ID, role)
			wantOK(t, err)
			if got != n {
				t.Errorf("%s: %d, want %d", role, got, n)
			}
		}
	}},
	{"memberships of a user", func(t *testing.T, s *store.Store) {
		zeta := newCommunity(t, s, "zeta", "Zeta")
		alpha := newCommunity(t, s, "alpha", "Alpha")
		u := newUser(t, s, "lu@example.org", "Lu")
		none, err := s.MembershipsOfUser(testContext(t), u.ID)
		wantOK(t, err)
		if none == nil || len(none) != 0 {
			t.Errorf("no memberships = %#v, want an empty non-nil list", none)
		}
		putMember(t, s, zeta, u, domain.RoleCoordinator)
		putMember(t, s, alpha, u, domain.RoleMember)

		list, err := s.MembershipsOfUser(testContext(t), u.ID)
		wantOK(t, err)
		var got []string
		for _, m := range list {
			got = append(got, m.CommunitySlug+":"+string(m.Role))
		}
		if want := []string{"alpha:member", "zeta:coordinator"}; !slices.Equal(got, want) {
			t.Errorf("memberships = %v, want %v", got, want)
		}
	}},
	{"members are ordered by name and paged", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "ypres", "Ypres")
		for i, name := range []string{"Mia", "Eli", "Zoe", "Eli"} {
			email := fmt.Sprintf("%s%d@example.org", strings.ToLower(name), i)
			putMember(t, s, c, newUser(t, s, email, name), domain.RoleMember)
		}
		all, err := s.ListMembers(testContext(t), c.ID, domain.Page{})
		wantOK(t, err)
		if got, want := memberNames(all), []string{"Eli", "Eli", "Mia", "Zoe"}; !slices.Equal(got, want) {
			t.Fatalf("members = %v, want %v", got, want)
		}
		if all[0].UserID > all[1].UserID {
			t.Errorf("equal names not ordered by user id: %d before %d", all[0].UserID, all[1].UserID)
		}
		if m := all[2]; m.CommunitySlug != "ypres" || m.Email == "" || m.Role != domain.RoleMember {
			t.Errorf("member = %+v", m)
		}
		page, err := s.ListMembers(testContext(t), c.ID, domain.Page{Limit: 2, Offset: 1})
		wantOK(t, err)
		if got, want := memberNames(page), []string{"Eli", "Mia"}; !slices.Equal(got, want) {
			t.Errorf("page = %v, want %v", got, want)
		}
	}},
}

func memberNames(list []domain.Member) []string {
	names := []string{}
	for _, m := range list {
		names = append(names, m.Name)
	}
	return names
}

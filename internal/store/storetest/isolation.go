package storetest

import (
	"slices"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/store"
)

// isolationCases check that one community's data never shows through
// another's: every query filters on the community id it is given.
var isolationCases = []testCase{
	{"members and roles stay in their community", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "a-town", "A Town")
		b := newCommunity(t, s, "b-town", "B Town")
		onlyA := newUser(t, s, "only-a@example.org", "Only A")
		onlyB := newUser(t, s, "only-b@example.org", "Only B")
		both := newUser(t, s, "both@example.org", "Both")
		putMember(t, s, a, onlyA, domain.RoleAdmin)
		putMember(t, s, b, onlyB, domain.RoleMember)
		putMember(t, s, a, both, domain.RoleMember)
		putMember(t, s, b, both, domain.RoleAdmin)

		for _, tc := range []struct {
			c    domain.Community
			want []string
		}{
			{a, []string{"Both:member", "Only A:admin"}},
			{b, []string{"Both:admin", "Only B:member"}},
		} {
			list, err := s.ListMembers(testContext(t), tc.c.ID, domain.Page{})
			wantOK(t, err)
			var got []string
			for _, m := range list {
				if m.CommunityID != tc.c.ID || m.CommunitySlug != tc.c.Slug {
					t.Errorf("%s lists a member of community %d (%s)", tc.c.Slug, m.CommunityID, m.CommunitySlug)
				}
				got = append(got, m.Name+":"+string(m.Role))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("members of %s = %v, want %v", tc.c.Slug, got, tc.want)
			}
		}

		_, err := s.Membership(testContext(t), b.ID, onlyA.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = s.Membership(testContext(t), a.ID, onlyB.ID)
		wantErr(t, err, domain.ErrNotFound)

		for _, tc := range []struct {
			c    domain.Community
			role domain.Role
			want int
		}{{a, domain.RoleAdmin, 1}, {b, domain.RoleAdmin, 1}, {a, domain.RoleMember, 1}, {b, domain.RoleMember, 1}} {
			n, err := s.CountMembersWithRole(testContext(t), tc.c.ID, tc.role)
			wantOK(t, err)
			if n != tc.want {
				t.Errorf("%s %ss = %d, want %d", tc.c.Slug, tc.role, n, tc.want)
			}
		}
	}},
	{"a role change in one community leaves the other alone", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "a-ville", "A Ville")
		b := newCommunity(t, s, "b-ville", "B Ville")
		u := newUser(t, s, "two@example.org", "Two")
		putMember(t, s, a, u, domain.RoleMember)
		putMember(t, s, b, u, domain.RoleMember)
		putMember(t, s, a, u, domain.RoleCoordinator)

		mb, err := s.Membership(testContext(t), b.ID, u.ID)
		wantOK(t, err)
		if mb.Role != domain.RoleMember {
			t.Errorf("role in b = %s, want member", mb.Role)
		}
	}},
	{"an empty community lists nobody", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "busy", "Busy")
		empty := newCommunity(t, s, "empty", "Empty")
		putMember(t, s, a, newUser(t, s, "x@example.org", "X"), domain.RoleAdmin)
		list, err := s.ListMembers(testContext(t), empty.ID, domain.Page{})
		wantOK(t, err)
		if len(list) != 0 {
			t.Errorf("members of an empty community = %+v", list)
		}
		n, err := s.CountMembersWithRole(testContext(t), empty.ID, domain.RoleAdmin)
		wantOK(t, err)
		if n != 0 {
			t.Errorf("admins of an empty community = %d", n)
		}
	}},
}

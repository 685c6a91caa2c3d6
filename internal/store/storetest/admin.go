package storetest

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

// Cases of the community admin, operator and account pages: updating a
// community, a user's language, vetting of a page of members, invitations.
var adminCases = []testCase{
	{"update a community keeps its slug and creation", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "gent", "Gent")
		other := newCommunity(t, s, "brugge", "Brugge")
		want := c
		want.Name, want.Languages = "Gent Centrum", []string{"nl", "fr", "en"}
		want.Center, want.RadiusKM = domain.Point{Lat: 51.05, Lng: 3.72}, 4.5
		want.Categories = []string{"meals", "childcare"}
		want.Settings = domain.Settings{Timezone: "Europe/Brussels", VettingCategories: []string{"childcare"}, OfferMode: domain.OfferDirect}
		want.Slug = "ignored"
		wantOK(t, s.UpdateCommunity(testContext(t), want))
		want.Slug = "gent"

		got, err := s.CommunityByID(testContext(t), c.ID)
		wantOK(t, err)
		wantSameCommunity(t, got, want)
		if got.Timezone != want.Timezone || got.OfferMode != domain.OfferDirect || !slices.Equal(got.VettingCategories, []string{"childcare"}) {
			t.Errorf("settings = %+v, want %+v", got.Settings, want.Settings)
		}
		untouched, err := s.CommunityByID(testContext(t), other.ID)
		wantOK(t, err)
		wantSameCommunity(t, untouched, other)
	}},
	{"update an unknown community, or with an offer mode the schema lacks", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "hasselt", "Hasselt")
		ghost := c
		ghost.ID = 4040
		wantErr(t, s.UpdateCommunity(testContext(t), ghost), domain.ErrNotFound)
		c.OfferMode = "lottery"
		wantErr(t, s.UpdateCommunity(testContext(t), c), store.ErrConstraint)
	}},
	{"set a user's language", func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "la@example.org", "La")
		other := newUser(t, s, "lb@example.org", "Lb")
		wantOK(t, s.SetUserLanguage(testContext(t), u.ID, "sl"))
		got, err := s.UserByID(testContext(t), u.ID)
		wantOK(t, err)
		if got.Language != "sl" {
			t.Errorf("language = %q, want sl", got.Language)
		}
		if got, _ := s.UserByID(testContext(t), other.ID); got.Language != "en" {
			t.Errorf("the other user's language became %q", got.Language)
		}
		wantErr(t, s.SetUserLanguage(testContext(t), 4040, "nl"), domain.ErrNotFound)
	}},
	{"vetting of a page of members, within one community", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "ieper", "Ieper")
		elsewhere := newCommunity(t, s, "kortrijk", "Kortrijk")
		coord := newUser(t, s, "vc@example.org", "Vc")
		vetted, plain := newUser(t, s, "vv@example.org", "Vv"), newUser(t, s, "vp@example.org", "Vp")
		member, outsider := newUser(t, s, "vm@example.org", "Vm"), newUser(t, s, "vo@example.org", "Vo")
		newVolunteer(t, s, c, vetted, centre, "groceries")
		newVolunteer(t, s, c, plain, centre, "groceries")
		putMember(t, s, c, member, domain.RoleMember)
		newVolunteer(t, s, elsewhere, outsider, centre, "groceries")
		wantOK(t, s.SetVetted(testContext(t), c.ID, vetted.ID, true, coord.ID, day0))

		got, err := s.VolunteerVetting(testContext(t), c.ID, []int64{vetted.ID, plain.ID, member.ID, outsider.ID})
		wantOK(t, err)
		want := map[int64]bool{vetted.ID: true, plain.ID: false}
		if len(got) != len(want) || !got[vetted.ID] || got[plain.ID] {
			t.Errorf("vetting = %v, want %v", got, want)
		}
		empty, err := s.VolunteerVetting(testContext(t), c.ID, nil)
		wantOK(t, err)
		if len(empty) != 0 {
			t.Errorf("vetting of nobody = %v", empty)
		}
	}},
	{"create an invitation and find it by its token", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "aalst", "Aalst")
		admin := newUser(t, s, "ia@example.org", "Ia")
		inv := newInvitation(t, s, c, admin, "new@example.org", domain.RoleCoordinator, day0.Add(time.Hour))
		wantRecent(t, "CreatedAt", inv.CreatedAt)

		got, err := s.InvitationByHash(testContext(t), inv.TokenHash)
		wantOK(t, err)
		wantSameInvitation(t, got, inv)
		if got.InvitedByName != "Ia" || !got.AcceptedAt.IsZero() || got.AcceptedBy != 0 {
			t.Errorf("invitation = %+v", got)
		}
		_, err = s.InvitationByHash(testContext(t), tokenHash("nobody"))
		wantErr(t, err, domain.ErrNotFound)
	}},
	{"invitations refuse a second token of one hash, unknown inviters and roles", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "lier", "Lier")
		admin := newUser(t, s, "ib@example.org", "Ib")
		inv := newInvitation(t, s, c, admin, "a@example.org", domain.RoleMember, day0)
		again := domain.Invitation{CommunityID: c.ID, Email: "b@example.org", Role: domain.RoleMember,
			TokenHash: inv.TokenHash, InvitedBy: admin.ID, ExpiresAt: day0}
		wantErr(t, s.CreateInvitation(testContext(t), &again), domain.ErrDuplicate)
		again.TokenHash, again.InvitedBy = tokenHash("other"), 4040
		wantErr(t, s.CreateInvitation(testContext(t), &again), domain.ErrReferenced)
		again.InvitedBy, again.Role = admin.ID, "king"
		wantErr(t, s.CreateInvitation(testContext(t), &again), store.ErrConstraint)
	}},
	{"open invitations: newest first, unused, one community", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "mol", "Mol")
		elsewhere := newCommunity(t, s, "geel", "Geel")
		admin, taker := newUser(t, s, "ic@example.org", "Ic"), newUser(t, s, "it@example.org", "It")
		newInvitation(t, s, c, admin, "first@example.org", domain.RoleMember, day0)
		used := newInvitation(t, s, c, admin, "used@example.org", domain.RoleMember, day0.Add(time.Hour))
		newInvitation(t, s, c, admin, "last@example.org", domain.RoleVolunteer, day0)
		newInvitation(t, s, elsewhere, admin, "away@example.org", domain.RoleMember, day0)
		wantOK(t, s.UseInvitation(testContext(t), c.ID, used.ID, taker.ID, day0))

		list, err := s.OpenInvitations(testContext(t), c.ID, domain.Page{})
		wantOK(t, err)
		if got := invitationEmails(list); !slices.Equal(got, []string{"last@example.org", "first@example.org"}) {
			t.Errorf("open invitations = %v", got)
		}
		if len(list) > 0 && list[0].InvitedByName != "Ic" {
			t.Errorf("inviter's name = %q", list[0].InvitedByName)
		}
		page, err := s.OpenInvitations(testContext(t), c.ID, domain.Page{Limit: 1, Offset: 1})
		wantOK(t, err)
		if got := invitationEmails(page); !slices.Equal(got, []string{"first@example.org"}) {
			t.Errorf("second page = %v", got)
		}
	}},
	{"an invitation is used once and not after it expires", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "dinant", "Dinant")
		elsewhere := newCommunity(t, s, "spa", "Spa")
		admin, a, b := newUser(t, s, "id@example.org", "Id"), newUser(t, s, "ua@example.org", "Ua"), newUser(t, s, "ub@example.org", "Ub")
		inv := newInvitation(t, s, c, admin, "ua@example.org", domain.RoleVolunteer, day0.Add(time.Hour))

		wantErr(t, s.UseInvitation(testContext(t), elsewhere.ID, inv.ID, a.ID, day0), domain.ErrNotFound)
		wantOK(t, s.UseInvitation(testContext(t), c.ID, inv.ID, a.ID, day0))
		wantErr(t, s.UseInvitation(testContext(t), c.ID, inv.ID, b.ID, day0), domain.ErrStateChanged)
		got, err := s.InvitationByHash(testContext(t), inv.TokenHash)
		wantOK(t, err)
		if got.AcceptedBy != a.ID || !got.AcceptedAt.Equal(day0) {
			t.Errorf("used by %d at %v, want %d at %v", got.AcceptedBy, got.AcceptedAt, a.ID, day0)
		}

		late := newInvitation(t, s, c, admin, "late@example.org", domain.RoleMember, day0)
		wantErr(t, s.UseInvitation(testContext(t), c.ID, late.ID, b.ID, day0), domain.ErrStateChanged)
		wantErr(t, s.UseInvitation(testContext(t), c.ID, 4040, b.ID, day0), domain.ErrNotFound)
	}},
	{"revoke only unused invitations of the community", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "ath", "Ath")
		elsewhere := newCommunity(t, s, "huy", "Huy")
		admin, taker := newUser(t, s, "ie@example.org", "Ie"), newUser(t, s, "iu@example.org", "Iu")
		open := newInvitation(t, s, c, admin, "open@example.org", domain.RoleMember, day0)
		used := newInvitation(t, s, c, admin, "used@example.org", domain.RoleMember, day0.Add(time.Hour))
		wantOK(t, s.UseInvitation(testContext(t), c.ID, used.ID, taker.ID, day0))

		wantErr(t, s.DeleteInvitation(testContext(t), elsewhere.ID, open.ID), domain.ErrNotFound)
		wantErr(t, s.DeleteInvitation(testContext(t), c.ID, used.ID), domain.ErrNotFound)
		wantOK(t, s.DeleteInvitation(testContext(t), c.ID, open.ID))
		_, err := s.InvitationByHash(testContext(t), open.TokenHash)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, s.DeleteInvitation(testContext(t), c.ID, open.ID), domain.ErrNotFound)
		_, err = s.InvitationByHash(testContext(t), used.TokenHash)
		wantOK(t, err)
	}},
}

// newInvitation stores an invitation of c by inviter for email, with a
// token hash derived from the email.
func newInvitation(t *testing.T, s *store.Store, c domain.Community, inviter domain.User, email string, role domain.Role, expires time.Time) domain.Invitation {
	t.Helper()
	inv := domain.Invitation{CommunityID: c.ID, Email: email, Role: role, TokenHash: tokenHash(c.Slug + "/" + email),
		InvitedBy: inviter.ID, ExpiresAt: expires}
	if err := s.CreateInvitation(testContext(t), &inv); err != nil {
		t.Fatalf("invite %s to %s: %v", email, c.Slug, err)
	}
	return inv
}

func wantSameInvitation(t *testing.T, got, want domain.Invitation) {
	t.Helper()
	if got.ID != want.ID || got.CommunityID != want.CommunityID || got.Email != want.Email || got.Role != want.Role ||
		!bytes.Equal(got.TokenHash, want.TokenHash) || got.InvitedBy != want.InvitedBy ||
		!got.CreatedAt.Equal(want.CreatedAt) || !got.ExpiresAt.Equal(want.ExpiresAt) {
		t.Errorf("invitation = %+v\nwant %+v", got, want)
	}
}

func invitationEmails(list []domain.Invitation) []string {
	out := []string{}
	for _, inv := range list {
		out = append(out, inv.Email)
	}
	return out
}

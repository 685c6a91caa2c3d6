package service_test

import (
	"context"
	"errors"
	"net/netip"
	"testing"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/service"
	"mutua/internal/store/storetest"
)

// staff registers accounts in "town" with roles given by the operator and
// returns a context acting as each, plus the operator's as "op".
func staff(t *testing.T, svc *service.Service, ctx context.Context, roles map[string]domain.Role) map[string]context.Context {
	t.Helper()
	op, err := svc.Login(ctx, "op@example.org", pw)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]context.Context{"op": service.WithActor(ctx, op.User)}
	for name, role := range roles {
		email := name + "@example.org"
		u, err := svc.Register(ctx, domain.Registration{Community: "town", Email: email, Password: pw, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if role != domain.RoleMember {
			if _, _, err := svc.GrantRole(out["op"], "town", domain.Grant{Email: email, Role: role}); err != nil {
				t.Fatal(err)
			}
		}
		out[name] = service.WithActor(ctx, u)
	}
	return out
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != code {
		t.Fatalf("%s: error %v, want code %s", what, err, code)
	}
}

func TestInvitationLifecycle(t *testing.T) {
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	svc, ctx := setup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"ada": domain.RoleAdmin, "cor": domain.RoleCoordinator, "mem": domain.RoleMember})

	if _, _, err := svc.Invite(as["mem"], "town", domain.Grant{Email: "x@example.org", Role: domain.RoleMember}); domain.KindOf(err) != domain.KindForbidden {
		t.Fatalf("a member invites: %v", err)
	}
	_, _, err := svc.Invite(as["cor"], "town", domain.Grant{Email: "x@example.org", Role: domain.RoleAdmin})
	wantCode(t, "a coordinator invites an admin", err, "role_not_grantable")
	_, _, err = svc.Invite(as["ada"], "town", domain.Grant{Email: "MEM@example.org", Role: domain.RoleVolunteer})
	wantCode(t, "inviting a member", err, "already_member")
	_, _, err = svc.Invite(as["ada"], "town", domain.Grant{Email: "not an address", Role: "king"})
	wantCode(t, "a bad invitation", err, "invalid")

	inv, token, err := svc.Invite(as["cor"], "town", domain.Grant{Email: " New@Example.org ", Role: domain.RoleVolunteer})
	if err != nil || token == "" || inv.Email != "new@example.org" || !inv.ExpiresAt.Equal(now.Add(domain.InvitationTTL)) {
		t.Fatalf("invite: %+v, %q, %v", inv, token, err)
	}
	view, err := svc.Invitation(ctx, token)
	if err != nil || view.Community.Slug != "town" || view.Invitation.Role != domain.RoleVolunteer {
		t.Fatalf("the link shows %+v, %v", view, err)
	}
	list, err := svc.Invitations(as["ada"], "town", domain.Page{})
	if err != nil || len(list) != 1 || list[0].InvitedByName != "cor" {
		t.Fatalf("open invitations %+v, %v", list, err)
	}

	sess, err := svc.RegisterByInvitation(ctx, token, domain.Registration{Name: "Newt", Password: pw, Email: "ignored@example.org", Language: "nl"})
	if err != nil || sess.User.Email != "new@example.org" || sess.Token == "" {
		t.Fatalf("register by invitation: %+v, %v", sess, err)
	}
	u, err := svc.Authenticate(ctx, sess.Token)
	if err != nil {
		t.Fatal(err)
	}
	if got := svc.Role(service.WithActor(ctx, u), view.Community); got != domain.RoleVolunteer {
		t.Errorf("role after the invitation: %q", got)
	}
	_, err = svc.Invitation(ctx, token)
	wantCode(t, "a used link", err, "invitation_used")
	_, err = svc.AcceptInvitation(as["mem"], token)
	wantCode(t, "accepting a used link", err, "invitation_used")
	if list, _ := svc.Invitations(as["ada"], "town", domain.Page{}); len(list) != 0 {
		t.Errorf("a used invitation is still open: %+v", list)
	}

	_, late, _ := svc.Invite(as["ada"], "town", domain.Grant{Email: "late@example.org", Role: domain.RoleMember})
	now = now.Add(domain.InvitationTTL)
	_, err = svc.Invitation(ctx, late)
	wantCode(t, "an expired link", err, "invitation_expired")
	_, err = svc.Invitation(ctx, "no-such-token")
	wantCode(t, "an unknown link", err, "invitation_not_found")
}

func TestAcceptInvitationNeverLowersARole(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"ada": domain.RoleAdmin, "mem": domain.RoleMember})
	_, toAdmin, _ := svc.Invite(as["ada"], "town", domain.Grant{Email: "someone@example.org", Role: domain.RoleCoordinator})
	_, toMember, _ := svc.Invite(as["ada"], "town", domain.Grant{Email: "other@example.org", Role: domain.RoleMember})

	if _, err := svc.AcceptInvitation(ctx, toAdmin); !errors.Is(err, domain.ErrUnauthenticated) {
		t.Fatalf("accepting without an account: %v", err)
	}
	m, err := svc.AcceptInvitation(as["mem"], toAdmin)
	if err != nil || m.Role != domain.RoleCoordinator {
		t.Fatalf("a member accepts a coordinator invitation: %+v, %v", m, err)
	}
	m, err = svc.AcceptInvitation(as["ada"], toMember)
	if err != nil || m.Role != domain.RoleAdmin {
		t.Fatalf("an admin accepts a member invitation: %+v, %v", m, err)
	}
}

func TestRevokedInvitationStopsWorking(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"ada": domain.RoleAdmin, "vol": domain.RoleVolunteer})
	inv, token, _ := svc.Invite(as["ada"], "town", domain.Grant{Email: "gone@example.org", Role: domain.RoleMember})
	if err := svc.RevokeInvitation(as["vol"], "town", inv.ID); domain.KindOf(err) != domain.KindForbidden {
		t.Fatalf("a volunteer revokes: %v", err)
	}
	if err := svc.RevokeInvitation(as["ada"], "town", inv.ID); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Invitation(ctx, token)
	wantCode(t, "a revoked link", err, "invitation_not_found")
	wantCode(t, "revoking twice", svc.RevokeInvitation(as["ada"], "town", inv.ID), "invitation_not_found")
}

func TestRegisterByInvitationWithATakenEmail(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"ada": domain.RoleAdmin})
	_, token, _ := svc.Invite(as["ada"], "town", domain.Grant{Email: "op@example.org", Role: domain.RoleMember})
	_, err := svc.RegisterByInvitation(ctx, token, domain.Registration{Name: "Op again", Password: pw})
	wantCode(t, "registering an existing email", err, "email_taken")
	if _, err := svc.Invitation(ctx, token); err != nil {
		t.Errorf("a failed registration used up the link: %v", err)
	}
	_, err = svc.RegisterByInvitation(ctx, token, domain.Registration{Name: "", Password: "short"})
	wantCode(t, "a bad registration", err, "invalid")
}

func TestUpdateCommunity(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"ada": domain.RoleAdmin, "cor": domain.RoleCoordinator})
	c, err := svc.CommunitySettings(as["ada"], "town")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CommunitySettings(as["cor"], "town"); domain.KindOf(err) != domain.KindForbidden {
		t.Fatalf("a coordinator opens the settings: %v", err)
	}
	if _, err := svc.UpdateCommunity(as["cor"], "town", c); domain.KindOf(err) != domain.KindForbidden {
		t.Fatalf("a coordinator saves the settings: %v", err)
	}

	bad := c
	bad.Name, bad.Categories, bad.Timezone, bad.RadiusKM = " ", nil, "Mars/Olympus", 0
	_, err = svc.UpdateCommunity(as["ada"], "town", bad)
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
		t.Fatalf("bad settings: %v", err)
	}
	fields := map[string]string{}
	for _, f := range de.Fields {
		fields[f.Field] = f.Code
	}
	for field, code := range map[string]string{"name": "length", "categories": "required", "timezone": "unknown", "radius_km": "range"} {
		if fields[field] != code {
			t.Errorf("field %s: code %q, want %q (all: %v)", field, fields[field], code, fields)
		}
	}

	good := c
	good.Slug, good.Name, good.Languages = "renamed", "Town Centre", []string{"en", "nl"}
	good.Categories, good.VettingCategories, good.OfferMode = []string{"meals"}, []string{"childcare"}, domain.OfferDirect
	got, err := svc.UpdateCommunity(as["ada"], "town", good)
	if err != nil || got.Slug != "town" || got.Name != "Town Centre" {
		t.Fatalf("update: %+v, %v", got, err)
	}
	again, _ := svc.Community(ctx, "town")
	if again.Name != "Town Centre" || again.DefaultLanguage() != "en" || again.OfferMode != domain.OfferDirect || !again.RequiresVetting("childcare") {
		t.Errorf("stored community %+v", again)
	}
}

func TestMemberListAndRights(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"ada": domain.RoleAdmin, "cor": domain.RoleCoordinator, "vol": domain.RoleVolunteer})
	if _, err := svc.PutMyVolunteer(as["vol"], "town", domain.Volunteer{Skills: []string{"groceries"}, Languages: []string{"nl"},
		Home: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 2, MaxActive: 1}); err != nil {
		t.Fatal(err)
	}
	r, err := svc.AdminRights(as["cor"], "town")
	if err != nil || r.EditCommunity || !r.Vet || len(r.Grantable) != 2 {
		t.Fatalf("a coordinator's rights: %+v, %v", r, err)
	}
	if r, _ := svc.AdminRights(as["op"], "town"); !r.EditCommunity || len(r.Grantable) != 4 {
		t.Errorf("the operator's rights: %+v", r)
	}
	if _, err := svc.AdminRights(as["vol"], "town"); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a volunteer's rights: %v", err)
	}
	rows, err := svc.MemberList(as["cor"], "town", domain.Page{})
	if err != nil || len(rows) != 3 {
		t.Fatalf("members: %+v, %v", rows, err)
	}
	for _, row := range rows {
		if row.HasProfile != (row.Name == "vol") || row.Vetted {
			t.Errorf("row %+v", row)
		}
	}
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"ann": domain.RoleMember})
	other, _ := svc.Login(ctx, "ann@example.org", pw)

	_, err := svc.ChangePassword(as["ann"], "not my password", "short")
	var de *domain.Error
	if !errors.As(err, &de) || len(de.Fields) != 2 || de.Fields[0].Field != "current_password" || de.Fields[1].Field != "new_password" {
		t.Fatalf("wrong current and short new password: %v", err)
	}
	_, err = svc.ChangePassword(as["ann"], "not my password", "a good new password")
	wantCode(t, "a wrong current password", err, "wrong_password")

	sess, err := svc.ChangePassword(as["ann"], pw, "a good new password")
	if err != nil || sess.Token == "" {
		t.Fatalf("change: %v", err)
	}
	if _, err := svc.Authenticate(ctx, other.Token); err == nil {
		t.Error("another session survived the change")
	}
	if _, err := svc.Authenticate(ctx, sess.Token); err != nil {
		t.Errorf("the new session: %v", err)
	}
	if _, err := svc.Login(ctx, "ann@example.org", "a good new password"); err != nil {
		t.Errorf("log in with the new password: %v", err)
	}
}

func TestChangePasswordIsRateLimitedWithLogin(t *testing.T) {
	svc := service.New(storetest.Open(t), service.Options{Argon2: auth.FastArgon2, LoginBurst: 2, LoginWindow: time.Hour})
	ctx := service.WithClientIP(context.Background(), netip.MustParseAddr("192.0.2.7"))
	u, err := svc.CreateOperator(context.Background(), "op@example.org", pw, "Op")
	if err != nil {
		t.Fatal(err)
	}
	me := service.WithActor(ctx, u)
	if _, err := svc.Login(ctx, "op@example.org", "wrong password"); err == nil {
		t.Fatal("a wrong password logged in")
	}
	_, err = svc.ChangePassword(me, "wrong again", "a good new password")
	wantCode(t, "the second try", err, "wrong_password")
	_, err = svc.ChangePassword(me, pw, "a good new password")
	wantCode(t, "the third try", err, "rate_limited")
}

func TestSetLanguageAndMyCommunities(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"cor": domain.RoleCoordinator})
	if _, err := svc.SetLanguage(ctx, "nl"); !errors.Is(err, domain.ErrUnauthenticated) {
		t.Fatalf("anonymous: %v", err)
	}
	_, err := svc.SetLanguage(as["cor"], "xx")
	wantCode(t, "an unknown language", err, "invalid")
	if u, err := svc.SetLanguage(as["cor"], "sl"); err != nil || u.Language != "sl" {
		t.Fatalf("set sl: %+v, %v", u, err)
	}
	s, _ := svc.Login(ctx, "cor@example.org", pw)
	if s.User.Language != "sl" {
		t.Errorf("stored language %q", s.User.Language)
	}
	mine, err := svc.MyCommunities(as["cor"])
	if err != nil || len(mine) != 1 || mine[0].Community.Name != "Town" || mine[0].Role != domain.RoleCoordinator || !mine[0].Manage || mine[0].Edit {
		t.Fatalf("my communities: %+v, %v", mine, err)
	}
	if _, err := svc.OperatorCommunities(as["cor"], domain.Page{}); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a coordinator lists every community: %v", err)
	}
	if list, err := svc.OperatorCommunities(as["op"], domain.Page{}); err != nil || len(list) != 1 {
		t.Errorf("the operator's list: %+v, %v", list, err)
	}
}

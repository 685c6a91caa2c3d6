package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// inviteLink finds the invitation link on the invitations page.
var inviteLink = regexp.MustCompile(`value="http://[^"]+(/invite/[A-Za-z0-9_-]+)"`)

func TestAdminInvitations(t *testing.T) {
	s := newStaff(t, service.Options{})
	invite := func(who, email, role string) response {
		return s.do(request{method: "POST", path: "/c/utrecht-oost/admin/invitations", cookies: s.as(who), header: english(),
			form: url.Values{"email": {email}, "invite_role": {role}}})
	}
	bad := invite("Ada", "not-an-address", "coordinator")
	checkPage(t, bad)
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, s.en.T("field.email.format")) ||
		!strings.Contains(bad.body, `value="coordinator" lang="" selected`) {
		t.Errorf("a bad address: %d\n%s", bad.status, bad.body)
	}
	if res := invite("Ada", "max@example.org", "coordinator"); res.status != http.StatusConflict || !strings.Contains(res.body, s.en.T("field.email.member")) {
		t.Errorf("inviting a member: %d", res.status)
	}
	if res := invite("Cor", "new@example.org", "admin"); res.status != http.StatusForbidden {
		t.Errorf("a coordinator invites an admin: %d", res.status)
	}

	made := invite("Cor", "New@Example.org", "volunteer")
	flash := made.cookie("mutua_invite")
	if made.status != http.StatusSeeOther || flash == nil || flash.Value == "" || !flash.HttpOnly {
		t.Fatalf("invite: %d, cookie %+v", made.status, flash)
	}
	page := s.do(request{method: "GET", path: "/c/utrecht-oost/admin/invitations", cookies: append(s.as("Cor"), flash), header: english()})
	m := inviteLink.FindStringSubmatch(page.body)
	if m == nil || !strings.Contains(page.body, s.en.T("admin.invitations.link.heading")) {
		t.Fatalf("the page shows no link:\n%s", page.body)
	}
	if c := page.cookie("mutua_invite"); c == nil || c.MaxAge >= 0 {
		t.Errorf("the link's cookie was not cleared: %+v", c)
	}
	link := m[1]
	again := s.do(request{method: "GET", path: "/c/utrecht-oost/admin/invitations", cookies: s.as("Cor"), header: english()})
	checkPage(t, again)
	if inviteLink.MatchString(again.body) || !strings.Contains(again.body, "new@example.org") {
		t.Error("the link shows twice, or the invitation is not listed")
	}

	runScenarios(t, s.harness, []scenario{
		{name: "the link shows the community and the role",
			req:    request{method: "GET", path: link, header: english()},
			status: http.StatusOK,
			contains: []string{s.en.T("admin.invite.title", "Name", "Utrecht Oost"), "Cor", s.en.T("role.volunteer"),
				s.en.T("admin.invite.register.email", "Email", "new@example.org"), s.en.T("admin.invite.role.volunteer")}},
		{name: "a short password comes back",
			req:      request{method: "POST", path: link, header: english(), form: url.Values{"name": {"Nel"}, "password": {"short"}, "language": {"en"}}},
			status:   http.StatusUnprocessableEntity,
			contains: []string{s.en.T("field.password.too_short", "Count", domain.MinPasswordLen), `value="Nel"`}},
		{name: "registered through the link, logged in and in the community",
			req:    request{method: "POST", path: link, header: english(), form: url.Values{"name": {"Nel"}, "password": {testPassword}, "language": {"en"}}},
			status: http.StatusSeeOther, location: "/c/utrecht-oost",
			check: func(t *testing.T, h *harness, res response) {
				c := res.cookie(httpx.SessionCookie)
				if c == nil {
					t.Fatal("no session")
				}
				home := h.do(request{method: "GET", path: "/c/utrecht-oost", cookies: []*http.Cookie{c}, header: english()})
				if !strings.Contains(home.body, "Your role: Volunteer") {
					t.Error("the new account is not a volunteer")
				}
			}},
		{name: "the link works once",
			req:    request{method: "GET", path: link, header: english()},
			status: http.StatusConflict, contains: []string{esc(s.en.T("error.invitation_used"))}},
		{name: "a made-up link",
			req:    request{method: "GET", path: "/invite/made-up", header: english()},
			status: http.StatusNotFound, contains: []string{esc(s.en.T("error.invitation_not_found"))}},
	})
	s.t = t

	// A logged-in member accepts a coordinator invitation with one button.
	invite("Ada", "someone@example.org", "coordinator")
	_, token, err := s.svc.Invite(service.WithActor(t.Context(), domain.User{ID: 1, IsOperator: true}), "utrecht-oost",
		domain.Grant{Email: "other@example.org", Role: domain.RoleCoordinator})
	if err != nil {
		t.Fatal(err)
	}
	form := s.do(request{method: "GET", path: "/invite/" + token, cookies: s.as("Max"), header: english()})
	checkPage(t, form)
	if !strings.Contains(form.body, s.en.T("admin.invite.accept.submit")) || strings.Contains(form.body, `name="password"`) {
		t.Error("a logged-in person is not offered to accept")
	}
	res := s.do(request{method: "POST", path: "/invite/" + token, cookies: s.as("Max"), form: url.Values{}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/c/utrecht-oost" {
		t.Fatalf("accept: %d to %s", res.status, res.header.Get("Location"))
	}
	if !strings.Contains(s.do(request{method: "GET", path: "/c/utrecht-oost", cookies: s.as("Max"), header: english()}).body, "Your role: Coordinator") {
		t.Error("the member did not become a coordinator")
	}

	// Withdrawn, a link stops working.
	list, _ := s.svc.Invitations(service.WithActor(t.Context(), domain.User{ID: 1, IsOperator: true}), "utrecht-oost", domain.Page{})
	if len(list) != 1 {
		t.Fatalf("open invitations: %+v", list)
	}
	res = s.do(request{method: "POST", path: "/c/utrecht-oost/admin/invitations/" + itoa(list[0].ID) + "/revoke", cookies: s.as("Ada"), form: url.Values{}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/c/utrecht-oost/admin/invitations?done=revoked" {
		t.Errorf("revoke: %d to %s", res.status, res.header.Get("Location"))
	}
	res = s.do(request{method: "POST", path: "/c/utrecht-oost/admin/invitations/" + itoa(list[0].ID) + "/revoke", cookies: s.as("Ada"), header: english(), form: url.Values{}})
	if res.status != http.StatusNotFound {
		t.Errorf("revoking twice: %d", res.status)
	}
}

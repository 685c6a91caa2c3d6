package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

func TestAccountPage(t *testing.T) {
	s := newStaff(t, service.Options{})
	other := s.login("cor@example.org")
	runScenarios(t, s.harness, []scenario{
		{name: "the account lists the communities with the role and their admin pages",
			req:    request{method: "GET", path: "/account", cookies: s.as("Cor"), header: english()},
			status: http.StatusOK,
			contains: []string{s.en.T("admin.account.title"), "Utrecht Oost", s.en.T("admin.account.communities.role", "Role", "Coordinator"),
				`href="/c/utrecht-oost/admin/members"`, `href="/account"`},
			absent: []string{`href="/c/utrecht-oost/admin/settings"`, `href="/operator"`}},
		{name: "an unknown language is refused",
			req:    request{method: "POST", path: "/account/language", cookies: s.as("Cor"), header: english(), form: url.Values{"language": {"tlh"}}},
			status: http.StatusUnprocessableEntity, contains: []string{s.en.T("field.language.format")}},
		{name: "a wrong current password is a field error",
			req: request{method: "POST", path: "/account/password", cookies: s.as("Cor"), header: english(),
				form: url.Values{"current_password": {"not it at all"}, "new_password": {"a brand new password"}}},
			status:   http.StatusUnprocessableEntity,
			contains: []string{s.en.T("field.current_password.wrong"), `id="f-current_password-error"`},
			absent:   []string{"not it at all", "a brand new password"}},
		{name: "Dutch, saved in the account and on this device",
			req:    request{method: "POST", path: "/account/language", cookies: s.as("Cor"), form: url.Values{"language": {"nl"}}},
			status: http.StatusSeeOther, location: "/account?done=language",
			check: func(t *testing.T, h *harness, res response) {
				if c := res.cookie("mutua_lang"); c == nil || c.Value != "nl" {
					t.Errorf("language cookie %+v", c)
				}
				page := h.do(request{method: "GET", path: "/account", cookies: s.as("Cor"), header: english()})
				if !strings.Contains(page.body, `<html lang="nl">`) {
					t.Error("the account's language does not apply")
				}
			}},
		{name: "a new password ends the other sessions and renews this one",
			req: request{method: "POST", path: "/account/password", cookies: s.as("Cor"),
				form: url.Values{"current_password": {testPassword}, "new_password": {"a brand new password"}}},
			status: http.StatusSeeOther, location: "/account?done=password",
			check: func(t *testing.T, h *harness, res response) {
				if res.cookie(httpx.SessionCookie) == nil {
					t.Error("no new session cookie")
				}
				if _, err := h.svc.Authenticate(t.Context(), other.Value); err == nil {
					t.Error("another session survived")
				}
			}},
	})
	s.t = t
	ada := s.as("Ada")
	keep := s.login("ada@example.org")
	res := s.do(request{method: "POST", path: "/account/logout-everywhere", cookies: ada, form: url.Values{}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
		t.Fatalf("log out everywhere: %d to %s", res.status, res.header.Get("Location"))
	}
	for _, c := range []*http.Cookie{ada[0], keep} {
		if _, err := s.svc.Authenticate(t.Context(), c.Value); err == nil {
			t.Error("a session survived logging out everywhere")
		}
	}
}

func TestOperatorPage(t *testing.T) {
	s := newStaff(t, service.Options{})
	create := func(form url.Values) request {
		return request{method: "POST", path: "/operator", cookies: s.as("Olga"), header: english(), form: form}
	}
	good := url.Values{"community_name": {"Gent Noord"}, "slug": {"gent-noord"}, "default_language": {"nl"},
		"community_languages": {"fr"}, "lat": {"51.07"}, "lon": {"3.72"}, "community_radius": {"4"}}
	runScenarios(t, s.harness, []scenario{
		{name: "the operator sees every community",
			req:    request{method: "GET", path: "/operator", cookies: s.as("Olga"), header: english()},
			status: http.StatusOK, contains: []string{"Utrecht Oost", "Ljubljana Center", `name="slug"`, `data-point-map`}},
		{name: "mistakes come back",
			req:      create(url.Values{"community_name": {""}, "slug": {"Not A Slug"}, "lat": {"x"}, "lon": {"3"}, "community_radius": {"0"}}),
			status:   http.StatusUnprocessableEntity,
			contains: []string{s.en.T("field.number"), `value="Not A Slug"`}},
		{name: "a slug taken already",
			req: create(url.Values{"community_name": {"Again"}, "slug": {"ljubljana"}, "default_language": {"sl"}, "lat": {"46"},
				"lon": {"14.5"}, "community_radius": {"3"}}),
			status: http.StatusConflict, contains: []string{s.en.T("field.slug.taken")}},
		{name: "invalid values the service finds",
			req: create(url.Values{"community_name": {""}, "slug": {"-bad-"}, "default_language": {"sl"}, "lat": {"46"},
				"lon": {"14.5"}, "community_radius": {"9000"}}),
			status:   http.StatusUnprocessableEntity,
			contains: []string{s.en.T("field.slug.format"), s.en.T("field.community_radius.range", "Count", domain.MaxRadiusKM)}},
		{name: "created",
			req: create(good), status: http.StatusSeeOther, location: "/operator?done=community&created=gent-noord"},
		{name: "the page explains how to invite the first admin",
			req:    request{method: "GET", path: "/operator?done=community&created=gent-noord", cookies: s.as("Olga"), header: english()},
			status: http.StatusOK,
			contains: []string{s.en.T("admin.notice.community"), s.en.T("admin.operator.created.heading", "Name", "Gent Noord"),
				`href="/c/gent-noord/admin/invitations"`}},
	})
	s.t = t
	c, err := s.svc.Community(t.Context(), "gent-noord")
	if err != nil || strings.Join(c.Languages, ",") != "nl,fr" || c.RadiusKM != 4 {
		t.Errorf("created %+v, %v", c, err)
	}
	// The operator acts as admin of the new community: its invitations
	// page opens, and an admin invitation can be made there.
	res := s.do(request{method: "POST", path: "/c/gent-noord/admin/invitations", cookies: s.as("Olga"),
		form: url.Values{"email": {"first@example.org"}, "invite_role": {"admin"}}})
	if res.status != http.StatusSeeOther || res.cookie("mutua_invite") == nil {
		t.Errorf("the operator invites the first admin: %d", res.status)
	}
}

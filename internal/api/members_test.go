package api_test

import (
	"strings"
	"testing"

	"mutua/internal/service"
)

func TestMemberScenarios(t *testing.T) {
	w := newWorld(t, service.Options{})
	grant := func(email, role string) string { return `{"email":"` + email + `","role":"` + role + `"}` }
	w.run(t, []scenario{
		{name: "member may not list members", actor: "member", method: "GET", path: "/api/v1/communities/alpha/members", status: 403},
		{name: "admin makes a coordinator", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("member@alpha.example", "coordinator"), status: 200, want: []string{`"role":"coordinator"`, `"community":"alpha"`}},
		{name: "admin adds a person from another community", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("member@beta.example", "volunteer"), status: 201, want: []string{`"role":"volunteer"`}},
		{name: "coordinator onboards a volunteer", actor: "coord", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("member@beta.example", "member"), status: 200},
		{name: "coordinator may not make admins", actor: "coord", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("vol@alpha.example", "admin"), status: 403, want: []string{`"code":"role_not_grantable"`}},
		{name: "coordinator may not demote the admin", actor: "coord", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("admin@alpha.example", "member"), status: 403, want: []string{`"code":"role_not_grantable"`}},
		{name: "volunteer may not grant", actor: "vol", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("member@alpha.example", "volunteer"), status: 403, want: []string{`"code":"forbidden"`}},
		{name: "last admin cannot step down", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("admin@alpha.example", "member"), status: 409, want: []string{`"code":"last_admin"`}},
		{name: "unknown role", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("vol@alpha.example", "king"), status: 422},
		{name: "unknown account", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("ghost@example.org", "member"), status: 404, want: []string{`"code":"user_not_found"`}},
		{name: "invalid email", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("ghost", "member"), status: 422},
		{name: "anonymous may not grant", method: "POST", path: "/api/v1/communities/alpha/members",
			body: grant("vol@alpha.example", "member"), status: 401},
		{name: "unknown community", actor: "admin", method: "POST", path: "/api/v1/communities/nowhere/members",
			body: grant("vol@alpha.example", "member"), status: 404},
		{name: "operator grants anywhere", actor: "operator", method: "POST", path: "/api/v1/communities/beta/members",
			body: grant("vol@alpha.example", "coordinator"), status: 201},
		{name: "coordinator lists members", actor: "coord", method: "GET", path: "/api/v1/communities/alpha/members",
			status: 200, want: []string{"admin@alpha.example", "vol@alpha.example"}, reject: []string{"admin@beta.example"}},
		{name: "join", actor: "beta-member", method: "POST", path: "/api/v1/communities/alpha/join", status: 200,
			want: []string{`"community":"alpha"`}},
	})
}

// TestCrossCommunityIsolation: people of one community can never read or
// change another community's data.
func TestCrossCommunityIsolation(t *testing.T) {
	w := newWorld(t, service.Options{})
	w.run(t, []scenario{
		{name: "beta admin cannot list alpha members", actor: "beta-admin", method: "GET", path: "/api/v1/communities/alpha/members",
			status: 403, want: []string{`"code":"not_a_member"`}, reject: []string{"@alpha.example"}},
		{name: "beta admin cannot grant in alpha", actor: "beta-admin", method: "POST", path: "/api/v1/communities/alpha/members",
			body: `{"email":"admin@beta.example","role":"admin"}`, status: 403},
		{name: "alpha admin cannot grant in beta", actor: "admin", method: "POST", path: "/api/v1/communities/beta/members",
			body: `{"email":"admin@alpha.example","role":"admin"}`, status: 403},
		{name: "alpha admin cannot demote beta's admin", actor: "admin", method: "POST", path: "/api/v1/communities/beta/members",
			body: `{"email":"admin@beta.example","role":"member"}`, status: 403},
		{name: "beta members list has only beta", actor: "beta-admin", method: "GET", path: "/api/v1/communities/beta/members",
			status: 200, want: []string{"member@beta.example"}, reject: []string{"@alpha.example"}},
		{name: "me shows only own memberships", actor: "beta-member", method: "GET", path: "/api/v1/me",
			status: 200, want: []string{`"community":"beta"`}, reject: []string{`"community":"alpha"`}},
	})
}

// TestListsArePaged: limit and offset reach the lists that embed
// PageQuery, and out-of-range values are refused.
func TestListsArePaged(t *testing.T) {
	w := newWorld(t, service.Options{})
	first := w.mustDo(t, "admin", "GET", "/api/v1/communities/alpha/members?limit=1", "", 200)
	second := w.mustDo(t, "admin", "GET", "/api/v1/communities/alpha/members?limit=1&offset=1", "", 200)
	if strings.Count(first, `"user_id"`) != 1 || strings.Count(second, `"user_id"`) != 1 || first == second {
		t.Errorf("limit=1 gave %s, and offset=1 %s", first, second)
	}
	w.run(t, []scenario{
		{name: "limit too large", actor: "admin", method: "GET", path: "/api/v1/communities/alpha/members?limit=1000", status: 422, want: []string{"limit"}},
		{name: "negative offset", actor: "admin", method: "GET", path: "/api/v1/communities/alpha/requests?offset=-1", status: 422, want: []string{"offset"}},
	})
}

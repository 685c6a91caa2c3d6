package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"mutua/internal/service"
)

func TestCommunityScenarios(t *testing.T) {
	w := newWorld(t, service.Options{})
	good := `{"slug":"zalec","name":"Žalec","languages":["sl","en"],"center":{"lat":46.25,"lng":15.16},"radius_km":8}`
	w.run(t, []scenario{
		{name: "public list", method: "GET", path: "/api/v1/communities", status: 200,
			want: []string{`"slug":"alpha"`, `"slug":"beta"`}},
		{name: "public one", method: "GET", path: "/api/v1/communities/alpha", status: 200,
			want: []string{`"name":"ALPHA"`, `"languages":["en","sl"]`, `"radius_km":10`, `"groceries"`}},
		{name: "unknown community", method: "GET", path: "/api/v1/communities/nowhere", status: 404,
			want: []string{`"code":"community_not_found"`}},
		{name: "overlong slug", method: "GET", path: "/api/v1/communities/" + strings.Repeat("x", 41), status: 422},
		{name: "create needs login", method: "POST", path: "/api/v1/communities", body: good, status: 401},
		{name: "community admin may not create", actor: "admin", method: "POST", path: "/api/v1/communities", body: good,
			status: 403, want: []string{`"code":"operator_only"`}},
		{name: "operator creates", actor: "operator", method: "POST", path: "/api/v1/communities", body: good,
			status: 201, want: []string{`"slug":"zalec"`, `"categories":["groceries"`}},
		{name: "duplicate slug", actor: "operator", method: "POST", path: "/api/v1/communities", body: good,
			status: 409, want: []string{`"code":"slug_taken"`}},
		{name: "invalid community", actor: "operator", method: "POST", path: "/api/v1/communities",
			body:   `{"slug":"Bad Slug","name":"","languages":[],"center":{"lat":100,"lng":0},"radius_km":-1,"categories":["weapons"]}`,
			status: 422, want: []string{`"field":"slug"`, `"field":"name"`, `"field":"languages"`, `"field":"center"`, `"field":"radius_km"`, `"field":"categories"`}},
		{name: "missing center", actor: "operator", method: "POST", path: "/api/v1/communities",
			body: `{"slug":"x1","name":"X","languages":["en"],"radius_km":5}`, status: 422, want: []string{"center"}},
	})
}

func TestCommunityListPaging(t *testing.T) {
	w := newWorld(t, service.Options{})
	res, body := w.do(t, "", "GET", "/api/v1/communities?limit=1&offset=1", "")
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var list []struct{ Slug string }
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Slug != "beta" {
		t.Fatalf("second page of one = %+v, want [beta]", list)
	}
	if res, _ := w.do(t, "", "GET", "/api/v1/communities?limit=100000", ""); res.StatusCode != 422 {
		t.Fatalf("limit past the maximum: %d, want 422", res.StatusCode)
	}
}

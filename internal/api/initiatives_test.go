package api_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"mutua/internal/service"
)

// initiativeBody is an initiative near alpha's centre with every field.
func initiativeBody(name, sector string) string {
	return fmt.Sprintf(`{"name":%q,"sector":%q,"description":"Bring what is broken","address":"Šlandrov trg 1, Žalec",`+
		`"location":{"lat":46.051,"lng":14.502},"website":"https://example.org/repair","contact":"info@example.org",`+
		`"opening_times":"Sat 9-12","languages":["sl","en"]}`, name, sector)
}

func TestInitiativesScenarios(t *testing.T) {
	w := newWorld(t, service.Options{})
	const list = "/api/v1/communities/alpha/initiatives"
	approved := w.postedID(t, "admin", list, initiativeBody("Popravljalnica Žalec", "repair"))
	proposed := w.postedID(t, "member", list, initiativeBody("Skupnostni vrt", "gardening"))
	beta := w.postedID(t, "beta-admin", "/api/v1/communities/beta/initiatives", initiativeBody("Beta Žalec", "repair"))
	org := w.postedID(t, "member", "/api/v1/communities/alpha/organisations",
		`{"name":"Sončna zadruga","type":"cooperative","sector":"Energy","location":{"lat":46.06,"lng":14.51}}`)
	w.mustDo(t, "admin", "POST", fmt.Sprintf("/api/v1/communities/alpha/organisations/%d/approve", org), "", 200)
	one := func(id int64) string { return fmt.Sprintf("%s/%d", list, id) }
	long := url.QueryEscape(strings.Repeat("a", 201))

	w.run(t, []scenario{
		{name: "a visitor searches without diacritics", method: "GET", path: list + "?q=zalec", status: 200,
			want:   []string{`"name":"Popravljalnica Žalec"`, `"kind":"initiative"`, `"opening_times":"Sat 9-12"`},
			reject: []string{"Skupnostni", "Beta"}},
		{name: "upper case finds it too", method: "GET", path: list + "?q=Zalec", status: 200, want: []string{"Popravljalnica"}},
		{name: "an approved organisation is listed, its sector mapped", method: "GET", path: list + "?sector=energy", status: 200,
			want: []string{`"kind":"organisation"`, `"name":"Sončna zadruga"`, `"sector":"energy"`}, reject: []string{"Popravljalnica"}},
		{name: "FTS syntax is text", method: "GET", path: list + "?q=" + url.QueryEscape(`"zalec* NEAR -( :`), status: 200,
			reject: []string{"Skupnostni"}},
		{name: "near a point", method: "GET", path: list + "?near=46.051,14.502&radius_km=1", status: 200,
			want: []string{"Popravljalnica", `"distance_km":`}, reject: []string{"Sončna"}},
		{name: "a proposed one is not listed to members", actor: "member", method: "GET", path: list, status: 200,
			reject: []string{"Skupnostni"}},
		{name: "the proposer sees it", actor: "member", method: "GET", path: one(proposed), status: 200,
			want: []string{`"status":"proposed"`}},
		{name: "another member does not", actor: "vol", method: "GET", path: one(proposed), status: 404},
		{name: "a visitor does not", method: "GET", path: one(proposed), status: 404},
		{name: "members do not list proposals", actor: "member", method: "GET", path: list + "?proposed=true", status: 403},
		{name: "admins list proposals", actor: "admin", method: "GET", path: list + "?proposed=true", status: 200,
			want: []string{"Skupnostni vrt"}, reject: []string{"Popravljalnica"}},
		{name: "a member cannot approve", actor: "member", method: "POST", path: one(proposed) + "/approve", status: 403},
		{name: "an admin approves", actor: "admin", method: "POST", path: one(proposed) + "/approve", status: 200,
			want: []string{`"status":"approved"`, `"approved_by":`}},
		{name: "twice is a conflict", actor: "admin", method: "POST", path: one(proposed) + "/approve", status: 409},
		{name: "a visitor reads an approved one", method: "GET", path: one(approved), status: 200,
			want: []string{`"website":"https://example.org/repair"`, `"languages":["sl","en"]`, `"contact":"info@example.org"`}},
		{name: "another community's initiative", actor: "admin", method: "GET", path: one(beta), status: 404},
		{name: "approve another community's", actor: "admin", method: "POST", path: one(beta) + "/approve", status: 404},
		{name: "a visitor cannot propose", method: "POST", path: list, body: initiativeBody("X", "food"), status: 401},
		{name: "a non-member cannot propose", actor: "beta-member", method: "POST", path: list, body: initiativeBody("X", "food"), status: 403},
		{name: "no location", actor: "member", method: "POST", path: list,
			body: `{"name":"Food bank","sector":"food"}`, status: 422, want: []string{"location"}},
		{name: "location outside the area", actor: "member", method: "POST", path: list,
			body: `{"name":"Food bank","sector":"food","location":{"lat":0,"lng":0}}`, status: 422, want: []string{"outside_area"}},
		{name: "unknown sector in a proposal", actor: "member", method: "POST", path: list,
			body: `{"name":"Food bank","sector":"banking","location":{"lat":46.05,"lng":14.5}}`, status: 422},
		{name: "a javascript website", actor: "member", method: "POST", path: list,
			body:   `{"name":"Food bank","sector":"food","website":"javascript:alert(1)","location":{"lat":46.05,"lng":14.5}}`,
			status: 422, want: []string{"website"}},
		{name: "unknown sector in a search", method: "GET", path: list + "?sector=banking", status: 422, want: []string{"sector"}},
		{name: "a search over 200 characters", method: "GET", path: list + "?q=" + long, status: 422, want: []string{`"q"`}},
		{name: "200 characters are fine", method: "GET", path: list + "?q=" + strings.Repeat("ž", 200), status: 200},
		{name: "coordinates out of range", method: "GET", path: list + "?near=91,14.5", status: 422, want: []string{"near"}},
		{name: "near that is no point", method: "GET", path: list + "?near=here", status: 422},
		{name: "a radius too large", method: "GET", path: list + "?near=46.05,14.5&radius_km=500", status: 422, want: []string{"radius_km"}},
		{name: "unknown community", method: "GET", path: "/api/v1/communities/nowhere/initiatives", status: 404},
	})
}

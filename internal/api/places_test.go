package api_test

import (
	"testing"

	"mutua/internal/service"
)

func TestPlaceScenarios(t *testing.T) {
	w := newWorld(t, service.Options{})
	place := func(name string, lat, lng string) string {
		return `{"name":"` + name + `","point":{"lat":` + lat + `,"lng":` + lng + `}}`
	}
	w.run(t, []scenario{
		{name: "admin names a place", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/places",
			body: place("Šiška", "46.07", "14.49"), status: 201, want: []string{`"name":"Šiška"`, `"lat":46.07`}},
		{name: "a name is used once", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/places",
			body: place(" Šiška ", "46.06", "14.49"), status: 409, want: []string{`"code":"place_taken"`, `"field":"name"`}},
		{name: "a place outside the area", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/places",
			body: place("Maribor", "46.55", "15.64"), status: 422, want: []string{`"field":"point"`, `"code":"outside_area"`}},
		{name: "an empty name", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/places",
			body: place("  ", "46.05", "14.5"), status: 422, want: []string{`"field":"name"`}},
		{name: "latitude out of range", actor: "admin", method: "POST", path: "/api/v1/communities/alpha/places",
			body: place("Pole", "91", "14.5"), status: 422},
		{name: "a coordinator may not name places", actor: "coord", method: "POST", path: "/api/v1/communities/alpha/places",
			body: place("Bežigrad", "46.07", "14.51"), status: 403},
		{name: "another community's admin may not", actor: "beta-admin", method: "POST", path: "/api/v1/communities/alpha/places",
			body: place("Bežigrad", "46.07", "14.51"), status: 403},
		{name: "a member lists the places", actor: "member", method: "GET", path: "/api/v1/communities/alpha/places",
			status: 200, want: []string{`"name":"Šiška"`}},
		{name: "beta has none of alpha's places", actor: "beta-admin", method: "GET", path: "/api/v1/communities/beta/places",
			status: 200, reject: []string{"Šiška"}},
		{name: "a place of another community cannot be removed", actor: "beta-admin", method: "DELETE", path: "/api/v1/communities/beta/places/1",
			status: 404},
		{name: "admin removes it", actor: "admin", method: "DELETE", path: "/api/v1/communities/alpha/places/1", status: 204},
		{name: "removed twice", actor: "admin", method: "DELETE", path: "/api/v1/communities/alpha/places/1", status: 404},
	})
}

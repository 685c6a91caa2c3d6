package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"mutua/internal/service"
)

func TestOpenAPIDocument(t *testing.T) {
	w := newWorld(t, service.Options{})
	res, body := w.do(t, "", "GET", "/api/v1/openapi.json", "")
	if res.StatusCode != 200 {
		t.Fatalf("openapi.json: %d", res.StatusCode)
	}
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi version %q, want 3.1", doc.OpenAPI)
	}
	contract := map[string][]string{
		"/api/v1/auth/register":           {"post"},
		"/api/v1/auth/login":              {"post"},
		"/api/v1/me":                      {"get"},
		"/api/v1/communities":             {"get", "post"},
		"/api/v1/communities/{c}":         {"get"},
		"/api/v1/communities/{c}/members": {"post"},
		// Issue 5's contract: tools outside the project rely on these.
		"/api/v1/communities/{c}/organisations":              {"get", "post"},
		"/api/v1/communities/{c}/organisations/{id}/approve": {"post"},
		"/api/v1/communities/{c}/opportunities":              {"get", "post"},
		"/api/v1/communities/{c}/opportunities/{id}":         {"get"},
		"/api/v1/communities/{c}/shifts/{id}/signups":        {"post"},
		"/api/v1/communities/{c}/shifts/{id}/signups/me":     {"delete"},
		"/api/v1/communities/{c}/shifts/{id}/checkin":        {"post"},
		"/api/v1/communities/{c}/shifts/{id}/close":          {"post"},
		"/api/v1/communities/{c}/offers":                     {"get", "post"},
		"/api/v1/communities/{c}/me/calendar.ics":            {"get"},
		"/api/v1/communities/{c}/opportunities/{id}.ics":     {"get"},
	}
	for path, methods := range contract {
		for _, m := range methods {
			if _, ok := doc.Paths[path][m]; !ok {
				t.Errorf("contract path %s %s missing from the document", strings.ToUpper(m), path)
			}
		}
	}
	if strings.Contains(body, "cdn.") || strings.Contains(body, "unpkg") {
		t.Error("the document refers to a CDN")
	}
	if res, _ := w.do(t, "", "GET", "/api/v1/docs", ""); res.StatusCode == 200 {
		t.Error("a docs page that would load from a CDN is served")
	}
}

func TestBodyLimit(t *testing.T) {
	w := newWorld(t, service.Options{})
	huge := `{"email":"` + strings.Repeat("a", 2<<20) + `","password":"x"}`
	res, body := w.do(t, "", "POST", "/api/v1/auth/login", huge)
	if res.StatusCode != 413 {
		t.Fatalf("2 MiB body: %d %s", res.StatusCode, body[:min(len(body), 200)])
	}
	checkProblem(t, res, body)
}

func TestUnknownEndpointsAnswerWithProblems(t *testing.T) {
	w := newWorld(t, service.Options{})
	w.run(t, []scenario{
		{name: "unknown path", method: "GET", path: "/api/v1/nothing", status: 404, want: []string{`"code":"not_found"`}},
		{name: "wrong method", method: "DELETE", path: "/api/v1/me", status: 404, want: []string{`"code":"not_found"`}},
		{name: "unknown version", method: "GET", path: "/api/v2/communities", status: 404},
	})
}

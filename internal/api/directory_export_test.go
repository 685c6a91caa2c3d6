package api_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// exportWorld is a shift world with, in alpha, an approved initiative, an
// approved one whose name is a formula, a proposed one, an approved
// organisation with a one-off and a weekly opportunity, a proposed
// organisation; and an initiative in beta.
type exportWorld struct {
	*shiftWorld
	weekly int64
}

func newExportWorld(t *testing.T) *exportWorld {
	t.Helper()
	xw := &exportWorld{shiftWorld: newShiftWorld(t)}
	list := "/api/v1/communities/alpha/initiatives"
	xw.postedID(t, "admin", list, initiativeBody("Popravljalnica Žalec", "repair"))
	xw.postedID(t, "admin", list, `{"name":"=HYPERLINK(\"http://evil.example\")","sector":"food",`+
		`"location":{"lat":46.05,"lng":14.5},"contact":"+386 1 234 5678","description":"@SUM(A1)"}`)
	xw.postedID(t, "member", list, initiativeBody("Skupnostni vrt", "gardening"))
	xw.postedID(t, "beta-admin", "/api/v1/communities/beta/initiatives", initiativeBody("Beta repair", "repair"))
	xw.postedID(t, "member", "/api/v1/communities/alpha/organisations",
		`{"name":"Pending co-op","type":"cooperative","sector":"energy","location":{"lat":46.05,"lng":14.5}}`)
	xw.post(t, 5)
	until := xw.starts.AddDate(0, 2, 0).Format(time.DateOnly)
	var o domain.Opportunity
	xw.must(t, "member", http.MethodPost, "/opportunities", fmt.Sprintf(`{"organisation_id":%d,"title":"Saturdays",
		"description":"Sorting","category":"food","skills":[],"location":{"lat":46.05,"lng":14.5},"address":"",
		"languages":["sl","en"],"shifts":[],"recurrence":{"days":["sat","sun"],"start":"09:00","end":"12:00",
		"capacity":6,"until":%q}}`, xw.org, until), 201, &o)
	xw.weekly = o.ID
	return xw
}

func TestDirectoryHSDSExport(t *testing.T) {
	xw := newExportWorld(t)
	const path = "/api/v1/communities/alpha/directory.hsds.json"
	read := func(actor string) (service.HSDSExport, string) {
		t.Helper()
		res, body := xw.do(t, actor, http.MethodGet, path, "")
		if res.StatusCode != 200 {
			t.Fatalf("GET %s as %q: %d %s", path, actor, res.StatusCode, body)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=300" {
			t.Errorf("Cache-Control %q", cc)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
		var x service.HSDSExport
		if err := json.Unmarshal([]byte(body), &x); err != nil {
			t.Fatalf("the export does not parse: %v: %s", err, body)
		}
		return x, body
	}
	x, body := read("")
	if x.Version != "3.0" || x.Community != "alpha" {
		t.Errorf("version %q community %q", x.Version, x.Community)
	}
	orgs := map[string]service.HSDSOrganization{}
	for _, o := range x.Organizations {
		if _, dup := orgs[o.ID]; dup {
			t.Errorf("organization id %q twice", o.ID)
		}
		orgs[o.ID] = o
	}
	if len(orgs) != 3 {
		t.Errorf("%d organizations, want 3 (two initiatives, one organisation): %s", len(orgs), body)
	}
	for _, reject := range []string{"Skupnostni", "Pending co-op", "Beta repair", "member@", "password", "proposed_by"} {
		if strings.Contains(body, reject) {
			t.Errorf("the export holds %q: %s", reject, body)
		}
	}
	food, ok := orgs[fmt.Sprintf("organisation-%d", xw.org)]
	if !ok || food.Email != "info@foodbank.example" || food.Website != "https://foodbank.example" || food.Sector != "food" {
		t.Errorf("the food bank is %+v (found %v)", food, ok)
	}
	var repair, formula service.HSDSOrganization
	for _, o := range x.Organizations {
		switch {
		case o.Name == "Popravljalnica Žalec":
			repair = o
		case strings.HasPrefix(o.Name, "="):
			formula = o
		}
	}
	if !strings.HasPrefix(repair.ID, "initiative-") || repair.Email != "info@example.org" || repair.Description != "Bring what is broken" {
		t.Errorf("the repair café is %+v", repair)
	}
	if formula.Email != "" || len(formula.Phones) != 1 || formula.Phones[0].Number != "+386 1 234 5678" ||
		formula.Phones[0].OrganizationID != formula.ID {
		t.Errorf("a phone contact becomes %+v", formula)
	}

	if len(x.Locations) != 3 {
		t.Errorf("%d locations, want 3", len(x.Locations))
	}
	for _, l := range x.Locations {
		if _, ok := orgs[l.OrganizationID]; !ok {
			t.Errorf("location %q refers to organization %q, not in the export", l.ID, l.OrganizationID)
		}
		if l.LocationType != "physical" || l.Latitude == 0 || l.Longitude == 0 {
			t.Errorf("location %+v", l)
		}
		if l.OrganizationID != repair.ID {
			continue
		}
		if len(l.Addresses) != 1 || l.Addresses[0].Address1 != "Šlandrov trg 1" || l.Addresses[0].City != "Žalec" ||
			l.Addresses[0].AddressType != "physical" || l.Addresses[0].LocationID != l.ID {
			t.Errorf("the repair café's addresses %+v", l.Addresses)
		}
		if len(l.Languages) != 2 || l.Languages[0].Name != "sl" || len(l.Schedules) != 1 || l.Schedules[0].Description != "Sat 9-12" {
			t.Errorf("the repair café's languages %+v, schedules %+v", l.Languages, l.Schedules)
		}
	}

	if len(x.Services) != 2 {
		t.Fatalf("%d services, want 2: %+v", len(x.Services), x.Services)
	}
	for _, s := range x.Services {
		if _, ok := orgs[s.OrganizationID]; !ok || s.OrganizationID != food.ID {
			t.Errorf("service %q refers to organization %q", s.ID, s.OrganizationID)
		}
		if s.Status != "active" || s.Name == "" {
			t.Errorf("service %+v", s)
		}
	}
	weekly := x.Services[slices.IndexFunc(x.Services, func(s service.HSDSService) bool {
		return s.ID == fmt.Sprintf("opportunity-%d", xw.weekly)
	})]
	if len(weekly.Schedules) != 1 || weekly.Schedules[0].Freq != "WEEKLY" || weekly.Schedules[0].ByDay != "SA,SU" ||
		weekly.Schedules[0].OpensAt != "09:00" || weekly.Schedules[0].ClosesAt != "12:00" || weekly.Schedules[0].ServiceID != weekly.ID {
		t.Errorf("the weekly opportunity's schedule %+v", weekly.Schedules)
	}
	if once := x.Services[0]; once.ID == weekly.ID || len(once.Schedules) != 0 {
		t.Errorf("the one-off opportunity %+v", once)
	}

	// The same ids and order on a second call, by a member this time.
	again, _ := read("member")
	ids := func(x service.HSDSExport) []string {
		var out []string
		for _, o := range x.Organizations {
			out = append(out, o.ID)
		}
		for _, s := range x.Services {
			out = append(out, s.ID)
		}
		for _, l := range x.Locations {
			out = append(out, l.ID)
		}
		return out
	}
	if a, b := ids(x), ids(again); !slices.Equal(a, b) {
		t.Errorf("ids differ between calls:\n%v\n%v", a, b)
	}

	res, nobody := xw.do(t, "", http.MethodGet, "/api/v1/communities/nowhere/directory.hsds.json", "")
	if res.StatusCode != 404 {
		t.Fatalf("unknown community: %d", res.StatusCode)
	}
	checkProblem(t, res, nobody)
}

func TestDirectoryCSVExport(t *testing.T) {
	xw := newExportWorld(t)
	res, body := xw.do(t, "", http.MethodGet, "/api/v1/communities/alpha/directory.csv", "")
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	for h, want := range map[string]string{
		"Content-Type":        "text/csv; charset=utf-8",
		"Content-Disposition": `attachment; filename="alpha-directory.csv"`,
		"Cache-Control":       "public, max-age=300",
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s %q, want %q", h, got, want)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, body)
	}
	header := []string{"kind", "id", "name", "sector", "description", "address", "lat", "lng", "website", "contact",
		"opening_times", "languages"}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		t.Fatalf("header %v", rows[:min(1, len(rows))])
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows after the header, want 3 approved entries:\n%s", len(rows)-1, body)
	}
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		byName[r[2]] = r
	}
	formula, ok := byName[`'=HYPERLINK("http://evil.example")`]
	if !ok {
		t.Fatalf("the formula name is not neutralised:\n%s", body)
	}
	if formula[4] != "'@SUM(A1)" || formula[9] != "'+386 1 234 5678" || formula[0] != "initiative" {
		t.Errorf("the formula row %q", formula)
	}
	repair := byName["Popravljalnica Žalec"]
	if len(repair) != len(header) || repair[3] != "repair" || repair[5] != "Šlandrov trg 1, Žalec" || repair[6] != "46.051" ||
		repair[7] != "14.502" || repair[10] != "Sat 9-12" || repair[11] != "sl; en" || !strings.HasPrefix(repair[1], "initiative-") {
		t.Errorf("the repair café's row %q", repair)
	}
	food := byName["Food bank"]
	if len(food) != len(header) || food[0] != "organisation" || food[1] != fmt.Sprintf("organisation-%d", xw.org) ||
		food[9] != "info@foodbank.example" {
		t.Errorf("the food bank's row %q", food)
	}
	for _, reject := range []string{"Skupnostni", "Pending co-op", "Beta repair"} {
		if strings.Contains(body, reject) {
			t.Errorf("the CSV holds %q", reject)
		}
	}

	res, body = xw.do(t, "", http.MethodGet, "/api/v1/communities/beta/directory.csv", "")
	if res.StatusCode != 200 || !strings.Contains(body, "Beta repair") || strings.Contains(body, "Popravljalnica") {
		t.Errorf("beta's CSV (%d):\n%s", res.StatusCode, body)
	}
	res, body = xw.do(t, "", http.MethodGet, "/api/v1/communities/nowhere/directory.csv", "")
	if res.StatusCode != 404 {
		t.Fatalf("unknown community: %d", res.StatusCode)
	}
	checkProblem(t, res, body)
}

func TestDirectoryExportsInOpenAPI(t *testing.T) {
	w := newWorld(t, service.Options{})
	_, body := w.do(t, "", http.MethodGet, "/api/v1/openapi.json", "")
	var doc struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Content map[string]any `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("openapi: %v", err)
	}
	if _, ok := doc.Paths["/api/v1/communities/{c}/directory.csv"]["get"].Responses["200"].Content["text/csv"]; !ok {
		t.Errorf("the CSV download is not described as text/csv")
	}
	if _, ok := doc.Paths["/api/v1/communities/{c}/directory.hsds.json"]["get"].Responses["200"].Content["application/json"]; !ok {
		t.Errorf("the HSDS export is not described as JSON")
	}
}

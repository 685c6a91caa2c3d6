package api_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// impactWorld is alpha with three volunteer profiles made this month, six
// requests made and two of them cancelled: made 6 (public), cancelled 2
// and new volunteers 3 (suppressed for all but alpha's admins).
func impactWorld(t *testing.T) *world {
	t.Helper()
	w := exchangeWorld(t, "approval")
	var ids []int64
	for range 6 {
		ids = append(ids, w.askHelp(t, "member", "alpha"))
	}
	for _, id := range ids[:2] {
		w.mustDo(t, "member", "POST", fmt.Sprintf("/api/v1/communities/alpha/requests/%d/cancel", id), "", 200)
	}
	w.askHelp(t, "beta-member", "beta")
	return w
}

func TestImpactAPIScenarios(t *testing.T) {
	w := impactWorld(t)
	const stats = "/api/v1/communities/alpha/stats"
	current := `"requests_made":{"value":6,"suppressed":false}`
	w.run(t, []scenario{
		{name: "a visitor reads the summary, suppressed", method: "GET", path: stats, status: 200,
			want: []string{current, `"requests_cancelled":{"value":0,"suppressed":true}`, `"new_volunteers":{"value":0,"suppressed":true}`,
				`"category":"groceries"`}},
		{name: "the summary is suppressed for admins too", actor: "admin", method: "GET", path: stats, status: 200,
			want: []string{`"requests_cancelled":{"value":0,"suppressed":true}`}},
		{name: "a visitor reads the months, suppressed", method: "GET", path: stats + "/monthly", status: 200,
			want:   []string{`"exact":false`, current, `"requests_cancelled":{"value":0,"suppressed":true}`},
			reject: []string{`"requests_cancelled":{"value":2`}},
		{name: "a member sees the same", actor: "member", method: "GET", path: stats + "/monthly", status: 200,
			want: []string{`"exact":false`, `"new_volunteers":{"value":0,"suppressed":true}`}},
		{name: "a coordinator sees the same", actor: "coord", method: "GET", path: stats + "/monthly", status: 200,
			want: []string{`"exact":false`}},
		{name: "the admin sees every figure", actor: "admin", method: "GET", path: stats + "/monthly", status: 200,
			want: []string{`"exact":true`, current, `"requests_cancelled":{"value":2,"suppressed":false}`,
				`"new_volunteers":{"value":3,"suppressed":false}`}},
		{name: "another community's admin does not", actor: "beta-admin", method: "GET", path: stats + "/monthly", status: 200,
			want: []string{`"exact":false`, `"requests_cancelled":{"value":0,"suppressed":true}`}},
		{name: "beta's figures are beta's own", actor: "beta-admin", method: "GET", path: "/api/v1/communities/beta/stats/monthly", status: 200,
			want: []string{`"exact":true`, `"requests_made":{"value":1,"suppressed":false}`}},
		{name: "an unknown community", method: "GET", path: "/api/v1/communities/nowhere/stats", status: 404},
		{name: "a bad token is refused, not read as a visitor", actor: "nonsense", method: "GET", path: stats + "/monthly", status: 401},
		{name: "the comparison", method: "GET", path: "/api/v1/stats/comparison", status: 200,
			want: []string{`"slug":"alpha"`, `"slug":"beta"`, `"unknown_population"`, `"can_set_population":false`}},
		{name: "an admin may not set the population", actor: "admin", method: "PUT", path: "/api/v1/communities/alpha/population",
			body: `{"population":12000}`, status: 403},
		{name: "a negative population", actor: "operator", method: "PUT", path: "/api/v1/communities/alpha/population",
			body: `{"population":-5}`, status: 422},
		{name: "the operator sets it", actor: "operator", method: "PUT", path: "/api/v1/communities/alpha/population",
			body: `{"population":12000}`, status: 200, want: []string{`"population":12000`}},
		{name: "alpha is in the 5,000–20,000 band, with a rate per 1,000", method: "GET", path: "/api/v1/stats/comparison", status: 200,
			want: []string{`"min":5000,"max":20000,"communities":[{"slug":"alpha"`, `"requests_per_1000":{"value":0.5,"suppressed":false}`}},
	})
}

// The CSV parses, carries a download name, and says what the JSON says,
// for a visitor (suppressed) and for the admin (exact).
func TestImpactCSVMatchesJSON(t *testing.T) {
	w := impactWorld(t)
	for _, actor := range []string{"", "admin"} {
		res, body := w.do(t, actor, "GET", "/api/v1/communities/alpha/stats/monthly.csv", "")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%q: status %d: %s", actor, res.StatusCode, body)
		}
		if ct, cd := res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"); ct != "text/csv; charset=utf-8" ||
			cd != `attachment; filename="alpha-impact.csv"` {
			t.Errorf("%q: headers %q, %q", actor, ct, cd)
		}
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("%q: %v", actor, err)
		}
		var rep service.ImpactReport
		if err := json.Unmarshal([]byte(w.mustDo(t, actor, "GET", "/api/v1/communities/alpha/stats/monthly", "", 200)), &rep); err != nil {
			t.Fatal(err)
		}
		want := [][]string{append([]string{"month", "category"}, domain.ImpactColumns...)}
		for _, m := range rep.Months {
			want = append(want, csvRow(m.Month, "all", m.Total))
			for _, c := range m.Categories {
				want = append(want, csvRow(m.Month, c.Category, c.Cells))
			}
		}
		if fmt.Sprint(recs) != fmt.Sprint(want) {
			t.Errorf("%q: CSV\n%v\nJSON\n%v", actor, recs, want)
		}
		last := recs[len(recs)-2] // this month, all categories (the last row is groceries)
		cancelled, fresh := last[2+2], last[2+7]
		if actor == "" && (cancelled != "<5" || fresh != "<5" || last[2] != "6") {
			t.Errorf("a visitor's CSV: %v", last)
		}
		if actor == "admin" && (cancelled != "2" || fresh != "3") {
			t.Errorf("the admin's CSV: %v", last)
		}
	}
}

// csvRow is what the CSV should hold for cells, written from the JSON
// independently of the encoder.
func csvRow(month, category string, c domain.ImpactCells) []string {
	row := []string{month, category}
	for _, cell := range c.List() {
		switch {
		case cell.Suppressed:
			row = append(row, "<5")
		case cell.Missing:
			row = append(row, "")
		default:
			row = append(row, fmt.Sprint(cell.Value))
		}
	}
	return row
}

func TestImpactOpenAPI(t *testing.T) {
	w := newWorld(t, service.Options{})
	var doc struct {
		Paths map[string]map[string]struct {
			Description string `json:"description"`
			Responses   map[string]struct {
				Content map[string]any `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(w.mustDo(t, "", "GET", "/api/v1/openapi.json", "", 200)), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/v1/communities/{c}/stats", "/api/v1/communities/{c}/stats/monthly",
		"/api/v1/communities/{c}/stats/monthly.csv", "/api/v1/stats/comparison"} {
		if !strings.Contains(doc.Paths[p]["get"].Description, "suppressed") {
			t.Errorf("GET %s is not described with the suppression rule", p)
		}
	}
	if _, ok := doc.Paths["/api/v1/communities/{c}/stats/monthly.csv"]["get"].Responses["200"].Content["text/csv"]; !ok {
		t.Error("the CSV download is not described as text/csv")
	}
	if _, ok := doc.Paths["/api/v1/communities/{c}/population"]["put"]; !ok {
		t.Error("PUT population is missing")
	}
}

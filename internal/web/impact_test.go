package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// newImpactStaff is the admin fixture with this month's activity in
// Utrecht Oost: Max made six requests and cancelled two, and Vera's
// volunteer profile is new. Made (6) is public; cancelled (2) and new
// volunteers (1) read "<5" for all but the admins.
func newImpactStaff(t *testing.T) *staff {
	t.Helper()
	s := newStaff(t, service.Options{})
	max, err := s.svc.Authenticate(context.Background(), s.cookies["Max"].Value)
	if err != nil {
		t.Fatal(err)
	}
	ctx := service.WithActor(context.Background(), max)
	for i := range 6 {
		r, err := s.svc.CreateRequest(ctx, "utrecht-oost", domain.Request{Category: "groceries", Title: "Shopping",
			Languages: []string{"nl"}, Location: utrecht.Center,
			NeededFrom: time.Now().Add(26 * time.Hour), NeededBy: time.Now().Add(28 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if _, err := s.svc.CancelRequest(ctx, "utrecht-oost", r.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s
}

// thisMonthRow is the row of the requests table for the current month.
func thisMonthRow(t *testing.T, body string) string {
	t.Helper()
	rows := regexp.MustCompile(`(?s)<caption id="cap-requests">Requests per month</caption>.*?</table>`).FindString(body)
	trs := regexp.MustCompile(`(?s)<tr>\s*<th scope="row">.*?</tr>`).FindAllString(rows, -1)
	if len(trs) != 12 {
		t.Fatalf("the requests table has %d months, want 12", len(trs))
	}
	return regexp.MustCompile(`\s+`).ReplaceAllString(trs[11], " ")
}

func TestImpactDashboardPage(t *testing.T) {
	s := newImpactStaff(t)
	path := "/c/utrecht-oost/impact"
	month := time.Now().In(mustZone(t, domain.DefaultTimezone))
	monthName := month.Month().String() + " " + month.Format("2006")
	public := "<td>6</td> <td>0</td> <td>&lt;5</td> <td>0</td> <td>–</td>"
	runScenarios(t, s.harness, []scenario{
		{name: "a visitor sees the dashboard with charts, tables, the rule and the CSV link",
			req:    request{method: "GET", path: path, header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Impact</h1>", `<svg class="impact-svg"`, `role="img"`, `<title id="chart-requests-title">`,
				"<figcaption", `<caption id="cap-requests">Requests per month</caption>`, `<caption id="cap-shifts">Shifts that took place per month</caption>`,
				esc(s.en.T("impact.privacy.rule")), `href="/api/v1/communities/utrecht-oost/stats/monthly.csv" download`,
				monthName, `href="/impact"`, "Groceries"},
			absent: []string{esc(s.en.T("impact.privacy.exact"))},
			check: func(t *testing.T, h *harness, res response) {
				if got := thisMonthRow(t, res.body); !strings.Contains(got, public) {
					t.Errorf("this month for a visitor: %s", got)
				}
				// One bar: this month's six requests (none done yet).
				chart := regexp.MustCompile(`(?s)<svg class="impact-svg"[^>]*aria-labelledby="chart-requests-title".*?</svg>`).FindString(res.body)
				if n := strings.Count(chart, `<rect x=`) - 2; n != 1 { // less the legend's two swatches
					t.Errorf("the requests chart has %d bars, want 1", n)
				}
			}},
		{name: "a member sees the same hidden figures",
			req: request{method: "GET", path: path, cookies: s.as("Max"), header: english()}, status: http.StatusOK,
			check: func(t *testing.T, h *harness, res response) {
				if got := thisMonthRow(t, res.body); !strings.Contains(got, public) {
					t.Errorf("this month for a member: %s", got)
				}
			}},
		{name: "the admin sees exact figures and is told so",
			req:    request{method: "GET", path: path, cookies: s.as("Ada"), header: english()},
			status: http.StatusOK, contains: []string{esc(s.en.T("impact.privacy.exact"))},
			check: func(t *testing.T, h *harness, res response) {
				if got := thisMonthRow(t, res.body); !strings.Contains(got, "<td>6</td> <td>0</td> <td>2</td> <td>0</td>") {
					t.Errorf("this month for the admin: %s", got)
				}
			}},
		{name: "in Slovenian",
			req:    request{method: "GET", path: path, header: map[string]string{"Accept-Language": "sl"}},
			status: http.StatusOK, contains: []string{`<html lang="sl">`, "<h1>Učinek</h1>", "Prošnje po mesecih"}},
		{name: "an unknown community is a friendly 404",
			req:    request{method: "GET", path: "/c/atlantis/impact", header: english()},
			status: http.StatusNotFound, contains: []string{"Page not found"}},
	})
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestImpactComparePage(t *testing.T) {
	s := newImpactStaff(t)
	form := func(slug, population string) url.Values {
		return url.Values{"community": {slug}, "population": {population}}
	}
	runScenarios(t, s.harness, []scenario{
		{name: "a visitor sees every community, without populations, and no form",
			req:    request{method: "GET", path: "/impact", header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Communities compared</h1>", "Under 5,000 inhabitants", "5,000 to 20,000 inhabitants",
				"100,000 inhabitants and more", "Population not known", `href="/c/utrecht-oost/impact"`, `href="/c/ljubljana/impact"`},
			absent: []string{`action="/impact/population"`}},
		{name: "the operator sees the form",
			req:    request{method: "GET", path: "/impact", cookies: s.as("Olga"), header: english()},
			status: http.StatusOK, contains: []string{`action="/impact/population"`, `<option value="utrecht-oost"`}},
		{name: "a visitor who posts is sent to log in",
			req:    request{method: "POST", path: "/impact/population", form: form("utrecht-oost", "12000")},
			status: http.StatusSeeOther, location: "/login?next=%2Fimpact"},
		{name: "an admin may not set a population",
			req:    request{method: "POST", path: "/impact/population", cookies: s.as("Ada"), form: form("utrecht-oost", "12000"), header: english()},
			status: http.StatusForbidden},
		{name: "words are not a population: the form comes back with what was typed",
			req:    request{method: "POST", path: "/impact/population", cookies: s.as("Olga"), form: form("utrecht-oost", "lots"), header: english()},
			status: http.StatusUnprocessableEntity,
			contains: []string{esc(s.en.T("field.population.out_of_range")), `value="lots"`, `aria-invalid="true"`,
				`<option value="utrecht-oost" lang="" selected>`}},
		{name: "no community chosen",
			req:    request{method: "POST", path: "/impact/population", cookies: s.as("Olga"), form: form("", "100"), header: english()},
			status: http.StatusUnprocessableEntity, contains: []string{esc(s.en.T("field.community.required"))}},
		{name: "too many people",
			req:    request{method: "POST", path: "/impact/population", cookies: s.as("Olga"), form: form("ljubljana", "200000001"), header: english()},
			status: http.StatusUnprocessableEntity, contains: []string{esc(s.en.T("field.population.out_of_range"))}},
		{name: "the operator sets it and comes back to the comparison",
			req:    request{method: "POST", path: "/impact/population", cookies: s.as("Olga"), form: form("utrecht-oost", "12,000")},
			status: http.StatusSeeOther, location: "/impact?done=population",
			check: func(t *testing.T, h *harness, _ response) {
				res := h.do(request{method: "GET", path: "/impact?done=population", cookies: s.as("Olga"), header: english()})
				band := regexp.MustCompile(`(?s)5,000 to 20,000 inhabitants</h2>.*?</table>`).FindString(res.body)
				row := regexp.MustCompile(`\s+`).ReplaceAllString(band, " ")
				// Six requests among 12,000 people: 0.5 per 1,000.
				if !strings.Contains(row, "Utrecht Oost</a></th> <td>12,000</td> <td>6</td> <td>0.5</td>") {
					t.Errorf("Utrecht Oost's band: %s", row)
				}
				if !strings.Contains(res.body, esc(s.en.T("impact.population.saved"))) {
					t.Error("no confirmation")
				}
			}},
	})
}

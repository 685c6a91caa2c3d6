package store

import (
	"path/filepath"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// TestSQLitePlans pins the plans of the queries whose speed depends on an
// index, on a fresh database without statistics: the state of a new install
// and the one in which SQLite's planner guesses most. Each query must search
// its index with the listed constraints (a plan line holds each text) and
// never scan a table.
func TestSQLitePlans(t *testing.T) {
	s := freshSQLite(t)
	cells := geo.Covering(domain.Point{Lat: 46.05, Lng: 14.5}, 3)
	if len(cells) < 2 {
		t.Fatalf("covering of %d ranges; the test wants several", len(cells))
	}
	nearby, nearbyArgs, _ := nearbyQuery(1, domain.VolunteerQuery{Cells: cells, Category: "childcare", RequireVetted: true,
		LanguageMask: 6, WeekMask: 1 << 10})
	feed, feedArgs := findRequestsQuery(1, domain.RequestFilter{Status: domain.RequestOpen, Cells: cells, Categories: []string{"meals", "groceries"}})
	anyStatus, anyStatusArgs := findRequestsQuery(1, domain.RequestFilter{Cells: cells})
	mine, mineArgs := findRequestsQuery(1, domain.RequestFilter{RequesterID: 7})
	phone, phoneArgs, _ := findClientsQuery(1, domain.ClientQuery{Phone: "+386 41 123 456", Name: "ana"})
	cases := []struct {
		name  string
		query string
		args  []any
		want  []string
	}{
		{"candidates", nearby, nearbyArgs, []string{
			"SEARCH volunteers USING INDEX volunteers_cell_childcare (community_id=? AND cell>? AND cell<?)",
		}},
		{"feed", feed, feedArgs, []string{"SEARCH requests USING INDEX requests_feed (community_id=? AND status=? AND cell>? AND cell<?)"}},
		{"near in any status", anyStatus, anyStatusArgs, []string{"SEARCH requests USING INDEX requests_feed (community_id=? AND status=? AND cell>? AND cell<?)"}},
		{"my requests", mine, mineArgs, []string{"SEARCH requests USING INDEX requests_requester (community_id=? AND requester_id=?)"}},
		{"largest radius", maxRadiusQuery, []any{1}, []string{"SEARCH volunteers USING COVERING INDEX volunteers_radius (community_id=?)"}},
		{"phone", phone, phoneArgs, []string{
			"SEARCH clients USING INDEX clients_phone (community_id=? AND phone_rev>? AND phone_rev<?)",
			"SEARCH clients USING INDEX clients_phone (community_id=? AND phone_rev=?)",
		}},
		{"volunteer stats", statsQuery(placeholders(3)), []any{"2030-01-01", 1, 1, 2, 3}, []string{
			"SEARCH assignments USING COVERING INDEX assignments_volunteer (community_id=? AND volunteer_id=?)",
		}},
		{"expiry", expireRequestsQuery(s.d), []any{"2030-01-01"}, []string{"requests_expiry (status=? AND expires_at<?)"}},
		{"messages", listMessagesQuery, []any{1, 1, 100, 50}, []string{
			"SEARCH m USING INDEX messages_assignment (community_id=? AND assignment_id=? AND id<?)",
		}},
	}
	tables := map[string]bool{}
	for _, name := range []string{"communities", "users", "memberships", "clients", "requests", "request_events",
		"volunteers", "assignments", "contributions", "messages", "m", "u"} {
		tables[name] = true
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan := explainQueryPlan(t, s, tc.query, tc.args...)
			for _, line := range plan {
				// "SCAN r" reads the rows of a subquery, which is fine.
				if f := strings.Fields(line); len(f) > 1 && f[0] == "SCAN" && tables[f[1]] {
					t.Errorf("plan scans a table: %q\nplan: %q", line, plan)
				}
			}
			for _, want := range tc.want {
				found := false
				for _, line := range plan {
					found = found || strings.Contains(line, want)
				}
				if !found {
					t.Errorf("plan lacks %q\nplan: %q", want, plan)
				}
			}
		})
	}
}

// TestEveryCategoryHasItsCellIndex guards the partial indexes of migration
// 0004: a category without one would make every search for it read the
// whole community. Appending a category to domain.Categories needs a
// migration with its index.
func TestEveryCategoryHasItsCellIndex(t *testing.T) {
	s := freshSQLite(t)
	cells := geo.Covering(domain.Point{Lat: 46.05, Lng: 14.5}, 1)
	for _, category := range domain.Categories {
		query, args, ok := nearbyQuery(1, domain.VolunteerQuery{Cells: cells, Category: category})
		if !ok {
			t.Errorf("%s: no query", category)
			continue
		}
		want := "USING INDEX volunteers_cell_" + category + " (community_id=? AND cell>? AND cell<?)"
		plan := explainQueryPlan(t, s, query, args...)
		if !strings.Contains(strings.Join(plan, "\n"), want) {
			t.Errorf("%s: plan %q lacks %q", category, plan, want)
		}
	}
}

// freshSQLite is a migrated SQLite store in a new file without statistics:
// the state of a new install, in which the planner guesses most.
func freshSQLite(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "plans.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return s
}

// explainQueryPlan returns the detail lines of SQLite's plan for query.
func explainQueryPlan(t testing.TB, s *Store, query string, args ...any) []string {
	t.Helper()
	rows, err := s.read.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

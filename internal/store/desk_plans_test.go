package store

import (
	"slices"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
)

// TestSQLiteQueuePlans pins the plans of the coordinators' queue on a fresh
// database: a single status reads requests_queue in needed_by order with no
// sort, and no variant scans the table.
func TestSQLiteQueuePlans(t *testing.T) {
	s := freshSQLite(t)
	due := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	open := []domain.RequestStatus{domain.RequestOpen}
	cases := []struct {
		name   string
		filter domain.QueueFilter
		want   string
		sorted bool
	}{
		{"open", domain.QueueFilter{Statuses: open}, "requests_queue (community_id=? AND status=?)", true},
		{"open and overdue", domain.QueueFilter{Statuses: open, DueBefore: due, Urgency: "high"},
			"requests_queue (community_id=? AND status=? AND needed_by<?)", true},
		{"finished, latest first", domain.QueueFilter{Statuses: []domain.RequestStatus{domain.RequestDone}, Latest: true},
			"requests_queue (community_id=? AND status=?)", true},
		{"open or assigned", domain.QueueFilter{Statuses: []domain.RequestStatus{domain.RequestOpen, domain.RequestAssigned}},
			"requests_queue (community_id=? AND status=?)", false},
		{"every status", domain.QueueFilter{Category: "groceries"}, "SEARCH requests USING INDEX", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			query, args := queueQuery(s.d, 1, tc.filter)
			plan := explainQueryPlan(t, s, query, args...)
			joined := strings.Join(plan, "\n")
			if strings.Contains(joined, "SCAN requests") {
				t.Errorf("plan scans requests:\n%s", joined)
			}
			if !strings.Contains(joined, tc.want) {
				t.Errorf("plan lacks %q:\n%s", tc.want, joined)
			}
			if sorts := slices.ContainsFunc(plan, func(l string) bool { return strings.Contains(l, "TEMP B-TREE") }); tc.sorted && sorts {
				t.Errorf("plan sorts instead of reading in order:\n%s", joined)
			}
		})
	}
}

package store

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkImpactFacts reads a year of facts for the impact figures of a
// busy community on SQLite: 2,000 volunteers, 20,000 requests over twelve
// months, each with its created and accepted events, 12,000 of them done
// with one contribution each. This is what every dashboard view and every
// line of the comparison costs.
func BenchmarkImpactFacts(b *testing.B) {
	s, communityID := benchStore(b, 2000)
	ctx := context.Background()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(query string, args ...any) {
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			b.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	end := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	start := end.AddDate(-1, 0, 0)
	cats := []string{"groceries", "transport", "pharmacy", "companionship"}
	for i := 1; i <= 20000; i++ {
		created := start.Add(time.Duration(r.Int64N(int64(end.Sub(start)))))
		status := "open"
		if i%5 < 3 {
			status = "done"
		}
		at := func(t time.Time) string { return t.UTC().Format(sqliteTimeLayout) }
		exec(`INSERT INTO requests (id, community_id, category, title, needed_from, needed_by, expires_at, lat, lng,
			approx_lat, approx_lng, cell, requester_id, created_by, status, created_at)
			VALUES (?, ?, ?, 'Help', ?, ?, ?, 46, 14.5, 46, 14.5, 0, ?, ?, ?, ?)`,
			i, communityID, cats[i%len(cats)], at(created.Add(time.Hour)), at(created.Add(2*time.Hour)), at(created.Add(2*time.Hour)),
			1+i%2000, 1+i%2000, status, at(created))
		exec(`INSERT INTO request_events (community_id, request_id, kind, status, at) VALUES (?, ?, 'created', 'open', ?)`,
			communityID, i, at(created))
		accepted := created.Add(time.Duration(r.IntN(48)) * time.Hour)
		exec(`INSERT INTO request_events (community_id, request_id, kind, status, at) VALUES (?, ?, 'accepted', 'assigned', ?)`,
			communityID, i, at(accepted))
		if status == "done" {
			giver := 1 + r.IntN(2000)
			exec(`INSERT INTO assignments (id, community_id, request_id, volunteer_id, status, proposed_by) VALUES (?, ?, ?, ?, 'completed', ?)`,
				i, communityID, i, giver, giver)
			exec(`INSERT INTO request_events (community_id, request_id, kind, status, at) VALUES (?, ?, 'completed', 'done', ?)`,
				communityID, i, at(accepted.Add(24*time.Hour)))
			exec(`INSERT INTO contributions (community_id, giver_id, receiver_user_id, hours, request_id, assignment_id, category, at)
				VALUES (?, ?, ?, 1.5, ?, ?, ?, ?)`, communityID, giver, 1+i%2000, i, i, cats[i%len(cats)], at(accepted.Add(24*time.Hour)))
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	var facts int
	b.ResetTimer()
	for b.Loop() {
		f, err := s.ImpactFacts(ctx, communityID, start, end.Add(72*time.Hour), end)
		if err != nil {
			b.Fatal(err)
		}
		facts = len(f.Requests) + len(f.Outcomes) + len(f.Contributions)
	}
	b.ReportMetric(float64(facts), "facts")
	if facts != 20000+12000+12000 {
		b.Fatalf("read %d facts", facts)
	}
}

package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// benchVolunteers is how many volunteers the spatial benchmarks load: the
// SPEC's city of a million residents has 100,000. MUTUA_BENCH_VOLUNTEERS
// changes it, to see how the query scales.
func benchVolunteers(b testing.TB) int {
	v := os.Getenv("MUTUA_BENCH_VOLUNTEERS")
	if v == "" {
		return 100_000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("MUTUA_BENCH_VOLUNTEERS=%q: want a positive number", v)
	}
	return n
}

// benchCity is Ljubljana; the volunteers cluster around its centre and a few
// neighbourhood centres, as people do.
var benchCity = domain.Point{Lat: 46.0569, Lng: 14.5058}

// benchHubs are neighbourhood centres as offsets in km (north, east) with
// their spread in km and their share of the volunteers. The rest live
// anywhere within 12 km.
var benchHubs = []struct{ n, e, sigma, share float64 }{
	{0, 0, 1.2, 0.35},
	{3, -2.5, 0.8, 0.12},
	{-2.5, 3, 0.9, 0.12},
	{4, 4, 0.7, 0.08},
	{-4, -3, 1.0, 0.10},
	{1, 6, 0.6, 0.05},
}

// benchPoint draws a home from the clustered distribution.
func benchPoint(r *rand.Rand) domain.Point {
	x := r.Float64()
	for _, h := range benchHubs {
		if x < h.share {
			return benchOffset(h.n+r.NormFloat64()*h.sigma, h.e+r.NormFloat64()*h.sigma)
		}
		x -= h.share
	}
	d, a := 12*math.Sqrt(r.Float64()), 2*math.Pi*r.Float64()
	return benchOffset(d*math.Cos(a), d*math.Sin(a))
}

func benchOffset(nkm, ekm float64) domain.Point {
	const kmPerDegree = 111.2
	return domain.Point{
		Lat: benchCity.Lat + nkm/kmPerDegree,
		Lng: benchCity.Lng + ekm/(kmPerDegree*math.Cos(benchCity.Lat*math.Pi/180)),
	}
}

// benchStore opens a SQLite store in a temporary folder with one community of
// n volunteers. Users, memberships and profiles go in through prepared
// statements in one transaction, which takes seconds where PutVolunteer
// would take minutes.
func benchStore(b testing.TB, n int) (*Store, int64) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	c := domain.Community{Slug: "ljubljana", Name: "Ljubljana", Languages: []string{"sl", "en"}, Center: benchCity, RadiusKM: 15}
	if err := s.CreateCommunity(ctx, &c); err != nil {
		b.Fatal(err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	prepare := func(query string) func(args ...any) {
		st, err := tx.PrepareContext(ctx, query)
		if err != nil {
			b.Fatal(err)
		}
		return func(args ...any) {
			if _, err := st.ExecContext(ctx, args...); err != nil {
				b.Fatal(err)
			}
		}
	}
	addUser := prepare("INSERT INTO users (id, email, name) VALUES (?, ?, ?)")
	addMember := prepare("INSERT INTO memberships (community_id, user_id, role) VALUES (?, ?, 'volunteer')")
	addVolunteer := prepare(`INSERT INTO volunteers (community_id, user_id, skills, skill_mask, languages, lat, lng, cell,
		radius_km, availability, max_active, active, vetted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	r := rand.New(rand.NewPCG(1, 2))
	slots, _ := json.Marshal([]domain.Slot{{Day: "tue", From: "09:00", To: "12:00"}, {Day: "sat", From: "10:00", To: "16:00"}})
	for i := 1; i <= n; i++ {
		// Two to four skills, the everyday categories more often.
		var skills []string
		for range 2 + r.IntN(3) {
			skills = append(skills, domain.Categories[min(r.IntN(len(domain.Categories)), r.IntN(len(domain.Categories)))])
		}
		skillText, _ := json.Marshal(skills)
		home := benchPoint(r)
		maxActive := 1 + r.IntN(3)
		addUser(i, fmt.Sprintf("v%d@example.org", i), fmt.Sprintf("Volunteer %d", i))
		addMember(c.ID, i)
		addVolunteer(c.ID, i, string(skillText), skillMask(skills), `["sl","en"]`, home.Lat, home.Lng, geo.CellID(home),
			1+r.Float64()*4, string(slots), maxActive, r.IntN(maxActive+1), r.IntN(5) == 0)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	return s, c.ID
}

// BenchmarkNearbyVolunteers measures the candidates query on 100,000
// volunteers (see benchVolunteers): coverings of 1 and 3 km around points drawn from the same
// clustered distribution (requests come from where people live), limit 200.
// The rare-category case shows the cost of rejecting most index entries.
// With -v it logs the query plan.
//
//	go test -run '^$' -bench NearbyVolunteers -benchtime 2000x -v ./internal/store/
func BenchmarkNearbyVolunteers(b *testing.B) {
	s, communityID := benchStore(b, benchVolunteers(b))
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	points := make([]domain.Point, 256)
	for i := range points {
		points[i] = benchPoint(r)
	}
	explainNearby(b, s, communityID, points[0])

	for _, tc := range []struct {
		name     string
		km       float64
		category string
		vetted   bool
	}{
		{"1km", 1, "groceries", false},
		{"3km", 3, "groceries", false},
		{"3km-childcare-vetted", 3, "childcare", true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			queries := make([]domain.VolunteerQuery, len(points))
			for i, p := range points {
				queries[i] = domain.VolunteerQuery{Cells: geo.Covering(p, tc.km), Category: tc.category, RequireVetted: tc.vetted, Limit: 200}
			}
			found := 0
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				list, err := s.NearbyVolunteers(ctx, communityID, queries[len(took)%len(queries)])
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				found += len(list)
			}
			slices.Sort(took)
			b.ReportMetric(float64(found)/float64(len(took)), "volunteers/op")
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
	b.Run("max-radius", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.MaxVolunteerRadius(ctx, communityID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// explainNearby logs SQLite's plan for the candidates query as the store
// builds it.
func explainNearby(b *testing.B, s *Store, communityID int64, p domain.Point) {
	query, args, _ := nearbyQuery(communityID, domain.VolunteerQuery{Cells: geo.Covering(p, 3), Category: "childcare", RequireVetted: true})
	for _, line := range explainQueryPlan(b, s, query, args...) {
		b.Logf("plan: %s", line)
	}
}

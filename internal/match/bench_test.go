package match

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"mutua/internal/domain"
)

// BenchmarkRank ranks the volunteers a covering query might return: the
// top 20 as the candidates endpoint asks, and everyone who passes.
func BenchmarkRank(b *testing.B) {
	req := baseRequest()
	req.Languages = []string{"sl", "en"}
	for _, n := range []int{1000, 10000} {
		cands := synthetic(n, 7)
		for _, limit := range []int{20, 0} {
			name := fmt.Sprintf("candidates=%d/top=%d", n, limit)
			if limit == 0 {
				name = fmt.Sprintf("candidates=%d/all", n)
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				returned := 0
				for b.Loop() {
					returned = len(Rank(req, cands, limit))
				}
				b.ReportMetric(float64(returned), "results")
			})
		}
	}
}

func BenchmarkFeed(b *testing.B) {
	v := baseCandidate(1)
	v.Home, v.RadiusKM = center, 10
	v.Skills = []string{"groceries", "pharmacy", "transport", "companionship"}
	v.Availability = []domain.Interval{{Start: 0, End: domain.MinutesPerWeek}}
	for _, n := range []int{1000, 10000} {
		reqs := syntheticRequests(n, 8)
		b.Run(fmt.Sprintf("requests=%d/top=20", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Feed(v, reqs, 20)
			}
		})
	}
}

// syntheticRequests makes n open requests within 10 km of center, their
// windows built the way the service builds them.
func syntheticRequests(n int, seed uint64) []FeedRequest {
	r := rand.New(rand.NewPCG(seed, 43))
	monday := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	out := make([]FeedRequest, n)
	for i := range out {
		from := monday.Add(time.Duration(r.IntN(7*24)) * time.Hour)
		rec := domain.Recurrence{Kind: domain.RecurOnce}
		if r.IntN(4) == 0 {
			rec = domain.Recurrence{Kind: domain.RecurWeekly, Days: []string{"mon", "thu"}}
		}
		out[i] = FeedRequest{ID: int64(i + 1), Request: Request{
			Location:  domain.Point{Lat: center.Lat + (r.Float64()-0.5)*0.18, Lng: center.Lng + (r.Float64()-0.5)*0.26},
			Category:  domain.Categories[r.IntN(5)],
			Languages: [][]string{nil, {"sl"}, {"en"}, {"de"}}[r.IntN(4)],
			Windows:   RequestWindows(from, from.Add(time.Duration(1+r.IntN(48))*time.Hour), rec, time.UTC),
		}}
	}
	return out
}

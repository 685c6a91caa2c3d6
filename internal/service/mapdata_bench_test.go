package service_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/service"
	"mutua/internal/store"
)

// BenchmarkMapData builds one community's map.geojson on SQLite, queries
// and encoding together, as the API serves it: 5,000 approved initiatives
// (and 500 proposed ones that must be skipped), 20,000 open requests (and
// 5,000 done ones), 200 organisations and 300 opportunities with an
// upcoming shift. It reports the median and 99th percentile of the calls.
func BenchmarkMapData(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	centre := domain.Point{Lat: 46.0569, Lng: 14.5058}
	c := domain.Community{Slug: "ljubljana", Name: "Ljubljana", Languages: []string{"sl"}, Center: centre, RadiusKM: 15}
	if err := st.CreateCommunity(ctx, &c); err != nil {
		b.Fatal(err)
	}
	u := domain.User{Email: "seed@example.org", Name: "Seed", PasswordHash: "!"}
	if err := st.CreateUser(ctx, &u); err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	near := func() domain.Point {
		return domain.Point{Lat: centre.Lat + (r.Float64()-0.5)*0.2, Lng: centre.Lng + (r.Float64()-0.5)*0.3}
	}
	err = st.InTx(ctx, func(ctx context.Context) error {
		for i := range 5500 {
			in := domain.Initiative{CommunityID: c.ID, Name: fmt.Sprintf("Initiative %d", i),
				Sector: domain.InitiativeSectors[i%len(domain.InitiativeSectors)], Description: "A local initiative",
				Location: near(), Status: domain.InitiativeApproved, ProposedBy: u.ID, ApprovedBy: &u.ID}
			if i >= 5000 {
				in.Status, in.ApprovedBy = domain.InitiativeProposed, nil
			}
			if err := st.CreateInitiative(ctx, &in); err != nil {
				return err
			}
		}
		var orgs []int64
		for i := range 200 {
			o := domain.Organisation{CommunityID: c.ID, Name: fmt.Sprintf("Organisation %d", i), Type: "ngo",
				Sector: "food", Location: near(), ProposedBy: u.ID}
			if err := st.CreateOrganisation(ctx, &o); err != nil {
				return err
			}
			if err := st.ApproveOrganisation(ctx, c.ID, o.ID, u.ID); err != nil {
				return err
			}
			orgs = append(orgs, o.ID)
		}
		for i := range 300 {
			o := domain.Opportunity{CommunityID: c.ID, OrganisationID: orgs[i%len(orgs)], Title: fmt.Sprintf("Opportunity %d", i),
				Category: "food", Location: near(), CreatedBy: u.ID}
			if err := st.CreateOpportunity(ctx, &o, geo.CellID(o.Location)); err != nil {
				return err
			}
			start := now.Add(time.Duration(1+i%14) * 24 * time.Hour)
			sh := domain.Shift{CommunityID: c.ID, OpportunityID: o.ID, Start: start, End: start.Add(2 * time.Hour),
				Capacity: 5, Status: domain.ShiftOpen}
			if err := st.CreateShift(ctx, &sh); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	reqs := make([]store.ImportedRequest, 25000)
	for i := range reqs {
		loc := near()
		approx := geo.Approximate(loc)
		req := domain.Request{Category: domain.Categories[i%len(domain.Categories)], Title: fmt.Sprintf("Request %d", i),
			NeededFrom: now.Add(time.Hour), NeededBy: now.Add(72 * time.Hour), Urgency: "normal", Location: loc,
			Approx: approx, RequesterID: &u.ID, CreatedBy: u.ID, Recurrence: domain.Recurrence{Kind: "once"}}
		if i >= 20000 {
			req.Status = domain.RequestDone
		}
		reqs[i] = store.ImportedRequest{Request: req, Cell: geo.CellID(approx)}
	}
	if err := st.ImportRequests(ctx, c.ID, reqs); err != nil {
		b.Fatal(err)
	}
	svc := service.New(st, service.Options{Argon2: auth.FastArgon2, Now: func() time.Time { return now }})

	var times []time.Duration
	var size int
	for b.Loop() {
		start := time.Now()
		f, err := svc.MapData(ctx, "ljubljana", service.MapQuery{})
		times = append(times, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		// As the API does once the body is written.
		size = f.Size()
		f.Release()
	}
	b.StopTimer()
	slices.Sort(times)
	at := func(q float64) float64 {
		return float64(times[min(len(times)-1, int(q*float64(len(times))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(size)/1e6, "MB")
	f, err := svc.MapData(ctx, "ljubljana", service.MapQuery{})
	if err != nil {
		b.Fatal(err)
	}
	if n := len(checkGeoJSON(b, f.Bytes())); n != 5000+200+300+20000 {
		b.Fatalf("%d features, want 25,500", n)
	}
}

package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/service"
)

// history writes the known history the expectations below are worked out
// from (times UTC; the town's zone is one hour ahead in both months).
func (w *impactWorld) history(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	r, v := w.requesters, w.volunteers
	c1, c2 := w.client(t, "Client one"), w.client(t, "Client two")

	// February, groceries: six requests; five accepted after 1–5 hours
	// and done on the 20th with 1.5 hours each; the sixth cancelled.
	for i := 1; i <= 6; i++ {
		status := domain.RequestDone
		if i == 6 {
			status = domain.RequestCancelled
		}
		g := w.request(t, w.town, "groceries", on(time.February, 2+i, 10, 0), status, &r[i-1], nil)
		if i == 6 {
			w.event(t, g, "cancelled", domain.RequestCancelled, on(time.February, 21, 12, 0))
			continue
		}
		w.event(t, g, "accepted", domain.RequestAssigned, g.CreatedAt.Add(time.Duration(i)*time.Hour))
		w.event(t, g, "completed", domain.RequestDone, on(time.February, 20, 12, 0))
		w.give(t, g, v[i-1], 1.5, on(time.February, 20, 12, 0))
	}
	// February, transport: one for a client, accepted after 10 hours, done
	// with 2 hours; one that expires on 2 March.
	t1 := w.request(t, w.town, "transport", on(time.February, 3, 11, 0), domain.RequestDone, nil, &c1)
	w.event(t, t1, "accepted", domain.RequestAssigned, t1.CreatedAt.Add(10*time.Hour))
	w.event(t, t1, "completed", domain.RequestDone, on(time.February, 25, 12, 0))
	w.give(t, t1, v[0], 2, on(time.February, 25, 12, 0))
	t2 := w.request(t, w.town, "transport", on(time.February, 4, 11, 0), domain.RequestExpired, &r[5], nil)
	w.event(t, t2, "expired", domain.RequestExpired, on(time.March, 2, 0, 0))

	// March, groceries: five requests, the first made at 00:15 on 1 March
	// in the town's time (still February in UTC); it is done on the 10th
	// with 4 hours for a client.
	m1 := w.request(t, w.town, "groceries", on(time.February, 28, 23, 15), domain.RequestDone, nil, &c2)
	w.event(t, m1, "completed", domain.RequestDone, on(time.March, 10, 12, 0))
	w.give(t, m1, v[5], 4, on(time.March, 10, 12, 0))
	for i := 2; i <= 5; i++ {
		w.request(t, w.town, "groceries", on(time.March, i, 10, 0), domain.RequestOpen, &r[i-1], nil)
	}

	// Food shifts: a full one and a third-full one in February (the only
	// hours: 3 for the one checked in), a cancelled one, a full one in March
	// and one still to come.
	org := domain.Organisation{CommunityID: w.town.ID, Name: "Food bank", Type: "ngo", Location: w.town.Center, ProposedBy: w.admin.ID}
	ok(t, w.st.CreateOrganisation(ctx, &org))
	ok(t, w.st.ApproveOrganisation(ctx, w.town.ID, org.ID, w.admin.ID))
	opp := domain.Opportunity{CommunityID: w.town.ID, OrganisationID: org.ID, Title: "Sorting", Category: "food",
		Location: w.town.Center, Languages: []string{"en"}, CreatedBy: w.admin.ID}
	ok(t, w.st.CreateOpportunity(ctx, &opp, geo.CellID(opp.Location)))
	w.shift(t, opp, on(time.February, 14, 9, 0), 4, signup{r[5], 4, domain.SignupConfirmed})
	s2 := w.shift(t, opp, on(time.February, 15, 9, 0), 6, signup{v[0], 1, domain.SignupCheckedIn},
		signup{v[1], 1, domain.SignupNoShow}, signup{v[2], 1, domain.SignupCancelled}, signup{v[3], 1, domain.SignupWaitlisted})
	if _, err := w.st.LogShiftHours(ctx, w.town.ID, s2.ID, 3, "food", on(time.February, 15, 12, 0)); err != nil {
		t.Fatal(err)
	}
	s3 := w.shift(t, opp, on(time.February, 16, 9, 0), 5, signup{v[4], 1, domain.SignupConfirmed})
	ok(t, w.st.CancelShift(ctx, w.town.ID, s3.ID, on(time.February, 10, 9, 0)))
	w.shift(t, opp, on(time.March, 10, 9, 0), 2, signup{v[5], 2, domain.SignupConfirmed})
	w.shift(t, opp, on(time.March, 25, 9, 0), 3, signup{v[4], 1, domain.SignupConfirmed})

	// Elsewhere: a request and its hours in February, to be left out.
	e := w.request(t, w.elsewhere, "groceries", on(time.February, 5, 10, 0), domain.RequestDone, &r[0], nil)
	ok(t, w.st.PutMembership(ctx, w.elsewhere.ID, v[0].ID, domain.RoleVolunteer))
	w.event(t, e, "completed", domain.RequestDone, on(time.February, 6, 10, 0))
	w.give(t, e, v[0], 9, on(time.February, 6, 10, 0))
}

// cells renders figures as the page shows them, in domain.ImpactColumns
// order: made, done, cancelled, expired, median hours, hours, active, new,
// shifts held, shifts filled, fill rate %, people helped.
func cells(c domain.ImpactCells) string {
	var out []string
	for _, cell := range c.List() {
		out = append(out, cell.String())
	}
	return strings.Join(out, " ")
}

func categoryOf(t *testing.T, m service.ImpactMonth, cat string) domain.ImpactCells {
	t.Helper()
	for _, c := range m.Categories {
		if c.Category == cat {
			return c.Cells
		}
	}
	t.Fatalf("%s has no %s row: %+v", m.Month, cat, m.Categories)
	return domain.ImpactCells{}
}

func TestImpactMonthlyFigures(t *testing.T) {
	w := newImpactWorld(t)
	ctx := context.Background()
	want := map[string]map[string][2]string{ // month → category → {exact, public}
		"2026-02": {
			"":          {"8 6 1 0 3.5 12.5 5 5 2 1 60 6", "8 6 <5 0 3.5 12.5 5 5 <5 <5 <5 6"},
			"groceries": {"6 5 1 0 3 7.5 5 – 0 0 – 5", "6 5 <5 0 3 7.5 5 – 0 0 – 5"},
			"transport": {"2 1 0 0 10 2 1 – 0 0 – 1", "<5 <5 0 0 <5 <5 <5 – 0 0 – <5"},
			"food":      {"0 0 0 0 – 3 1 – 2 1 60 0", "0 0 0 0 – <5 <5 – <5 <5 <5 0"},
		},
		"2026-03": {
			"":          {"5 1 0 1 – 4 1 1 1 1 100 1", "5 <5 0 <5 – <5 <5 <5 <5 <5 <5 <5"},
			"groceries": {"5 1 0 0 – 4 1 – 0 0 – 1", "5 <5 0 0 – <5 <5 – 0 0 – <5"},
			"transport": {"0 0 0 1 – 0 0 – 0 0 – 0", "0 0 0 <5 – 0 0 – 0 0 – 0"},
			"food":      {"0 0 0 0 – 0 0 – 1 1 100 0", "0 0 0 0 – 0 0 – <5 <5 <5 0"},
		},
	}
	readers := []struct {
		name  string
		ctx   context.Context
		exact bool
	}{
		{"admin", service.WithActor(ctx, w.admin), true},
		{"operator", service.WithActor(ctx, w.operator), true},
		{"coordinator", service.WithActor(ctx, w.coordinator), false},
		{"member", service.WithActor(ctx, w.plain), false},
		{"visitor", ctx, false},
	}
	for _, rd := range readers {
		t.Run(rd.name, func(t *testing.T) {
			rep, err := w.svc.ImpactMonthly(rd.ctx, "town")
			if err != nil {
				t.Fatal(err)
			}
			if rep.Exact != rd.exact || len(rep.Months) != service.ImpactMonths {
				t.Fatalf("exact %v with %d months, want %v and %d", rep.Exact, len(rep.Months), rd.exact, service.ImpactMonths)
			}
			if got := strings.Join(rep.Categories, ","); got != "food,groceries,transport" {
				t.Errorf("categories %s", got)
			}
			if first := rep.Months[0]; first.Month != "2025-04" || cells(first.Total) != "0 0 0 0 – 0 0 0 0 0 – 0" || len(first.Categories) != 0 {
				t.Errorf("first month %s: %s %+v", first.Month, cells(first.Total), first.Categories)
			}
			if loc, _ := time.LoadLocation("Europe/Ljubljana"); !rep.Months[11].Start.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, loc)) {
				t.Errorf("March starts at %v", rep.Months[11].Start)
			}
			col := 1
			if rd.exact {
				col = 0
			}
			// The twelve months together: six volunteers (not 5 + 1), seven
			// people helped, 8 of 12 places over three shifts.
			total := [2]string{"13 7 1 1 3.5 16.5 6 6 3 2 66.7 7", "13 7 <5 <5 3.5 16.5 6 6 <5 <5 <5 7"}
			if got := cells(rep.Total.Total); got != total[col] || rep.Total.Month != "2025-04" || len(rep.Total.Categories) != 3 {
				t.Errorf("twelve months: %s (%s, %d categories), want %s", got, rep.Total.Month, len(rep.Total.Categories), total[col])
			}
			for i, month := range []string{"2026-02", "2026-03"} {
				m := rep.Months[10+i]
				if m.Month != month {
					t.Fatalf("month %d is %s, want %s", 10+i, m.Month, month)
				}
				for cat, exp := range want[month] {
					got := m.Total
					if cat != "" {
						got = categoryOf(t, m, cat)
					}
					if cells(got) != exp[col] {
						t.Errorf("%s %q: %s\n                      want %s", month, cat, cells(got), exp[col])
					}
				}
			}
		})
	}
}

func TestImpactSummaryAndIsolation(t *testing.T) {
	w := newImpactWorld(t)
	ctx := service.WithActor(context.Background(), w.admin)
	sum, err := w.svc.ImpactSummaryOf(ctx, "town")
	if err != nil {
		t.Fatal(err)
	}
	// Twelve months: 13 made, 7 done; 6 volunteers gave 16.5 hours; 5
	// members and 2 clients helped; 3 shifts, 8 of 12 places.
	if got := cells(sum.Total); got != "13 7 <5 <5 3.5 16.5 6 6 <5 <5 <5 7" {
		t.Errorf("summary %s", got)
	}
	if len(sum.Categories) != 3 || sum.Categories[1].Category != "groceries" || cells(sum.Categories[1].Cells) != "11 6 <5 0 3 11.5 6 – 0 0 – 6" {
		t.Errorf("summary by category %+v", sum.Categories)
	}
	// The town's admin reads Elsewhere as anyone does: suppressed, with
	// only its own request.
	rep, err := w.svc.ImpactMonthly(ctx, "elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Exact || cells(rep.Months[10].Total) != "<5 <5 0 0 – <5 <5 0 0 0 – <5" {
		t.Errorf("elsewhere: exact %v, %s", rep.Exact, cells(rep.Months[10].Total))
	}
	if _, err := w.svc.ImpactMonthly(ctx, "nowhere"); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("unknown community: %v", err)
	}
}

func TestImpactComparisonAndPopulation(t *testing.T) {
	w := newImpactWorld(t)
	ctx := context.Background()
	op := service.WithActor(ctx, w.operator)
	if err := w.svc.SetCommunityPopulation(service.WithActor(ctx, w.admin), "town", 1000); domain.KindOf(err) != domain.KindForbidden {
		t.Fatalf("an admin set the population: %v", err)
	}
	if err := w.svc.SetCommunityPopulation(op, "town", -1); domain.KindOf(err) != domain.KindInvalid {
		t.Fatalf("a negative population: %v", err)
	}
	if err := w.svc.SetCommunityPopulation(op, "nowhere", 10); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("population of an unknown community: %v", err)
	}
	ok(t, w.svc.SetCommunityPopulation(op, "town", 6500))
	cmp, err := w.svc.ImpactComparisonOf(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.CanSetPopulation || len(cmp.Bands) != 4 || len(cmp.Unknown) != 1 || cmp.Unknown[0].Slug != "elsewhere" {
		t.Fatalf("comparison %+v", cmp)
	}
	if len(cmp.Bands[1].Communities) != 1 || cmp.Bands[1].Min != 5000 || cmp.Bands[1].Max != 20000 {
		t.Fatalf("band of 5,000 to 20,000: %+v", cmp.Bands[1])
	}
	town := cmp.Bands[1].Communities[0]
	// 13 requests, 16.5 hours, 7 people, 6 volunteers per 6,500 people.
	got := strings.Join([]string{town.RequestsPerThousand.String(), town.HoursPerThousand.String(),
		town.HelpedPerThousand.String(), town.VolunteersPerThousand.String()}, " ")
	if got != "2 2.54 1.08 0.92" || town.Population != 6500 {
		t.Errorf("town per 1,000: %s (population %d)", got, town.Population)
	}
	if e := cmp.Unknown[0]; !e.RequestsPerThousand.Suppressed || !e.HoursPerThousand.Suppressed {
		t.Errorf("elsewhere's rates of hidden counts: %+v", e)
	}
	opCmp, err := w.svc.ImpactComparisonOf(op)
	if err != nil || !opCmp.CanSetPopulation {
		t.Errorf("operator's comparison: %v %v", opCmp.CanSetPopulation, err)
	}
}

package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// TestCommunityHomeShowsUpcomingOpportunities: the front door shows, to
// visitors too, the opportunities with a shift ahead, with their next
// shift in the community's time, and leaves out those whose shifts are
// all over; offers are linked for members only.
func TestCommunityHomeShowsUpcomingOpportunities(t *testing.T) {
	s := newStaff(t, service.Options{})
	ctx := context.Background()
	ada, err := s.svc.Authenticate(ctx, s.cookies["Ada"].Value)
	if err != nil {
		t.Fatal(err)
	}
	asAda := service.WithActor(ctx, ada)
	org, err := s.svc.ProposeOrganisation(asAda, "utrecht-oost", domain.Organisation{
		Name: "Buurthuis", Type: "ngo", Location: utrecht.Center})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.ApproveOrganisation(asAda, "utrecht-oost", org.ID); err != nil {
		t.Fatal(err)
	}
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(time.Now().Year()+1, time.March, 14, 10, 0, 0, 0, zone)
	for _, o := range []domain.Opportunity{
		{Title: "Garden day", Address: "Oosterpark 1", Shifts: []domain.Shift{
			{Start: start.Add(7 * 24 * time.Hour), End: start.Add(7*24*time.Hour + 2*time.Hour), Capacity: 4},
			{Start: start, End: start.Add(3 * time.Hour), Capacity: 4}}},
		{Title: "Homework club", Online: true, Shifts: []domain.Shift{{Start: start, End: start.Add(time.Hour), Capacity: 2}}},
	} {
		o.OrganisationID, o.Category, o.Location = org.ID, "other", utrecht.Center
		if _, err := s.svc.CreateOpportunity(asAda, "utrecht-oost", o); err != nil {
			t.Fatal(err)
		}
	}

	// Visitors read the community's first language, Dutch.
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	nl := cat.Translator("nl")
	visitor := s.do(request{method: "GET", path: "/c/utrecht-oost"})
	if visitor.status != http.StatusOK {
		t.Fatalf("community page: %d", visitor.status)
	}
	checkPage(t, visitor)
	for _, want := range []string{
		"Garden day", "Oosterpark 1", "Homework club", nl.T("community.opportunities.online"),
		// The earlier of Garden day's shifts, in Utrecht's time.
		nl.T("community.opportunities.next", "When", nl.Date(start)+", 10:00–13:00"),
		`href="/c/utrecht-oost/opportunities"`, `href="/c/utrecht-oost/organisations"`,
		`href="/c/utrecht-oost/directory"`, `href="/c/utrecht-oost/impact"`,
	} {
		if !strings.Contains(visitor.body, want) {
			t.Errorf("the community page lacks %q", want)
		}
	}
	if strings.Contains(visitor.body, `href="/c/utrecht-oost/offers"`) {
		t.Error("visitors are offered the offers, which only members may see")
	}
	member := s.do(request{method: "GET", path: "/c/utrecht-oost", cookies: []*http.Cookie{s.cookies["Max"]}})
	if !strings.Contains(member.body, `href="/c/utrecht-oost/offers"`) {
		t.Error("members are not offered the offers")
	}
	other := s.do(request{method: "GET", path: "/c/ljubljana"})
	if strings.Contains(other.body, "Garden day") {
		t.Error("another community's front page shows this one's opportunities")
	}
}

package service_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// meals is a valid offer of ten meals in the middle of "town".
func meals(now time.Time) domain.Offer {
	until := now.Add(72 * time.Hour)
	return domain.Offer{Kind: "goods", Category: "meals", Title: "Hot meals", Quantity: 10, Unit: "meals",
		Location: domain.Point{Lat: 52.37, Lng: 4.9}, Address: "Dam 1", AvailableUntil: &until, Conditions: "collect before 18:00"}
}

func askFor(t *testing.T, svc *service.Service, ctx context.Context, now time.Time) int64 {
	t.Helper()
	v, err := svc.CreateRequest(ctx, "town", domain.Request{Category: "groceries", Title: "Food parcel",
		Location: domain.Point{Lat: 52.371, Lng: 4.901}, NeededFrom: now.Add(time.Hour), NeededBy: now.Add(3 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

func wantFields(t *testing.T, what string, err error, fields ...string) {
	t.Helper()
	var de *domain.Error
	if !asDomain(err, &de) || de.Kind != domain.KindInvalid {
		t.Fatalf("%s: error %v, want invalid input", what, err)
	}
	for _, f := range fields {
		found := false
		for _, fe := range de.Fields {
			found = found || fe.Field == f
		}
		if !found {
			t.Errorf("%s: no problem named %s in %+v", what, f, de.Fields)
		}
	}
}

func TestCreateOfferRejectsBadInput(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, ctx := setup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"mem": domain.RoleMember})
	bad := meals(now)
	bad.Kind, bad.Category, bad.Quantity, bad.Title = "money", "cars", 0, " "
	_, err := svc.CreateOffer(as["mem"], "town", bad)
	wantFields(t, "unknown kind and category, no quantity or title", err, "kind", "category", "quantity", "title")

	bad = meals(now)
	from, until := now.Add(48*time.Hour), now.Add(24*time.Hour)
	bad.AvailableFrom, bad.AvailableUntil = from, &until
	bad.Location = domain.Point{Lat: 52.6, Lng: 4.9}
	_, err = svc.CreateOffer(as["mem"], "town", bad)
	wantFields(t, "until before from, outside the area", err, "available_until", "location")

	bad = meals(now)
	past := now.Add(-time.Hour)
	bad.AvailableFrom, bad.AvailableUntil = now.Add(-2*time.Hour), &past
	_, err = svc.CreateOffer(as["mem"], "town", bad)
	wantFields(t, "ended already", err, "available_until")

	if _, err := svc.Offers(as["mem"], "town", service.OfferQuery{Kind: "money"}); domain.KindOf(err) != domain.KindInvalid {
		t.Errorf("search by an unknown kind: %v", err)
	}
}

func TestOfferPrivacyAndWithdrawal(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, ctx := setup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"giver": domain.RoleMember, "other": domain.RoleMember, "cor": domain.RoleCoordinator})
	v, err := svc.CreateOffer(as["giver"], "town", meals(now))
	if err != nil {
		t.Fatal(err)
	}
	if v.Address != "Dam 1" || v.Location == nil || !v.Mine || v.Available != 10 || !v.AvailableFrom.Equal(now) {
		t.Fatalf("the offerer's view %+v", v)
	}
	near := domain.Point{Lat: 52.372, Lng: 4.9}
	for _, who := range []string{"giver", "other", "cor"} {
		list, err := svc.Offers(as[who], "town", service.OfferQuery{Near: &near, RadiusKM: 2, Text: "MEAL"})
		if err != nil || len(list) != 1 {
			t.Fatalf("%s lists %+v, %v", who, list, err)
		}
		if list[0].Address != "" || list[0].Location != nil || list[0].OfferedBy != nil || list[0].DistanceKM == nil {
			t.Errorf("%s sees private details in a list: %+v", who, list[0])
		}
	}
	seen, err := svc.OfferDetail(as["other"], "town", v.ID)
	if err != nil || seen.Address != "" || seen.Location != nil || seen.Mine {
		t.Errorf("another member's view %+v, %v", seen, err)
	}
	seen, err = svc.OfferDetail(as["cor"], "town", v.ID)
	if err != nil || seen.Address != "Dam 1" || seen.OfferedBy == nil {
		t.Errorf("the coordinator's view %+v, %v", seen, err)
	}
	if _, err := svc.WithdrawOffer(as["other"], "town", v.ID); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("another member withdraws: %v", err)
	}
	if w, err := svc.WithdrawOffer(as["giver"], "town", v.ID); err != nil || w.Status != domain.OfferWithdrawn {
		t.Fatalf("withdraw: %+v, %v", w, err)
	}
	_, err = svc.WithdrawOffer(as["cor"], "town", v.ID)
	wantCode(t, "withdraw twice", err, "offer_withdrawn")
	if _, err := svc.OfferDetail(as["other"], "town", v.ID); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("a withdrawn offer is shown to another member: %v", err)
	}
	if list, _ := svc.Offers(as["other"], "town", service.OfferQuery{}); len(list) != 0 {
		t.Errorf("a withdrawn offer is listed: %+v", list)
	}
	r := askFor(t, svc, as["other"], now)
	_, err = svc.LinkOffer(as["cor"], "town", v.ID, r, 1)
	wantCode(t, "reserving on a withdrawn offer", err, "offer_withdrawn")
}

func TestLinkingReservesAndReleases(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, ctx := setup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"giver": domain.RoleMember, "asker": domain.RoleMember, "cor": domain.RoleCoordinator})
	v, err := svc.CreateOffer(as["giver"], "town", meals(now))
	if err != nil {
		t.Fatal(err)
	}
	r1, r2, r3 := askFor(t, svc, as["asker"], now), askFor(t, svc, as["asker"], now), askFor(t, svc, as["asker"], now)
	available := func(want int) {
		t.Helper()
		got, err := svc.OfferDetail(as["cor"], "town", v.ID)
		if err != nil || got.Available != want || got.Reserved != 10-want {
			t.Fatalf("available %d reserved %d (%v), want %d available", got.Available, got.Reserved, err, want)
		}
	}
	if _, err := svc.LinkOffer(as["giver"], "town", v.ID, r1, 1); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a member links: %v", err)
	}
	_, err = svc.LinkOffer(as["cor"], "town", v.ID, r1, 0)
	wantFields(t, "quantity 0", err, "quantity")
	_, err = svc.LinkOffer(as["cor"], "town", v.ID, r1, 11)
	wantCode(t, "more than the offer has", err, "not_enough")
	_, err = svc.LinkOffer(as["cor"], "town", v.ID, r1+1000, 1)
	wantCode(t, "an unknown request", err, "request_not_found")

	l1, err := svc.LinkOffer(as["cor"], "town", v.ID, r1, 4)
	if err != nil || l1.Status != domain.LinkActive || l1.Quantity != 4 {
		t.Fatalf("link: %+v, %v", l1, err)
	}
	_, err = svc.LinkOffer(as["cor"], "town", v.ID, r1, 1)
	wantCode(t, "the same request twice", err, "already_linked")
	if _, err := svc.LinkOffer(as["cor"], "town", v.ID, r2, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LinkOffer(as["cor"], "town", v.ID, r3, 3); err != nil {
		t.Fatal(err)
	}
	available(0)
	r4 := askFor(t, svc, as["asker"], now)
	_, err = svc.LinkOffer(as["cor"], "town", v.ID, r4, 1)
	wantCode(t, "nothing left", err, "not_enough")

	// Unlinking, cancelling and expiry each give the units back.
	released, err := svc.UnlinkOffer(as["cor"], "town", v.ID, l1.ID)
	if err != nil || released.Status != domain.LinkReleased || released.ReleasedAt == nil {
		t.Fatalf("unlink: %+v, %v", released, err)
	}
	_, err = svc.UnlinkOffer(as["cor"], "town", v.ID, l1.ID)
	wantCode(t, "unlink twice", err, "link_released")
	available(4)
	if _, err := svc.CancelRequest(as["asker"], "town", r2); err != nil {
		t.Fatal(err)
	}
	available(7)
	_, err = svc.LinkOffer(as["cor"], "town", v.ID, r2, 1)
	wantCode(t, "a cancelled request", err, "wrong_status")
	now = now.Add(4 * time.Hour)
	if n, err := svc.ExpireRequests(ctx); err != nil || n != 3 {
		t.Fatalf("expired %d, %v", n, err)
	}
	available(10)
}

func TestOfferOfAnotherCommunity(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, ctx := setup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"giver": domain.RoleMember, "cor": domain.RoleCoordinator})
	c := domain.Community{Slug: "village", Name: "Village", Languages: []string{"nl"}, Center: domain.Point{Lat: 52.37, Lng: 4.9}, RadiusKM: 5}
	if _, err := svc.CreateCommunity(as["op"], c); err != nil {
		t.Fatal(err)
	}
	theirs, err := svc.CreateOffer(as["op"], "village", meals(now))
	if err != nil {
		t.Fatal(err)
	}
	ours, err := svc.CreateOffer(as["giver"], "town", meals(now))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.OfferDetail(as["cor"], "town", theirs.ID); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("an offer of another community: %v", err)
	}
	_, err = svc.LinkOffer(as["cor"], "town", theirs.ID, askFor(t, svc, as["giver"], now), 1)
	wantCode(t, "linking another community's offer", err, "offer_not_found")
	vr, err := svc.CreateRequest(as["op"], "village", domain.Request{Category: "groceries", Title: "x",
		Location: domain.Point{Lat: 52.37, Lng: 4.9}, NeededFrom: now.Add(time.Hour), NeededBy: now.Add(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.LinkOffer(as["cor"], "town", ours.ID, vr.ID, 1)
	wantCode(t, "linking another community's request", err, "request_not_found")
}

// TestConcurrentLastUnits has coordinators race for the last units: one
// gets them, every other one a conflict naming the quantity.
func TestConcurrentLastUnits(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, ctx := setup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"giver": domain.RoleMember, "cor1": domain.RoleCoordinator, "cor2": domain.RoleCoordinator})
	o := meals(now)
	o.Quantity = 2
	v, err := svc.CreateOffer(as["giver"], "town", o)
	if err != nil {
		t.Fatal(err)
	}
	const n = 6
	reqs := make([]int64, n)
	for i := range reqs {
		reqs[i] = askFor(t, svc, as["giver"], now)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			who := []string{"cor1", "cor2"}[i%2]
			_, errs[i] = svc.LinkOffer(as[who], "town", v.ID, reqs[i], 2)
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		if domain.KindOf(err) != domain.KindConflict || !strings.Contains(err.Error(), "not_enough") {
			t.Errorf("a loser got %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d coordinators got the last 2 units, want 1", won)
	}
}

func TestOfferInTheNameOfAnOrganisation(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	svc, ctx := setup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"runner": domain.RoleMember, "other": domain.RoleMember})
	org, err := svc.ProposeOrganisation(as["runner"], "town", domain.Organisation{Name: "Food bank", Type: "ngo",
		Location: domain.Point{Lat: 52.37, Lng: 4.9}})
	if err != nil {
		t.Fatal(err)
	}
	o := meals(now)
	o.OrganisationID = &org.ID
	_, err = svc.CreateOffer(as["runner"], "town", o)
	wantCode(t, "an organisation not yet approved", err, "not_approved")
	if _, err := svc.ApproveOrganisation(as["op"], "town", org.ID); err != nil {
		t.Fatal(err)
	}
	_, err = svc.CreateOffer(as["other"], "town", o)
	wantCode(t, "someone who does not run it", err, "not_organiser")
	v, err := svc.CreateOffer(as["runner"], "town", o)
	if err != nil || v.OrganisationID == nil || *v.OrganisationID != org.ID {
		t.Fatalf("the organisation's offer: %+v, %v", v, err)
	}
	seen, err := svc.OfferDetail(as["other"], "town", v.ID)
	if err != nil || seen.OrganisationID == nil || seen.Address != "" {
		t.Errorf("others see the organisation but not the address: %+v, %v", seen, err)
	}
	unknown := org.ID + 100
	o.OrganisationID = &unknown
	_, err = svc.CreateOffer(as["runner"], "town", o)
	wantFields(t, "an unknown organisation", err, "organisation_id")
}

package service_test

import (
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// repairCafe is a valid initiative in the middle of "town".
func repairCafe(name string) domain.Initiative {
	return domain.Initiative{Name: name, Sector: "repair", Description: "Fix it together", Address: "Dam 1",
		Location: domain.Point{Lat: 52.371, Lng: 4.901}, Languages: []string{" nl", "en", "nl", ""}}
}

func TestInitiativeRulesByRole(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"mem": domain.RoleMember, "adm": domain.RoleAdmin, "cor": domain.RoleCoordinator})

	added, err := svc.ProposeInitiative(as["adm"], "town", repairCafe("Repair Café Žalec"))
	if err != nil || added.Status != domain.InitiativeApproved || added.ApprovedBy == nil {
		t.Fatalf("an admin's initiative is approved at once: %+v, %v", added, err)
	}
	if strings.Join(added.Languages, ",") != "nl,en" {
		t.Errorf("languages are trimmed, without repeats and empties: %q", added.Languages)
	}
	proposed, err := svc.ProposeInitiative(as["mem"], "town", repairCafe("Buurttuin"))
	if err != nil || proposed.Status != domain.InitiativeProposed || proposed.ApprovedBy != nil {
		t.Fatalf("a member's initiative waits: %+v, %v", proposed, err)
	}
	if _, err := svc.ProposeInitiative(as["cor"], "town", repairCafe("Coordinator's")); err != nil {
		t.Fatalf("a coordinator may propose: %v", err)
	}

	visitor := ctx
	list, err := svc.Directory(visitor, "town", service.DirectoryQuery{Text: "zalec"})
	if err != nil || len(list) != 1 || list[0].ID != added.ID {
		t.Fatalf("a visitor searches without diacritics: %+v, %v", list, err)
	}
	if _, err := svc.Initiative(visitor, "town", proposed.ID); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("a visitor reads a proposal: %v", err)
	}
	if _, err := svc.Initiative(as["cor"], "town", proposed.ID); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("someone else reads a proposal: %v", err)
	}
	if _, err := svc.Initiative(as["mem"], "town", proposed.ID); err != nil {
		t.Errorf("the proposer reads it: %v", err)
	}
	if _, err := svc.Directory(as["mem"], "town", service.DirectoryQuery{Proposed: true}); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a member lists proposals: %v", err)
	}
	if _, err := svc.ApproveInitiative(as["cor"], "town", proposed.ID); domain.KindOf(err) != domain.KindForbidden {
		t.Errorf("a coordinator approves: %v", err)
	}
	if _, err := svc.ApproveInitiative(visitor, "town", proposed.ID); domain.KindOf(err) != domain.KindUnauthenticated {
		t.Errorf("a visitor approves: %v", err)
	}
	if _, err := svc.ProposeInitiative(visitor, "town", repairCafe("Anonymous")); domain.KindOf(err) != domain.KindUnauthenticated {
		t.Errorf("a visitor proposes: %v", err)
	}
	got, err := svc.ApproveInitiative(as["adm"], "town", proposed.ID)
	if err != nil || got.Status != domain.InitiativeApproved {
		t.Fatalf("an admin approves: %+v, %v", got, err)
	}
	if _, err := svc.ApproveInitiative(as["adm"], "town", proposed.ID); domain.KindOf(err) != domain.KindConflict {
		t.Errorf("approving twice: %v", err)
	}
	if _, err := svc.ApproveInitiative(as["adm"], "town", 999999); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("approving nothing: %v", err)
	}
	near := domain.Point{Lat: 52.371, Lng: 4.901}
	list, err = svc.Directory(visitor, "town", service.DirectoryQuery{Near: &near})
	if err != nil || len(list) != 2 || list[0].DistanceKM == nil {
		t.Errorf("near a point with the default radius, approved ones only: %+v, %v", list, err)
	}
}

func TestInitiativeBadInput(t *testing.T) {
	svc, ctx := setup(t, nil)
	as := staff(t, svc, ctx, map[string]domain.Role{"mem": domain.RoleMember})
	bad := repairCafe(" ")
	bad.Sector, bad.Website, bad.OpeningTimes = "banking", "javascript:alert(1)", strings.Repeat("x", 301)
	_, err := svc.ProposeInitiative(as["mem"], "town", bad)
	wantFields(t, "no name, unknown sector, bad website, long opening times", err, "name", "sector", "website", "opening_times")

	bad = repairCafe("No location")
	bad.Location = domain.Point{}
	_, err = svc.ProposeInitiative(as["mem"], "town", bad)
	wantFields(t, "no location", err, "location")
	bad.Location = domain.Point{Lat: 91, Lng: 4.9}
	_, err = svc.ProposeInitiative(as["mem"], "town", bad)
	wantFields(t, "latitude out of range", err, "location")

	far := domain.Point{Lat: 46, Lng: 15}
	bad91 := domain.Point{Lat: 52, Lng: 181}
	for name, q := range map[string]service.DirectoryQuery{
		"q":         {Text: strings.Repeat("ž", 201)},
		"sector":    {Sector: "banking"},
		"near":      {Near: &bad91},
		"radius_km": {Near: &far, RadiusKM: 101},
	} {
		_, err := svc.Directory(ctx, "town", q)
		wantFields(t, "directory query with bad "+name, err, name)
	}
	if _, err := svc.Directory(ctx, "town", service.DirectoryQuery{Text: strings.Repeat("ž", 200)}); err != nil {
		t.Errorf("200 characters are allowed: %v", err)
	}
	if _, err := svc.Directory(ctx, "nowhere", service.DirectoryQuery{}); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("an unknown community: %v", err)
	}
}

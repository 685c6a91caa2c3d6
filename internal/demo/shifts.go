package demo

import (
	"context"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// seedShifts adds the food bank: proposed by Janez, approved by Mojca, with
// a food distribution every Saturday morning that Nina has signed up for,
// so the organisation, opportunity and shift pages have something to show.
func seedShifts(ctx context.Context, svc *service.Service, users map[string]domain.User) error {
	janez := service.WithActor(ctx, users["janez.kos@example.org"])
	org, err := svc.ProposeOrganisation(janez, Slug, domain.Organisation{
		Name: "Banka hrane Žalec", Type: "ngo", Sector: "food aid",
		Description: "Collects surplus food from shops and farms and hands it out to families every Saturday.",
		Website:     "https://example.org/banka-hrane", Location: centre, Contact: "banka.hrane@example.org, 03 710 00 00",
	})
	if err != nil {
		return err
	}
	mojca := service.WithActor(ctx, users["mojca.kovac@example.org"])
	if _, err := svc.ApproveOrganisation(mojca, Slug, org.ID); err != nil {
		return err
	}
	until := time.Now().AddDate(0, 6, 0).Format(time.DateOnly)
	opp, err := svc.CreateOpportunity(janez, Slug, domain.Opportunity{
		OrganisationID: org.ID, Title: "Saturday food distribution",
		Description: "Sort the week's donations, pack bags and hand them out at the town hall courtyard.",
		Category:    "groceries", Skills: []string{"lifting", "sorting"}, Location: centre,
		Address: "Ulica Savinjske čete 5, Žalec", MinAge: 16, Languages: []string{"sl"},
		Recurrence: domain.ShiftRule{Days: []string{"sat"}, Start: "09:00", End: "12:00", Capacity: 8, Until: until},
	})
	if err != nil || len(opp.Shifts) == 0 {
		return err
	}
	nina := service.WithActor(ctx, users["nina.horvat@example.org"])
	_, err = svc.SignUp(nina, Slug, opp.Shifts[0].ID, domain.Signup{AgeConfirmed: true})
	return err
}

package demo

import (
	"context"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// seedOffers has two neighbours offer things, and Tomaž reserve two of the
// meals for Marija's shopping request, so the demo shows an offer with
// part of it reserved.
func seedOffers(ctx context.Context, svc *service.Service, users map[string]domain.User) error {
	until := time.Now().AddDate(0, 0, 14)
	eva := service.WithActor(ctx, users["eva.krajnc@example.org"])
	meals, err := svc.CreateOffer(eva, Slug, domain.Offer{Kind: "goods", Category: "meals", Title: "Home-cooked lunches",
		Description: "I cook for my family and can make a few more portions.", Quantity: 6, Unit: "meals",
		Location: gotovlje, Address: "Gotovlje 12, Žalec", AvailableUntil: &until, Conditions: "Collect between 12:00 and 13:00."})
	if err != nil {
		return err
	}
	luka := service.WithActor(ctx, users["luka.novak@example.org"])
	if _, err := svc.CreateOffer(luka, Slug, domain.Offer{Kind: "service", Category: "transport", Title: "Van for moving furniture",
		Quantity: 1, Unit: "van", Location: petrovče, Address: "Petrovče 5", Conditions: "Saturdays only; you pay the fuel."}); err != nil {
		return err
	}
	coord := service.WithActor(ctx, users["tomaz.zupan@example.org"])
	asked, err := svc.Requests(coord, Slug, service.RequestQuery{Category: "groceries"})
	if err != nil || len(asked) == 0 {
		return err
	}
	_, err = svc.LinkOffer(coord, Slug, meals.ID, asked[0].ID, 2)
	return err
}

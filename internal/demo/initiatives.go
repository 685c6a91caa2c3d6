package demo

import (
	"context"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// demoInitiatives are local initiatives of the Savinja valley for the
// directory: names and places are made up, in the kinds of initiative
// the directory is for.
var demoInitiatives = []domain.Initiative{
	{Name: "Popravljalnica Žalec", Sector: "repair", Description: "Repair café: bring a broken lamp, toaster or bicycle and fix it together with volunteers.",
		Address: "Šlandrov trg 1, Žalec", Location: centre, OpeningTimes: "First Saturday of the month, 9:00–12:00",
		Languages: []string{"sl", "en"}, Contact: "popravljalnica@example.org"},
	{Name: "Skupnostni vrt Griže", Sector: "gardening", Description: "Raised beds for neighbours without a garden; tools and seeds are shared.",
		Address: "Griže 20", Location: griže, OpeningTimes: "Every day from sunrise to sunset", Languages: []string{"sl"}},
	{Name: "Sončna zadruga Savinja", Sector: "energy", Description: "Energy cooperative: solar panels on public roofs, owned by the people of the valley.",
		Address: "Petrovče 30", Location: petrovče, Languages: []string{"sl", "de"}, Contact: "+386 3 000 00 00"},
	{Name: "Kolesarski kurirji Savinja", Sector: "platform_coop", Description: "Bike-delivery cooperative owned by its riders; delivers for local shops.",
		Address: "Šempeter 4", Location: šempeter, OpeningTimes: "Mon–Fri 8:00–18:00", Languages: []string{"sl", "en"}},
}

// seedInitiatives has Mojca, the community admin, add the directory's
// initiatives (approved at once), and Janez propose a food bank point,
// which waits for her approval so the demo shows the Approve button.
func seedInitiatives(ctx context.Context, svc *service.Service, users map[string]domain.User) error {
	mojca := service.WithActor(ctx, users["mojca.kovac@example.org"])
	for _, in := range demoInitiatives {
		if _, err := svc.ProposeInitiative(mojca, Slug, in); err != nil {
			return err
		}
	}
	janez := service.WithActor(ctx, users["janez.kos@example.org"])
	_, err := svc.ProposeInitiative(janez, Slug, domain.Initiative{Name: "Razdelilnica hrane Levec", Sector: "food",
		Description: "Food bank point: parcels every Thursday afternoon.", Address: "Levec 1", Location: levec,
		OpeningTimes: "Thursdays 14:00–17:00", Languages: []string{"sl"}})
	return err
}

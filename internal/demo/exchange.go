package demo

import (
	"context"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// Places in and around Žalec (approximate, public landmarks only).
var (
	centre    = domain.Point{Lat: 46.2514, Lng: 15.1650}
	griže     = domain.Point{Lat: 46.2544, Lng: 15.1328}
	petrovče  = domain.Point{Lat: 46.2456, Lng: 15.2172}
	šempeter  = domain.Point{Lat: 46.2567, Lng: 15.1156}
	gotovlje  = domain.Point{Lat: 46.2631, Lng: 15.1575}
	levec     = domain.Point{Lat: 46.2396, Lng: 15.2338}
	everyDay  = []string{"mon", "tue", "wed", "thu", "fri"}
	afternoon = "13:00"
)

// volunteers are the demo helpers' profiles.
var volunteers = []struct {
	email string
	v     domain.Volunteer
}{
	{"nina.horvat@example.org", domain.Volunteer{Skills: []string{"groceries", "transport", "digital_help", "driving licence"},
		Languages: []string{"sl", "en"}, Home: griže, RadiusKM: 8, MaxActive: 3, Availability: slots(everyDay, "16:00", "20:00")}},
	{"luka.novak@example.org", domain.Volunteer{Skills: []string{"repairs", "household", "groceries", "electrician"},
		Languages: []string{"sl", "de"}, Home: petrovče, RadiusKM: 6, MaxActive: 2, Availability: slots(everyDay, "08:00", afternoon)}},
	{"eva.krajnc@example.org", domain.Volunteer{Skills: []string{"pharmacy", "companionship", "groceries", "nurse"},
		Languages: []string{"sl", "en", "hr"}, Home: gotovlje, RadiusKM: 5, MaxActive: 2,
		Availability: append(slots([]string{"sat", "sun"}, "09:00", "18:00"), slots([]string{"tue", "thu"}, "14:00", "19:00")...)}},
}

func slots(days []string, from, to string) []domain.Slot {
	out := make([]domain.Slot, len(days))
	for i, d := range days {
		out[i] = domain.Slot{Day: d, From: from, To: to}
	}
	return out
}

// seedExchange gives the demo volunteers profiles, records a client who
// phoned, and opens a few requests, so every screen has something to show.
// places are the settlements of the demo municipality, what people choose
// as their location when they do not drop a pin on the map.
var places = []domain.Place{
	{Name: "Žalec – centre", Point: centre},
	{Name: "Griže", Point: griže},
	{Name: "Petrovče", Point: petrovče},
	{Name: "Šempeter v Savinjski dolini", Point: šempeter},
	{Name: "Gotovlje", Point: gotovlje},
	{Name: "Levec", Point: levec},
}

func seedPlaces(ctx context.Context, svc *service.Service) error {
	for _, p := range places {
		if _, err := svc.AddPlace(ctx, Slug, p); err != nil {
			return err
		}
	}
	return nil
}

func seedExchange(ctx context.Context, svc *service.Service, users map[string]domain.User) error {
	for _, p := range volunteers {
		if _, err := svc.PutMyVolunteer(service.WithActor(ctx, users[p.email]), Slug, p.v); err != nil {
			return err
		}
	}
	coord := service.WithActor(ctx, users["tomaz.zupan@example.org"])
	client, err := svc.CreateClient(coord, Slug, domain.Client{
		Name: "Frančiška Zupančič", Phone: "03 571 00 00", Address: "Šlandrova ulica 2, Šempeter v Savinjski dolini",
		Location: šempeter, Languages: []string{"sl"}, Notes: "Hard of hearing: speak slowly. Ring twice.",
		Consent: domain.Consent{Method: "phone"},
	})
	if err != nil {
		return err
	}
	loc, _ := time.LoadLocation(Settings.Timezone)
	day := func(n, hour int) time.Time {
		d := time.Now().In(loc).AddDate(0, 0, n)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, loc)
	}
	marija := service.WithActor(ctx, users["marija.potocnik@example.org"])
	janez := service.WithActor(ctx, users["janez.kos@example.org"])
	requests := []struct {
		ctx context.Context
		r   domain.Request
	}{
		{marija, domain.Request{Category: "groceries", Title: "Weekly shopping at the market",
			Description: "Bread, milk, apples and my newspaper. I pay in cash when you bring it.",
			NeededFrom:  day(1, 9), NeededBy: day(1, 12), Urgency: "normal", Languages: []string{"sl"},
			Location: centre, Address: "Savinjska cesta 10, Žalec",
			Recurrence: domain.Recurrence{Kind: domain.RecurWeekly, Days: []string{domain.WeekdayOf(day(1, 9))}, Until: day(60, 0).Format(time.DateOnly)}}},
		{coord, domain.Request{Category: "pharmacy", Title: "Prescription from the pharmacy",
			Description: "Pick up a prescription at Lekarna Žalec and bring it home.",
			NeededFrom:  day(2, 14), NeededBy: day(2, 18), Urgency: "high", Location: šempeter,
			Address: client.Address, ClientID: &client.ID}},
		{janez, domain.Request{Category: "repairs", Title: "Dripping kitchen tap",
			Description: "The tap drips all night. I have the new washer, not the tools.",
			NeededFrom:  day(1, 8), NeededBy: day(7, 18), Urgency: "low", Languages: []string{"sl", "de"},
			Location: levec, Address: "Levec 40, Petrovče"}},
	}
	for _, x := range requests {
		if _, err := svc.CreateRequest(x.ctx, Slug, x.r); err != nil {
			return err
		}
	}
	return proposeDemoTask(ctx, svc, users, day(2, 10), day(2, 12))
}

// proposeDemoTask has Tomaž ask Luka to change a light bulb for Marija, so
// that a volunteer of the demo has a task waiting for their answer.
func proposeDemoTask(ctx context.Context, svc *service.Service, users map[string]domain.User, from, to time.Time) error {
	marija := service.WithActor(ctx, users["marija.potocnik@example.org"])
	bulb, err := svc.CreateRequest(marija, Slug, domain.Request{Category: "repairs", Title: "Light bulb in the hallway",
		Description: "The hallway lamp is too high for me. I have a new bulb and a ladder.",
		NeededFrom:  from, NeededBy: to, Urgency: "normal", Languages: []string{"sl"},
		Location: centre, Address: "Savinjska cesta 10, Žalec"})
	if err != nil {
		return err
	}
	coord := service.WithActor(ctx, users["tomaz.zupan@example.org"])
	_, err = svc.Propose(coord, Slug, bulb.ID, users["luka.novak@example.org"].ID)
	return err
}

package match

import "mutua/internal/domain"

// Describe turns a stored request into what the engine matches against, in
// the community's time zone and vetting rules. excluded lists volunteers
// who may not be suggested again: those who declined, and those already
// holding the request. The service and the benchmark's brute-force baseline
// both use it, so the two rank exactly the same question.
func Describe(r domain.Request, c domain.Community, excluded []int64) Request {
	mr := Request{
		Location: r.Location, Category: r.Category, Languages: r.Languages,
		Windows:       RequestWindows(r.NeededFrom, r.NeededBy, r.Recurrence, c.Location()),
		RequireVetted: c.RequiresVetting(r.Category),
		Declined:      make(map[int64]bool, len(excluded)),
	}
	for _, id := range excluded {
		mr.Declined[id] = true
	}
	return mr
}

// FromVolunteer turns a stored profile into a candidate, without the
// fairness and record figures, which come from the assignments.
func FromVolunteer(v domain.Volunteer) (Candidate, error) {
	avail, err := AvailabilityIntervals(v.Availability)
	if err != nil {
		return Candidate{}, err
	}
	return Candidate{
		UserID: v.UserID, Home: v.Home, RadiusKM: v.RadiusKM, Skills: v.Skills, Languages: v.Languages,
		Availability: avail, Active: v.Active, MaxActive: v.MaxActive, Vetted: v.Vetted,
	}, nil
}

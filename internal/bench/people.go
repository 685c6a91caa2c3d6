package bench

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/store"
)

// skillWeights is how often volunteers offer each of domain.Categories, in
// its order: everyday errands and company most, childcare (which needs
// vetting) and translation least.
var skillWeights = []float64{18, 10, 8, 12, 12, 5, 6, 7, 6, 8, 4, 3, 3}

// freeTags are skills people write in their own words. None of them names
// a category, so they never make a volunteer fit a request.
var freeTags = []string{"gardening", "cooking", "reading aloud", "knitting", "bike repairs", "walking", "sign language",
	"chess", "music lessons", "first aid"}

// spoken is the share of volunteers speaking each language, in the order a
// profile lists them.
var spoken = []struct {
	lang  string
	share float64
}{
	{"sl", 0.92}, {"en", 0.55}, {"hr", 0.12}, {"de", 0.12}, {"sr", 0.07}, {"it", 0.06}, {"bs", 0.04},
	{"fr", 0.03}, {"es", 0.03}, {"ru", 0.02}, {"uk", 0.02}, {"mk", 0.02},
}

// slotTemplate is a kind of weekly free time: one of days, from–to.
type slotTemplate struct {
	days     []string
	from, to string
}

var (
	weekdays = []string{"mon", "tue", "wed", "thu", "fri"}
	weekend  = []string{"sat", "sun"}
)

// lifestyles are who volunteers are, by when they are free: working people
// in the evenings and at weekends, retired people in the mornings and
// afternoons, students in the afternoons, and some only at weekends.
var lifestyles = []struct {
	share float64
	slots []slotTemplate
}{
	{0.45, []slotTemplate{{weekdays, "17:00", "20:00"}, {weekdays, "18:00", "21:00"}, {weekend, "09:00", "13:00"}}},
	{0.25, []slotTemplate{{weekdays, "08:00", "12:00"}, {weekdays, "13:00", "17:00"}, {weekdays, "09:00", "11:00"}}},
	{0.15, []slotTemplate{{weekdays, "14:00", "18:00"}, {weekend, "10:00", "17:00"}}},
	{0.15, []slotTemplate{{weekend, "09:00", "13:00"}, {weekend, "10:00", "17:00"}, {weekend, "14:00", "19:00"}}},
}

var (
	firstNames = []string{"Ana", "Maja", "Eva", "Nina", "Sara", "Mojca", "Irena", "Petra", "Nataša", "Mateja",
		"Luka", "Marko", "Jan", "Žiga", "Matej", "Andrej", "Rok", "Tomaž", "Janez", "Aleš"}
	surnames = []string{"Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Mlakar", "Kos",
		"Vidmar", "Golob", "Turk", "Kralj", "Zupan", "Bizjak", "Hribar", "Korošec", "Rozman", "Kotnik", "Oblak"}
)

// newVolunteer makes the i-th synthetic volunteer from r.
func newVolunteer(r *rand.Rand, i int) store.ImportedVolunteer {
	h := home(r)
	v := domain.Volunteer{
		Skills:       skills(r),
		Languages:    languages(r),
		Home:         h,
		RadiusKM:     radius(r),
		Availability: availability(r),
		MaxActive:    1 + weighted(r, []float64{0.5, 0.35, 0.15}),
		Vetted:       r.Float64() < 0.1,
	}
	if v.Vetted {
		v.VettedAt = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(365*24)) * time.Hour)
	}
	name := firstNames[r.IntN(len(firstNames))] + " " + surnames[r.IntN(len(surnames))]
	return store.ImportedVolunteer{
		User:      domain.User{Email: fmt.Sprintf("volunteer%d@bench.invalid", i), Name: name, Language: v.Languages[0]},
		Volunteer: v,
		Cell:      geo.CellID(h),
	}
}

// skills are two to five categories by popularity, and for three in ten
// people a free tag or two.
func skills(r *rand.Rand) []string {
	var out []string
	for _, i := range pickDistinct(r, skillWeights, 2+r.IntN(4)) {
		out = append(out, domain.Categories[i])
	}
	if r.Float64() < 0.3 {
		for range 1 + r.IntN(2) {
			if tag := freeTags[r.IntN(len(freeTags))]; !slices.Contains(out, tag) {
				out = append(out, tag)
			}
		}
	}
	return out
}

func languages(r *rand.Rand) []string {
	var out []string
	for _, l := range spoken {
		if r.Float64() < l.share {
			out = append(out, l.lang)
		}
	}
	if len(out) == 0 {
		out = []string{"en"}
	}
	return out
}

// radius is how far someone will go, 1 to 15 km in half kilometres, most
// people choosing a few km (median about 3).
func radius(r *rand.Rand) float64 {
	u := r.Float64()
	return math.Round((1+14*u*u*u)*2) / 2
}

// availability is one to four weekly slots on different days, of the kinds
// the volunteer's lifestyle allows.
func availability(r *rand.Rand) []domain.Slot {
	shares := make([]float64, len(lifestyles))
	for i, l := range lifestyles {
		shares[i] = l.share
	}
	templates := lifestyles[weighted(r, shares)].slots
	n := 1 + weighted(r, []float64{0.3, 0.35, 0.2, 0.15})
	used := map[string]bool{}
	out := make([]domain.Slot, 0, n)
	for tries := 0; len(out) < n && tries < 20; tries++ {
		t := templates[r.IntN(len(templates))]
		day := t.days[r.IntN(len(t.days))]
		if used[day] {
			continue
		}
		used[day] = true
		out = append(out, domain.Slot{Day: day, From: t.from, To: t.to})
	}
	return out
}

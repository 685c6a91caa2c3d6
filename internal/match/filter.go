package match

import (
	"strings"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// Why a volunteer does not fit a request, as Check reports it. The service
// can show these to a coordinator who asks why someone is missing.
const (
	FailDeclined     = "declined"
	FailLoad         = "load"
	FailVetting      = "vetting"
	FailSkill        = "skill"
	FailLanguage     = "language"
	FailDistance     = "distance"
	FailAvailability = "availability"
)

// Filter applies the hard filters of the package documentation. It
// returns the distance in km from c's home to the request and whether c
// may be asked.
func Filter(req Request, c Candidate) (distanceKM float64, ok bool) {
	p := prepare(&req)
	m := p.check(&c)
	return m.km, m.fail == ""
}

// Check is Filter with the cause: failed is "" when c fits, else the first
// hard filter that excludes them (one of the Fail codes). distanceKM is 0
// when a filter before the distance check failed.
func Check(req Request, c Candidate) (distanceKM float64, failed string) {
	p := prepare(&req)
	m := p.check(&c)
	return m.km, m.fail
}

// prepared is a request made ready to be checked against many candidates.
type prepared struct {
	req           *Request
	anyTime       bool
	windows       []domain.Interval
	windowMinutes int
}

func prepare(req *Request) prepared {
	w := normalize(req.Windows)
	return prepared{req: req, anyTime: len(req.Windows) == 0, windows: w, windowMinutes: minutes(w)}
}

// fit is what checking a candidate learned: the distance and shared
// minutes that scoring reuses, or the filter that failed.
type fit struct {
	km      float64
	overlap int
	fail    string
}

// check runs the hard filters, cheapest first, so that most excluded
// candidates cost no trigonometry.
func (p *prepared) check(c *Candidate) fit {
	r := p.req
	switch {
	case r.Declined[c.UserID]:
		return fit{fail: FailDeclined}
	case c.Active >= c.MaxActive:
		return fit{fail: FailLoad}
	case r.RequireVetted && !c.Vetted:
		return fit{fail: FailVetting}
	}
	if _, ok := skillFor(c.Skills, r.Category); !ok {
		return fit{fail: FailSkill}
	}
	if len(r.Languages) > 0 {
		if _, ok := commonLanguage(r.Languages, c.Languages); !ok {
			return fit{fail: FailLanguage}
		}
	}
	km := geo.Distance(c.Home, r.Location)
	if !(km <= c.RadiusKM) {
		return fit{km: km, fail: FailDistance}
	}
	if p.anyTime {
		return fit{km: km}
	}
	overlap := overlapMinutes(p.windows, normalize(c.Availability))
	if overlap == 0 {
		return fit{km: km, fail: FailAvailability}
	}
	return fit{km: km, overlap: overlap}
}

// skillFor returns the skill of skills that names category, comparing as
// sameTag does.
func skillFor(skills []string, category string) (string, bool) {
	if category == "" {
		return "", false
	}
	for _, s := range skills {
		if sameTag(s, category) {
			return s, true
		}
	}
	return "", false
}

// sameTag compares a free tag with a category the way people type them:
// ignoring surrounding space and ASCII case, and reading spaces and dashes
// as the underscore categories use. It does not allocate, because ranking
// calls it for every skill of every candidate.
func sameTag(tag, category string) bool {
	tag = strings.TrimSpace(tag)
	if len(tag) != len(category) {
		return false
	}
	for i := 0; i < len(tag); i++ {
		if foldTag(tag[i]) != foldTag(category[i]) {
			return false
		}
	}
	return true
}

func foldTag(b byte) byte {
	switch {
	case 'A' <= b && b <= 'Z':
		return b + ('a' - 'A')
	case b == ' ' || b == '-':
		return '_'
	}
	return b
}

// commonLanguage returns the first of want that one of has speaks,
// comparing primary language subtags without regard to case, so that a
// volunteer who lists "sl-SI" fits a request in "sl" and the other way
// round.
func commonLanguage(want, has []string) (string, bool) {
	for _, w := range want {
		for _, h := range has {
			if strings.EqualFold(primary(w), primary(h)) {
				return w, true
			}
		}
	}
	return "", false
}

// primary returns the language subtag of a BCP 47 tag ("sl" of "sl-SI").
func primary(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return tag[:i]
	}
	return tag
}

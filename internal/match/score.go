package match

import "math"

// Weights and scales of the score; the package documentation explains
// them.
const (
	weightNear   = 0.40
	weightAvail  = 0.25
	weightFair   = 0.20
	weightRecord = 0.15

	// nearHalfKM is the distance at which near is 0.5.
	nearHalfKM = 2.0
	// availEnoughMinutes is the shared time per week that counts as fully
	// available for one task.
	availEnoughMinutes = 180
)

// score computes the ranking score of c, who passed check with f.
func (p *prepared) score(c *Candidate, f fit) float64 {
	near := 1 / (1 + f.km/nearHalfKM)
	avail := 1.0
	if !p.anyTime {
		need := min(p.windowMinutes, availEnoughMinutes)
		avail = min(1, float64(f.overlap)/float64(need))
	}
	fair := 1 / (1 + float64(max(c.RecentTasks, 0)))
	record := float64(max(c.Completed, 0)+1) / float64(max(c.Completed, 0)+max(c.Declined, 0)+2)
	return weightNear*near + weightAvail*avail + weightFair*fair + weightRecord*record
}

// reasons explains a match of c, who passed check with f. Request-side
// reasons come first (how well c fits this request), then c's own record.
func (p *prepared) reasons(c *Candidate, f fit, ownRecord bool) []Reason {
	out := make([]Reason, 0, 7)
	out = append(out, Reason{Code: ReasonDistance, KM: roundTo(f.km, 10)})
	if s, ok := skillFor(c.Skills, p.req.Category); ok {
		r := Reason{Code: ReasonSkill, Category: p.req.Category}
		if s != p.req.Category {
			r.Tag = s
		}
		out = append(out, r)
	}
	if l, ok := commonLanguage(p.req.Languages, c.Languages); ok {
		out = append(out, Reason{Code: ReasonLanguage, Language: l})
	}
	if !p.anyTime {
		if s, ok := BestSlot(p.windows, c.Availability); ok {
			out = append(out, Reason{Code: ReasonAvailable, Day: s.Day, From: s.From, To: s.To})
		}
	}
	if !ownRecord {
		return out
	}
	out = append(out, Reason{Code: ReasonLoad, Tasks: c.RecentTasks})
	if c.Completed > 0 {
		out = append(out, Reason{Code: ReasonRecord, Count: c.Completed})
	}
	if c.Vetted {
		out = append(out, Reason{Code: ReasonVetted})
	}
	return out
}

// roundTo rounds x to 1/per: roundTo(1.26, 10) is 1.3.
func roundTo(x, per float64) float64 {
	return math.Round(x*per) / per
}

package match

// Rank returns the volunteers among cands who pass the hard filters for
// req, best first, at most limit of them (limit <= 0: all). The order is by
// score, then distance, then user id, so equal inputs rank equally in any
// order. The result is never nil, so the API writes [] for nobody.
func Rank(req Request, cands []Candidate, limit int) []Result {
	p := prepare(&req)
	top := newTopK(limit, rankedBefore)
	for i := range cands {
		c := &cands[i]
		f := p.check(c)
		if f.fail != "" {
			continue
		}
		top.offer(ranked{index: i, userID: c.UserID, score: p.score(c, f), fit: f})
	}
	best := top.sorted()
	out := make([]Result, len(best))
	for j, r := range best {
		// Reasons are built only for the few returned, not for every
		// candidate that passed.
		out[j] = Result{
			UserID:     r.userID,
			Score:      roundTo(r.score, 1000),
			DistanceKM: roundTo(r.km, 10),
			Reasons:    p.reasons(&cands[r.index], r.fit, true),
		}
	}
	return out
}

// ranked is a candidate who passed, with the exact values sorting uses.
type ranked struct {
	index  int
	userID int64
	score  float64
	fit
}

func rankedBefore(a, b ranked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.km != b.km {
		return a.km < b.km
	}
	return a.userID < b.userID
}

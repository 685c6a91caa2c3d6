package match

// scoreSlack is how far a rounded Result.Score may lie from the exact one.
const scoreSlack = 0.0005 + 1e-9

// ScoreBound returns the highest score a volunteer at least km away from
// the request can reach: every part of the score at its best except near.
func ScoreBound(km float64) float64 {
	return weightNear/(1+max(km, 0)/nearHalfKM) + weightAvail + weightFair + weightRecord
}

// Complete reports whether ranked, the Rank (with this limit) of every
// candidate whose home lies within searchedKM of the request, is already
// the final answer: nobody living farther away could score high enough to
// enter the top limit.
//
// It lets the service search outward instead of loading every volunteer
// in the largest radius anyone travels: query the geo.Covering of a small
// circle, Rank, and widen the circle (doubling it, say) only while
// Complete is false and the circle is smaller than the largest volunteer
// radius in the community. In a dense city the first circles already hold
// enough strong candidates, so the cost stays flat as volunteers multiply,
// and the result is the same as ranking everyone.
func Complete(ranked []Result, limit int, searchedKM float64) bool {
	if limit <= 0 || len(ranked) < limit {
		return false
	}
	return ranked[limit-1].Score-scoreSlack >= ScoreBound(searchedKM)
}

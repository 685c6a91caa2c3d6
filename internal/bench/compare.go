package bench

import (
	"mutua/internal/match"
	"mutua/internal/service"
)

// sameRanking reports whether the service's candidates are the brute-force
// ranking: the same volunteers in the same order with the same scores.
func sameRanking(got []service.Candidate, want []match.Result) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i].UserID != want[i].UserID || got[i].Score != want[i].Score {
			return false
		}
	}
	return true
}

// recall is the share of the brute-force ranking's volunteers that the
// service's candidates include, in any order; 1 when there are none.
func recall(got []service.Candidate, want []match.Result) float64 {
	if len(want) == 0 {
		return 1
	}
	in := make(map[int64]bool, len(got))
	for _, c := range got {
		in[c.UserID] = true
	}
	found := 0
	for _, r := range want {
		if in[r.UserID] {
			found++
		}
	}
	return float64(found) / float64(len(want))
}

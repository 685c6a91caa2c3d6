package bench

import (
	"context"
	"time"

	"mutua/internal/domain"
	"mutua/internal/match"
	"mutua/internal/store"
)

// fairnessWindow is the service's: recent load counts the assignments of
// the last 30 days.
const fairnessWindow = 30 * 24 * time.Hour

// bruteForce answers the candidates query without the spatial index: it
// reads every volunteer of the community and ranks those who pass the
// hard filters with match.Rank, the same filters, scores and limit as the
// service. It is the baseline the index is measured against, and its
// answer is the exact one that the service's outward search should equal.
//
// It is the best a scan can do: the profiles stream instead of piling up,
// and the statistics are read only for the volunteers who pass.
type bruteForce struct {
	st        *store.Store
	community domain.Community
	now       func() time.Time
}

func (b bruteForce) candidates(ctx context.Context, requestID int64, limit int) ([]match.Result, error) {
	cid := b.community.ID
	r, err := b.st.RequestByID(ctx, cid, requestID)
	if err != nil {
		return nil, err
	}
	mr, err := b.matchRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	var pass []match.Candidate
	err = b.st.EachVolunteer(ctx, cid, func(v domain.Volunteer) error {
		c, err := match.FromVolunteer(v)
		if err != nil {
			return nil // as the service: a profile that cannot match
		}
		if _, ok := match.Filter(mr, c); ok {
			pass = append(pass, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(pass))
	for i, c := range pass {
		ids[i] = c.UserID
	}
	stats, err := b.st.VolunteerStats(ctx, cid, ids, b.now().Add(-fairnessWindow))
	if err != nil {
		return nil, err
	}
	for i := range pass {
		st := stats[pass[i].UserID]
		pass[i].RecentTasks, pass[i].Completed, pass[i].Declined = st.Recent, st.Completed, st.Declined
	}
	return match.Rank(mr, pass, limit), nil
}

// matchRequest describes r to match as the service does.
func (b bruteForce) matchRequest(ctx context.Context, r domain.Request) (match.Request, error) {
	cid := b.community.ID
	excluded, err := b.st.DeclinedVolunteers(ctx, cid, r.ID)
	if err != nil {
		return match.Request{}, err
	}
	live, err := b.st.AssignmentsOfRequest(ctx, cid, r.ID)
	if err != nil {
		return match.Request{}, err
	}
	for _, a := range live {
		if a.Status.Live() {
			excluded = append(excluded, a.VolunteerID)
		}
	}
	return match.Describe(r, b.community, excluded), nil
}

package service

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/match"
)

// Matching tunables. The search starts in a small circle around the request
// and doubles it until enough volunteers fit, so a query reads only the
// nearest part of the community however many volunteers it has.
const (
	firstSearchKM  = 0.5
	minSearchKM    = 0.05
	candidatePool  = 200
	fairnessWindow = 30 * 24 * time.Hour
	feedPool       = 200
	firstFeedKM    = 1
)

// Candidate is a ranked volunteer with the reasons they fit, and their name
// so a coordinator on the phone knows whom to propose.
type Candidate struct {
	match.Result
	Name string `json:"name"`
}

// Candidates ranks the volunteers who can take a request, best first.
func (s *Service) Candidates(ctx context.Context, slug string, requestID int64, limit int) ([]Candidate, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return nil, err
	}
	r, err := s.request(ctx, a, requestID)
	if err != nil {
		return nil, err
	}
	mr, err := s.matchRequest(ctx, a, r)
	if err != nil {
		return nil, err
	}
	results, err := s.searchCandidates(ctx, a, r, mr, max(1, min(limit, 100)))
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(results))
	for i, res := range results {
		ids[i] = res.UserID
	}
	names, err := s.store.UserNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, len(results))
	for i, res := range results {
		out[i] = Candidate{Result: res, Name: names[res.UserID]}
	}
	return out, nil
}

// matchRequest describes a request to the matching engine, leaving out
// volunteers who declined it and those already holding it.
func (s *Service) matchRequest(ctx context.Context, a access, r domain.Request) (match.Request, error) {
	excluded, err := s.store.DeclinedVolunteers(ctx, a.community.ID, r.ID)
	if err != nil {
		return match.Request{}, err
	}
	list, err := s.store.AssignmentsOfRequest(ctx, a.community.ID, r.ID)
	if err != nil {
		return match.Request{}, err
	}
	for _, as := range list {
		if as.Status.Live() {
			excluded = append(excluded, as.VolunteerID)
		}
	}
	return match.Describe(r, a.community, excluded), nil
}

// searchCandidates finds the best volunteers by searching a circle around
// the request: it first shrinks the circle while it holds more volunteers
// than one read should take (a dense centre), then widens it until nobody
// farther away could still enter the top limit (match.Complete) or it
// covers the farthest any volunteer travels. Each widening reads only the
// ring of cells not read yet and ranks it together with everyone found
// before, so a read cut short by candidatePool still leaves every
// volunteer of the smaller circle in the ranking.
func (s *Service) searchCandidates(ctx context.Context, a access, r domain.Request, mr match.Request, limit int) ([]match.Result, error) {
	reach, err := s.store.MaxVolunteerRadius(ctx, a.community.ID)
	if err != nil || reach == 0 {
		return []match.Result{}, err
	}
	var cands []match.Candidate
	var read []domain.CellRange // cells read completely so far
	q := domain.VolunteerQuery{Category: r.Category, RequireVetted: mr.RequireVetted, Limit: candidatePool,
		LanguageMask: match.LanguageMask(mr.Languages), WeekMask: match.WeekMask(mr.Windows)}
	km, widened := min(firstSearchKM, reach), false
	for {
		cells := geo.Covering(r.Location, km)
		q.Cells = subtractRanges(cells, read)
		vols, err := s.store.NearbyVolunteers(ctx, a.community.ID, q)
		if err != nil {
			return nil, err
		}
		full := len(vols) == candidatePool
		if full && !widened && km > minSearchKM {
			km /= 2
			continue
		}
		more, err := s.candidates(ctx, a, vols)
		if err != nil {
			return nil, err
		}
		cands = append(cands, more...)
		results := match.Rank(mr, cands, limit)
		// A full read after widening means the ring was cut short; the
		// ranking is then of the smaller circle and candidatePool
		// volunteers of the ring, which in such a dense place are all
		// close by.
		if match.Complete(results, limit, km) || km >= reach || full {
			return results, nil
		}
		read = unionRanges(read, cells)
		km, widened = min(km*2, reach), true
	}
}

// candidates adds each volunteer's recent load and record for ranking.
func (s *Service) candidates(ctx context.Context, a access, vols []domain.Volunteer) ([]match.Candidate, error) {
	if len(vols) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(vols))
	for i, v := range vols {
		ids[i] = v.UserID
	}
	stats, err := s.store.VolunteerStats(ctx, a.community.ID, ids, s.now().Add(-fairnessWindow))
	if err != nil {
		return nil, err
	}
	cands := make([]match.Candidate, 0, len(vols))
	for _, v := range vols {
		c, err := match.FromVolunteer(v)
		if err != nil {
			continue // a profile saved before a rule change; it cannot match
		}
		st := stats[v.UserID]
		c.RecentTasks, c.Completed, c.Declined = st.Recent, st.Completed, st.Declined
		cands = append(cands, c)
	}
	return cands, nil
}

// subtractRanges returns the parts of the sorted, disjoint ranges a that
// lie in none of the sorted, disjoint ranges b: the ring of a wider
// covering that a smaller one has not read. Every part lies inside a range
// of a, so it keeps the sign property geo.Covering documents.
func subtractRanges(a, b []domain.CellRange) []domain.CellRange {
	var out []domain.CellRange
	j := 0
	for _, r := range a {
		for j < len(b) && b[j].Max < r.Min {
			j++
		}
		lo, covered := r.Min, false
		for k := j; k < len(b) && b[k].Min <= r.Max; k++ {
			if b[k].Min > lo {
				out = append(out, domain.CellRange{Min: lo, Max: b[k].Min - 1})
			}
			if b[k].Max >= r.Max {
				covered = true
				break
			}
			lo = b[k].Max + 1
		}
		if !covered {
			out = append(out, domain.CellRange{Min: lo, Max: r.Max})
		}
	}
	return out
}

// unionRanges merges two lists of sorted, disjoint ranges into one.
func unionRanges(a, b []domain.CellRange) []domain.CellRange {
	all := append(append(make([]domain.CellRange, 0, len(a)+len(b)), a...), b...)
	slices.SortFunc(all, func(x, y domain.CellRange) int { return cmp.Compare(x.Min, y.Min) })
	var out []domain.CellRange
	for _, r := range all {
		if n := len(out); n > 0 && (r.Min <= out[n-1].Max || out[n-1].Max < math.MaxInt64 && r.Min == out[n-1].Max+1) {
			out[n-1].Max = max(out[n-1].Max, r.Max)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Feed lists the open requests near the acting volunteer that fit their
// profile, nearest first, each with the reasons it fits.
func (s *Service) Feed(ctx context.Context, slug string, page domain.Page) ([]RequestView, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return nil, err
	}
	v, err := s.volunteer(ctx, a, a.user.ID)
	if err != nil {
		return nil, err
	}
	cand, err := match.FromVolunteer(v)
	if err != nil {
		return nil, err
	}
	page = clampPage(page)
	// The volunteer's own load does not hide the feed: they may finish a
	// task first. Capacity is checked when they offer.
	cand.Active = 0
	items, byID, err := s.searchFeed(ctx, a, v, cand, page.Offset+page.Limit)
	if err != nil {
		return nil, err
	}
	out := make([]RequestView, 0, len(items))
	for _, it := range items[min(page.Offset, len(items)):] {
		view := publicView(byID[it.RequestID], a.user.ID)
		d := it.DistanceKM
		view.DistanceKM, view.Reasons = &d, it.Reasons
		out = append(out, view)
	}
	return out, nil
}

// searchFeed finds the need nearest open requests that fit the volunteer,
// searching outward from their home like searchCandidates: a small circle
// first, then rings of twice the radius, until the need-th request found is
// nearer than the circle's edge (nothing farther can come before it) or the
// circle reaches the volunteer's radius. Reading everything in the radius
// at once made the database sort every open request of a large city to
// return the first page.
func (s *Service) searchFeed(ctx context.Context, a access, v domain.Volunteer, cand match.Candidate, need int) ([]match.FeedItem, map[int64]domain.Request, error) {
	byID := map[int64]domain.Request{}
	var frs []match.FeedRequest
	var read []domain.CellRange
	km := min(firstFeedKM, v.RadiusKM)
	for {
		cells := geo.Covering(v.Home, km)
		reqs, err := s.store.FindRequests(ctx, a.community.ID, domain.RequestFilter{
			Status: domain.RequestOpen, Cells: subtractRanges(cells, read), Categories: v.Skills,
			Page: domain.Page{Limit: feedPool},
		})
		if err != nil {
			return nil, nil, err
		}
		for _, r := range reqs {
			if r.RequesterID != nil && *r.RequesterID == a.user.ID {
				continue // nobody is asked to help themself
			}
			byID[r.ID] = r
			// Distances in the feed are measured to the approximate place,
			// so a volunteer cannot locate anyone by moving their own home.
			public := r
			public.Location = r.Approx
			frs = append(frs, match.FeedRequest{ID: r.ID, Request: match.Describe(public, a.community, nil)})
		}
		items := match.Feed(cand, frs, need)
		// Distances come rounded to 100 m; half of that keeps the test safe.
		settled := len(items) >= need && items[need-1].DistanceKM <= km-0.05
		// A full read is cut short; its requests are the newest of the
		// ring, which at that density are all near enough.
		if settled || km >= v.RadiusKM || len(reqs) == feedPool {
			return items, byID, nil
		}
		read = unionRanges(read, cells)
		km = min(km*2, v.RadiusKM)
	}
}

// RequestQuery filters a list of requests.
type RequestQuery struct {
	Status   domain.RequestStatus
	Category string
	Near     *domain.Point
	RadiusKM float64
	Mine     bool
	Page     domain.Page
}

// Requests lists requests without private details. Coordinators see every
// request; others see open ones, or with Mine the ones they asked for.
func (s *Service) Requests(ctx context.Context, slug string, q RequestQuery) ([]RequestView, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	f := domain.RequestFilter{Status: q.Status, Category: q.Category, Page: clampPage(q.Page)}
	switch {
	case q.Mine:
		f.RequesterID = a.user.ID
	case !a.can(domain.PermCoordinate):
		if q.Status != "" && q.Status != domain.RequestOpen {
			return nil, domain.Forbidden("coordinators_only", "only coordinators list requests that are no longer open")
		}
		f.Status = domain.RequestOpen
	}
	if q.Near != nil {
		f.Cells = geo.Covering(*q.Near, q.RadiusKM)
	}
	reqs, err := s.store.FindRequests(ctx, a.community.ID, f)
	if err != nil {
		return nil, err
	}
	out := make([]RequestView, 0, len(reqs))
	for _, r := range reqs {
		if q.Near != nil && !geo.Contains(*q.Near, q.RadiusKM, r.Approx) {
			continue
		}
		view := publicView(r, a.user.ID)
		if q.Near != nil {
			d := geo.Distance(*q.Near, r.Approx)
			view.DistanceKM = &d
		}
		out = append(out, view)
	}
	if q.Near != nil {
		sort.SliceStable(out, func(i, j int) bool { return *out[i].DistanceKM < *out[j].DistanceKM })
	}
	return out, nil
}

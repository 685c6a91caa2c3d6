package bench

import (
	"context"
	"sort"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

// timedStore is the store with the time of every call the candidates query
// and the feed make added up per method, so that the benchmark can say
// where their time goes. Two clock readings per call cost well under a
// microsecond. It is not safe for concurrent use; the benchmark calls one
// query at a time.
type timedStore struct {
	*store.Store
	spent map[string]*spent
}

type spent struct {
	calls, rows int
	total       time.Duration
}

func newTimedStore(s *store.Store) *timedStore {
	return &timedStore{Store: s, spent: map[string]*spent{}}
}

// track adds a call of method that began at start and returned rows
// rows (for the methods that return lists).
func (t *timedStore) track(method string, start time.Time, rows int) {
	s := t.spent[method]
	if s == nil {
		s = &spent{}
		t.spent[method] = s
	}
	s.calls++
	s.rows += rows
	s.total += time.Since(start)
}

// Part is one step of a query in the breakdown: a store method, or the
// service's own work between them.
type Part struct {
	Step string `json:"step"`
	// CallsPerQuery is how often the step ran per query, on average.
	CallsPerQuery float64 `json:"calls_per_query"`
	// MSPerQuery is the time it took per query, on average.
	MSPerQuery float64 `json:"ms_per_query"`
	// RowsPerQuery is how many rows it returned per query, on average,
	// for the spatial searches.
	RowsPerQuery float64 `json:"rows_per_query,omitempty"`
}

// serviceStep names the time of a query spent outside the store: in the
// service, match (filters, scores, reasons) and geo (coverings).
const serviceStep = "service+match"

// breakdown returns what the queries since the last reset spent per store
// method, slowest first, and the rest of total as serviceStep; then resets.
func (t *timedStore) breakdown(queries int, total time.Duration) []Part {
	var parts []Part
	rest := total
	for method, s := range t.spent {
		rest -= s.total
		parts = append(parts, Part{Step: method, CallsPerQuery: round3(float64(s.calls) / float64(queries)),
			MSPerQuery: ms(s.total / time.Duration(queries)), RowsPerQuery: round3(float64(s.rows) / float64(queries))})
	}
	parts = append(parts, Part{Step: serviceStep, CallsPerQuery: 1, MSPerQuery: ms(rest / time.Duration(queries))})
	sort.Slice(parts, func(i, j int) bool { return parts[i].MSPerQuery > parts[j].MSPerQuery })
	t.reset()
	return parts
}

func (t *timedStore) reset() { clear(t.spent) }

// The methods the candidates query and the feed call.

func (t *timedStore) CommunityBySlug(ctx context.Context, slug string) (domain.Community, error) {
	defer t.track("CommunityBySlug", time.Now(), 0)
	return t.Store.CommunityBySlug(ctx, slug)
}

func (t *timedStore) Membership(ctx context.Context, communityID, userID int64) (domain.Membership, error) {
	defer t.track("Membership", time.Now(), 0)
	return t.Store.Membership(ctx, communityID, userID)
}

func (t *timedStore) RequestByID(ctx context.Context, communityID, id int64) (domain.Request, error) {
	defer t.track("RequestByID", time.Now(), 0)
	return t.Store.RequestByID(ctx, communityID, id)
}

func (t *timedStore) DeclinedVolunteers(ctx context.Context, communityID, requestID int64) ([]int64, error) {
	defer t.track("DeclinedVolunteers", time.Now(), 0)
	return t.Store.DeclinedVolunteers(ctx, communityID, requestID)
}

func (t *timedStore) AssignmentsOfRequest(ctx context.Context, communityID, requestID int64) ([]domain.Assignment, error) {
	defer t.track("AssignmentsOfRequest", time.Now(), 0)
	return t.Store.AssignmentsOfRequest(ctx, communityID, requestID)
}

func (t *timedStore) MaxVolunteerRadius(ctx context.Context, communityID int64) (float64, error) {
	defer t.track("MaxVolunteerRadius", time.Now(), 0)
	return t.Store.MaxVolunteerRadius(ctx, communityID)
}

func (t *timedStore) NearbyVolunteers(ctx context.Context, communityID int64, q domain.VolunteerQuery) ([]domain.Volunteer, error) {
	start := time.Now()
	list, err := t.Store.NearbyVolunteers(ctx, communityID, q)
	t.track("NearbyVolunteers", start, len(list))
	return list, err
}

func (t *timedStore) VolunteerStats(ctx context.Context, communityID int64, userIDs []int64, since time.Time) (map[int64]domain.VolunteerStats, error) {
	defer t.track("VolunteerStats", time.Now(), 0)
	return t.Store.VolunteerStats(ctx, communityID, userIDs, since)
}

func (t *timedStore) Volunteer(ctx context.Context, communityID, userID int64) (domain.Volunteer, error) {
	defer t.track("Volunteer", time.Now(), 0)
	return t.Store.Volunteer(ctx, communityID, userID)
}

func (t *timedStore) FindRequests(ctx context.Context, communityID int64, f domain.RequestFilter) ([]domain.Request, error) {
	start := time.Now()
	list, err := t.Store.FindRequests(ctx, communityID, f)
	t.track("FindRequests", start, len(list))
	return list, err
}

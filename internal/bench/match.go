// Package bench holds the benchmarks `mutua bench` runs: each fills a
// scratch database with synthetic but realistic data and measures use cases
// through the service layer, as the API calls them.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"runtime/pprof"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
	"mutua/internal/store"
)

// Defaults of MatchOptions.
const (
	DefaultQueries = 500
	DefaultWarmup  = 50
	// candidatesLimit is what a coordinator's screen asks for.
	candidatesLimit = 20
	// loadChunk is how many volunteers are generated and imported at a
	// time, so that a million never sit in memory at once.
	loadChunk = 50_000
	// baselineBudget bounds the rows the baseline scans in all, so that it
	// takes seconds, not hours: 200 queries at 10,000 volunteers, 20 at
	// 100,000 and above.
	baselineBudget = 2_000_000
	minBaseline    = 20
)

// MatchOptions configures Match.
type MatchOptions struct {
	// Volunteers lists the community sizes to measure, each in a database
	// of its own.
	Volunteers []int
	// DB is "" for a temporary SQLite file, the path of a SQLite file that
	// does not exist yet, or a postgres:// URL, on whose server a schema
	// bench_<random> holds the data. Whatever it is, it is removed after
	// each size.
	DB string
	// Queries is how many candidate queries, and how many feeds, are
	// measured per size (default 500), after Warmup unmeasured ones
	// (default 50; negative for none).
	Queries, Warmup int
	// BaselineQueries is how many brute-force queries are measured; 0
	// takes as many as scan 2,000,000 rows in all, at least 20 and at most
	// Queries.
	BaselineQueries int
	// Seed makes the data and the choice of queries; the same seed gives
	// the same data, relative to the time the run starts.
	Seed uint64
	// ReadConns sizes the store's reader pool (see store.Options).
	ReadConns int
	// Service configures the service under test.
	Service service.Options
	// Logger receives progress; nil discards it.
	Logger *slog.Logger
	// CPUProfile, when set, receives a CPU profile of the measured
	// candidate queries and feeds of the last size.
	CPUProfile io.Writer
	// Each, when set, is called with each size's result as soon as it is
	// known, before Match moves on to the next size.
	Each func(MatchResult)
}

// MatchResult is what Match measured at one community size. Latencies are
// in milliseconds per call of the service method.
type MatchResult struct {
	Database   string `json:"database"`
	Volunteers int    `json:"volunteers"`
	Requests   int    `json:"requests"`
	Queries    int    `json:"queries"`

	CandidatesP50  float64 `json:"candidates_p50_ms"`
	CandidatesP99  float64 `json:"candidates_p99_ms"`
	CandidatesMean float64 `json:"candidates_mean_ms"`
	// CandidatesAvg is how many candidates a query returned on average (at
	// most 20); 0 would mean the data cannot be matched.
	CandidatesAvg float64 `json:"candidates_avg"`

	FeedP50  float64 `json:"feed_p50_ms"`
	FeedP99  float64 `json:"feed_p99_ms"`
	FeedMean float64 `json:"feed_mean_ms"`
	// FeedAvg is how many requests a feed of at most 20 listed on average.
	FeedAvg float64 `json:"feed_avg"`

	BaselineQueries int     `json:"baseline_queries"`
	BaselineP50     float64 `json:"baseline_p50_ms"`
	BaselineP99     float64 `json:"baseline_p99_ms"`
	// Speedup is BaselineP50 / CandidatesP50.
	Speedup float64 `json:"speedup"`
	// Agreement is the share of baseline queries for which the service
	// returned exactly the brute-force ranking (same volunteers, order and
	// scores).
	Agreement float64 `json:"baseline_agreement"`
	// Recall is the share of the brute-force top 20 that the service
	// returned too, averaged over the baseline queries.
	Recall float64 `json:"baseline_recall"`

	// LoadSeconds is the time the store took to import the volunteers and
	// requests (and, on PostgreSQL, to ANALYZE them); GenerateSeconds the
	// time spent making them up.
	LoadSeconds     float64 `json:"load_seconds"`
	GenerateSeconds float64 `json:"generate_seconds"`
	// RSSMB is the process's resident memory after the indexed queries
	// (before the baseline), PeakRSSMB its peak since the process started,
	// and AnonRSSMB the part of RSSMB that is not the database file mapped
	// into memory (see rss).
	RSSMB     float64 `json:"rss_mb"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
	AnonRSSMB float64 `json:"anon_rss_mb"`
	// DatabaseMB is the size of the data: the SQLite file, or the
	// PostgreSQL schema's tables and indexes.
	DatabaseMB float64 `json:"database_mb"`

	// Where the time of a candidates query and of a feed goes.
	CandidatesBreakdown []Part `json:"candidates_breakdown"`
	FeedBreakdown       []Part `json:"feed_breakdown"`
}

// Match measures the candidates query and the volunteer feed at every size
// of opts.Volunteers, against the brute-force baseline.
func Match(ctx context.Context, opts MatchOptions) ([]MatchResult, error) {
	if opts.Queries <= 0 {
		opts.Queries = DefaultQueries
	}
	if opts.Warmup < 0 {
		opts.Warmup = 0
	} else if opts.Warmup == 0 {
		opts.Warmup = DefaultWarmup
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if len(opts.Volunteers) == 0 {
		return nil, errors.New("name at least one number of volunteers")
	}
	var out []MatchResult
	for i, n := range opts.Volunteers {
		if n < 1 {
			return out, fmt.Errorf("cannot benchmark %d volunteers", n)
		}
		run := &matchRun{opts: opts, n: n, profile: i == len(opts.Volunteers)-1}
		res, err := run.do(ctx)
		if err != nil {
			return out, fmt.Errorf("%d volunteers: %w", n, err)
		}
		out = append(out, res)
		if opts.Each != nil {
			opts.Each(res)
		}
	}
	return out, nil
}

// matchRun is the measurement at one size.
type matchRun struct {
	opts    MatchOptions
	n       int
	profile bool

	st        *store.Store
	timed     *timedStore
	svc       *service.Service
	community domain.Community
	coord     domain.User
	volIDs    []int64
	reqIDs    []int64
	res       MatchResult
}

func (m *matchRun) do(ctx context.Context) (res MatchResult, err error) {
	db, err := newScratch(ctx, m.opts.DB)
	if err != nil {
		return res, err
	}
	defer func() { err = errors.Join(err, db.drop()) }()
	m.st, err = store.Open(ctx, db.dsn, store.Options{ReadConns: m.opts.ReadConns, Logger: m.opts.Logger})
	if err != nil {
		return res, err
	}
	defer func() { err = errors.Join(err, m.st.Close()) }()
	if _, err := m.st.Migrate(ctx); err != nil {
		return res, err
	}
	m.timed = newTimedStore(m.st)
	m.svc = service.New(m.timed, m.opts.Service)
	m.res = MatchResult{Database: m.st.Dialect(), Volunteers: m.n, Requests: max(100, m.n/20), Queries: m.opts.Queries}
	if err := m.setUp(ctx); err != nil {
		return res, fmt.Errorf("set up the community: %w", err)
	}
	if err := m.load(ctx, db); err != nil {
		return res, err
	}
	if err := m.measure(ctx); err != nil {
		return res, err
	}
	// Before the baseline, whose scans map the whole database file into
	// memory, which serving never does.
	mem := memory()
	m.res.RSSMB, m.res.PeakRSSMB, m.res.AnonRSSMB = mem.Resident, mem.Peak, mem.Anon
	if err := m.baseline(ctx); err != nil {
		return res, fmt.Errorf("baseline: %w", err)
	}
	if m.res.DatabaseMB, err = db.size(ctx); err != nil {
		return res, err
	}
	return m.res, nil
}

// setUp creates the operator, the community and its coordinator.
func (m *matchRun) setUp(ctx context.Context) error {
	op := domain.User{Email: "operator@bench.invalid", Name: "Operator", IsOperator: true, PasswordHash: "!"}
	if err := m.st.CreateUser(ctx, &op); err != nil {
		return err
	}
	c, err := m.svc.CreateCommunity(service.WithActor(ctx, op), domain.Community{
		Slug: "bench", Name: "Ljubljana (benchmark)", Languages: []string{"sl", "en"}, Center: cityCentre, RadiusKM: cityKM,
		Settings: domain.Settings{Timezone: "Europe/Ljubljana", VettingCategories: []string{"childcare"}, OfferMode: domain.OfferApproval},
	})
	if err != nil {
		return err
	}
	m.community = c
	m.coord = domain.User{Email: "coordinator@bench.invalid", Name: "Coordinator", PasswordHash: "!"}
	if err := m.st.CreateUser(ctx, &m.coord); err != nil {
		return err
	}
	return m.st.PutMembership(ctx, c.ID, m.coord.ID, domain.RoleCoordinator)
}

// load generates and imports the volunteers, then the requests.
func (m *matchRun) load(ctx context.Context, db *scratch) error {
	log := m.opts.Logger.With("volunteers", m.n)
	var gen, imp time.Duration
	r := rand.New(rand.NewPCG(m.opts.Seed, 1))
	m.volIDs = make([]int64, 0, m.n)
	for start := 0; start < m.n; start += loadChunk {
		t := time.Now()
		people := make([]store.ImportedVolunteer, min(loadChunk, m.n-start))
		for i := range people {
			people[i] = newVolunteer(r, start+i)
		}
		gen += time.Since(t)
		t = time.Now()
		if err := m.st.ImportVolunteers(ctx, m.community.ID, people); err != nil {
			return err
		}
		imp += time.Since(t)
		for _, p := range people {
			m.volIDs = append(m.volIDs, p.User.ID)
		}
		log.Info("volunteers loaded", "done", start+len(people))
	}

	t := time.Now()
	maker := requestMaker{now: time.Now(), loc: m.community.Location(), coord: m.coord.ID, requesters: m.volIDs}
	rr := rand.New(rand.NewPCG(m.opts.Seed, 2))
	reqs := make([]store.ImportedRequest, m.res.Requests)
	for i := range reqs {
		reqs[i] = maker.make(rr)
	}
	gen += time.Since(t)
	t = time.Now()
	if err := m.st.ImportRequests(ctx, m.community.ID, reqs); err != nil {
		return err
	}
	if err := db.analyze(ctx); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	imp += time.Since(t)
	m.reqIDs = make([]int64, len(reqs))
	for i, ir := range reqs {
		m.reqIDs[i] = ir.Request.ID
	}
	m.res.GenerateSeconds = round3(gen.Seconds())
	m.res.LoadSeconds = round3(imp.Seconds())
	log.Info("requests loaded", "requests", len(reqs), "load_seconds", m.res.LoadSeconds, "generate_seconds", m.res.GenerateSeconds)
	return nil
}

// measure times the candidates of random requests and the feeds of random
// volunteers.
func (m *matchRun) measure(ctx context.Context) error {
	r := rand.New(rand.NewPCG(m.opts.Seed, 3))
	coordCtx := service.WithActor(ctx, m.coord)
	if m.profile && m.opts.CPUProfile != nil {
		if err := pprof.StartCPUProfile(m.opts.CPUProfile); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	found := 0
	took, total, err := m.repeat(func() (int, error) {
		list, err := m.svc.Candidates(coordCtx, m.community.Slug, m.reqIDs[r.IntN(len(m.reqIDs))], candidatesLimit)
		return len(list), err
	}, &found)
	if err != nil {
		return fmt.Errorf("candidates: %w", err)
	}
	m.res.CandidatesP50, m.res.CandidatesP99, m.res.CandidatesMean = took.percentile(50), took.percentile(99), took.mean()
	m.res.CandidatesAvg = round3(float64(found) / float64(len(took)))
	m.res.CandidatesBreakdown = m.timed.breakdown(len(took), total)
	if found == 0 {
		return errors.New("no request found a single candidate: the synthetic data cannot be matched")
	}

	listed := 0
	took, total, err = m.repeat(func() (int, error) {
		volCtx := service.WithActor(ctx, domain.User{ID: m.volIDs[r.IntN(len(m.volIDs))]})
		list, err := m.svc.Feed(volCtx, m.community.Slug, domain.Page{Limit: candidatesLimit})
		return len(list), err
	}, &listed)
	if err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	m.res.FeedP50, m.res.FeedP99, m.res.FeedMean = took.percentile(50), took.percentile(99), took.mean()
	m.res.FeedAvg = round3(float64(listed) / float64(len(took)))
	m.res.FeedBreakdown = m.timed.breakdown(len(took), total)
	m.opts.Logger.Info("queries measured", "volunteers", m.n, "candidates_p99_ms", m.res.CandidatesP99, "feed_p99_ms", m.res.FeedP99)
	return nil
}

// repeat calls query Warmup times, then Queries times measuring each call,
// adding the sizes of the measured answers to count. It returns the
// latencies and their total, with the store's timings of the measured calls
// only.
func (m *matchRun) repeat(query func() (int, error), count *int) (latencies, time.Duration, error) {
	for range m.opts.Warmup {
		if _, err := query(); err != nil {
			return nil, 0, err
		}
	}
	m.timed.reset()
	took := make(latencies, 0, m.opts.Queries)
	var total time.Duration
	for range m.opts.Queries {
		t := time.Now()
		n, err := query()
		d := time.Since(t)
		if err != nil {
			return nil, 0, err
		}
		took = append(took, d)
		total += d
		*count += n
	}
	return took, total, nil
}

// baseline times the brute-force answer for random requests and checks it
// against the service's.
func (m *matchRun) baseline(ctx context.Context) error {
	q := m.opts.BaselineQueries
	if q <= 0 {
		q = min(m.opts.Queries, max(minBaseline, baselineBudget/m.n))
	}
	r := rand.New(rand.NewPCG(m.opts.Seed, 4))
	bf := bruteForce{st: m.st, community: m.community, now: time.Now}
	coordCtx := service.WithActor(ctx, m.coord)
	var took latencies
	same, found := 0, 0.0
	for range q {
		id := m.reqIDs[r.IntN(len(m.reqIDs))]
		t := time.Now()
		want, err := bf.candidates(ctx, id, candidatesLimit)
		if err != nil {
			return err
		}
		took = append(took, time.Since(t))
		got, err := m.svc.Candidates(coordCtx, m.community.Slug, id, candidatesLimit)
		if err != nil {
			return err
		}
		if sameRanking(got, want) {
			same++
		}
		found += recall(got, want)
	}
	m.res.BaselineQueries = q
	m.res.BaselineP50, m.res.BaselineP99 = took.percentile(50), took.percentile(99)
	if m.res.CandidatesP50 > 0 {
		m.res.Speedup = round3(m.res.BaselineP50 / m.res.CandidatesP50)
	}
	m.res.Agreement = round3(float64(same) / float64(q))
	m.res.Recall = round3(found / float64(q))
	m.opts.Logger.Info("baseline measured", "volunteers", m.n, "baseline_p50_ms", m.res.BaselineP50,
		"agreement", m.res.Agreement, "recall", m.res.Recall)
	return nil
}

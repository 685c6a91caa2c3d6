package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"mutua/internal/auth"
	"mutua/internal/bench"
	"mutua/internal/config"
	"mutua/internal/service"
)

// bench runs a benchmark.
func (m *Main) bench(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New("bench: name a benchmark: match")
	}
	switch args[0] {
	case "match":
		return m.benchMatch(ctx, args[1:])
	}
	return fmt.Errorf("bench: unknown benchmark %q (try: match)", args[0])
}

// benchMatch measures the candidates query and the volunteer feed at
// several community sizes, in a scratch database it removes afterwards.
func (m *Main) benchMatch(ctx context.Context, args []string) error {
	var (
		sizes      = sizeList{10_000}
		opts       bench.MatchOptions
		asJSON     bool
		cpuProfile string
	)
	cfg, err := m.loadConfig("bench match", args, func(fs *flag.FlagSet) {
		fs.Var(&sizes, "volunteers", "community sizes to measure, comma-separated (10000,100000 or 10k,1M)")
		fs.IntVar(&opts.Queries, "queries", bench.DefaultQueries, "measured queries per size, of each kind")
		fs.IntVar(&opts.Warmup, "warmup", bench.DefaultWarmup, "unmeasured queries before them")
		fs.IntVar(&opts.BaselineQueries, "baseline-queries", 0, "measured brute-force queries per size (0: 20 to 200 by size)")
		fs.Uint64Var(&opts.Seed, "seed", 1, "seed of the synthetic data and of the choice of queries")
		fs.BoolVar(&asJSON, "json", false, "print one JSON object per size instead of a table")
		fs.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the queries at the last size to this file")
	})
	if err != nil {
		return err
	}
	if opts.Queries < 1 {
		return fmt.Errorf("invalid -queries %d: want at least 1", opts.Queries)
	}
	if opts.Warmup == 0 {
		opts.Warmup = -1 // asked for none; 0 would mean the default
	}
	opts.Volunteers = sizes
	// The default -db is the server's database; the benchmark never
	// touches it and uses a temporary file instead.
	if cfg.DB != config.Default().DB {
		opts.DB = cfg.DB
	}
	opts.ReadConns = cfg.ReadConns
	opts.Logger = cfg.Logger(m.Stderr)
	// No password is checked during the benchmark, so hashing is cheap.
	opts.Service = service.Options{Argon2: auth.Argon2Params{Time: 1, Memory: 64, Threads: 1}, Logger: opts.Logger}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return fmt.Errorf("bench match: %w", err)
		}
		defer f.Close()
		opts.CPUProfile = f
	}
	if asJSON {
		enc := json.NewEncoder(m.Stdout)
		opts.Each = func(r bench.MatchResult) { _ = enc.Encode(r) }
	} else {
		t := &resultTable{w: m.Stdout}
		opts.Each = t.row
		defer t.breakdowns()
	}
	if _, err := bench.Match(ctx, opts); err != nil {
		return fmt.Errorf("bench match: %w", err)
	}
	return nil
}

// sizeList is a comma-separated flag of community sizes, with k and M
// standing for thousand and million.
type sizeList []int

func (s *sizeList) String() string {
	parts := make([]string, len(*s))
	for i, n := range *s {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

func (s *sizeList) Set(v string) error {
	var out sizeList
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		mult := 1
		switch {
		case strings.HasSuffix(part, "k"):
			part, mult = strings.TrimSuffix(part, "k"), 1_000
		case strings.HasSuffix(part, "M"):
			part, mult = strings.TrimSuffix(part, "M"), 1_000_000
		}
		n, err := strconv.Atoi(strings.ReplaceAll(part, "_", ""))
		if err != nil || n < 1 || n > 100_000_000/mult {
			return fmt.Errorf("%q is not a number of volunteers between 1 and 100M", part)
		}
		out = append(out, n*mult)
	}
	*s = out
	return nil
}

// resultTable prints results as they come, one row per size, and where
// the time went at the end.
type resultTable struct {
	w       io.Writer
	results []bench.MatchResult
}

func (t *resultTable) row(r bench.MatchResult) {
	if len(t.results) == 0 {
		fmt.Fprintf(t.w, "mutua bench match on %s: %d queries of each kind per size; latencies in ms\n\n", r.Database, r.Queries)
		fmt.Fprintf(t.w, "%10s %8s %7s | %8s %8s %6s | %8s %8s %6s | %9s %9s %8s %6s %6s | %6s %6s\n",
			"volunteers", "requests", "load s", "cand p50", "cand p99", "found", "feed p50", "feed p99", "listed",
			"scan p50", "scan p99", "speed-up", "agree", "recall", "RSS MB", "DB MB")
	}
	t.results = append(t.results, r)
	fmt.Fprintf(t.w, "%10d %8d %7.1f | %8.2f %8.2f %6.1f | %8.2f %8.2f %6.1f | %9.1f %9.1f %7.0f× %5.0f%% %5.0f%% | %6.0f %6.0f\n",
		r.Volunteers, r.Requests, r.LoadSeconds, r.CandidatesP50, r.CandidatesP99, r.CandidatesAvg,
		r.FeedP50, r.FeedP99, r.FeedAvg, r.BaselineP50, r.BaselineP99, r.Speedup, 100*r.Agreement, 100*r.Recall, r.RSSMB, r.DatabaseMB)
}

func (t *resultTable) breakdowns() {
	if len(t.results) == 0 {
		return
	}
	fmt.Fprintln(t.w, "\nfound/listed: average results per query (at most 20); scan: brute force over every volunteer;")
	fmt.Fprintln(t.w, "agree: share of scans whose ranking the indexed query matched exactly; recall: share of the")
	fmt.Fprintln(t.w, "scan's top 20 that the indexed query returned too.")
	fmt.Fprintln(t.w, "\nWhere the time goes, ms per query (calls per query, rows per query):")
	for _, r := range t.results {
		fmt.Fprintf(t.w, "%10d candidates: %s\n", r.Volunteers, parts(r.CandidatesBreakdown))
		fmt.Fprintf(t.w, "%10s feed:       %s\n", "", parts(r.FeedBreakdown))
	}
}

func parts(list []bench.Part) string {
	var b strings.Builder
	for i, p := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.3f (%.1f", p.Step, p.MSPerQuery, p.CallsPerQuery)
		if p.RowsPerQuery > 0 {
			fmt.Fprintf(&b, ", %.0f rows", p.RowsPerQuery)
		}
		b.WriteString(")")
	}
	return b.String()
}

package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"mutua/internal/store/storetest"
)

// benchKeys are the figures issue 3 asks `bench match -json` for, and the
// ones the closing note reports.
var benchKeys = []string{"volunteers", "requests", "candidates_p50_ms", "candidates_p99_ms", "feed_p50_ms", "feed_p99_ms",
	"baseline_p50_ms", "baseline_p99_ms", "speedup", "load_seconds", "rss_mb", "candidates_avg"}

func TestBenchMatchJSON(t *testing.T) {
	args := []string{"bench", "match", "--volunteers", "2000", "--queries", "20", "--warmup", "5", "--json"}
	if os.Getenv(storetest.EnvDB) == "postgres" {
		// A fresh schema's URL: the benchmark makes a schema of its own
		// in it and drops that again.
		args = append(args, "--db", storetest.DSN(t))
	}
	m, out, errOut := newMain("")
	if err := m.Run(context.Background(), args); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one JSON line, got:\n%s", out.String())
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatalf("%v: %s", err, lines[0])
	}
	for _, k := range benchKeys {
		v, ok := got[k].(float64)
		if !ok || v <= 0 {
			t.Errorf("%s = %v, want a positive number", k, got[k])
		}
	}
	if got["volunteers"] != 2000.0 || got["requests"] != 100.0 {
		t.Errorf("volunteers, requests = %v, %v; want 2000, 100", got["volunteers"], got["requests"])
	}
}

func TestBenchMatchTable(t *testing.T) {
	m, out, errOut := newMain("")
	err := m.Run(context.Background(), []string{"bench", "match", "-volunteers", "1k", "-queries", "5", "-warmup", "0",
		"-baseline-queries", "2", "-log-level", "warn"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	for _, want := range []string{"cand p99", "      1000 ", "NearbyVolunteers"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, out.String())
		}
	}
	if errOut.String() != "" {
		t.Errorf("-log-level warn still logged:\n%s", errOut.String())
	}
}

func TestBenchMatchErrors(t *testing.T) {
	existing := t.TempDir() + "/real.db"
	if err := os.WriteFile(existing, []byte("data"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"bench"},
		{"bench", "frobnicate"},
		{"bench", "match", "-volunteers", "ten"},
		{"bench", "match", "-volunteers", "0"},
		{"bench", "match", "-queries", "0"},
		{"bench", "match", "-volunteers", "100", "-db", existing},
	} {
		m, _, _ := newMain("")
		err := m.Run(context.Background(), args)
		if err == nil {
			t.Errorf("%v: accepted", args)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error is not one line: %q", args, err)
		}
	}
	if b, err := os.ReadFile(existing); err != nil || string(b) != "data" {
		t.Errorf("the benchmark touched an existing database: %q, %v", b, err)
	}
}

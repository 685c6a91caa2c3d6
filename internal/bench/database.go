package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the schema
)

// scratch is a database that exists only for one run of the benchmark.
type scratch struct {
	// dsn opens it with store.Open.
	dsn string
	// schema is the PostgreSQL schema holding it, "" on SQLite.
	schema string
	admin  *sql.DB
	drop   func() error
}

// isPostgres reports whether db names a PostgreSQL server.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// newScratch makes an empty database: a SQLite file in a new temporary
// folder when db is "", a new SQLite file at db (which must not exist yet,
// so that the benchmark never writes into real data), or a new schema
// bench_<random> on the PostgreSQL server db names. The caller calls drop.
func newScratch(ctx context.Context, db string) (*scratch, error) {
	switch {
	case db == "":
		dir, err := os.MkdirTemp("", "mutua-bench-")
		if err != nil {
			return nil, fmt.Errorf("temporary folder: %w", err)
		}
		return &scratch{dsn: filepath.Join(dir, "bench.db"), drop: func() error { return os.RemoveAll(dir) }}, nil
	case isPostgres(db):
		return postgresScratch(ctx, db)
	}
	if _, err := os.Stat(db); err == nil {
		return nil, fmt.Errorf("%s exists: give the path of a new file, which the benchmark removes afterwards", db)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return &scratch{dsn: db, drop: func() error {
		var err error
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if e := os.Remove(db + suffix); e != nil && !errors.Is(e, os.ErrNotExist) {
				err = errors.Join(err, e)
			}
		}
		return err
	}}, nil
}

// postgresScratch creates the schema and returns the server URL with
// search_path set to it, which pgx passes on to every connection.
func postgresScratch(ctx context.Context, db string) (*scratch, error) {
	u, err := url.Parse(db)
	if err != nil {
		return nil, fmt.Errorf("-db is not a URL: %w", err)
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	schema := "bench_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", db)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", u.Redacted(), err)
	}
	admin.SetMaxOpenConns(1)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return nil, fmt.Errorf("create schema %s on %s: %w", schema, u.Redacted(), err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return &scratch{dsn: u.String(), schema: schema, admin: admin, drop: func() error {
		// A fresh context: the run's may have been cancelled (Ctrl-C),
		// and the schema should go all the same.
		_, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		return errors.Join(err, admin.Close())
	}}, nil
}

// analyze refreshes the planner's statistics of the tables the benchmark
// filled, as autovacuum would shortly after a bulk load on PostgreSQL.
func (s *scratch) analyze(ctx context.Context) error {
	if s.admin == nil {
		return nil
	}
	var tables []string
	for _, t := range []string{"users", "memberships", "volunteers", "requests", "assignments"} {
		tables = append(tables, s.schema+"."+t)
	}
	_, err := s.admin.ExecContext(ctx, "ANALYZE "+strings.Join(tables, ", "))
	return err
}

// size returns the size of the data in MB: the SQLite file with its
// write-ahead log, or the schema's tables with their indexes and TOAST.
func (s *scratch) size(ctx context.Context) (float64, error) {
	var bytes int64
	if s.admin != nil {
		err := s.admin.QueryRowContext(ctx, `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = $1 AND c.relkind = 'r'`, s.schema).Scan(&bytes)
		if err != nil {
			return 0, fmt.Errorf("size of schema %s: %w", s.schema, err)
		}
	} else {
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(s.dsn + suffix); err == nil {
				bytes += fi.Size()
			}
		}
	}
	return math.Round(float64(bytes) / (1 << 20)), nil
}

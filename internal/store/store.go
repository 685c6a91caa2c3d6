// Package store keeps mutua's data in SQLite or PostgreSQL through one
// database/sql implementation. Queries are written once, with ? placeholders,
// in SQL both databases understand; dialect.go holds the few differences.
//
// SQLite gets a pool of read-only connections and a single writer connection,
// so writers queue in Go instead of failing with SQLITE_BUSY. PostgreSQL gets
// one pool for both.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Options tunes a Store. The zero value is ready to use.
type Options struct {
	// ReadConns is the number of SQLite reader connections (default 4), or
	// the size of the PostgreSQL pool (default 10).
	ReadConns int
	// Logger receives migration progress and rollback failures; nil
	// discards them.
	Logger *slog.Logger
}

// Store is the SQL implementation of the service's storage interfaces. It is
// safe for concurrent use.
type Store struct {
	write *sql.DB
	// read is a separate read-only pool for SQLite; for PostgreSQL it is
	// write itself.
	read *sql.DB
	// readStmts caches prepared statements of the SQLite readers; nil for
	// PostgreSQL.
	readStmts  *stmtCache
	d          *dialect
	log        *slog.Logger
	migrations []migration
}

// Open connects to the database named by dsn: a postgres:// or postgresql://
// URL opens PostgreSQL, anything else is a SQLite file path (created if
// missing). It checks the embedded migrations and that the database answers,
// but does not migrate; call Migrate for that.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	var s *Store
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s, err = openPostgres(dsn, opts)
	} else {
		s, err = openSQLite(ctx, dsn, opts)
	}
	if err != nil {
		return nil, err
	}
	s.log = opts.Logger
	if s.migrations, err = loadMigrations(s.d.name); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open %s database: %w", s.d.name, err)
	}
	return s, nil
}

func openPostgres(dsn string, opts Options) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres database: %w", err)
	}
	conns := opts.ReadConns
	if conns <= 0 {
		conns = 10
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	return &Store{write: db, read: db, d: newDialect(dialectPostgres)}, nil
}

// openSQLite opens the writer and the reader pool on the same file. Every
// setting travels in the DSN so that each connection the pools open gets it.
func openSQLite(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("open sqlite database: empty path")
	}
	if strings.Contains(path, ":memory:") || strings.Contains(path, "mode=memory") {
		// Each connection would get its own empty database, so the readers
		// would never see what the writer wrote.
		return nil, errors.New("open sqlite database: in-memory databases are not supported; use a file (tests use a temporary one)")
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Reading pages through a memory map instead of a read() per page
	// cache miss took a third off the candidates query, whose row lookups
	// land all over the volunteers table. A GiB holds a city-sized
	// community; a larger file is read normally past that point. The pages
	// are the operating system's file cache, shared by all connections,
	// not memory of ours.
	q.Add("_pragma", "mmap_size(1073741824)")
	// The store binds times as text it formats itself (see timeArg); these
	// two only make a time.Time bound by mistake come out as UTC text that
	// the driver can parse back, instead of Go's String form.
	q.Set("_time_format", "sqlite")
	q.Set("_timezone", "UTC")
	// The readers inherit WAL from the file, which the writer sets on its
	// first connection; setting it there too would need a write lock.
	w := url.Values{"_txlock": {"immediate"}}
	w.Add("_pragma", "journal_mode(WAL)")
	r := url.Values{}
	r.Add("_pragma", "query_only(1)")

	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	write, err := sql.Open("sqlite", path+sep+q.Encode()+"&"+w.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite database: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxIdleTime(0)
	write.SetConnMaxLifetime(0)
	// Open the writer first so the file exists and is in WAL mode before
	// any reader connects.
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite database: %w", err)
	}

	read, err := sql.Open("sqlite", path+sep+q.Encode()+"&"+r.Encode())
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite database: %w", err)
	}
	conns := opts.ReadConns
	if conns <= 0 {
		conns = 4
	}
	read.SetMaxOpenConns(conns)
	read.SetMaxIdleConns(conns)
	return &Store{write: write, read: read, readStmts: newStmtCache(read), d: newDialect(dialectSQLite)}, nil
}

// Close closes every connection. Transactions still open fail.
func (s *Store) Close() error {
	var err error
	if s.readStmts != nil {
		err = s.readStmts.close()
	}
	err = errors.Join(err, s.write.Close())
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Dialect reports which database is behind the store: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// Ping reports whether the database answers, on the writer and the readers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.write.PingContext(ctx); err != nil {
		return err
	}
	if s.read != s.write {
		return s.read.PingContext(ctx)
	}
	return nil
}

// Package storetest opens throwaway databases for tests and holds the
// conformance suite every Store must pass. MUTUA_TEST_DB picks the database:
// sqlite (the default, so go test ./... needs no service) or postgres, in
// which case MUTUA_TEST_PG is the server's URL and each test gets a schema of
// its own.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for creating schemas

	"mutua/internal/store"
)

// Environment variables that choose the test database.
const (
	// EnvDB is "sqlite" (the default) or "postgres".
	EnvDB = "MUTUA_TEST_DB"
	// EnvPostgres is the PostgreSQL URL used when EnvDB is "postgres".
	EnvPostgres = "MUTUA_TEST_PG"
	// DefaultPostgres is the URL used when EnvPostgres is unset.
	DefaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
)

// setupTimeout bounds creating and dropping a test schema, so an unreachable
// server fails the test instead of hanging it.
const setupTimeout = 10 * time.Second

// DSN returns the DSN of a fresh, empty, unmigrated database that is removed
// when the test ends: a SQLite file in tb.TempDir(), or a new PostgreSQL
// schema selected through search_path. It is for tests that need a DSN rather
// than a Store, such as starting the real server or testing migrations.
func DSN(tb testing.TB) string {
	tb.Helper()
	switch db := os.Getenv(EnvDB); db {
	case "", "sqlite":
		return filepath.Join(tb.TempDir(), "mutua.db")
	case "postgres":
		return postgresSchema(tb)
	default:
		tb.Fatalf("%s=%q: want sqlite or postgres", EnvDB, db)
		return ""
	}
}

// Open returns a store on a fresh, migrated database (see DSN) and closes it
// when the test ends. It is the open function to pass to Run.
func Open(t *testing.T) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	// Few connections per store: packages and parallel tests each open
	// their own, and PostgreSQL refuses clients past max_connections (100
	// by default) when many of them run at once.
	s, err := store.Open(ctx, DSN(t), store.Options{ReadConns: testConns})
	if err != nil {
		t.Fatalf("open test store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close test store: %v", err)
		}
	})
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate test store: %v", err)
	}
	return s
}

// testConns is the pool size of a test store: four SQLite readers (the
// default) or four PostgreSQL connections.
const testConns = 4

// postgresSchema creates a schema with a random name and returns the server
// URL with search_path set to it, which pgx passes on as a runtime
// parameter. A schema is much cheaper than a database and needs no rights
// beyond CREATE on the test database. The URL also turns synchronous_commit
// off: test data need not survive a crash, and not waiting for the disk on
// every commit makes each test's migration several times faster.
func postgresSchema(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		base = DefaultPostgres
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: not a URL: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()

	var b [8]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	// admin is the server URL without the schema: adminExec keeps one pool
	// per URL, so the cleanup must use this one too, not the URL with the
	// search_path below, or every test would leave a pool of its own open
	// and the suite would run out of connections.
	admin := u.String()
	if err := adminExec(admin, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("%s=postgres but PostgreSQL at %s cannot be used: %v\n"+
			"start PostgreSQL, set %s to a reachable server, or unset %s to test on SQLite",
			EnvDB, u.Redacted(), err, EnvPostgres, EnvDB)
	}
	tb.Cleanup(func() {
		if err := adminExec(admin, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop test schema %s: %v", schema, err)
		}
	})

	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// admins holds one small pool per server URL for creating and dropping
// schemas, shared by every test of the process so that each test does not pay
// for a connection of its own. The pools live as long as the test binary.
var admins struct {
	sync.Mutex
	pools map[string]*sql.DB
}

// adminExec runs one statement on the server at dsn.
func adminExec(dsn, statement string) error {
	admins.Lock()
	db, ok := admins.pools[dsn]
	if !ok {
		var err error
		if db, err = sql.Open("pgx", dsn); err != nil {
			admins.Unlock()
			return err
		}
		db.SetMaxOpenConns(2)
		db.SetMaxIdleConns(2)
		if admins.pools == nil {
			admins.pools = map[string]*sql.DB{}
		}
		admins.pools[dsn] = db
	}
	admins.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	_, err := db.ExecContext(ctx, statement)
	return err
}

package store

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Dialect names, as Dialect reports them and as the migrations folders are named.
const (
	dialectSQLite   = "sqlite"
	dialectPostgres = "postgres"
)

// sqliteTimeLayout is how times are written to SQLite: UTC, fixed width, with
// microseconds. Fixed width keeps text comparison (expires_at < ?) equal to time
// order, and microseconds match what PostgreSQL keeps, so both databases give
// back the same value. The column defaults in the SQLite migrations write the
// same layout.
const sqliteTimeLayout = "2006-01-02 15:04:05.000000-07:00"

// migrationLockKey is the pg_advisory_xact_lock key that serialises migrations
// of replicas starting at once. Any fixed number works; this one is "mutua" in
// ASCII so it is recognisable in pg_locks.
const migrationLockKey = 0x6d75747561

// dialect holds what differs between SQLite and PostgreSQL. Everything else in
// this package is plain SQL both understand.
type dialect struct {
	name string
	// numbered is true when placeholders must be $1..$n instead of ?.
	numbered bool
	// now is the SQL expression for the database's clock in the form the
	// time columns hold. UPDATEs stamp updated_at with it, so that every
	// time the store writes without being handed one comes from the same
	// clock as the column defaults.
	now string
	// rebound caches rebind results; queries are constants, so the cache is
	// bounded by the number of distinct queries in the program.
	rebound sync.Map
}

func newDialect(name string) *dialect {
	if name == dialectPostgres {
		return &dialect{name: name, numbered: true, now: "now()"}
	}
	// The same expression as the column defaults of the SQLite migrations:
	// %f gives milliseconds, and the zeros pad them to sqliteTimeLayout.
	return &dialect{name: name, now: "strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now')"}
}

// rebind rewrites the ? placeholders of query for the database. Queries are
// written once with ? so that each one is readable and shared by both
// databases. Question marks inside quoted strings, quoted identifiers and
// -- comments are left alone. Dollar-quoted strings and /* */ comments are not
// recognised, and PostgreSQL's jsonb ? operators cannot be written; none of
// the store's queries needs them.
func (d *dialect) rebind(query string) string {
	if !d.numbered {
		return query
	}
	if q, ok := d.rebound.Load(query); ok {
		return q.(string)
	}
	q := numberPlaceholders(query)
	d.rebound.Store(query, q)
	return q
}

func numberPlaceholders(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(query[i+1:], c)
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+2])
			i += end + 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+1])
			i += end
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// timeArg converts t to the value bound for a time column. Both databases get
// UTC truncated to microseconds, so what is read back equals what was written
// whichever database is behind the store.
func (d *dialect) timeArg(t time.Time) any {
	t = t.UTC().Truncate(time.Microsecond)
	if d.numbered {
		return t
	}
	return t.Format(sqliteTimeLayout)
}

// optionalTimeArg is timeArg for a nullable column: the zero time is NULL.
func (d *dialect) optionalTimeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return d.timeArg(t)
}

// lockMigrations makes concurrent migrators wait for each other. PostgreSQL
// takes a transaction-scoped advisory lock, released by commit or rollback even
// if the process dies. SQLite needs nothing: write transactions begin
// IMMEDIATE, so the database's single write lock already serialises them,
// across processes too.
func (d *dialect) lockMigrations(ctx context.Context, h handle) error {
	if d.name != dialectPostgres {
		return nil
	}
	_, err := h.q.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrationLockKey))
	return err
}

// migrationsTable is the DDL of the table recording applied migrations.
func (d *dialect) migrationsTable() string {
	if d.name == dialectPostgres {
		return `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    integer PRIMARY KEY,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`
	}
	return `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000+00:00', 'now'))
)`
}

// migrationsTableExists is a query answering one row with 1 when the
// schema_migrations table exists, so status can be read without creating it.
// PostgreSQL's to_regclass resolves the name through search_path, like every
// other query of the store.
func (d *dialect) migrationsTableExists() string {
	if d.name == dialectPostgres {
		return "SELECT count(*) FROM (SELECT to_regclass('schema_migrations') AS t) r WHERE r.t IS NOT NULL"
	}
	return "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
}

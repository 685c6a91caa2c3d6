package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"mutua/internal/domain"
)

func TestRebind(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT a FROM t WHERE a = ? AND b = ?", "SELECT a FROM t WHERE a = $1 AND b = $2"},
		{"SELECT '?', \"?\" FROM t WHERE a = ?", "SELECT '?', \"?\" FROM t WHERE a = $1"},
		{"SELECT 'it''s ?' WHERE a IN (?, ?)", "SELECT 'it''s ?' WHERE a IN ($1, $2)"},
		{"-- why?\nSELECT ?", "-- why?\nSELECT $1"},
		{"SELECT ? -- trailing?", "SELECT $1 -- trailing?"},
		{"SELECT 'unterminated ?", "SELECT 'unterminated ?"},
	}
	pg, lite := newDialect(dialectPostgres), newDialect(dialectSQLite)
	for _, tc := range cases {
		for range 2 { // the second call comes from the cache
			if got := pg.rebind(tc.in); got != tc.want {
				t.Errorf("postgres rebind(%q) = %q, want %q", tc.in, got, tc.want)
			}
		}
		if got := lite.rebind(tc.in); got != tc.in {
			t.Errorf("sqlite rebind(%q) = %q, want it unchanged", tc.in, got)
		}
	}
}

func TestReadMigrations(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("SELECT 1;")}
	cases := []struct {
		name  string
		files fstest.MapFS
		want  []string // names in order, nil for an error
	}{
		{"ordered", fstest.MapFS{"0002_more.sql": file, "0001_init.sql": file, "0010_late.sql": file}, []string{"0001_init", "0002_more", "0010_late"}},
		{"no version", fstest.MapFS{"init.sql": file}, nil},
		{"short version", fstest.MapFS{"001_init.sql": file}, nil},
		{"not sql", fstest.MapFS{"0001_init.txt": file}, nil},
		{"upper case", fstest.MapFS{"0001_Init.sql": file}, nil},
		{"version zero", fstest.MapFS{"0000_init.sql": file}, nil},
		{"same version twice", fstest.MapFS{"0001_a.sql": file, "0001_b.sql": file}, nil},
		{"a folder", fstest.MapFS{"0001_init.sql/x": file}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			migs, err := readMigrations(tc.files)
			if tc.want == nil {
				if err == nil {
					t.Fatalf("no error for %v", migs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range migs {
				got = append(got, m.name)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// Both dialects must ship the same migrations, or one database would lag.
func TestEmbeddedMigrationsMatch(t *testing.T) {
	lite, err := loadMigrations(dialectSQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := loadMigrations(dialectPostgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("%d sqlite migrations, %d postgres", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].name != pg[i].name {
			t.Errorf("migration %d: sqlite %s, postgres %s", i, lite[i].name, pg[i].name)
		}
	}
}

func TestMapPostgresCodes(t *testing.T) {
	cases := []struct {
		code string
		want error
	}{
		{"23505", domain.ErrDuplicate},
		{"23503", domain.ErrReferenced},
		{"23514", ErrConstraint},
		{"23502", ErrConstraint},
	}
	for _, tc := range cases {
		cause := &pgconn.PgError{Code: tc.code}
		err := mapError(cause)
		if !errors.Is(err, tc.want) || !errors.Is(err, cause) {
			t.Errorf("%s: %v, want %v wrapping the cause", tc.code, err, tc.want)
		}
	}
	other := &pgconn.PgError{Code: "40001"}
	if err := mapError(other); err != other {
		t.Errorf("serialization failure became %v, want it unchanged", err)
	}
	if domain.ErrDuplicate.Err != nil {
		t.Error("mapError modified the shared sentinel")
	}
}

func TestUTCScan(t *testing.T) {
	want := time.Date(2030, 1, 2, 3, 4, 5, 123456000, time.UTC)
	for _, v := range []any{
		"2030-01-02 03:04:05.123456+00:00",
		"2030-01-02 04:04:05.123456+01:00",
		[]byte("2030-01-02 03:04:05.123456"),
		want.In(time.FixedZone("X", -7200)),
	} {
		var got time.Time
		if err := (utc{&got}).Scan(v); err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("Scan(%v) = %v, %v; want %v in UTC", v, got, err, want)
		}
	}
	var got time.Time
	if err := (utc{&got}).Scan("yesterday"); err == nil {
		t.Error("Scan of text that is no time succeeded")
	}
	if s := newDialect(dialectSQLite).timeArg(want.Add(789)); s != "2030-01-02 03:04:05.123456+00:00" {
		t.Errorf("sqlite timeArg = %v", s)
	}
}

// The pragmas travel in the DSN so that every pooled connection gets them;
// check them on connections the pools open.
func TestSQLitePragmas(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "p.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pragmas := []struct {
		name        string
		write, read string
	}{
		{"journal_mode", "wal", "wal"},
		{"foreign_keys", "1", "1"},
		{"busy_timeout", "5000", "5000"},
		{"synchronous", "1", "1"},
		{"query_only", "0", "1"},
	}
	for _, p := range pragmas {
		var w, r string
		if err := s.write.QueryRowContext(t.Context(), "PRAGMA "+p.name).Scan(&w); err != nil {
			t.Fatal(err)
		}
		if err := s.read.QueryRowContext(t.Context(), "PRAGMA "+p.name).Scan(&r); err != nil {
			t.Fatal(err)
		}
		if w != p.write || r != p.read {
			t.Errorf("%s: writer %s, reader %s; want %s, %s", p.name, w, r, p.write, p.read)
		}
	}
	if _, err := s.read.ExecContext(t.Context(), "CREATE TABLE nope (x)"); err == nil {
		t.Error("a reader connection could write")
	}
}

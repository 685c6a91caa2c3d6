package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"mutua/internal/domain"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// The assertion lives in a test so that store does not import service: the
// dependency runs the other way.
var _ service.Store = (*store.Store)(nil)

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Open)
}

func openEmpty(t *testing.T, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMigrateTwiceIsNoOp(t *testing.T) {
	s := openEmpty(t, storetest.DSN(t))
	status, err := s.MigrationStatus(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(status) == 0 || status[0].Name != "0001_init" || status[0].Applied {
		t.Fatalf("status before migrating = %+v", status)
	}

	applied, err := s.Migrate(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != len(status) || applied[0] != "0001_init" {
		t.Errorf("first Migrate applied %v, want all of %+v", applied, status)
	}
	again, err := s.Migrate(t.Context())
	if err != nil || len(again) != 0 {
		t.Errorf("second Migrate applied %v, %v; want nothing", again, err)
	}

	status, err = s.MigrationStatus(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range status {
		if !m.Applied || time.Since(m.AppliedAt) > time.Minute || m.AppliedAt.Location() != time.UTC {
			t.Errorf("after migrating: %+v", m)
		}
	}
}

// Replicas starting together all call Migrate: each migration must be applied
// exactly once and none of them may fail.
func TestConcurrentMigrate(t *testing.T) {
	dsn := storetest.DSN(t)
	const replicas = 4
	results := make([][]string, replicas)
	errs := make([]error, replicas)
	var wg sync.WaitGroup
	for i := range replicas {
		s := openEmpty(t, dsn)
		wg.Go(func() { results[i], errs[i] = s.Migrate(t.Context()) })
	}
	wg.Wait()
	var all []string
	for i := range replicas {
		if errs[i] != nil {
			t.Errorf("replica %d: %v", i, errs[i])
		}
		all = append(all, results[i]...)
	}
	slices.Sort(all)
	status, err := openEmpty(t, dsn).MigrationStatus(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range status {
		want = append(want, m.Name)
	}
	if !slices.Equal(all, want) {
		t.Errorf("applied across replicas = %v, want each migration once: %v", all, want)
	}
}

// Driver errors become domain errors by code, and the driver's error stays
// reachable for the log.
func TestErrorsKeepTheirCause(t *testing.T) {
	s := storetest.Open(t)
	ctx := t.Context()
	u := domain.User{Email: "a@example.org", Name: "A"}
	if err := s.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	dup := domain.User{Email: "a@example.org", Name: "A"}
	cases := []struct {
		name   string
		err    error
		target error
		sqlite int
		pg     string
	}{
		{"unique", s.CreateUser(ctx, &dup), domain.ErrDuplicate, sqlite3.SQLITE_CONSTRAINT_UNIQUE, "23505"},
		{"foreign key", s.PutMembership(ctx, 999, u.ID, domain.RoleMember), domain.ErrReferenced, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY, "23503"},
		{"check", s.CreateCommunity(ctx, &domain.Community{Slug: "x", Name: "X", RadiusKM: -1}), store.ErrConstraint, sqlite3.SQLITE_CONSTRAINT_CHECK, "23514"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !errors.Is(tc.err, tc.target) {
				t.Fatalf("error = %v, want %v", tc.err, tc.target)
			}
			var se *sqlite.Error
			var pe *pgconn.PgError
			switch {
			case s.Dialect() == "sqlite" && errors.As(tc.err, &se):
				if se.Code() != tc.sqlite {
					t.Errorf("sqlite code = %d, want %d", se.Code(), tc.sqlite)
				}
			case s.Dialect() == "postgres" && errors.As(tc.err, &pe):
				if pe.Code != tc.pg {
					t.Errorf("SQLSTATE = %s, want %s", pe.Code, tc.pg)
				}
			default:
				t.Errorf("%s: driver error lost from %v", s.Dialect(), tc.err)
			}
		})
	}
}

// Many goroutines writing at once must queue, not fail: on SQLite the single
// writer connection and BEGIN IMMEDIATE keep SQLITE_BUSY away.
func TestConcurrentWriters(t *testing.T) {
	s := storetest.Open(t)
	const writers, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				errs <- s.InTx(t.Context(), func(ctx context.Context) error {
					u := domain.User{Email: fmt.Sprintf("w%d-%d@example.org", w, i), Name: "W"}
					if err := s.CreateUser(ctx, &u); err != nil {
						return err
					}
					return s.SetOperator(ctx, u.ID, i%2 == 0)
				})
			}
		})
		// Readers run alongside, as page views would.
		wg.Go(func() {
			for range each {
				if _, err := s.ListCommunities(t.Context(), domain.Page{}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for w := range writers {
		if _, err := s.UserByEmail(t.Context(), fmt.Sprintf("w%d-%d@example.org", w, each-1)); err != nil {
			t.Errorf("writer %d's last user: %v", w, err)
		}
	}
}

func TestOpenRejectsMemory(t *testing.T) {
	for _, dsn := range []string{":memory:", "file::memory:?cache=shared", "file:x.db?mode=memory", ""} {
		if s, err := store.Open(t.Context(), dsn, store.Options{}); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded, want an error", dsn)
		}
	}
}

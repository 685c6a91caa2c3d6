package store

import (
	"path/filepath"
	"testing"
)

// A database migrated by a newer binary still reports its extra migrations,
// so an operator running an old binary can see why the schema differs.
func TestMigrationStatusShowsUnknownVersions(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "m.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, err = s.write.ExecContext(t.Context(), "INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future')")
	if err != nil {
		t.Fatal(err)
	}
	status, err := s.MigrationStatus(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(status) != len(s.migrations)+1 {
		t.Fatalf("status = %+v, want the embedded migrations and 9999_future", status)
	}
	last := status[len(status)-1]
	if last.Version != 9999 || last.Name != "9999_future" || !last.Applied || last.AppliedAt.IsZero() {
		t.Errorf("last = %+v", last)
	}
	if applied, err := s.Migrate(t.Context()); err != nil || len(applied) != 0 {
		t.Errorf("Migrate = %v, %v; want nothing to do", applied, err)
	}
}

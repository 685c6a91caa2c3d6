package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// migrationFiles holds migrations/<dialect>/NNNN_name.sql. They are embedded so
// that the binary carries the schema it expects.
//
//go:embed migrations
var migrationFiles embed.FS

// migrationName is the required form of a migration file name: a four-digit
// version, an underscore and a lowercase name.
var migrationName = regexp.MustCompile(`^([0-9]{4})_([a-z0-9_]+)\.sql$`)

// migration is one embedded SQL file.
type migration struct {
	version int
	name    string // file name without .sql, e.g. 0001_init
	sql     string
}

// Migration is one migration as MigrationStatus reports it.
type Migration struct {
	Version int
	// Name is the file name without .sql, e.g. "0001_init".
	Name    string
	Applied bool
	// AppliedAt is zero for a pending migration.
	AppliedAt time.Time
}

func loadMigrations(dialectName string) ([]migration, error) {
	sub, err := fs.Sub(migrationFiles, "migrations/"+dialectName)
	if err != nil {
		return nil, err
	}
	return readMigrations(sub)
}

// readMigrations reads and orders the migrations in fsys. A file that does
// not follow the naming rule, or two files with one version, stop the program
// at start rather than leave a migration silently unapplied.
func readMigrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var migs []migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() {
			return nil, fmt.Errorf("migration %q: name is not NNNN_name.sql", e.Name())
		}
		version, _ := strconv.Atoi(m[1])
		if version == 0 {
			return nil, fmt.Errorf("migration %q: versions start at 0001", e.Name())
		}
		if len(migs) > 0 && migs[len(migs)-1].version == version {
			return nil, fmt.Errorf("migration %q: version %d is used twice", e.Name(), version)
		}
		body, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %q: %w", e.Name(), err)
		}
		migs = append(migs, migration{version: version, name: e.Name()[:len(e.Name())-len(".sql")], sql: string(body)})
	}
	// ReadDir sorts by name and the version is a fixed-width prefix, so the
	// list is already in version order, which the duplicate check relies on.
	return migs, nil
}

// Migrate applies the pending migrations in order, each in its own
// transaction together with its row in schema_migrations, and returns the
// names of those it applied. Several processes may migrate one database at
// once: each migration is applied by exactly one of them.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	err := s.InTx(ctx, func(ctx context.Context) error {
		h := s.writer(ctx)
		if err := s.d.lockMigrations(ctx, h); err != nil {
			return err
		}
		_, err := h.exec(ctx, s.d.migrationsTable())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	applied := []string{}
	for _, m := range s.migrations {
		did, err := s.applyMigration(ctx, m)
		if err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.name, err)
		}
		if did {
			s.log.InfoContext(ctx, "applied migration", "name", m.name, "dialect", s.d.name)
			applied = append(applied, m.name)
		}
	}
	return applied, nil
}

// applyMigration applies m unless it has been. The check runs inside the
// locked transaction so that a concurrent migrator that got there first is
// seen.
func (s *Store) applyMigration(ctx context.Context, m migration) (did bool, err error) {
	err = s.InTx(ctx, func(ctx context.Context) error {
		h := s.writer(ctx)
		if err := s.d.lockMigrations(ctx, h); err != nil {
			return err
		}
		var n int
		if err := h.queryRow(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		// The file goes to the driver as it is, without rebinding: it has
		// no parameters, and both drivers run several statements in one
		// Exec when there are none.
		if _, err := h.q.ExecContext(ctx, m.sql); err != nil {
			return err
		}
		if _, err := h.exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", m.version, m.name); err != nil {
			return err
		}
		did = true
		return nil
	})
	return did, err
}

// MigrationStatus lists every migration this binary embeds, applied or
// pending, followed by any the database has applied that this binary does not
// know (it is older than the schema). It changes nothing.
func (s *Store) MigrationStatus(ctx context.Context) ([]Migration, error) {
	h := s.reader(ctx)
	var exists int
	if err := h.queryRow(ctx, s.d.migrationsTableExists()).Scan(&exists); err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	done := map[int]Migration{}
	if exists > 0 {
		rows, err := h.query(ctx, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
		if err != nil {
			return nil, fmt.Errorf("migration status: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			m := Migration{Applied: true}
			if err := rows.Scan(&m.Version, &m.Name, utc{&m.AppliedAt}); err != nil {
				return nil, fmt.Errorf("migration status: %w", err)
			}
			done[m.Version] = m
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("migration status: %w", err)
		}
	}
	var list []Migration
	for _, m := range s.migrations {
		if d, ok := done[m.version]; ok {
			list = append(list, d)
			delete(done, m.version)
			continue
		}
		list = append(list, Migration{Version: m.version, Name: m.name})
	}
	unknown := make([]Migration, 0, len(done))
	for _, m := range done {
		unknown = append(unknown, m)
	}
	slices.SortFunc(unknown, func(a, b Migration) int { return a.Version - b.Version })
	return append(list, unknown...), nil
}

package main

import (
	"context"
	"flag"
	"fmt"
)

// migrate applies pending migrations, or with -status lists them.
func (m *Main) migrate(ctx context.Context, args []string) error {
	var status bool
	cfg, err := m.loadConfig("migrate", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&status, "status", false, "list migrations and whether they are applied, change nothing")
	})
	if err != nil {
		return err
	}
	log := cfg.Logger(m.Stderr)
	st, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if status {
		list, err := st.MigrationStatus(ctx)
		if err != nil {
			return err
		}
		for _, mg := range list {
			state := "pending"
			if mg.Applied {
				state = "applied"
			}
			fmt.Fprintf(m.Stdout, "%04d %-30s %s\n", mg.Version, mg.Name, state)
		}
		return nil
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(m.Stdout, "database is up to date")
		return nil
	}
	for _, name := range applied {
		fmt.Fprintln(m.Stdout, "applied", name)
	}
	return nil
}

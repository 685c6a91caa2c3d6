package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"mutua/internal/auth"
	"mutua/internal/config"
	"mutua/internal/service"
	"mutua/internal/store"
)

// loadConfig parses a subcommand's flags and environment into a validated
// Config. extra registers flags only that subcommand has.
func (m *Main) loadConfig(name string, args []string, extra func(*flag.FlagSet)) (config.Config, error) {
	cfg := config.Default()
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cfg.Bind(fs)
	if extra != nil {
		extra(fs)
	}
	if err := config.Parse(fs, args, m.Getenv); err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(m.Stdout)
			fmt.Fprintf(m.Stdout, "Usage of mutua %s:\n", name)
			fs.PrintDefaults()
		}
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("%s: unexpected argument %q", name, fs.Arg(0))
	}
	return cfg, cfg.Validate()
}

// openStore opens the database and, unless told not to, migrates it.
func openStore(ctx context.Context, cfg config.Config, log *slog.Logger, migrate bool) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.DB, store.Options{ReadConns: cfg.ReadConns, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if !migrate {
		return st, nil
	}
	applied, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	if len(applied) > 0 {
		log.Info("database migrated", "applied", applied)
	}
	return st, nil
}

// newService builds the service layer from the settings.
// newService builds the service; wake, when not nil, nudges the
// dispatcher of this process whenever a notification is queued.
func newService(st *store.Store, cfg config.Config, log *slog.Logger, wake func()) *service.Service {
	return service.New(st, service.Options{
		MailHost: cfg.PublicHost(), Wake: wake,
		Argon2: auth.Argon2Params{Time: uint32(cfg.Argon2Time), Memory: uint32(cfg.Argon2MemoryKiB),
			Threads: uint8(cfg.Argon2Threads)},
		SessionTTL: cfg.SessionTTL,
		LoginBurst: cfg.LoginBurst, LoginWindow: cfg.LoginWindow,
		RegisterBurst: cfg.RegisterBurst, RegisterWindow: cfg.RegisterWindow,
		Logger: log,
	})
}

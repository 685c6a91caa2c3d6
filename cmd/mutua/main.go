// Command mutua runs a mutua instance: a self-hosted exchange of help for
// municipalities, NGOs and neighbourhoods. See `mutua help`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	// Communities keep their own time zones; a static binary on a minimal
	// host may have no zoneinfo files, so the database travels inside it.
	_ "time/tzdata"
)

// version is set at build time with -ldflags "-X main.version=…"; without
// it the VCS revision recorded by the Go toolchain is used.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "mutua:", err)
		os.Exit(2)
	}
}

// Main is the whole program with its surroundings passed in, so end-to-end
// tests run the real server on :0 against a temporary database.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Listening, when set, receives the server's address once it accepts
	// connections.
	Listening chan<- string
}

const usage = `mutua — a self-hosted exchange of help

Usage:
  mutua serve   [flags]   run the server (-addr :8080 -db mutua.db|postgres://… -demo)
  mutua migrate [flags]   apply database migrations and exit (-status lists them)
  mutua admin create-operator -email E [-password-file F]
                          create or promote the instance operator (password from F or stdin)
  mutua bench match -volunteers 10k,100k,1M [-db …] [-json]   measure matching on synthetic data
  mutua version           print the version

Every flag can also be set as MUTUA_<FLAG> (e.g. MUTUA_DB), or read from a file
named by MUTUA_<FLAG>_FILE. Run "mutua serve -help" for every flag.
`

// Run dispatches to a subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "serve":
		return m.serve(ctx, args[1:])
	case "migrate":
		return m.migrate(ctx, args[1:])
	case "admin":
		return m.admin(ctx, args[1:])
	case "bench":
		return m.bench(ctx, args[1:])
	case "version":
		fmt.Fprintln(m.Stdout, "mutua", Version())
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q (try: serve, migrate, admin, bench, version)", args[0])
}

// Version returns the build's version.
func Version() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "dev-" + rev
}

// Package config reads mutua's settings from flags and MUTUA_* environment
// variables into one validated Config. The Config is passed down explicitly;
// nothing in mutua reads settings from globals.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"mutua/internal/mail"
)

// Config holds every setting of a mutua process.
type Config struct {
	Addr            string
	DB              string
	Demo            bool
	NoMigrate       bool
	LogLevel        string
	LogFormat       string
	TrustProxy      bool
	MaxBodyBytes    int64
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration
	SessionTTL      time.Duration
	ReadConns       int

	Argon2Time      uint
	Argon2MemoryKiB uint
	Argon2Threads   uint

	TileURL         string
	TileAttribution string

	LoginBurst     int
	LoginWindow    time.Duration
	RegisterBurst  int
	RegisterWindow time.Duration

	// PublicURL is where people reach this instance, for links in emails
	// and calendar feeds, which are written without a request to go by.
	PublicURL string

	SMTPHost     string
	SMTPPort     int
	SMTPTLS      string
	SMTPUsername string
	SMTPPassword string
	MailFrom     string
	// OutboxLease is how long a dispatcher holds the messages it claimed;
	// after a crash, another process sends them once it runs out.
	OutboxLease time.Duration
}

// Default returns the settings mutua runs with when told nothing.
func Default() Config {
	return Config{
		Addr: ":8080", DB: "mutua.db", LogLevel: "info", LogFormat: "text",
		MaxBodyBytes: 1 << 20, ReadTimeout: 15 * time.Second, WriteTimeout: 30 * time.Second,
		IdleTimeout: 120 * time.Second, ShutdownTimeout: 15 * time.Second,
		SessionTTL: 30 * 24 * time.Hour, ReadConns: 4,
		Argon2Time: 3, Argon2MemoryKiB: 64 * 1024, Argon2Threads: 2,
		LoginBurst: 10, LoginWindow: 15 * time.Minute,
		RegisterBurst: 10, RegisterWindow: time.Hour,
		TileURL:         "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
		TileAttribution: "© OpenStreetMap contributors",
		PublicURL:       "http://localhost:8080",
		SMTPPort:        587, SMTPTLS: string(mail.TLSStartTLS), OutboxLease: 2 * time.Minute,
	}
}

// Bind registers every setting as a flag on fs, writing into c. The flag
// name, upper-cased with dashes as underscores and prefixed MUTUA_, is also
// its environment variable.
func (c *Config) Bind(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on, host:port")
	fs.StringVar(&c.DB, "db", c.DB, "SQLite file path, or postgres://… URL")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "create the demo community with sample people if absent")
	fs.BoolVar(&c.NoMigrate, "no-migrate", c.NoMigrate, "do not apply database migrations at start")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", c.TrustProxy, "trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", c.MaxBodyBytes, "largest request body accepted")
	fs.DurationVar(&c.ReadTimeout, "read-timeout", c.ReadTimeout, "time allowed to read a whole request")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", c.WriteTimeout, "time allowed to write a response")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", c.IdleTimeout, "how long idle keep-alive connections stay open")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long to let requests finish on SIGTERM")
	fs.DurationVar(&c.SessionTTL, "session-ttl", c.SessionTTL, "how long a login lasts")
	fs.IntVar(&c.ReadConns, "read-conns", c.ReadConns, "SQLite reader connections (PostgreSQL: pool size)")
	fs.UintVar(&c.Argon2Time, "argon2-time", c.Argon2Time, "argon2id passes")
	fs.UintVar(&c.Argon2MemoryKiB, "argon2-memory-kib", c.Argon2MemoryKiB, "argon2id memory in KiB")
	fs.UintVar(&c.Argon2Threads, "argon2-threads", c.Argon2Threads, "argon2id parallelism")
	fs.StringVar(&c.TileURL, "tile-url", c.TileURL, "map tiles, https://…/{z}/{x}/{y}.png; empty shows maps without tiles")
	fs.StringVar(&c.TileAttribution, "tile-attribution", c.TileAttribution, "credit shown on maps for the tiles")
	fs.IntVar(&c.LoginBurst, "login-burst", c.LoginBurst, "log-in attempts per account per window (4× per IP); 0 disables")
	fs.DurationVar(&c.LoginWindow, "login-window", c.LoginWindow, "window of the log-in limit")
	fs.IntVar(&c.RegisterBurst, "register-burst", c.RegisterBurst, "registrations per IP per window; 0 disables")
	fs.DurationVar(&c.RegisterWindow, "register-window", c.RegisterWindow, "window of the registration limit")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "where people reach this instance, https://…; used in links in emails")
	fs.StringVar(&c.SMTPHost, "smtp-host", c.SMTPHost, "SMTP server for email; empty writes emails to the log instead")
	fs.IntVar(&c.SMTPPort, "smtp-port", c.SMTPPort, "SMTP server port")
	fs.StringVar(&c.SMTPTLS, "smtp-tls", c.SMTPTLS, "none, starttls or tls")
	fs.StringVar(&c.SMTPUsername, "smtp-username", c.SMTPUsername, "SMTP login, if the server needs one")
	fs.StringVar(&c.SMTPPassword, "smtp-password", c.SMTPPassword, "SMTP password (better: MUTUA_SMTP_PASSWORD_FILE)")
	fs.DurationVar(&c.OutboxLease, "outbox-lease", c.OutboxLease, "how long a dispatcher holds the emails it is sending; after a crash they wait this long")
	fs.StringVar(&c.MailFrom, "mail-from", c.MailFrom, "sender of emails, e.g. \"mutua Žalec <noreply@example.org>\"")
}

// EnvName is the environment variable that sets the flag called name.
func EnvName(name string) string {
	return "MUTUA_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// Parse reads args into the flags of fs, then fills every flag not given on
// the command line from MUTUA_<NAME>, or from the file named by
// MUTUA_<NAME>_FILE (for secrets such as a database URL with a password).
// Flags win over the environment. The error is one line a person can act on.
func Parse(fs *flag.FlagSet, args []string, getenv func(string) string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%s: %w (see -help)", fs.Name(), err)
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var firstErr error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] || firstErr != nil {
			return
		}
		val, from, err := fromEnv(EnvName(f.Name), getenv)
		if err != nil || from == "" {
			firstErr = err
			return
		}
		if err := f.Value.Set(val); err != nil {
			firstErr = fmt.Errorf("invalid value %q in %s: %v", val, from, err)
		}
	})
	return firstErr
}

func fromEnv(name string, getenv func(string) string) (val, from string, err error) {
	if path := getenv(name + "_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", "", fmt.Errorf("%s_FILE: %v", name, err)
		}
		return strings.TrimRight(string(b), "\r\n"), name + "_FILE", nil
	}
	if v := getenv(name); v != "" {
		return v, name, nil
	}
	return "", "", nil
}

// Validate checks the settings together; the error names the flag to fix.
func (c Config) Validate() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("invalid -addr %q: want host:port, e.g. :8080", c.Addr)
	}
	if strings.TrimSpace(c.DB) == "" {
		return errors.New("-db is empty: give a SQLite file path or a postgres:// URL")
	}
	if _, err := c.SlogLevel(); err != nil {
		return err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("invalid -log-format %q: want text or json", c.LogFormat)
	}
	if c.MaxBodyBytes < 1024 {
		return fmt.Errorf("invalid -max-body-bytes %d: want at least 1024", c.MaxBodyBytes)
	}
	for name, d := range map[string]time.Duration{"read-timeout": c.ReadTimeout, "write-timeout": c.WriteTimeout,
		"idle-timeout": c.IdleTimeout, "shutdown-timeout": c.ShutdownTimeout, "session-ttl": c.SessionTTL,
		"login-window": c.LoginWindow, "register-window": c.RegisterWindow, "outbox-lease": c.OutboxLease} {
		if d <= 0 {
			return fmt.Errorf("invalid -%s %v: want a positive duration such as 30s", name, d)
		}
	}
	if c.ReadConns < 1 || c.ReadConns > 256 {
		return fmt.Errorf("invalid -read-conns %d: want 1 to 256", c.ReadConns)
	}
	if err := c.validateTiles(); err != nil {
		return err
	}
	if err := c.validateMail(); err != nil {
		return err
	}
	return c.validateArgon2()
}

// validateMail checks the public URL and, when an SMTP server is set, the
// rest of the mail settings, naming the flag to fix.
func (c Config) validateMail() error {
	u, err := url.Parse(c.PublicURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return fmt.Errorf("invalid -public-url %q: want the scheme and host people use, e.g. https://help.example.org", c.PublicURL)
	}
	if c.SMTPHost == "" {
		return nil
	}
	m := c.Mail()
	switch {
	case m.Port < 1 || m.Port > 65535:
		return fmt.Errorf("invalid -smtp-port %d: want 1 to 65535", c.SMTPPort)
	case m.TLS != mail.TLSNone && m.TLS != mail.TLSStartTLS && m.TLS != mail.TLSImplicit:
		return fmt.Errorf("invalid -smtp-tls %q: want none, starttls or tls", c.SMTPTLS)
	case c.SMTPPassword != "" && c.SMTPUsername == "":
		return errors.New("-smtp-password is set but -smtp-username is not")
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("invalid -mail-from %q: want an address such as \"mutua <noreply@example.org>\"", c.MailFrom)
	}
	return nil
}

// Mail is the configuration of the mail sender.
func (c Config) Mail() mail.Config {
	return mail.Config{Host: c.SMTPHost, Port: c.SMTPPort, TLS: mail.TLS(c.SMTPTLS),
		Username: c.SMTPUsername, Password: c.SMTPPassword, From: c.MailFrom}
}

// PublicHost is the host name of PublicURL, without a port.
func (c Config) PublicHost() string {
	u, err := url.Parse(c.PublicURL)
	if err != nil || u.Hostname() == "" {
		return "localhost"
	}
	return u.Hostname()
}

// BaseURL is PublicURL without a trailing slash, ready for a path.
func (c Config) BaseURL() string { return strings.TrimRight(c.PublicURL, "/") }

// validateTiles accepts an empty tile URL or an http(s) URL with the {z},
// {x} and {y} placeholders; its origin is added to the pages' CSP.
func (c Config) validateTiles() error {
	if c.TileURL == "" {
		return nil
	}
	u, err := url.Parse(strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0", "{s}", "a", "{r}", "").Replace(c.TileURL))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("invalid -tile-url %q: want an http(s) URL such as https://tile.openstreetmap.org/{z}/{x}/{y}.png", c.TileURL)
	}
	for _, ph := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(c.TileURL, ph) {
			return fmt.Errorf("invalid -tile-url %q: it lacks %s", c.TileURL, ph)
		}
	}
	return nil
}

// TileOrigin is the scheme and host the tiles come from, for the CSP's
// img-src; "" when there are no tiles. Tile URLs with a {s} subdomain
// placeholder get a wildcard for it.
func (c Config) TileOrigin() string {
	if c.TileURL == "" {
		return ""
	}
	u, err := url.Parse(strings.Replace(c.TileURL, "{s}", "*", 1))
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

func (c Config) validateArgon2() error {
	switch {
	case c.Argon2Time < 1 || c.Argon2Time > 100:
		return fmt.Errorf("invalid -argon2-time %d: want 1 to 100", c.Argon2Time)
	case c.Argon2Threads < 1 || c.Argon2Threads > 255:
		return fmt.Errorf("invalid -argon2-threads %d: want 1 to 255", c.Argon2Threads)
	case c.Argon2MemoryKiB < 8*c.Argon2Threads || c.Argon2MemoryKiB > 4<<20:
		return fmt.Errorf("invalid -argon2-memory-kib %d: want 8×threads to 4194304", c.Argon2MemoryKiB)
	case c.LoginBurst < 0 || c.RegisterBurst < 0:
		return errors.New("-login-burst and -register-burst must not be negative")
	}
	return nil
}

// SlogLevel converts LogLevel for log/slog.
func (c Config) SlogLevel() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("invalid -log-level %q: want debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// Logger builds the process logger the settings ask for.
func (c Config) Logger(w io.Writer) *slog.Logger {
	level, _ := c.SlogLevel()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// IsPostgres reports whether DB names a PostgreSQL database.
func (c Config) IsPostgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

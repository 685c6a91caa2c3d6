package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func parse(t *testing.T, args []string, env map[string]string) (Config, error) {
	t.Helper()
	c := Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.Bind(fs)
	err := Parse(fs, args, func(k string) string { return env[k] })
	if err == nil {
		err = c.Validate()
	}
	return c, err
}

func TestPrecedence(t *testing.T) {
	c, err := parse(t, []string{"-addr", "127.0.0.1:9000"}, map[string]string{
		"MUTUA_ADDR": ":7000", "MUTUA_READ_TIMEOUT": "5s", "MUTUA_DEMO": "true",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" {
		t.Errorf("flag did not win over environment: addr %q", c.Addr)
	}
	if c.ReadTimeout != 5*time.Second || !c.Demo {
		t.Errorf("environment not applied: read timeout %v, demo %v", c.ReadTimeout, c.Demo)
	}
	if c.DB != "mutua.db" {
		t.Errorf("default db %q, want mutua.db", c.DB)
	}
}

func TestFileVariant(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	if err := os.WriteFile(path, []byte("postgres://u:secret@db/mutua\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := parse(t, nil, map[string]string{"MUTUA_DB_FILE": path, "MUTUA_DB": "ignored.db"})
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "postgres://u:secret@db/mutua" || !c.IsPostgres() {
		t.Errorf("db from file = %q", c.DB)
	}
	_, err = parse(t, nil, map[string]string{"MUTUA_DB_FILE": filepath.Join(t.TempDir(), "missing")})
	if err == nil || !strings.Contains(err.Error(), "MUTUA_DB_FILE") {
		t.Errorf("missing secret file: err = %v, want it to name MUTUA_DB_FILE", err)
	}
}

func TestBadInputIsOneLine(t *testing.T) {
	cases := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-bogus"}, nil, "bogus"},
		{[]string{"-read-timeout", "soon"}, nil, "read-timeout"},
		{nil, map[string]string{"MUTUA_MAX_BODY_BYTES": "lots"}, "MUTUA_MAX_BODY_BYTES"},
		{[]string{"-addr", "8080"}, nil, "-addr"},
		{[]string{"-log-level", "loud"}, nil, "-log-level"},
		{[]string{"-log-format", "xml"}, nil, "-log-format"},
		{[]string{"-max-body-bytes", "10"}, nil, "-max-body-bytes"},
		{[]string{"-read-conns", "0"}, nil, "-read-conns"},
		{[]string{"-argon2-threads", "4", "-argon2-memory-kib", "8"}, nil, "-argon2-memory-kib"},
		{[]string{"-session-ttl", "-1h"}, nil, "-session-ttl"},
		{[]string{"-db", " "}, nil, "-db"},
		{[]string{"-tile-url", "ftp://tiles.example.org/{z}/{x}/{y}.png"}, nil, "-tile-url"},
		{[]string{"-tile-url", "https://tiles.example.org/{z}/{x}.png"}, nil, "{y}"},
		{[]string{"-public-url", "help.example.org"}, nil, "-public-url"},
		{[]string{"-public-url", "https://help.example.org/mutua"}, nil, "-public-url"},
		{nil, map[string]string{"MUTUA_SMTP_HOST": "smtp.example.org"}, "-mail-from"},
		{nil, map[string]string{"MUTUA_SMTP_HOST": "smtp.example.org", "MUTUA_MAIL_FROM": "a@example.org", "MUTUA_SMTP_TLS": "ssl"}, "-smtp-tls"},
		{nil, map[string]string{"MUTUA_SMTP_HOST": "smtp.example.org", "MUTUA_MAIL_FROM": "a@example.org", "MUTUA_SMTP_PORT": "0"}, "-smtp-port"},
		{nil, map[string]string{"MUTUA_SMTP_HOST": "smtp.example.org", "MUTUA_MAIL_FROM": "a@example.org", "MUTUA_SMTP_PASSWORD": "x"}, "-smtp-username"},
		{nil, map[string]string{"MUTUA_SMTP_PORT": "many"}, "MUTUA_SMTP_PORT"},
	}
	for _, tc := range cases {
		_, err := parse(t, tc.args, tc.env)
		if err == nil {
			t.Errorf("%v %v: accepted", tc.args, tc.env)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("%v %v: error %q should be one line naming %q", tc.args, tc.env, msg, tc.want)
		}
	}
}

// TestMailSettings: the environment variable names tools outside the
// project rely on, with the password from a file.
func TestMailSettings(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "smtp-password")
	if err := os.WriteFile(secret, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := parse(t, nil, map[string]string{
		"MUTUA_SMTP_HOST": "smtp.example.org", "MUTUA_SMTP_PORT": "465", "MUTUA_SMTP_TLS": "tls",
		"MUTUA_SMTP_USERNAME": "mutua", "MUTUA_SMTP_PASSWORD_FILE": secret,
		"MUTUA_MAIL_FROM": "mutua Žalec <noreply@example.org>", "MUTUA_PUBLIC_URL": "https://help.example.org/",
	})
	if err != nil {
		t.Fatal(err)
	}
	m := c.Mail()
	if m.Host != "smtp.example.org" || m.Port != 465 || m.TLS != "tls" || m.Username != "mutua" ||
		m.Password != "s3cret" || m.From != "mutua Žalec <noreply@example.org>" || !m.Enabled() {
		t.Errorf("mail settings %+v", m)
	}
	if c.BaseURL() != "https://help.example.org" {
		t.Errorf("BaseURL = %q", c.BaseURL())
	}
	d, err := parse(t, nil, nil)
	if err != nil || d.Mail().Enabled() || d.Mail().Port != 587 || d.Mail().TLS != "starttls" {
		t.Errorf("defaults: %+v, %v", d.Mail(), err)
	}
}

func TestEnvName(t *testing.T) {
	if got := EnvName("max-body-bytes"); got != "MUTUA_MAX_BODY_BYTES" {
		t.Errorf("EnvName = %q", got)
	}
}

func TestTileOrigin(t *testing.T) {
	cases := map[string]string{
		"https://tile.openstreetmap.org/{z}/{x}/{y}.png":   "https://tile.openstreetmap.org",
		"https://{s}.tiles.example.org/{z}/{x}/{y}@2x.png": "https://*.tiles.example.org",
		"http://127.0.0.1:8081/{z}/{x}/{y}.png":            "http://127.0.0.1:8081",
		"":                                                 "",
	}
	for tileURL, want := range cases {
		c, err := parse(t, []string{"-tile-url", tileURL}, nil)
		if err != nil {
			t.Errorf("-tile-url %q: %v", tileURL, err)
			continue
		}
		if got := c.TileOrigin(); got != want {
			t.Errorf("TileOrigin of %q = %q, want %q", tileURL, got, want)
		}
	}
}

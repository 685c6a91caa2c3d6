package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"mutua/internal/demo"
	"mutua/internal/store/storetest"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine to write to
// while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fastArgs keep password hashing cheap in tests, and maps without tiles:
// tests load nothing from other hosts.
var fastArgs = []string{"-argon2-time", "1", "-argon2-memory-kib", "64", "-argon2-threads", "1", "-tile-url", ""}

func newMain(stdin string) (*Main, *syncBuffer, *syncBuffer) {
	out, errOut := &syncBuffer{}, &syncBuffer{}
	return &Main{Stdin: strings.NewReader(stdin), Stdout: out, Stderr: errOut,
		Getenv: func(string) string { return "" }}, out, errOut
}

// startServer runs `mutua serve` on a free port and stops it at cleanup,
// failing the test if shutdown is not clean.
func startServer(t *testing.T, args ...string) (base string, out *syncBuffer) {
	t.Helper()
	m, out, errOut := newMain("")
	listening := make(chan string, 1)
	m.Listening = listening
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, append(append([]string{"serve", "-addr", "127.0.0.1:0"}, fastArgs...), args...))
	}()
	select {
	case addr := <-listening:
		base = "http://" + addr
	case err := <-done:
		t.Fatalf("serve stopped at start: %v\n%s", err, errOut.String())
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start within 30s")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve ended with %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("server did not shut down within 20s")
		}
	})
	return base, out
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestServeDemo(t *testing.T) {
	base, out := startServer(t, "-db", storetest.DSN(t), "-demo")
	if !strings.Contains(out.String(), demo.Password) || !strings.Contains(out.String(), "coordinator") {
		t.Errorf("console does not print the demo logins:\n%s", out.String())
	}
	// /metrics comes last: it counts the requests before it.
	for _, c := range []struct{ path, want string }{{"/healthz", "ok"}, {"/readyz", "ready"},
		{"/api/v1/communities/demo", `"slug":"demo"`}, {"/metrics", "mutua_http_requests_total"}} {
		if code, body := get(t, base+c.path); code != 200 || !strings.Contains(body, c.want) {
			t.Errorf("GET %s: %d %.200s", c.path, code, body)
		}
	}
	for _, p := range demo.People {
		body := `{"email":"` + p.Email + `","password":"` + demo.Password + `"}`
		res, err := http.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Token string `json:"token"`
		}
		_ = json.NewDecoder(res.Body).Decode(&got)
		res.Body.Close()
		if res.StatusCode != 200 || got.Token == "" {
			t.Errorf("demo login %s: %d", p.Email, res.StatusCode)
			continue
		}
		if p.Role != "" {
			checkRole(t, base, got.Token, string(p.Role))
		}
	}
}

func checkRole(t *testing.T, base, token, role string) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(b), `"community":"demo"`) || !strings.Contains(string(b), `"role":"`+role+`"`) {
		t.Errorf("me of a demo %s: %s", role, b)
	}
}

func TestDemoIsIdempotent(t *testing.T) {
	db := storetest.DSN(t)
	for i := 0; i < 2; i++ {
		m, _, errOut := newMain("")
		ctx, cancel := context.WithCancel(context.Background())
		listening := make(chan string, 1)
		m.Listening = listening
		done := make(chan error, 1)
		go func() {
			done <- m.Run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0", "-db", db, "-demo"}, fastArgs...))
		}()
		select {
		case <-listening:
		case err := <-done:
			t.Fatalf("run %d: %v\n%s", i+1, err, errOut.String())
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("run %d stopped with %v", i+1, err)
		}
	}
}

func TestCommandLineErrors(t *testing.T) {
	cases := [][]string{
		{"serve", "-no-such-flag"},
		{"serve", "-addr", "nonsense"},
		{"serve", "-read-timeout", "later"},
		{"frobnicate"},
		{},
		{"admin"},
		{"admin", "create-operator"},
		{"migrate", "extra-arg"},
	}
	for _, args := range cases {
		m, _, _ := newMain("")
		err := m.Run(context.Background(), args)
		if err == nil {
			t.Errorf("%v: accepted", args)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error is not one line: %q", args, err)
		}
	}
}

func TestMigrateAndCreateOperator(t *testing.T) {
	db := storetest.DSN(t)
	m, out, _ := newMain("")
	if err := m.Run(context.Background(), []string{"migrate", "-db", db}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "applied") {
		t.Fatalf("first migrate printed %q", out.String())
	}
	m, out, _ = newMain("")
	if err := m.Run(context.Background(), []string{"migrate", "-db", db}); err != nil || !strings.Contains(out.String(), "up to date") {
		t.Fatalf("second migrate: %v %q", err, out.String())
	}
	m, _, _ = newMain("short\n")
	if err := m.Run(context.Background(), append([]string{"admin", "create-operator", "-db", db, "-email", "op@example.org"}, fastArgs...)); err == nil {
		t.Fatal("a short operator password was accepted")
	}
	m, out, _ = newMain("a good long passphrase\n")
	if err := m.Run(context.Background(), append([]string{"admin", "create-operator", "-db", db, "-email", "op@example.org"}, fastArgs...)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "op@example.org") {
		t.Fatalf("create-operator printed %q", out.String())
	}
	m, out, _ = newMain("")
	if err := m.Run(context.Background(), []string{"version"}); err != nil || !strings.HasPrefix(out.String(), "mutua ") {
		t.Fatalf("version: %v %q", err, out.String())
	}
}

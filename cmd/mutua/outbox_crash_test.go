package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"mutua/internal/demo"
	"mutua/internal/mail/mailtest"
	"mutua/internal/store/storetest"
)

// helperEnv marks the test binary started as a separate mutua process.
const helperEnv = "MUTUA_TEST_HELPER_ARGS"

// TestHelperMutuaProcess is not a test: run as a child of a test with
// helperEnv set, it is `mutua serve` in a process of its own, which the
// test can kill with SIGKILL.
func TestHelperMutuaProcess(t *testing.T) {
	args := os.Getenv(helperEnv)
	if args == "" {
		t.Skip("runs only as the child process of TestOutboxSurvivesAKill")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: func(string) string { return "" }}
	if err := m.Run(ctx, strings.Split(args, "\x1f")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

var listeningURL = regexp.MustCompile(`mutua is listening"? url=(\S+)`)

// startProcess starts mutua serve in a child process and returns it with
// its address once it listens.
func startProcess(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMutuaProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+strings.Join(args, "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	found := make(chan string, 1)
	log := &syncBuffer{}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			fmt.Fprintln(log, sc.Text())
			if m := listeningURL.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
	}()
	select {
	case base := <-found:
		return cmd, base
	case <-time.After(60 * time.Second):
		t.Fatalf("the mutua process did not start within 60s:\n%s", log.String())
		return nil, ""
	}
}

// TestOutboxSurvivesAKill: mutua runs as its own process and sends 200
// welcome emails to a slow mail server; it is killed with SIGKILL halfway
// and started again. Every email arrives; an email that arrives twice has
// the same Message-ID both times, so mail programs can tell.
func TestOutboxSurvivesAKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two processes and waits for 200 emails")
	}
	smtp := mailtest.Start(t)
	smtp.Hang(15 * time.Millisecond) // 200 emails take about 3 s: time to kill it halfway
	args := outboxArgs(smtp, storetest.DSN(t))

	first, base := startProcess(t, args...)
	const people = 200
	registerPeople(t, base, people)
	waitFor(t, 30*time.Second, func() bool { return len(welcomes(smtp)) >= people/4 })
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	beforeKill := len(welcomes(smtp))

	startProcess(t, args...)
	waitFor(t, 60*time.Second, func() bool { return len(distinct(welcomes(smtp))) == people })

	got := welcomes(smtp)
	ids := map[string]map[string]bool{} // recipient → Message-IDs
	for _, m := range got {
		if ids[m.To[0]] == nil {
			ids[m.To[0]] = map[string]bool{}
		}
		ids[m.To[0]][m.MessageID()] = true
	}
	for to, set := range ids {
		if len(set) != 1 {
			t.Errorf("%s got %d different Message-IDs: a repeat must be recognisable", to, len(set))
		}
	}
	duplicates := len(got) - len(distinct(got))
	t.Logf("crash test: %d welcome emails queued, %d received before the kill, %d received in all, %d distinct, %d duplicates",
		people, beforeKill, len(got), len(distinct(got)), duplicates)
	if beforeKill >= people {
		t.Errorf("everything was sent before the kill; the test did not kill it while sending")
	}
	reportCrash(t, map[string]int{"queued": people, "received_before_kill": beforeKill, "received": len(got),
		"distinct": len(distinct(got)), "duplicates": duplicates})
}

// TestTwoProcessesShareTheOutbox: two mutua processes on one PostgreSQL
// database dispatch the same outbox at once; each email goes out once.
func TestTwoProcessesShareTheOutbox(t *testing.T) {
	if os.Getenv(storetest.EnvDB) != "postgres" {
		t.Skip("replicas share a PostgreSQL database; SQLite is for one process")
	}
	smtp := mailtest.Start(t)
	smtp.Hang(2 * time.Millisecond)
	args := outboxArgs(smtp, storetest.DSN(t))
	_, base := startProcess(t, args...)
	startProcess(t, args...)
	const people = 200
	registerPeople(t, base, people)
	waitFor(t, 60*time.Second, func() bool { return len(distinct(welcomes(smtp))) == people })
	time.Sleep(time.Second) // a second copy, if any, would arrive now
	if got := welcomes(smtp); len(got) != people {
		t.Errorf("%d emails arrived for %d people: some were sent twice", len(got), people)
	}
}

// outboxArgs runs mutua serve on db with the demo community, sending to
// smtp, with a short lease so that a killed process's claims run out soon.
func outboxArgs(smtp *mailtest.Server, db string) []string {
	return append([]string{"serve", "-addr", "127.0.0.1:0", "-db", db, "-demo",
		"-smtp-host", smtp.Host, "-smtp-port", fmt.Sprint(smtp.Port), "-smtp-tls", "none",
		"-mail-from", "mutua <noreply@example.org>", "-register-burst", "0", "-outbox-lease", "3s"}, fastArgs...)
}

// registerPeople opens n accounts in the demo community through the API;
// each queues a welcome email to crashNNN@example.org.
func registerPeople(t *testing.T, base string, n int) {
	t.Helper()
	for i := range n {
		body := fmt.Sprintf(`{"community":%q,"email":"crash%03d@example.org","password":"correct horse battery","name":"Crash %d"}`,
			demo.Slug, i, i)
		res, err := http.Post(base+"/api/v1/auth/register", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("register %d: %d %s", i, res.StatusCode, b)
		}
	}
}

// welcomes are the messages to the crash test's people.
func welcomes(smtp *mailtest.Server) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range smtp.Messages() {
		if len(m.To) == 1 && strings.HasPrefix(m.To[0], "crash") {
			out = append(out, m)
		}
	}
	return out
}

func distinct(list []mailtest.Received) map[string]bool {
	ids := map[string]bool{}
	for _, m := range list {
		ids[m.MessageID()] = true
	}
	return ids
}

func waitFor(t *testing.T, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %v", timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// reportCrash writes the figures to test-artifacts, for the closing note
// and for CI to keep.
func reportCrash(t *testing.T, figures map[string]int) {
	t.Helper()
	dir := filepath.Join("..", "..", "test-artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("no test-artifacts: %v", err)
		return
	}
	b, _ := json.MarshalIndent(figures, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "outbox-crash.json"), b, 0o644); err != nil {
		t.Logf("writing the crash figures: %v", err)
	}
}

// TestWithoutSMTPEmailsAreLogged: with no mail server configured, mutua
// says so at start-up and writes each email to the log, links included.
func TestWithoutSMTPEmailsAreLogged(t *testing.T) {
	m, _, logs := newMain("")
	listening := make(chan string, 1)
	m.Listening = listening
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0", "-db", storetest.DSN(t), "-demo"}, fastArgs...))
	}()
	var base string
	select {
	case addr := <-listening:
		base = "http://" + addr
	case err := <-done:
		t.Fatalf("serve stopped: %v\n%s", err, logs.String())
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve ended with %v", err)
		}
	}()
	if !strings.Contains(logs.String(), "no SMTP server is configured") {
		t.Errorf("start-up does not say that emails are only logged:\n%s", logs.String())
	}
	registerPeople(t, base, 1)
	waitFor(t, 10*time.Second, func() bool {
		return strings.Contains(logs.String(), "email not sent") && strings.Contains(logs.String(), "crash000@example.org")
	})
	if !strings.Contains(logs.String(), "http://localhost:8080/c/"+demo.Slug) {
		t.Errorf("the logged welcome lacks its link:\n%s", logs.String())
	}
	// The outbox on /metrics: what was sent, and the queue.
	status, metrics := get(t, base+"/metrics")
	sent := regexp.MustCompile(`(?m)^mutua_notifications_total\{outcome="sent"\} ([1-9]\d*)$`)
	if status != 200 || !sent.MatchString(metrics) {
		t.Errorf("/metrics (%d) does not count the sent emails:\n%s", status, grepLines(metrics, "mutua_"))
	}
	for _, name := range []string{"mutua_outbox_pending ", "mutua_outbox_oldest_pending_seconds ", "mutua_outbox_dead 0",
		`mutua_notifications_total{outcome="dead"} 0`, `mutua_notifications_total{outcome="failed"} 0`} {
		if !strings.Contains(metrics, name) {
			t.Errorf("/metrics lacks %q:\n%s", name, grepLines(metrics, "mutua_"))
		}
	}
}

// grepLines keeps the lines of s that start with prefix.
func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

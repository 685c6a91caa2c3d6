package main

// The harness of the tests in a real browser: headless Chromium driven over
// the DevTools protocol by chromedp. Scenarios start the real server with
// startServer, open a browser with newBrowser, and step through the pages
// with the helpers below; checkPage runs axe-core and takes the screenshots.
//
// The helpers take (t, ctx) and stop the test on the first failure, so a
// scenario reads as a list of steps. They work the same in a browser with
// JavaScript turned off: the DOM domain and Runtime.evaluate belong to the
// debugger, not to the page, and keep working when its scripts are off.

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"mutua/internal/store/storetest"
)

// chromiumPath is where Debian's chromium package puts the browser;
// scripts/ensure-browser.sh installs it there.
const chromiumPath = "/usr/bin/chromium"

// browserTimeout bounds one test's browser. A scenario takes a few seconds;
// the margin is for a slow, busy CI machine running the race detector.
const browserTimeout = 2 * time.Minute

// browserState is what the helpers need to know about the browser of a
// context, stored in the context itself.
type browserState struct {
	// scriptsOff is true for a browser with JavaScript turned off.
	scriptsOff bool
}

type browserStateKey struct{}

func stateOf(ctx context.Context) browserState {
	s, _ := ctx.Value(browserStateKey{}).(browserState)
	return s
}

// browserOption changes how newBrowser sets up the browser.
type browserOption func(*browserState)

// withoutJavaScript turns off JavaScript in the pages, as some visitors do
// and as old phones effectively do: every form must still work.
func withoutJavaScript(s *browserState) { s.scriptsOff = true }

// requireBrowserTools skips the test when the browser or axe-core is not
// installed, or fails it in CI, where scripts/test.sh installs both. The
// browser tests need one database only: the pages reach the store through
// the same service as the HTTP tests, and those and the conformance suite
// already cover PostgreSQL.
func requireBrowserTools(t *testing.T) {
	t.Helper()
	if os.Getenv(storetest.EnvDB) == "postgres" {
		t.Skip("browser tests run in the SQLite pass only")
	}
	missing := func(what, how string) {
		t.Helper()
		msg := what + " is not installed; " + how + " (or run scripts/test.sh, which does)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if _, err := exec.LookPath(chromiumPath); err != nil {
		missing(chromiumPath, "run: bash scripts/ensure-browser.sh")
	}
	if _, err := os.Stat(axePath(t)); err != nil {
		missing("axe-core", "run: npm ci")
	}
}

// newBrowser starts headless Chromium with a fresh profile for this test
// and returns the context its helpers take. The browser ends with the test,
// or when browserTimeout runs out.
func newBrowser(t *testing.T, opts ...browserOption) context.Context {
	t.Helper()
	requireBrowserTools(t)
	var state browserState
	for _, o := range opts {
		o(&state)
	}
	timeoutCtx, cancelTimeout := context.WithTimeout(context.Background(), browserTimeout)
	// Only these flags, so that the browser does nothing the test did not
	// ask for: no updates, no sync, no background requests, no QUIC. The
	// allocator adds --remote-debugging-pipe and a fresh temporary
	// --user-data-dir, which it deletes when the browser ends.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(timeoutCtx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})
	ctx = context.WithValue(ctx, browserStateKey{}, state)
	start := time.Now()
	// Not step: the first action binds the browser's life to its context.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	version, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "set up the tab", desktop.viewport(), setScripts(!state.scriptsOff), call(emulation.SetUserAgentOverride,
		// English first, whatever the machine's locale, so that the
		// scenarios know which language a page starts in.
		emulation.SetUserAgentOverrideParams{UserAgent: version.UserAgent, AcceptLanguage: "en"}),
		// Screenshots as wide as the viewport; :focus-visible and
		// document.hasFocus() as in a window that has the focus.
		call(emulation.SetScrollbarsHidden, emulation.SetScrollbarsHiddenParams{Hidden: true}),
		call(emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}),
	)
	t.Logf("%s started in %v", version.Product, time.Since(start).Round(time.Millisecond))
	return ctx
}

// call makes an action of a protocol command whose result does not matter.
func call[P, R any](cmd cdp.Command[P, R], params P) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cmd, params)
		return err
	})
}

// setScripts turns the page's JavaScript on or off. Runtime.evaluate, which
// the helpers use, works either way; axe's asynchronous run does not, so
// axe switches scripts on around it.
func setScripts(on bool) chromedp.Action[chromedp.Void] {
	return call(emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
}

// repoRoot is the directory with go.mod: tests run in their package's
// directory, and node_modules and test-artifacts live at the top.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// explain adds the page's address to a failed step's error, unless the
// browser itself is gone.
func explain(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return err
	}
	lctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	loc, lerr := chromedp.Run(lctx, chromedp.Location())
	if lerr != nil {
		return err
	}
	return errors.New(strings.TrimSpace(err.Error()) + " (on " + loc + ")")
}

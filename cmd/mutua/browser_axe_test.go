package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the rule sets the pages must pass: WCAG 2.0, 2.1 and 2.2 at
// levels A and AA. axe-core has no wcag22a tag: its one WCAG 2.2 rule,
// target-size, is level AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// axePath is axe-core from npm (package.json pins the version). It is a
// test tool, read from node_modules at test time and never embedded in the
// binary.
func axePath(t *testing.T) string {
	return filepath.Join(repoRoot(t), "node_modules", "axe-core", "axe.min.js")
}

// axeSource caches axe.min.js (650 kB) for the test binary's life.
var axeSource struct {
	once sync.Once
	js   string
	err  error
}

func loadAxe(t *testing.T) string {
	t.Helper()
	axeSource.once.Do(func() {
		b, err := os.ReadFile(axePath(t))
		axeSource.js, axeSource.err = string(b), err
	})
	if axeSource.err != nil {
		t.Fatalf("read axe-core: %v (run npm ci)", axeSource.err)
	}
	return axeSource.js
}

// axeResult is the part of axe's results a person needs: what is wrong,
// how many rules ran (0 would mean axe checked nothing), and which rules
// axe could not decide, for a person to look at.
type axeResult struct {
	Violations []axeViolation `json:"violations"`
	Rules      int            `json:"rules"`
	Incomplete []string       `json:"incomplete"`
}

// axeViolation is one broken rule and the elements that break it.
type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  []any  `json:"target"`
	HTML    string `json:"html"`
	Summary string `json:"failureSummary"`
}

// axeRun runs axe in the page and keeps only what axeResult needs, so the
// answer stays small.
const axeRun = `axe.run(document, {
	runOnly: {type: 'tag', values: %s},
	resultTypes: ['violations'],
}).then(r => ({
	violations: r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
	})),
	rules: r.violations.length + r.passes.length + r.incomplete.length + r.inapplicable.length,
	incomplete: r.incomplete.map(v => v.id),
}))`

// axe checks the page against axeTags and fails the test (without stopping
// it, so one run reports every page) with each violation: the rule, its
// impact, what it asks for and the first elements that break it.
func axe(t *testing.T, ctx context.Context) {
	t.Helper()
	res := runAxe(t, ctx)
	loc := location(t, ctx)
	if res.Rules == 0 {
		t.Errorf("axe ran no rules on %s", loc)
	}
	if len(res.Incomplete) > 0 {
		t.Logf("axe could not decide on %s, for a person to check: %s", loc, strings.Join(res.Incomplete, ", "))
	}
	if len(res.Violations) > 0 {
		t.Errorf("axe: %d WCAG A/AA violation(s) on %s:\n%s", len(res.Violations), loc, formatViolations(res.Violations))
	}
}

// runAxe injects axe-core into the page, once per document, and runs it.
//
// Runtime.evaluate injects it, and the page's Content-Security-Policy
// (script-src 'self') does not govern that: it is the debugger speaking,
// not a script the page loads. In a browser with JavaScript turned off,
// scripts are switched on for the check and off again; the page's own
// scripts do not run again meanwhile.
func runAxe(t *testing.T, ctx context.Context) axeResult {
	t.Helper()
	src := loadAxe(t)
	tags, _ := json.Marshal(axeTags)
	run := fmt.Sprintf(axeRun, tags)
	var res axeResult
	check := chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		loaded, err := chromedp.Evaluate[bool](`typeof axe === 'object'`)(ctx, tgt)
		if err != nil {
			return err
		}
		if !loaded {
			if _, err := chromedp.Evaluate[chromedp.Void](src)(ctx, tgt); err != nil {
				return fmt.Errorf("inject axe-core: %w", err)
			}
		}
		res, err = chromedp.Evaluate[axeResult](run, chromedp.EvalAwaitPromise)(ctx, tgt)
		return err
	})
	steps := []chromedp.Action[chromedp.Void]{check}
	if stateOf(ctx).scriptsOff {
		// axe.run never settles while scripts are off: it waits on
		// the page's timers, and those do not fire then.
		steps = []chromedp.Action[chromedp.Void]{setScripts(true), check, setScripts(false)}
	}
	step(t, ctx, "axe", steps...)
	return res
}

// formatViolations lists each violation with up to three elements.
func formatViolations(vs []axeViolation) string {
	const maxNodes = 3
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  - %s (%s): %s [%d element(s)] %s\n", v.ID, v.Impact, v.Help, len(v.Nodes), v.HelpURL)
		for i, n := range v.Nodes {
			if i == maxNodes {
				fmt.Fprintf(&b, "      … and %d more\n", len(v.Nodes)-maxNodes)
				break
			}
			fmt.Fprintf(&b, "      %v  %s\n", n.Target, clip(n.HTML, 160))
			if summary := strings.TrimSpace(n.Summary); summary != "" {
				fmt.Fprintf(&b, "        %s\n", clip(strings.ReplaceAll(summary, "\n", " "), 300))
			}
		}
	}
	return b.String()
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// TestBrowserAxeFindsViolations checks the checker: on a page with known
// faults axe must name them, or a clean report of the real pages would
// mean nothing.
func TestBrowserAxeFindsViolations(t *testing.T) {
	ctx := newBrowser(t)
	step(t, ctx, "open a faulty page", chromedp.Navigate(`data:text/html,<title>faults</title>`+
		`<img src="x.png"><input type="text"><p style="color:%23bbb;background:%23fff">pale</p>`))
	res := runAxe(t, ctx)
	found := map[string]bool{}
	for _, v := range res.Violations {
		found[v.ID] = true
	}
	for _, want := range []string{"html-has-lang", "image-alt", "label", "color-contrast"} {
		if !found[want] {
			t.Errorf("axe did not report %s; it reported:\n%s", want, formatViolations(res.Violations))
		}
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// stepTimeout bounds one step. chromedp waits for an element until it
// appears, so a missing one would otherwise use up the whole browserTimeout
// before saying what was missing.
const stepTimeout = 10 * time.Second

// step runs actions within stepTimeout and stops the test on an error.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, explain(ctx, err))
	}
}

// read runs an action that returns a value, within stepTimeout.
func read[T any](t *testing.T, ctx context.Context, what string, action chromedp.Action[T]) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(sctx, action)
	if err != nil {
		t.Fatalf("%s: %v", what, explain(ctx, err))
	}
	return v
}

// navigate opens url, waits for the page to load and returns its status.
func navigate(t *testing.T, ctx context.Context, url string) int64 {
	t.Helper()
	res := read(t, ctx, "open "+url, chromedp.NavigateResponse(url))
	return res.Status
}

// submit clicks sel (a button or a link) as a person would, with the mouse,
// waits for the page that follows and returns its status.
func submit[S chromedp.Selectable](t *testing.T, ctx context.Context, sel S) int64 {
	t.Helper()
	return follow(t, ctx, fmt.Sprintf("click %v", sel), chromedp.Click(sel))
}

// follow runs an action that leads to another page (a click, Enter in a
// form), waits for that page to load and returns its status.
func follow(t *testing.T, ctx context.Context, what string, action chromedp.Action[chromedp.Void]) int64 {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	res, err := chromedp.RunResponse(sctx, action)
	if err != nil {
		t.Fatalf("%s: %v", what, explain(ctx, err))
	}
	return res.Status
}

// button selects the buttons whose text is text, for example
// button(tr.T("login.submit")); actions use the first.
func button(text string) chromedp.Search {
	return chromedp.Search(`//button[normalize-space(.)=` + xpathString(text) + `]`)
}

// link selects the links whose text is text; actions use the first.
func link(text string) chromedp.Search {
	return chromedp.Search(`//a[normalize-space(.)=` + xpathString(text) + `]`)
}

// linkWith selects the links whose text contains text, for links that
// hold a title and a hint; actions use the first.
func linkWith(text string) chromedp.Search {
	return chromedp.Search(`//a[contains(normalize-space(.), ` + xpathString(text) + `)]`)
}

// field selects a form field by the text of its label, as a person finds
// it, or by its id when field starts with "#".
func field(t *testing.T, ctx context.Context, field string) chromedp.ID {
	t.Helper()
	if id, ok := strings.CutPrefix(field, "#"); ok {
		return chromedp.ID(id)
	}
	label := chromedp.Search(`//label[normalize-space(.)=` + xpathString(field) + `]`)
	attr := read(t, ctx, "find the label "+field, chromedp.AttributeValue(label, "for"))
	if !attr.Exists || attr.Value == "" {
		t.Fatalf("the label %q names no field (no for attribute)", field)
	}
	return chromedp.ID(attr.Value)
}

// fill replaces the value of a field (see field) by typing into it.
//
// It focuses the field, empties it through its value property and types
// with key events. The obvious chromedp.Clear plus chromedp.SendKeys race
// in chromedp v0.23.0: SendKeys reads the node's attributes without its
// lock while the attributeModified event of Clear writes them (the race
// detector catches it). chromedp.SetValue(sel, "") fails too: the empty
// string argument gets lost and the field reads "undefined".
func fill(t *testing.T, ctx context.Context, name, text string) {
	t.Helper()
	id := field(t, ctx, name)
	step(t, ctx, "fill "+name, chromedp.Focus(id),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.value = ""`),
		chromedp.KeyEvent(text))
}

// fieldValue is what a field (see field) holds now.
func fieldValue(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	return read(t, ctx, "read "+name, chromedp.Value(field(t, ctx, name)))
}

// fieldError is the error message shown next to a field (see field), or
// "" when there is none. The message must be tied to the field the way a
// screen reader finds it: the field is aria-invalid and its
// aria-describedby names the message (the pages give it the id
// "<field id>-error").
func fieldError(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	id := string(field(t, ctx, name))
	type state struct {
		Text    string `json:"text"`
		Invalid bool   `json:"invalid"`
		Linked  bool   `json:"linked"`
	}
	e := read(t, ctx, "read the error of "+name, chromedp.Evaluate[state](`(id => {
		const f = document.getElementById(id), e = document.getElementById(id + '-error');
		return {
			text: e ? e.textContent : '',
			invalid: f.getAttribute('aria-invalid') === 'true',
			linked: e !== null && (f.getAttribute('aria-describedby') || '').split(/\s+/).includes(e.id),
		};
	})(`+jsString(id)+`)`))
	text := strings.Join(strings.Fields(e.Text), " ")
	if text != "" && !(e.Invalid && e.Linked) {
		t.Errorf("the error next to %q is not tied to the field (aria-invalid %v, in aria-describedby %v)", name, e.Invalid, e.Linked)
	}
	if text == "" && e.Invalid {
		t.Errorf("%q is aria-invalid but shows no error", name)
	}
	return text
}

// waitText waits until the page shows text (whitespace collapsed) and
// fails with the page's text when it does not. It polls from Go: the
// retries of chromedp.Poll run on the page's timers, and those do not fire
// in a browser with JavaScript turned off.
func waitText(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	shows := chromedp.Evaluate[bool](`document.body !== null && document.body.innerText.replace(/\s+/g, " ").includes(` + jsString(text) + `)`)
	deadline := time.Now().Add(stepTimeout)
	for {
		ok, err := chromedp.Run(ctx, shows)
		if err != nil {
			t.Fatalf("look for %q: %v", text, explain(ctx, err))
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page does not show %q:\n%s", text, pageText(ctx))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pageText is the page's visible text, for failure messages.
func pageText(ctx context.Context) string {
	sctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	text, err := chromedp.Run(sctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return clip(text, 2000)
}

// htmlLang is the language the page declares in <html lang>.
func htmlLang(t *testing.T, ctx context.Context) string {
	t.Helper()
	return read(t, ctx, "read <html lang>", chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value
}

// location is the path and query of the page the browser shows.
func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	return read(t, ctx, "read the location", chromedp.Evaluate[string](`location.pathname + location.search`))
}

// xpathString quotes s for XPath 1.0, which has no escapes.
func xpathString(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	if !strings.Contains(s, `'`) {
		return `'` + s + `'`
	}
	return `concat("` + strings.ReplaceAll(s, `"`, `", '"', "`) + `")`
}

// jsString quotes s as a JavaScript string literal. JSON's escaping is
// enough: encoding/json escapes U+2028 and U+2029 too.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

package main

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"mutua/internal/demo"
)

// focused describes the element that has the keyboard focus.
type focused struct {
	ID   string `json:"id"`
	Tag  string `json:"tag"`
	Text string `json:"text"`
	// Shown is true when the element draws an outline or a box shadow,
	// the two ways the style sheet shows focus.
	Shown bool `json:"shown"`
	// OnScreen is true when the element is inside the viewport.
	OnScreen bool `json:"onScreen"`
	// Matches is true when the element matches the CSS selector asked about.
	Matches bool `json:"matches"`
}

// focusedJS is a function of a CSS selector, for focused.Matches.
const focusedJS = `(sel => {
	const el = document.activeElement;
	if (!el || el === document.body) return {tag: 'body'};
	const s = getComputedStyle(el), r = el.getBoundingClientRect();
	return {
		id: el.id, tag: el.tagName.toLowerCase(),
		text: (el.innerText || (el.type === 'password' ? '' : el.value) || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40),
		shown: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
		onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
		matches: el.matches(sel),
	};
})`

// focus reads what has the keyboard focus now, and whether it matches the
// CSS selector sel.
func focus(t *testing.T, ctx context.Context, sel string) focused {
	t.Helper()
	return read(t, ctx, "read the focused element", chromedp.Evaluate[focused](focusedJS+"("+jsString(sel)+")"))
}

// tabTo presses Tab until an element that matches the CSS selector sel
// has the focus, and checks on the way that every element that gets the
// focus shows it. It fails when no such element is among the first
// maxTabs stops.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	const maxTabs = 40
	for range maxTabs {
		step(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
		f := focus(t, ctx, sel)
		if f.Tag == "body" {
			continue
		}
		if !f.Shown {
			t.Errorf("focus is not visible on <%s id=%q> %q: no outline and no box shadow", f.Tag, f.ID, f.Text)
		}
		if !f.OnScreen {
			t.Errorf("the focused <%s id=%q> %q is off screen", f.Tag, f.ID, f.Text)
		}
		if f.Matches {
			return
		}
	}
	t.Fatalf("%s did not get the focus in %d presses of Tab", sel, maxTabs)
}

// TestBrowserKeyboardLogin logs in and out with the keyboard only: Tab to
// each field, type, Enter to send. Every stop on the way must show focus.
func TestBrowserKeyboardLogin(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	en := cat.Translator("en")
	nina := volunteer(t)

	navigate(t, ctx, base+"/login")
	// The first stop is the skip link, visible once focused.
	step(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
	if f := focus(t, ctx, "a"); f.Text != en.T("skip.link") || !f.Shown || !f.OnScreen {
		t.Errorf("the first Tab stop is %+v, want the visible skip link %q", f, en.T("skip.link"))
	}

	tabTo(t, ctx, "#f-email")
	step(t, ctx, "type the email address", chromedp.KeyEvent(nina.Email))
	tabTo(t, ctx, "#f-password")
	step(t, ctx, "type the password", chromedp.KeyEvent(demo.Password))
	screenshot(t, ctx, "login-keyboard")
	if status := follow(t, ctx, "press Enter", chromedp.KeyEvent(kb.Enter)); status != http.StatusOK {
		t.Fatalf("log in with Enter: %d\n%s", status, pageText(ctx))
	}
	// Logged in, the pages speak the language of the account.
	tr := cat.Translator(htmlLang(t, ctx))
	waitText(t, ctx, tr.T("nav.logged_in_as", "Name", nina.Name))

	// Log out: Tab to the header's button, Enter.
	tabTo(t, ctx, `form[action="/logout"] button`)
	if status := follow(t, ctx, "press Enter", chromedp.KeyEvent(kb.Enter)); status != http.StatusOK {
		t.Fatalf("log out with Enter: %d", status)
	}
	// Logged out, the browser's language applies again.
	waitText(t, ctx, en.T("nav.login"))
}

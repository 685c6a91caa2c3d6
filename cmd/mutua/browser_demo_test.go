package main

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// Helpers the browser scenarios share: who is who in the demo, and the
// steps that set a control the way its widget would.

// demoWithRole is the demo's first person with role.
func demoWithRole(t *testing.T, role domain.Role) demo.Person {
	t.Helper()
	for _, p := range demo.People {
		if p.Role == role {
			return p
		}
	}
	t.Fatalf("the demo has nobody with role %q", role)
	return demo.Person{}
}

// demoByEmail is the demo account with email.
func demoByEmail(t *testing.T, email string) demo.Person {
	t.Helper()
	for _, p := range demo.People {
		if p.Email == email {
			return p
		}
	}
	t.Fatalf("the demo has no %s", email)
	return demo.Person{}
}

// demoZone is the demo community's time zone, in which its forms' dates
// and times are meant.
func demoZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(demo.Settings.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// pageTranslator is the translator of the language the current page is in.
func pageTranslator(t *testing.T, ctx context.Context, cat *i18n.Catalog) *i18n.Translator {
	t.Helper()
	return cat.Translator(htmlLang(t, ctx))
}

// chooseValue sets a select (found by its label, see field) to value.
func chooseValue(t *testing.T, ctx context.Context, label, value string) {
	t.Helper()
	id := field(t, ctx, label)
	step(t, ctx, "choose "+value+" in "+label, chromedp.Evaluate[chromedp.Void](
		`document.getElementById(`+jsString(string(id))+`).value = `+jsString(value)))
}

// choosePlace picks a named place in the location picker by its name and
// tells the page, as a person's choice would (the map follows it).
func choosePlace(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	ok := read(t, ctx, "choose "+name, chromedp.Evaluate[bool](`(name => {
		const s = document.getElementById("f-place");
		const o = Array.from(s.options).find(o => o.text === name);
		if (o) { s.value = o.value; s.dispatchEvent(new Event("change", {bubbles: true})); }
		return o !== undefined;
	})(`+jsString(name)+`)`))
	if !ok {
		t.Fatalf("the location picker has no place %q", name)
	}
}

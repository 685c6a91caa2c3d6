// Package i18n holds mutua's message catalogues (one embedded JSON file per
// language), language negotiation and locale-aware formatting of dates and
// numbers. Pages and emails never contain literal text: they look a key up
// through a Translator bound to the language negotiated for the request.
//
// Catalogues are flat JSON objects, key → message, in locales/<lang>/: one
// file per area of the product (core.json, desk.json, …) so that work on one
// area does not touch another's file. A key lives in exactly one file.
// Messages are text/template strings with named data ({{.Name}}); a message
// that mentions a count is an object of CLDR plural forms ("one", "two",
// "few", "many", "other", as the language needs) and is chosen by the
// argument named Count. Keys are dotted and name where the text appears:
// "<page>.<part>" ("register.title"), "form.<field>.label" for shared form
// fields, "nav.…", "footer.…", and four families picked at run time from a
// value: "error.<code or kind>", "field.<field>.<code>" and "field.<code>",
// "category.<name>", "role.<name>" and "lang.<code>".
//
// The tests keep the catalogues honest: every catalogue has exactly the
// English keys, no message is empty, plural messages have their language's
// forms and the same placeholders as English, and every key is used by some
// template or Go source and every used key exists (see usage_test.go for
// how keys built at run time count as used).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales
var localeFiles embed.FS

// supported lists the languages with a catalogue. English comes first: it is
// the fallback when nothing else fits and the reference every other
// catalogue is checked against.
var supported = []string{"en", "nl", "fr", "de", "sl"}

// Languages returns the codes of the languages mutua has catalogues for,
// English first. The slice is a copy, so callers may sort or change it.
func Languages() []string { return slices.Clone(supported) }

// IsSupported reports whether code names a language with a catalogue.
func IsSupported(code string) bool { return slices.Contains(supported, code) }

// Catalog is the set of parsed catalogues with one ready Translator per
// language. It is immutable after Load and safe for concurrent use, so one
// Catalog serves every request.
type Catalog struct {
	bundle      *goi18n.Bundle
	translators map[string]*Translator
}

// Load parses the embedded catalogues. It fails when a file is malformed, so
// a broken translation stops the server at start rather than on some page.
func Load() (*Catalog, error) {
	bundle := goi18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, lang := range supported {
		if err := loadLanguage(bundle, lang); err != nil {
			return nil, err
		}
	}
	c := &Catalog{bundle: bundle, translators: make(map[string]*Translator, len(supported))}
	for _, lang := range supported {
		c.translators[lang] = newTranslator(c, lang)
	}
	return c, nil
}

// loadLanguage adds every file of one language to bundle. A key defined in
// two files is an error: one of the two would win silently.
func loadLanguage(bundle *goi18n.Bundle, lang string) error {
	dir := "locales/" + lang
	entries, err := fs.ReadDir(localeFiles, dir)
	if err != nil {
		return fmt.Errorf("i18n: %w", err)
	}
	seen := map[string]string{}
	for _, e := range entries {
		name := dir + "/" + e.Name()
		data, err := localeFiles.ReadFile(name)
		if err != nil {
			return fmt.Errorf("i18n: read %s: %w", name, err)
		}
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(data, &keys); err != nil {
			return fmt.Errorf("i18n: parse %s: %w", name, err)
		}
		for key := range keys {
			if other, dup := seen[key]; dup {
				return fmt.Errorf("i18n: %q is in both %s and %s", key, other, name)
			}
			seen[key] = name
		}
		// go-i18n takes the language from the file name it is given.
		if _, err := bundle.ParseMessageFileBytes(data, lang+".json"); err != nil {
			return fmt.Errorf("i18n: parse %s: %w", name, err)
		}
	}
	return nil
}

// Translator returns the translator for lang, or the English one when lang
// has no catalogue. Pass the result of Negotiate to get the right one.
func (c *Catalog) Translator(lang string) *Translator {
	if t, ok := c.translators[lang]; ok {
		return t
	}
	return c.translators[supported[0]]
}

package i18n

import (
	"testing"
	"time"
)

func TestTranslator(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"en", "nav.login", nil, "Log in"},
		{"nl", "nav.logged_in_as", []any{"Name", "Anke"}, "Ingelogd als Anke"},
		{"en", "home.communities.count", []any{CountArg, 1}, "1 community uses mutua here."},
		{"en", "home.communities.count", []any{CountArg, 1234}, "1,234 communities use mutua here."},
		{"de", "home.communities.count", []any{CountArg, 1234}, "Hier nutzen 1.234 Gemeinschaften mutua."},
		// Slovenian has four forms, chosen by the last two digits.
		{"sl", "field.password.too_short", []any{CountArg, 1}, "Geslo je prekratko. Uporabite vsaj 1 znak."},
		{"sl", "field.password.too_short", []any{CountArg, 2}, "Geslo je prekratko. Uporabite vsaj 2 znaka."},
		{"sl", "field.password.too_short", []any{CountArg, 4}, "Geslo je prekratko. Uporabite vsaj 4 znake."},
		{"sl", "field.password.too_short", []any{CountArg, 10}, "Geslo je prekratko. Uporabite vsaj 10 znakov."},
		{"sl", "field.password.too_short", []any{CountArg, 102}, "Geslo je prekratko. Uporabite vsaj 102 znaka."},
		// French counts 0 as singular and a million as "many".
		{"fr", "home.communities.count", []any{CountArg, 0}, "0 communauté utilise mutua ici."},
		{"fr", "home.communities.count", []any{CountArg, 1000000}, "1\u00a0000\u00a0000 de communautés utilisent mutua ici."},
		{"nl", "community.facts.area.value", []any{"Radius", 2.5}, "Tot 2,5 km van het centrum"},
		{"en", "community.facts.area.value", []any{"Radius", 2.5}, "Up to 2.5 km from the centre"},
		// A key nobody wrote shows itself, so the gap is obvious.
		{"de", "no.such.key", nil, "no.such.key"},
	}
	for _, tt := range tests {
		if got := c.Translator(tt.lang).T(tt.key, tt.args...); got != tt.want {
			t.Errorf("%s T(%q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

func TestLookupTellsMissingKeysApart(t *testing.T) {
	tr := mustLoad(t).Translator("fr")
	if msg, ok := tr.Lookup("error.invalid_credentials"); !ok || msg == "" {
		t.Errorf("Lookup of a real key = %q, %v", msg, ok)
	}
	if msg, ok := tr.Lookup("error.no_such_code"); ok || msg != "" {
		t.Errorf("Lookup of a missing key = %q, %v; want \"\", false", msg, ok)
	}
	if tr.Has("error.no_such_code") || !tr.Has("nav.login") {
		t.Error("Has disagrees with the catalogue")
	}
}

func TestTranslatorForUnknownLanguageIsEnglish(t *testing.T) {
	c := mustLoad(t)
	if got := c.Translator("it").Lang(); got != "en" {
		t.Errorf("Translator(it).Lang() = %q, want en", got)
	}
}

func TestLanguageName(t *testing.T) {
	c := mustLoad(t)
	tests := []struct{ lang, code, want string }{
		{"en", "nl", "Dutch"},
		{"nl", "nl", "Nederlands"},
		{"sl", "de", "nemščina"},
		{"fr", "nl", "néerlandais"},
		// Languages without a catalogue are named from CLDR.
		{"en", "it", "Italian"},
		{"de", "it", "Italienisch"},
		{"en", "not a language", "not a language"},
	}
	for _, tt := range tests {
		if got := c.Translator(tt.lang).LanguageName(tt.code); got != tt.want {
			t.Errorf("%s LanguageName(%q) = %q, want %q", tt.lang, tt.code, got, tt.want)
		}
	}
}

func TestEndonym(t *testing.T) {
	tr := mustLoad(t).Translator("en")
	for code, want := range map[string]string{"en": "English", "nl": "Nederlands", "fr": "Français",
		"de": "Deutsch", "sl": "Slovenščina", "it": "Italiano", "??": "??"} {
		if got := tr.Endonym(code); got != want {
			t.Errorf("Endonym(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestDatesAndNumbers(t *testing.T) {
	c := mustLoad(t)
	day := time.Date(2026, time.November, 22, 14, 5, 0, 0, time.UTC)
	first := time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		lang                   string
		date, firstDay, number string
		integer                string
	}{
		{"en", "22 November 2026", "1 March 2026", "1,234.5", "12,345"},
		{"nl", "22 november 2026", "1 maart 2026", "1.234,5", "12.345"},
		{"fr", "22 novembre 2026", "1er mars 2026", "1\u00a0234,5", "12\u00a0345"},
		{"de", "22. November 2026", "1. März 2026", "1.234,5", "12.345"},
		{"sl", "22. november 2026", "1. marec 2026", "1.234,5", "12.345"},
	}
	for _, tt := range tests {
		tr := c.Translator(tt.lang)
		if got := tr.Date(day); got != tt.date {
			t.Errorf("%s Date = %q, want %q", tt.lang, got, tt.date)
		}
		if got := tr.Date(first); got != tt.firstDay {
			t.Errorf("%s Date(1st) = %q, want %q", tt.lang, got, tt.firstDay)
		}
		if got := tr.Number(1234.5); got != tt.number {
			t.Errorf("%s Number = %q, want %q", tt.lang, got, tt.number)
		}
		if got := tr.Int(12345); got != tt.integer {
			t.Errorf("%s Int = %q, want %q", tt.lang, got, tt.integer)
		}
		if got := tr.Time(day); got != "14:05" {
			t.Errorf("%s Time = %q", tt.lang, got)
		}
	}
	for _, lang := range Languages() {
		if _, ok := dateStyles[lang]; !ok {
			t.Errorf("no date style for %s", lang)
		}
	}
}

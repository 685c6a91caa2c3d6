package i18n

import (
	"encoding/json"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"mutua/internal/domain"
)

// requiredForms are the CLDR plural categories each language uses for whole
// numbers and decimals (unicode.org/cldr/charts/latest/supplemental/
// language_plural_rules.html). A plural message must have exactly these.
var requiredForms = map[string][]string{
	"en": {"one", "other"},
	"nl": {"one", "other"},
	"de": {"one", "other"},
	"fr": {"one", "many", "other"},
	"sl": {"one", "two", "few", "other"},
}

// rawMessage is one catalogue entry: plain messages become {"other": text}.
type rawMessage struct {
	plural bool
	forms  map[string]string
}

func readCatalogue(t *testing.T, lang string) map[string]rawMessage {
	t.Helper()
	raw := map[string]any{}
	files, err := fs.Glob(localeFiles, "locales/"+lang+"/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalogue files for %s (%v)", lang, err)
	}
	for _, name := range files {
		data, err := localeFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var part map[string]any
		if err := json.Unmarshal(data, &part); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for key, v := range part {
			if _, dup := raw[key]; dup {
				t.Errorf("%s: %q is defined in another %s file too", name, key, lang)
			}
			raw[key] = v
		}
	}
	out := make(map[string]rawMessage, len(raw))
	for key, v := range raw {
		switch v := v.(type) {
		case string:
			out[key] = rawMessage{forms: map[string]string{"other": v}}
		case map[string]any:
			m := rawMessage{plural: true, forms: map[string]string{}}
			for form, text := range v {
				s, ok := text.(string)
				if !ok {
					t.Errorf("%s.json: %s.%s is not a string", lang, key, form)
				}
				m.forms[form] = s
			}
			out[key] = m
		default:
			t.Errorf("%s.json: %s must be a string or a map of plural forms", lang, key)
		}
	}
	return out
}

func TestLocaleFilesAreTheSupportedLanguages(t *testing.T) {
	entries, err := fs.ReadDir(localeFiles, "locales")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	slices.Sort(files)
	want := slices.Sorted(slices.Values(Languages()))
	if !slices.Equal(files, want) {
		t.Errorf("locale directories %v, supported languages %v", files, want)
	}
	// Every language has the same files, so a translator finds each area
	// where English has it.
	enFiles, _ := fs.Glob(localeFiles, "locales/en/*.json")
	for _, lang := range Languages()[1:] {
		for _, name := range enFiles {
			other := strings.Replace(name, "/en/", "/"+lang+"/", 1)
			if _, err := fs.Stat(localeFiles, other); err != nil {
				t.Errorf("%s has no counterpart %s", name, other)
			}
		}
	}
	if !slices.Equal(Languages(), domain.Languages) {
		t.Errorf("i18n.Languages() = %v but domain.Languages = %v; keep them in step", Languages(), domain.Languages)
	}
}

func TestEveryCatalogueHasExactlyTheEnglishKeys(t *testing.T) {
	en := readCatalogue(t, "en")
	for _, lang := range Languages()[1:] {
		cat := readCatalogue(t, lang)
		for key := range en {
			if _, ok := cat[key]; !ok {
				t.Errorf("%s.json lacks %q", lang, key)
			}
		}
		for key := range cat {
			if _, ok := en[key]; !ok {
				t.Errorf("%s.json has %q, which en.json lacks", lang, key)
			}
		}
	}
}

func TestNoMessageIsEmpty(t *testing.T) {
	for _, lang := range Languages() {
		for key, m := range readCatalogue(t, lang) {
			for form, text := range m.forms {
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s.json: %s (%s) is empty", lang, key, form)
				}
			}
		}
	}
}

func TestPluralMessagesHaveTheFormsOfTheirLanguage(t *testing.T) {
	en := readCatalogue(t, "en")
	for _, lang := range Languages() {
		want := requiredForms[lang]
		if want == nil {
			t.Fatalf("no plural rules listed for %s", lang)
		}
		for key, m := range readCatalogue(t, lang) {
			if m.plural != en[key].plural {
				t.Errorf("%s.json: %s must be plural exactly when en.json's is", lang, key)
				continue
			}
			if !m.plural {
				continue
			}
			got := slices.Sorted(maps.Keys(m.forms))
			if !slices.Equal(got, slices.Sorted(slices.Values(want))) {
				t.Errorf("%s.json: %s has forms %v, want %v", lang, key, got, want)
			}
		}
	}
}

// TestPluralFormsCoverRealCounts asks go-i18n's own CLDR rules which form
// each count needs, so a wrong requiredForms table cannot hide a gap.
func TestPluralFormsCoverRealCounts(t *testing.T) {
	c := mustLoad(t)
	counts := []any{"1.5", "0.5", 1000000, 2000000}
	for n := 0; n <= 210; n++ {
		counts = append(counts, n)
	}
	for key, m := range readCatalogue(t, "en") {
		if !m.plural {
			continue
		}
		for _, lang := range Languages() {
			loc := c.Translator(lang).localizer
			for _, n := range counts {
				_, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: key, PluralCount: n,
					TemplateData: map[string]any{"Count": n}})
				if err != nil {
					t.Errorf("%s %s count %v: %v", lang, key, n, err)
					break
				}
			}
		}
	}
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func placeholders(m rawMessage) []string {
	set := map[string]bool{}
	for _, text := range m.forms {
		for _, match := range placeholder.FindAllStringSubmatch(text, -1) {
			set[match[1]] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

func TestTranslationsUseTheSamePlaceholdersAsEnglish(t *testing.T) {
	en := readCatalogue(t, "en")
	for _, lang := range Languages()[1:] {
		for key, m := range readCatalogue(t, lang) {
			if got, want := placeholders(m), placeholders(en[key]); !slices.Equal(got, want) {
				t.Errorf("%s.json: %s uses %v, en.json uses %v", lang, key, got, want)
			}
		}
	}
}

func TestEveryMessageRenders(t *testing.T) {
	c := mustLoad(t)
	for _, lang := range Languages() {
		tr := c.Translator(lang)
		for key, m := range readCatalogue(t, lang) {
			args := []any{}
			for _, name := range placeholders(m) {
				if name != CountArg {
					args = append(args, name, "X")
				}
			}
			if m.plural {
				args = append(args, CountArg, 3)
			}
			_, err := tr.localizer.Localize(&goi18n.LocalizeConfig{MessageID: key,
				TemplateData: tr.templateData(args), PluralCount: pluralCountOf(args)})
			if err != nil {
				t.Errorf("%s %s: %v", lang, key, err)
			}
			if got := tr.T(key, args...); strings.Contains(got, "<no value>") || strings.Contains(got, "{{") {
				t.Errorf("%s %s rendered as %q", lang, key, got)
			}
		}
	}
}

func pluralCountOf(args []any) any {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == CountArg {
			return pluralCount(args[i+1])
		}
	}
	return nil
}

func mustLoad(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

package i18n

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
)

// CountArg is the argument name that also selects the plural form: a message
// written as {"one": "…", "other": "…"} picks its form from the value passed
// under this name, following the CLDR rules of the language.
const CountArg = "Count"

// Translator renders messages in one language. Translators come from
// Catalog.Translator, are immutable and safe for concurrent use.
type Translator struct {
	catalog   *Catalog
	lang      string
	tag       language.Tag
	localizer *goi18n.Localizer
	printer   *message.Printer
	dates     dateStyle
}

func newTranslator(c *Catalog, lang string) *Translator {
	tag := language.MustParse(lang)
	return &Translator{
		catalog:   c,
		lang:      lang,
		tag:       tag,
		localizer: goi18n.NewLocalizer(c.bundle, lang),
		printer:   message.NewPrinter(tag),
		dates:     dateStyles[lang],
	}
}

// Lang returns the language code, for <html lang> and Content-Language.
func (t *Translator) Lang() string { return t.lang }

// T returns the message for key. args are name/value pairs available to
// the message as {{.Name}}; numbers among them are formatted for the
// language, and the value named "Count" also chooses the plural form:
//
//	T("home.communities.count", "Count", 3)
//
// A key that no catalogue has comes back as the key itself: visible on the
// page, and caught by the catalogue tests long before it gets there.
func (t *Translator) T(key string, args ...any) string {
	if msg, ok := t.Lookup(key, args...); ok {
		return msg
	}
	return key
}

// Lookup is T for keys built at run time (error codes, categories): ok is
// false when no catalogue has the key, so the caller can fall back to a more
// general message instead of showing the key.
func (t *Translator) Lookup(key string, args ...any) (string, bool) {
	cfg := &goi18n.LocalizeConfig{MessageID: key, TemplateData: t.templateData(args)}
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == CountArg {
			cfg.PluralCount = pluralCount(args[i+1])
		}
	}
	// go-i18n reports an error but still returns text when it fell back
	// to English or to the "other" plural form; that text is better than
	// nothing for the reader, and the catalogue tests keep such gaps from
	// shipping. Only "no text at all" means the key is unknown.
	msg, err := t.localizer.Localize(cfg)
	if err != nil && msg == "" {
		return "", false
	}
	return msg, true
}

// Has reports whether any catalogue has key.
func (t *Translator) Has(key string) bool {
	_, ok := t.Lookup(key)
	return ok
}

// templateData turns name/value pairs into message data, formatting numbers
// so that "1.234,5" reaches a Dutch reader without every caller remembering.
func (t *Translator) templateData(args []any) map[string]any {
	if len(args) < 2 {
		return nil
	}
	data := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			continue
		}
		data[name] = t.formatValue(args[i+1])
	}
	return data
}

func (t *Translator) formatValue(v any) any {
	switch n := v.(type) {
	case int:
		return t.Int(int64(n))
	case int64:
		return t.Int(n)
	case int32:
		return t.Int(int64(n))
	case float64:
		return t.Number(n)
	case float32:
		return t.Number(float64(n))
	}
	return v
}

// pluralCount converts a count into what go-i18n's plural rules accept:
// integers as they are, floats as decimal strings (so 1.5 is not "one").
func pluralCount(v any) any {
	switch n := v.(type) {
	case int, int8, int16, int32, int64, string:
		return n
	case float64:
		return strconv.FormatFloat(n, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(n), 'f', -1, 32)
	}
	return nil
}

// LanguageName names a language in the translator's language as it is
// written in running text: "Dutch" for an English reader, "Nederlands" for a
// Dutch one, "nizozemščina" for a Slovenian one. Languages with a catalogue
// are named by the catalogue ("lang.<code>"); others, which communities may
// list too, fall back to CLDR names from x/text.
func (t *Translator) LanguageName(code string) string {
	if msg, ok := t.Lookup("lang." + code); ok {
		return msg
	}
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := display.Tags(t.tag).Name(tag); name != "" {
		return name
	}
	return code
}

// Endonym names a language in itself, capitalised to stand alone as a
// label ("Nederlands", "Slovenščina", "Français"), as a language switch
// should: people look for their own language, not for its name in a
// language they may not read.
func (t *Translator) Endonym(code string) string {
	name := code
	if IsSupported(code) {
		name = t.catalog.Translator(code).LanguageName(code)
	} else if tag, err := language.Parse(code); err == nil && display.Self.Name(tag) != "" {
		name = display.Self.Name(tag)
	}
	first, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(first)) + name[size:]
}

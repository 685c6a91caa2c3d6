package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// matcher is built once from the fixed list of supported languages; it is
// read-only, so sharing it between requests is safe.
var matcher = language.NewMatcher(supportedTags())

func supportedTags() []language.Tag {
	tags := make([]language.Tag, len(supported))
	for i, s := range supported {
		tags[i] = language.MustParse(s)
	}
	return tags
}

// Negotiate picks the language of a response, in this order:
//
//  1. explicit: what the person chose (the language cookie, or the language
//     saved in their account);
//  2. acceptLanguage: the browser's Accept-Language header;
//  3. communityDefault: the first language of the community being viewed;
//  4. English.
//
// A step only counts when it names a language with a catalogue, so a person
// who chose Italian still gets their browser's second choice, not English.
func Negotiate(explicit, acceptLanguage, communityDefault string) string {
	if lang, ok := baseLanguage(explicit); ok {
		return lang
	}
	if lang, ok := fromAcceptLanguage(acceptLanguage); ok {
		return lang
	}
	if lang, ok := baseLanguage(communityDefault); ok {
		return lang
	}
	return supported[0]
}

// baseLanguage accepts a code such as "nl" or "nl-BE" and returns the
// supported language it belongs to. Regional variants share one catalogue.
func baseLanguage(code string) (string, bool) {
	code = strings.TrimSpace(code)
	if code == "" || len(code) > 35 {
		return "", false
	}
	tag, err := language.Parse(code)
	if err != nil {
		return "", false
	}
	base, _ := tag.Base()
	if IsSupported(base.String()) {
		return base.String(), true
	}
	return "", false
}

// fromAcceptLanguage runs the header through the CLDR-aware matcher, which
// knows for example that a Swiss German reader is best served in German. A
// match with no confidence means "nothing fits": the matcher then only
// offers its default, which must not override the community's language.
func fromAcceptLanguage(header string) (string, bool) {
	if header == "" || len(header) > 1024 {
		return "", false
	}
	prefs, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(prefs) == 0 {
		return "", false
	}
	_, index, confidence := matcher.Match(prefs...)
	if confidence == language.No {
		return "", false
	}
	return supported[index], true
}

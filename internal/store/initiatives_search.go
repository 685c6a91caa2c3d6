package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldedLetters are the letters that do not decompose into a base letter
// and a mark, so NFD alone leaves them alone. The PostgreSQL function
// directory_fold (migration 0014) maps the same letters the same way.
var foldedLetters = strings.NewReplacer(
	"đ", "d", "ł", "l", "ø", "o", "ħ", "h", "ŧ", "t", "ı", "i",
	"ß", "ss", "æ", "ae", "œ", "oe",
)

// foldSearch is the form of text the directory search compares: lower
// case, without diacritics ("Žalec" and "zalec" are both "zalec"). It is
// computed in Go because PostgreSQL's unaccent extension may be missing on
// a production server and SQLite's lower() only knows ASCII.
func foldSearch(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return foldedLetters.Replace(strings.ToLower(out))
}

// searchTerms splits a search into its words: runs of letters and digits,
// folded. Everything else, the syntax characters of FTS5 and tsquery
// included (" * - ( ) : ^ + & | !), only separates words, so no user input
// can change the meaning of the query, and a search with no words
// matches nothing.
func searchTerms(q string) []string {
	return strings.FieldsFunc(foldSearch(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fts5Query writes terms as an FTS5 query that needs every term: each one
// a quoted string, so that NEAR, AND, OR and NOT are words like any other.
// Terms hold only letters and digits, so there is no quote to double.
func fts5Query(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(quoted, " ")
}

package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The unused-key check reads the sources instead of trusting a list, so a
// key is "used" exactly when some code or template can ask for it:
//
//   - literal use: a call .T("key" / .Lookup("key" / .Has("key" in Go, or
//     .T "key" in a template (also $.T and (.T "key" …)). Such a key must
//     exist in the English catalogue.
//   - prefix use: a Go string literal ending in a dot that is concatenated,
//     such as "error." + code or "category." + name. Every key under that
//     prefix counts as used, because the code picks one at run time. Whoever
//     adds such a lookup must make sure the keys exist (package web tests
//     this for error codes, categories, roles and languages). The prefix
//     given to package web's areaMessage, areaMessage(tr, "ask.error.", err),
//     is such a use too.
//
// Scanned are the Go files (not tests) of internal/web, internal/i18n and
// of any package under internal/ that imports internal/i18n, and every
// .html, .tmpl or .txt file in a templates directory under internal/.
var (
	literalUse = regexp.MustCompile(`\.(?:T|Lookup|Has)(?:\(\s*|\s+)"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"`)
	prefixUse  = regexp.MustCompile(`"([a-z0-9_]+(?:\.[a-z0-9_]+)*\.)"\s*\+`)
	prefixArg  = regexp.MustCompile(`areaMessage\([^,()]*,\s*"([a-z0-9_]+(?:\.[a-z0-9_]+)*\.)"`)
)

// keyUses is what the scan found: literal keys with the file that uses them,
// and prefixes used for lookups built at run time.
type keyUses struct {
	literal  map[string]string
	prefixes []string
	files    int
}

func scanKeyUses(t *testing.T, root string) keyUses {
	t.Helper()
	uses := keyUses{literal: map[string]string{}}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		goFile := strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go")
		template := isTemplate(path)
		if !goFile && !template {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src := string(data)
		if goFile && !translatesInGo(path, src) {
			return nil
		}
		uses.files++
		for _, m := range literalUse.FindAllStringSubmatch(src, -1) {
			uses.literal[m[1]] = path
		}
		if goFile {
			for _, m := range append(prefixUse.FindAllStringSubmatch(src, -1), prefixArg.FindAllStringSubmatch(src, -1)...) {
				uses.prefixes = append(uses.prefixes, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return uses
}

func isTemplate(path string) bool {
	ext := filepath.Ext(path)
	if ext != ".html" && ext != ".tmpl" && ext != ".txt" {
		return false
	}
	return slices.Contains(strings.Split(filepath.ToSlash(path), "/"), "templates")
}

func translatesInGo(path, src string) bool {
	parts := strings.Split(filepath.ToSlash(path), "/")
	return slices.Contains(parts, "web") || slices.Contains(parts, "i18n") ||
		strings.Contains(src, `"mutua/internal/i18n"`)
}

func (u keyUses) covers(key string) bool {
	if _, ok := u.literal[key]; ok {
		return true
	}
	for _, p := range u.prefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

func TestNoKeyIsUnusedAndNoUsedKeyIsMissing(t *testing.T) {
	uses := scanKeyUses(t, "..")
	if uses.files == 0 || len(uses.literal) == 0 {
		t.Fatal("the scan found no translated sources; has internal/ moved?")
	}
	en := readCatalogue(t, "en")
	for key := range en {
		if !uses.covers(key) {
			t.Errorf("the English catalogue has %q, but no code or template uses it", key)
		}
	}
	for key, file := range uses.literal {
		if _, ok := en[key]; !ok {
			t.Errorf("%s uses %q, which the English catalogue lacks", file, key)
		}
	}
}

func TestKeyScanRecognisesEveryForm(t *testing.T) {
	src := `v.T("a.b") tr.Lookup( "c.d", x) {{.T "e.f"}} {{$.T "g.h" "Name" .X}} (.T "i.j") t.Has("k.l")
		tr.Lookup("error." + code) "field." + f.Field + "." + f.Code  fmt.Println("not.a.key")
		areaMessage(b.tr, "ask.error.", err)`
	var literal []string
	for _, m := range literalUse.FindAllStringSubmatch(src, -1) {
		literal = append(literal, m[1])
	}
	if want := []string{"a.b", "c.d", "e.f", "g.h", "i.j", "k.l"}; !slices.Equal(literal, want) {
		t.Errorf("literal uses %v, want %v", literal, want)
	}
	var prefixes []string
	for _, m := range append(prefixUse.FindAllStringSubmatch(src, -1), prefixArg.FindAllStringSubmatch(src, -1)...) {
		prefixes = append(prefixes, m[1])
	}
	if want := []string{"error.", "field.", "ask.error."}; !slices.Equal(prefixes, want) {
		t.Errorf("prefixes %v, want %v", prefixes, want)
	}
}

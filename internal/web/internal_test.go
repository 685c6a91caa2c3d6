package web

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

func TestHashedURLChangesWithContent(t *testing.T) {
	if contentHash([]byte("a")) == contentHash([]byte("b")) {
		t.Fatal("different content, same hash")
	}
	same1, same2 := []byte("same"), []byte("same")
	if contentHash(same1) != contentHash(same2) {
		t.Fatal("same content, different hash")
	}
	urlOf := func(css string) string {
		a, err := newAssets(fstest.MapFS{"static/css/site.css": {Data: []byte(css)}}, "static")
		if err != nil {
			t.Fatal(err)
		}
		u, err := a.URL("css/site.css")
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	v1, v2 := urlOf("body{color:black}"), urlOf("body{color:navy}")
	if v1 == v2 {
		t.Errorf("both versions are served at %s", v1)
	}
	if !strings.HasPrefix(v1, "/static/") || !strings.HasSuffix(v1, "/css/site.css") {
		t.Errorf("URL %s", v1)
	}
	if _, err := (&assets{byName: map[string]*asset{}}).URL("missing.css"); err == nil {
		t.Error("an unknown asset has a URL")
	}
}

func TestLocalPath(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"/", true},
		{"/c/utrecht-oost", true},
		{"/c/x?next=%2F%2Fevil", true},
		{"", false},
		{"c/relative", false},
		{"//evil.example", false},
		{"//evil.example/path", false},
		{`/\evil.example`, false},
		{`/a\b`, false},
		{"https://evil.example/", false},
		{"javascript:alert(1)", false},
		{"/\r\nSet-Cookie: x=y", false},
		{"/\tx", false},
		{"/" + strings.Repeat("a", 3000), false},
	}
	for _, tt := range tests {
		if _, ok := localPath(tt.in); ok != tt.want {
			t.Errorf("localPath(%q) ok = %v, want %v", tt.in, ok, tt.want)
		}
	}
}

// TestKeysBuiltAtRunTimeExist covers what the unused-key scan in package
// i18n cannot see: keys built from a prefix and a value. Every value the
// pages can meet must have its key in the English catalogue (and so, by the
// completeness test, in all of them).
func TestKeysBuiltAtRunTimeExist(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	var keys []string
	for _, c := range domain.Categories {
		keys = append(keys, "category."+c)
	}
	for _, r := range domain.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, l := range i18n.Languages() {
		keys = append(keys, "lang."+l)
	}
	// Codes the page use cases (Register, Login, Join, Community) return,
	// and the kinds every other code falls back to.
	for _, code := range []string{"invalid", "email_taken", "invalid_credentials", "rate_limited", "community_not_found",
		"not_found", "conflict", "forbidden", "unauthenticated", "internal"} {
		keys = append(keys, "error."+code)
	}
	// Field errors of domain.Registration.Validate and of Register.
	for _, f := range []string{"email.format", "email.taken", "password.too_short", "password.too_long", "name.length", "language.format"} {
		keys = append(keys, "field."+f)
	}
	for f := range fieldLimits {
		keys = append(keys, "field."+f)
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("en.json lacks %q", k)
		}
	}
}

func TestEveryPageFileIsRegistered(t *testing.T) {
	entries, err := fs.ReadDir(templateFiles, "templates/pages")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, strings.TrimSuffix(e.Name(), ".html"))
	}
	specs, err := pageSpecs()
	if err != nil {
		t.Fatal(err)
	}
	var registered []string
	for name := range specs {
		registered = append(registered, name)
	}
	slices.Sort(files)
	slices.Sort(registered)
	if !slices.Equal(files, registered) {
		t.Errorf("page files %v, registered pages %v", files, registered)
	}
}

func TestBrokenTemplatesStopStartup(t *testing.T) {
	a, err := newAssets(staticFiles, "static")
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"syntax error":     `{{define "title"}}x{{end}}{{define "content"}}{{.T "home.title"}{{end}}`,
		"escaping error":   `{{define "title"}}x{{end}}{{define "content"}}<a href="{{if .User}}">{{end}}x</a>{{end}}`,
		"missing content":  `{{define "title"}}x{{end}}`,
		"unknown function": `{{define "title"}}x{{end}}{{define "content"}}{{nosuchfunc}}{{end}}`,
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			err := fs.WalkDir(templateFiles, "templates", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := fs.ReadFile(templateFiles, p)
				fsys[p] = &fstest.MapFile{Data: data}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			fsys["templates/pages/home.html"] = &fstest.MapFile{Data: []byte(src)}
			if _, err := parsePages(fsys, a); err == nil {
				t.Error("parsePages accepted a broken page")
			}
		})
	}
	if _, err := parsePages(templateFiles, a); err != nil {
		t.Errorf("the real templates: %v", err)
	}
}

// A build without the npm step fails at start, saying what to run.
func TestMissingVendoredFilesStopStartup(t *testing.T) {
	a, err := newAssets(fstest.MapFS{"static/vendor/htmx/htmx.min.js": {Data: []byte("x")}}, "static")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.require("vendor/htmx/htmx.min.js"); err != nil {
		t.Errorf("a present file: %v", err)
	}
	err = a.require(vendored...)
	if err == nil || !strings.Contains(err.Error(), "vendor/leaflet/leaflet.js") || !strings.Contains(err.Error(), "make vendor") {
		t.Errorf("missing Leaflet: %v", err)
	}
}

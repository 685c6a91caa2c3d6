package web

import "testing"

// Registration sends people on only to pages of their own community.
func TestAfterRegister(t *testing.T) {
	cases := map[string]string{
		"/c/demo/ask":            "/c/demo/ask",
		"/c/demo/volunteer?x=1":  "/c/demo/volunteer?x=1",
		"":                       "/c/demo",
		"/c/other/ask":           "/c/demo",
		"/c/demo":                "/c/demo",
		"//evil.example/c/demo/": "/c/demo",
		"https://evil.example/":  "/c/demo",
		"/c/demo-x/ask":          "/c/demo",
	}
	for next, want := range cases {
		if got := afterRegister("demo", next); got != want {
			t.Errorf("afterRegister(demo, %q) = %q, want %q", next, got, want)
		}
	}
}

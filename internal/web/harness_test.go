package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
	"mutua/internal/web"
)

// harness runs the pages on a real store behind a test server.
type harness struct {
	t     *testing.T
	srv   *httptest.Server
	svc   *service.Service
	store *store.Store
	logs  *syncBuffer
}

// testPassword is long enough for the domain's rules.
const testPassword = "correct horse battery"

// The communities every scenario can rely on.
var (
	utrecht = domain.Community{Slug: "utrecht-oost", Name: "Utrecht Oost", Languages: []string{"nl", "en"},
		Center: domain.Point{Lat: 52.09, Lng: 5.14}, RadiusKM: 2.5, Categories: []string{"groceries", "companionship"}}
	ljubljana = domain.Community{Slug: "ljubljana", Name: "Ljubljana Center", Languages: []string{"sl", "en", "it"},
		Center: domain.Point{Lat: 46.05, Lng: 14.5}, RadiusKM: 4, Categories: domain.Categories}
)

func newHarness(t *testing.T, opts service.Options) *harness {
	t.Helper()
	return newHarnessOn(t, storetest.Open(t), opts)
}

func newHarnessOn(t *testing.T, st *store.Store, opts service.Options) *harness {
	t.Helper()
	opts.Argon2 = auth.FastArgon2
	logs := &syncBuffer{}
	opts.Logger = slog.New(slog.NewTextHandler(logs, nil))
	svc := service.New(st, opts)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := web.New(web.Options{Service: svc, Catalog: cat, Logger: opts.Logger})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	pages.Register(mux)
	srv := httptest.NewServer(authenticate(svc, mux))
	t.Cleanup(srv.Close)
	for _, c := range []domain.Community{utrecht, ljubljana} {
		if err := st.CreateCommunity(t.Context(), &c); err != nil {
			t.Fatal(err)
		}
	}
	return &harness{t: t, srv: srv, svc: svc, store: st, logs: logs}
}

// authenticate stands in for httpx's middleware: it puts the client's
// address (which rate limits key on) and the user behind the session cookie
// into the context, as the real one does.
func authenticate(svc *service.Service, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
			r = r.WithContext(service.WithClientIP(r.Context(), ap.Addr()))
		}
		if c, err := r.Cookie(httpx.SessionCookie); err == nil {
			if u, err := svc.Authenticate(r.Context(), c.Value); err == nil {
				r = r.WithContext(service.WithActor(r.Context(), u))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// request is one HTTP call of a scenario.
type request struct {
	method, path string
	form         url.Values
	header       map[string]string
	cookies      []*http.Cookie
}

// response is what came back, with the body read.
type response struct {
	status  int
	header  http.Header
	body    string
	cookies []*http.Cookie
}

func (h *harness) do(req request) response {
	h.t.Helper()
	var body io.Reader
	if req.form != nil {
		body = strings.NewReader(req.form.Encode())
	}
	r, err := http.NewRequestWithContext(h.t.Context(), req.method, h.srv.URL+req.path, body)
	if err != nil {
		h.t.Fatal(err)
	}
	if req.form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range req.header {
		r.Header.Set(k, v)
	}
	for _, c := range req.cookies {
		r.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(r)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(data), cookies: res.Cookies()}
}

func (r response) cookie(name string) *http.Cookie {
	for _, c := range r.cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// register opens an account through the pages, in English, and returns
// its session cookie.
func (h *harness) register(slug, name, email string) *http.Cookie {
	h.t.Helper()
	return h.registerIn(slug, name, email, "en")
}

// registerIn is register with the language chosen in the form.
func (h *harness) registerIn(slug, name, email, lang string) *http.Cookie {
	h.t.Helper()
	res := h.do(request{method: "POST", path: "/c/" + slug + "/register", form: url.Values{
		"name": {name}, "email": {email}, "password": {testPassword}, "language": {lang}}})
	c := res.cookie(httpx.SessionCookie)
	if res.status != http.StatusSeeOther || c == nil {
		h.t.Fatalf("register %s: status %d, cookie %v\n%s", email, res.status, c, res.body)
	}
	return c
}

var (
	h1s         = regexp.MustCompile(`<h1[\s>]`)
	inlineStyle = regexp.MustCompile(`\sstyle=|<style`)
	scriptTag   = regexp.MustCompile(`<script(?:\s[^>]*)?>`)
)

// checkPage asserts what every HTML page must have: one h1, the skip link
// and main landmark, no inline styles or scripts (the CSP forbids them) and
// nothing from another host.
func checkPage(t *testing.T, res response) {
	t.Helper()
	if !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") || res.status/100 == 3 {
		return
	}
	if n := len(h1s.FindAllString(res.body, -1)); n != 1 {
		t.Errorf("page has %d h1 elements, want 1", n)
	}
	for _, want := range []string{`<a class="skip-link" href="#main">`, `<main id="main"`, `<header`, `<footer`, `<nav`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if inlineStyle.MatchString(res.body) {
		t.Error("page has an inline style")
	}
	// Scripts must come from a file of this site (src), never inline.
	for _, tag := range scriptTag.FindAllString(res.body, -1) {
		if !strings.Contains(tag, ` src="/static/`) {
			t.Errorf("page has an inline script: %s", tag)
		}
	}
	if strings.Contains(res.body, "http://") || strings.Contains(res.body, "https://") {
		t.Error("page refers to another host")
	}
}

// syncBuffer collects log output from concurrent handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newHarnessWithClosedStore runs the pages on a store that is closed before
// the first request, so every use case fails unexpectedly.
func newHarnessWithClosedStore(t *testing.T) *harness {
	t.Helper()
	st, err := store.Open(t.Context(), storetest.DSN(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, st, service.Options{})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return h
}

package httpx_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"mutua/internal/auth"
	"mutua/internal/httpx"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

func newServer(t *testing.T, trustProxy bool) (*httptest.Server, *store.Store) {
	t.Helper()
	st := storetest.Open(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(st, service.Options{Argon2: auth.FastArgon2, Logger: log})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
			return
		}
		_, _ = w.Write(b)
	})
	mux.HandleFunc("GET /whoami", func(w http.ResponseWriter, r *http.Request) {
		if httpx.IsSecure(r) {
			_, _ = w.Write([]byte("secure "))
		}
		c := httptest.NewRecorder()
		httpx.SetSessionCookie(c, r, "t", time.Now().Add(time.Hour))
		_, _ = w.Write([]byte(c.Header().Get("Set-Cookie")))
	})
	h := httpx.Handler(mux, svc, httpx.Options{MaxBodyBytes: 1024, Logger: log, Registry: prometheus.NewRegistry(),
		TrustProxy: trustProxy, ImgSources: []string{"https://tiles.example.org"}})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, st
}

func send(t *testing.T, method, url, body string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestPanicBecomesProblem(t *testing.T) {
	srv, _ := newServer(t, false)
	res, body := send(t, "GET", srv.URL+"/panic", "", nil)
	if res.StatusCode != 500 || !strings.Contains(body, `"code":"internal"`) || strings.Contains(body, "boom") {
		t.Fatalf("panic answered %d %s", res.StatusCode, body)
	}
	// The server survives.
	if res, _ := send(t, "GET", srv.URL+"/healthz", "", nil); res.StatusCode != 200 {
		t.Fatalf("healthz after a panic: %d", res.StatusCode)
	}
}

func TestCrossSiteRequestsAreRefused(t *testing.T) {
	srv, _ := newServer(t, false)
	res, body := send(t, "POST", srv.URL+"/echo", "x", map[string]string{"Sec-Fetch-Site": "cross-site"})
	if res.StatusCode != 403 || !strings.Contains(body, "cross_origin") {
		t.Fatalf("cross-site POST: %d %s", res.StatusCode, body)
	}
	res, _ = send(t, "POST", srv.URL+"/echo", "x", map[string]string{"Origin": "https://evil.example"})
	if res.StatusCode != 403 {
		t.Fatalf("foreign Origin POST: %d", res.StatusCode)
	}
	if res, body := send(t, "POST", srv.URL+"/echo", "x", map[string]string{"Sec-Fetch-Site": "same-origin"}); res.StatusCode != 200 || body != "x" {
		t.Fatalf("same-origin POST: %d %s", res.StatusCode, body)
	}
	if res, _ := send(t, "POST", srv.URL+"/echo", "x", nil); res.StatusCode != 200 {
		t.Fatalf("non-browser POST: %d", res.StatusCode)
	}
}

func TestBodyLimitAndHeaders(t *testing.T) {
	srv, _ := newServer(t, false)
	res, body := send(t, "POST", srv.URL+"/echo", strings.Repeat("x", 2048), nil)
	if res.StatusCode != 413 {
		t.Fatalf("2 KiB body with a 1 KiB limit: %d %s", res.StatusCode, body)
	}
	res, _ = send(t, "GET", srv.URL+"/healthz", "", nil)
	for k, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'; img-src 'self' data: https://tiles.example.org;",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
	} {
		if got := res.Header.Get(k); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if res.Header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
}

func TestTrustedProxyMakesCookiesSecure(t *testing.T) {
	hdr := map[string]string{"X-Forwarded-Proto": "https"}
	srv, _ := newServer(t, false)
	if _, body := send(t, "GET", srv.URL+"/whoami", "", hdr); strings.Contains(body, "Secure") || strings.HasPrefix(body, "secure") {
		t.Fatalf("an untrusted X-Forwarded-Proto made the request secure: %s", body)
	}
	srv, _ = newServer(t, true)
	_, body := send(t, "GET", srv.URL+"/whoami", "", hdr)
	if !strings.HasPrefix(body, "secure") || !strings.Contains(body, "Secure") || !strings.Contains(body, "HttpOnly") {
		t.Fatalf("behind a trusted TLS proxy: %s", body)
	}
}

func TestMetricsCountRoutes(t *testing.T) {
	srv, _ := newServer(t, false)
	send(t, "GET", srv.URL+"/healthz", "", nil)
	send(t, "GET", srv.URL+"/nothing-here", "", nil)
	_, body := send(t, "GET", srv.URL+"/metrics", "", nil)
	for _, want := range []string{
		`mutua_http_requests_total{method="GET",route="GET /healthz",status="200"} 1`,
		`route="unmatched",status="404"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestReadyz(t *testing.T) {
	srv, st := newServer(t, false)
	if res, body := send(t, "GET", srv.URL+"/readyz", "", nil); res.StatusCode != 200 || body != "ready\n" {
		t.Fatalf("readyz: %d %q", res.StatusCode, body)
	}
	st.Close()
	if res, _ := send(t, "GET", srv.URL+"/readyz", "", nil); res.StatusCode != 503 {
		t.Fatalf("readyz with the database gone: %d, want 503", res.StatusCode)
	}
	if res, _ := send(t, "GET", srv.URL+"/healthz", "", nil); res.StatusCode != 200 {
		t.Fatalf("healthz must not depend on the database: %d", res.StatusCode)
	}
}

package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"mutua/internal/api"
	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// linkWorld is a running API over a store the test can read, with one
// member, ann@alpha.example, whose outbox holds the links she asks for.
func linkWorld(t *testing.T, o service.Options) (*world, *store.Store, int64) {
	t.Helper()
	st := storetest.Open(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	o.Argon2, o.Logger = auth.FastArgon2, log
	svc := service.New(st, o)
	mux := http.NewServeMux()
	api.Register(mux, api.Options{Service: svc, Logger: log, MaxBodyBytes: 1 << 20})
	h := httpx.Handler(mux, svc, httpx.Options{MaxBodyBytes: 1 << 20, Logger: log})
	w := &world{srv: httptest.NewServer(h), svc: svc, tokens: map[string]string{}, ids: map[string]int64{}}
	t.Cleanup(w.srv.Close)
	ctx := context.Background()
	op, err := svc.CreateOperator(ctx, "operator@example.org", pw, "Operator")
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Community{Slug: "alpha", Name: "Alpha", Languages: []string{"en"}, Center: domain.Point{Lat: 46.05, Lng: 14.5}, RadiusKM: 10}
	if _, err := svc.CreateCommunity(service.WithActor(ctx, op), c); err != nil {
		t.Fatal(err)
	}
	u, err := svc.Register(ctx, domain.Registration{Community: "alpha", Email: "ann@alpha.example", Password: pw, Name: "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	return w, st, u.ID
}

// queuedToken returns the token of the newest email of kind to the user.
func queuedToken(t *testing.T, st *store.Store, userID int64, kind domain.NotificationKind) string {
	t.Helper()
	list, err := st.Notifications(context.Background(), userID, domain.Page{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range list {
		if n.Kind == kind {
			u, err := url.Parse(n.Data["path"])
			if err != nil {
				t.Fatal(err)
			}
			return u.Query().Get("token")
		}
	}
	t.Fatalf("no %s email queued", kind)
	return ""
}

func TestLoginLinkAPI(t *testing.T) {
	w, st, ann := linkWorld(t, service.Options{})
	w.run(t, []scenario{
		{name: "request for an account", method: "POST", path: "/api/v1/auth/login-link",
			body: `{"email":"Ann@alpha.example"}`, status: 202},
		{name: "request for nobody answers the same", method: "POST", path: "/api/v1/auth/login-link",
			body: `{"email":"nobody@alpha.example"}`, status: 202},
		{name: "request with a bad address", method: "POST", path: "/api/v1/auth/login-link",
			body: `{"email":"not an address"}`, status: 422, want: []string{`"field":"email"`}},
		{name: "reset for an account", method: "POST", path: "/api/v1/auth/password-reset",
			body: `{"email":"ann@alpha.example"}`, status: 202},
		{name: "unknown token", method: "POST", path: "/api/v1/auth/login-link/redeem",
			body: `{"token":"made-up"}`, status: 404, want: []string{`"code":"link_invalid"`}},
		{name: "overlong token", method: "POST", path: "/api/v1/auth/login-link/redeem",
			body: `{"token":"` + strings.Repeat("t", 300) + `"}`, status: 422},
	})
	login := queuedToken(t, st, ann, domain.NotifyLoginLink)
	res, body := w.do(t, "", "POST", "/api/v1/auth/login-link/redeem", `{"token":"`+login+`"}`)
	if res.StatusCode != 200 {
		t.Fatalf("redeem: %d %s", res.StatusCode, body)
	}
	var out struct {
		Token string `json:"token"`
		User  struct {
			Email string `json:"email"`
		} `json:"user"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || out.Token == "" || out.User.Email != "ann@alpha.example" {
		t.Fatalf("redeem body %s (%v)", body, err)
	}
	if u, err := w.svc.Authenticate(context.Background(), out.Token); err != nil || u.ID != ann {
		t.Fatalf("the token is not Ann's session: %v", err)
	}
	if !hasSessionCookie(res, out.Token) {
		t.Error("no session cookie set")
	}
	reset := queuedToken(t, st, ann, domain.NotifyPasswordReset)
	w.run(t, []scenario{
		{name: "used login link", method: "POST", path: "/api/v1/auth/login-link/redeem",
			body: `{"token":"` + login + `"}`, status: 410, want: []string{`"code":"link_used"`}},
		{name: "reset link as login link", method: "POST", path: "/api/v1/auth/login-link/redeem",
			body: `{"token":"` + reset + `"}`, status: 404, want: []string{`"code":"link_invalid"`}},
		{name: "weak new password", method: "POST", path: "/api/v1/auth/password-reset/redeem",
			body: `{"token":"` + reset + `","password":"short"}`, status: 422, want: []string{`"field":"password"`, `"code":"too_short"`}},
		{name: "reset", method: "POST", path: "/api/v1/auth/password-reset/redeem",
			body: `{"token":"` + reset + `","password":"a new long password"}`, status: 200,
			want: []string{`"token":"`, `"email":"ann@alpha.example"`}, reject: []string{"password"}},
		{name: "used reset link", method: "POST", path: "/api/v1/auth/password-reset/redeem",
			body: `{"token":"` + reset + `","password":"a new long password"}`, status: 410, want: []string{`"code":"link_used"`}},
	})
	if _, err := w.svc.Authenticate(context.Background(), out.Token); err == nil {
		t.Error("the reset left the earlier session open")
	}
}

func hasSessionCookie(res *http.Response, token string) bool {
	for _, c := range res.Cookies() {
		if c.Name == httpx.SessionCookie && c.Value == token && c.HttpOnly {
			return true
		}
	}
	return false
}

func TestLoginLinkAPIExpiredAndLimited(t *testing.T) {
	now := time.Now().UTC()
	w, st, ann := linkWorld(t, service.Options{LoginBurst: 1, Now: func() time.Time { return now }})
	res, body := w.do(t, "", "POST", "/api/v1/auth/password-reset", `{"email":"ann@alpha.example"}`)
	if res.StatusCode != 202 {
		t.Fatalf("request: %d %s", res.StatusCode, body)
	}
	res, body = w.do(t, "", "POST", "/api/v1/auth/login-link", `{"email":"ann@alpha.example"}`)
	if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" || !strings.Contains(body, `"code":"rate_limited"`) {
		t.Fatalf("second request for one address: %d %q %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	checkProblem(t, res, body)
	now = now.Add(domain.LoginLinkTTL)
	reset := queuedToken(t, st, ann, domain.NotifyPasswordReset)
	w.run(t, []scenario{
		{name: "expired reset link", method: "POST", path: "/api/v1/auth/password-reset/redeem",
			body: `{"token":"` + reset + `","password":"a new long password"}`, status: 410, want: []string{`"code":"link_expired"`}},
	})
}

func TestLoginLinkAPIDocumented(t *testing.T) {
	w, _, _ := linkWorld(t, service.Options{})
	_, body := w.do(t, "", "GET", "/api/v1/openapi.json", "")
	for _, f := range []string{"/api/v1/auth/login-link", "/api/v1/auth/login-link/redeem", "/api/v1/auth/password-reset",
		"/api/v1/auth/password-reset/redeem", "requestLoginLink", "redeemPasswordReset", `"410"`, `"202"`} {
		if !strings.Contains(body, f) {
			t.Errorf("the OpenAPI document lacks %s", f)
		}
	}
}

package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"mutua/internal/api"
	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
	"mutua/internal/store/storetest"
)

// world is a running API with two communities and people in every role.
// Actors are named by the key of tokens.
type world struct {
	srv    *httptest.Server
	svc    *service.Service
	tokens map[string]string
	ids    map[string]int64
}

type person struct {
	key, email, community string
	role                  domain.Role
}

var people = []person{
	{"admin", "admin@alpha.example", "alpha", domain.RoleAdmin},
	{"coord", "coord@alpha.example", "alpha", domain.RoleCoordinator},
	{"vol", "vol@alpha.example", "alpha", domain.RoleVolunteer},
	{"member", "member@alpha.example", "alpha", domain.RoleMember},
	{"beta-admin", "admin@beta.example", "beta", domain.RoleAdmin},
	{"beta-member", "member@beta.example", "beta", domain.RoleMember},
}

const pw = "correct horse battery"

func newWorld(t *testing.T, o service.Options) *world {
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
	opCtx := service.WithActor(ctx, op)
	for _, slug := range []string{"alpha", "beta"} {
		c := domain.Community{Slug: slug, Name: strings.ToUpper(slug), Languages: []string{"en", "sl"},
			Center: domain.Point{Lat: 46.05, Lng: 14.5}, RadiusKM: 10}
		if _, err := svc.CreateCommunity(opCtx, c); err != nil {
			t.Fatal(err)
		}
	}
	w.tokens["operator"] = w.login(t, "operator@example.org")
	for _, p := range people {
		u, err := svc.Register(ctx, domain.Registration{Community: p.community, Email: p.email, Password: pw, Name: p.key})
		if err != nil {
			t.Fatal(err)
		}
		w.ids[p.key] = u.ID
		if p.role != domain.RoleMember {
			if _, _, err := svc.GrantRole(opCtx, p.community, domain.Grant{Email: p.email, Role: p.role}); err != nil {
				t.Fatal(err)
			}
		}
		w.tokens[p.key] = w.login(t, p.email)
	}
	return w
}

func (w *world) login(t *testing.T, email string) string {
	t.Helper()
	s, err := w.svc.Login(context.Background(), email, pw)
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	return s.Token
}

// scenario is one HTTP exchange and what must come back.
type scenario struct {
	name   string
	actor  string // key in world.tokens; "" for nobody
	method string
	path   string
	body   string
	status int
	want   []string // fragments the body must contain
	reject []string // fragments it must not contain
}

func (w *world) run(t *testing.T, cases []scenario) {
	t.Helper()
	for _, sc := range cases {
		t.Run(sc.name, func(t *testing.T) {
			res, body := w.do(t, sc.actor, sc.method, sc.path, sc.body)
			if res.StatusCode != sc.status {
				t.Fatalf("%s %s: status %d, want %d; body %s", sc.method, sc.path, res.StatusCode, sc.status, body)
			}
			if sc.status >= 400 {
				checkProblem(t, res, body)
			}
			for _, f := range sc.want {
				if !strings.Contains(body, f) {
					t.Errorf("body lacks %q: %s", f, body)
				}
			}
			for _, f := range sc.reject {
				if strings.Contains(body, f) {
					t.Errorf("body has %q: %s", f, body)
				}
			}
		})
	}
}

func (w *world) do(t *testing.T, actor, method, path, body string) (*http.Response, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, w.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if actor != "" {
		tok, ok := w.tokens[actor]
		if !ok {
			tok = actor // a literal token, for bad-token cases
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// checkProblem asserts an error answer is RFC 9457 problem+json with a code.
func checkProblem(t *testing.T, res *http.Response, body string) {
	t.Helper()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("error content type %q, want application/problem+json", ct)
	}
	var p struct {
		Status int    `json:"status"`
		Code   string `json:"code"`
		Title  string `json:"title"`
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, body)
	}
	if p.Status != res.StatusCode || p.Code == "" || p.Title == "" {
		t.Errorf("problem %+v lacks status/code/title matching %d", p, res.StatusCode)
	}
}

package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"mutua/internal/service"
)

func TestAuthScenarios(t *testing.T) {
	w := newWorld(t, service.Options{})
	w.run(t, []scenario{
		{name: "register", method: "POST", path: "/api/v1/auth/register",
			body:   `{"community":"alpha","email":" New@Example.org ","password":"a long password","name":"Neža"}`,
			status: 201, want: []string{`"email":"new@example.org"`, `"name":"Neža"`}, reject: []string{"password"}},
		{name: "register duplicate email", method: "POST", path: "/api/v1/auth/register",
			body:   `{"community":"beta","email":"member@alpha.example","password":"a long password","name":"X"}`,
			status: 409, want: []string{`"code":"email_taken"`, `"field":"email"`}},
		{name: "register unknown community", method: "POST", path: "/api/v1/auth/register",
			body:   `{"community":"nowhere","email":"a@example.org","password":"a long password","name":"X"}`,
			status: 404, want: []string{`"code":"community_not_found"`}},
		{name: "register invalid email", method: "POST", path: "/api/v1/auth/register",
			body:   `{"community":"alpha","email":"not-an-email","password":"a long password","name":"X"}`,
			status: 422, want: []string{`"code":"invalid"`, `"field":"email"`}},
		{name: "register short password", method: "POST", path: "/api/v1/auth/register",
			body:   `{"community":"alpha","email":"b@example.org","password":"short","name":"X"}`,
			status: 422, want: []string{`"code":"too_short"`, `"field":"password"`}},
		{name: "register overlong name", method: "POST", path: "/api/v1/auth/register",
			body:   `{"community":"alpha","email":"c@example.org","password":"a long password","name":"` + strings.Repeat("n", 101) + `"}`,
			status: 422, want: []string{`"code":"invalid"`, "name"}},
		{name: "register unknown field", method: "POST", path: "/api/v1/auth/register",
			body:   `{"community":"alpha","email":"d@example.org","password":"a long password","name":"X","is_operator":true}`,
			status: 422, want: []string{"is_operator"}},
		{name: "register wrong type", method: "POST", path: "/api/v1/auth/register",
			body:   `{"community":"alpha","email":42,"password":"a long password","name":"X"}`,
			status: 422, want: []string{"email"}},
		{name: "register malformed json", method: "POST", path: "/api/v1/auth/register",
			body: `{"community":"alpha",`, status: 400, want: []string{`"code":"bad_request"`}},
		{name: "login wrong password", method: "POST", path: "/api/v1/auth/login",
			body: `{"email":"member@alpha.example","password":"wrong password"}`, status: 401,
			want: []string{`"code":"invalid_credentials"`}},
		{name: "login unknown email looks the same", method: "POST", path: "/api/v1/auth/login",
			body: `{"email":"nobody@alpha.example","password":"wrong password"}`, status: 401,
			want: []string{`"code":"invalid_credentials"`}},
		{name: "me without token", method: "GET", path: "/api/v1/me", status: 401, want: []string{`"code":"unauthenticated"`}},
		{name: "me with bad token", actor: "not-a-real-token", method: "GET", path: "/api/v1/me", status: 401,
			want: []string{`"code":"invalid_token"`}},
		{name: "me", actor: "coord", method: "GET", path: "/api/v1/me", status: 200,
			want:   []string{`"email":"coord@alpha.example"`, `"community":"alpha"`, `"role":"coordinator"`, `"members.grant"`},
			reject: []string{"beta", "password"}},
	})
}

func TestLoginSetsCookieAndTokenWorks(t *testing.T) {
	w := newWorld(t, service.Options{})
	res, body := w.do(t, "", "POST", "/api/v1/auth/login", `{"email":"MEMBER@alpha.example","password":"`+pw+`"}`)
	if res.StatusCode != 200 {
		t.Fatalf("login: %d %s", res.StatusCode, body)
	}
	var out struct {
		Token string `json:"token"`
		User  struct {
			Email string `json:"email"`
		} `json:"user"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || out.Token == "" || out.User.Email != "member@alpha.example" {
		t.Fatalf("login body %s (err %v)", body, err)
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "mutua_session" {
			cookie = c
		}
	}
	if cookie == nil || cookie.Value != out.Token || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v, want HttpOnly SameSite=Lax carrying the token", cookie)
	}
	if cookie.Secure {
		t.Error("cookie marked Secure on a plain-HTTP request: the browser would never send it back")
	}
	w.tokens["fresh"] = out.Token
	if res, body := w.do(t, "fresh", "GET", "/api/v1/me", ""); res.StatusCode != 200 {
		t.Fatalf("me with fresh token: %d %s", res.StatusCode, body)
	}
	if res, _ := w.do(t, "fresh", "POST", "/api/v1/auth/logout", ""); res.StatusCode != 204 {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	if res, body := w.do(t, "fresh", "GET", "/api/v1/me", ""); res.StatusCode != 401 || !strings.Contains(body, "invalid_token") {
		t.Fatalf("token still works after logout: %d %s", res.StatusCode, body)
	}
}

func TestExpiredToken(t *testing.T) {
	now := time.Now()
	w := newWorld(t, service.Options{Now: func() time.Time { return now }, SessionTTL: time.Hour})
	now = now.Add(2 * time.Hour)
	res, body := w.do(t, "member", "GET", "/api/v1/me", "")
	if res.StatusCode != 401 || !strings.Contains(body, `"code":"token_expired"`) {
		t.Fatalf("expired token: %d %s", res.StatusCode, body)
	}
	if _, err := w.svc.Authenticate(context.Background(), w.tokens["member"]); err == nil {
		t.Fatal("expired session still authenticates")
	}
}

func TestLoginRateLimit(t *testing.T) {
	w := newWorld(t, service.Options{LoginBurst: 3, LoginWindow: time.Hour})
	body := `{"email":"member@alpha.example","password":"wrong password"}`
	for i := 0; i < 3; i++ {
		if res, b := w.do(t, "", "POST", "/api/v1/auth/login", body); res.StatusCode != 401 {
			t.Fatalf("attempt %d: %d %s", i+1, res.StatusCode, b)
		}
	}
	res, b := w.do(t, "", "POST", "/api/v1/auth/login", body)
	if res.StatusCode != 429 || !strings.Contains(b, `"code":"rate_limited"`) {
		t.Fatalf("fourth attempt: %d %s", res.StatusCode, b)
	}
	checkProblem(t, res, b)
	if ra := res.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Fatalf("Retry-After = %q", ra)
	}
	// Another account from the same address still gets its own attempts.
	other := `{"email":"vol@alpha.example","password":"` + pw + `"}`
	if res, b := w.do(t, "", "POST", "/api/v1/auth/login", other); res.StatusCode != 200 {
		t.Fatalf("other account limited by the first one: %d %s", res.StatusCode, b)
	}
}

func TestRegisterRateLimitPerIP(t *testing.T) {
	w := newWorld(t, service.Options{RegisterBurst: 2, RegisterWindow: time.Hour})
	for i, email := range []string{"r1@example.org", "r2@example.org", "r3@example.org"} {
		body := `{"community":"alpha","email":"` + email + `","password":"a long password","name":"R"}`
		res, b := w.do(t, "", "POST", "/api/v1/auth/register", body)
		want := 201
		if i == 2 {
			want = 429
		}
		if res.StatusCode != want {
			t.Fatalf("registration %d: %d %s", i+1, res.StatusCode, b)
		}
	}
}

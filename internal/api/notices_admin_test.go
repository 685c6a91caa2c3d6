package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"mutua/internal/api"
	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// failedWorld is a smaller world whose store the test holds, to put
// messages in the state the dispatcher leaves them in after a bounce. It
// returns the world and the ids of the dead welcome messages by person.
func failedWorld(t *testing.T) (*world, map[string]int64) {
	t.Helper()
	st := storetest.Open(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(st, service.Options{Argon2: auth.FastArgon2, Logger: log})
	mux := http.NewServeMux()
	api.Register(mux, api.Options{Service: svc, Logger: log, MaxBodyBytes: 1 << 20})
	w := &world{srv: httptest.NewServer(httpx.Handler(mux, svc, httpx.Options{MaxBodyBytes: 1 << 20, Logger: log})),
		svc: svc, tokens: map[string]string{}, ids: map[string]int64{}}
	t.Cleanup(w.srv.Close)
	ctx := context.Background()
	op, err := svc.CreateOperator(ctx, "operator@example.org", pw, "Operator")
	if err != nil {
		t.Fatal(err)
	}
	opCtx := service.WithActor(ctx, op)
	for _, slug := range []string{"alpha", "beta"} {
		c := domain.Community{Slug: slug, Name: slug, Languages: []string{"en"}, Center: domain.Point{Lat: 46.05, Lng: 14.5}, RadiusKM: 10}
		if _, err := svc.CreateCommunity(opCtx, c); err != nil {
			t.Fatal(err)
		}
	}
	dead := map[string]int64{}
	for _, p := range people {
		u, err := svc.Register(ctx, domain.Registration{Community: p.community, Email: p.email, Password: pw, Name: p.key})
		if err != nil {
			t.Fatal(err)
		}
		if p.role != domain.RoleMember {
			if _, _, err := svc.GrantRole(opCtx, p.community, domain.Grant{Email: p.email, Role: p.role}); err != nil {
				t.Fatal(err)
			}
		}
		w.tokens[p.key] = w.login(t, p.email)
		if p.key == "member" || p.key == "beta-member" {
			dead[p.key] = bounceWelcome(t, st, u.ID)
		}
	}
	return w, dead
}

// bounceWelcome marks the user's welcome dead, as the dispatcher does
// when the server refuses the address for good.
func bounceWelcome(t *testing.T, st *store.Store, userID int64) int64 {
	t.Helper()
	list, err := st.Notifications(context.Background(), userID, domain.Page{})
	if err != nil || len(list) != 1 || list[0].Kind != domain.NotifyWelcome {
		t.Fatalf("the welcome of user %d: %+v, %v", userID, list, err)
	}
	if err := st.EndNotification(context.Background(), list[0].ID, domain.NotificationDead, "550 5.1.1 no such mailbox"); err != nil {
		t.Fatal(err)
	}
	return list[0].ID
}

// TestFailedNotificationScenarios: admins list their community's
// undeliverable emails and send one again; nobody else may, and another
// community's message is not found.
func TestFailedNotificationScenarios(t *testing.T) {
	w, dead := failedWorld(t)
	list := "/api/v1/communities/alpha/notifications/failed"
	retry := func(slug string, id int64) string {
		return "/api/v1/communities/" + slug + "/notifications/" + strconv.FormatInt(id, 10) + "/retry"
	}
	w.run(t, []scenario{
		{name: "nobody", method: "GET", path: list, status: 401},
		{name: "a member", actor: "member", method: "GET", path: list, status: 403},
		{name: "a coordinator", actor: "coord", method: "GET", path: list, status: 403},
		{name: "another community's admin", actor: "beta-admin", method: "GET", path: list, status: 403},
		{name: "an unknown community", actor: "admin", method: "GET", path: "/api/v1/communities/gamma/notifications/failed", status: 404},
		{name: "the admin sees the community's failures", actor: "admin", method: "GET", path: list, status: 200,
			want: []string{`"dead":1`, `"pending":`, `"kind":"welcome"`, `"recipient_name":"member"`,
				`"recipient_email":"member@alpha.example"`, `"last_error":"550 5.1.1 no such mailbox"`, `"id":` + strconv.FormatInt(dead["member"], 10)},
			reject: []string{"beta-member", "member@beta.example"}},
		{name: "a page past the end", actor: "admin", method: "GET", path: list + "?offset=1", status: 200, want: []string{`"failed":[]`}},
		{name: "a limit out of range", actor: "admin", method: "GET", path: list + "?limit=1000", status: 422},
		{name: "the coordinator may not send again", actor: "coord", method: "POST", path: retry("alpha", dead["member"]), status: 403},
		{name: "another community's message is not found", actor: "admin", method: "POST", path: retry("alpha", dead["beta-member"]), status: 404,
			want: []string{`"code":"notification_not_found"`}},
		{name: "nor through that community's address", actor: "admin", method: "POST", path: retry("beta", dead["member"]), status: 403},
		{name: "the admin sends it again", actor: "admin", method: "POST", path: retry("alpha", dead["member"]), status: 202},
		{name: "once", actor: "admin", method: "POST", path: retry("alpha", dead["member"]), status: 404},
		{name: "it waits in the queue", actor: "admin", method: "GET", path: list, status: 200,
			want: []string{`"failed":[]`, `"dead":0`}, reject: []string{`"pending":0`}},
		{name: "beta's admin sends beta's again", actor: "beta-admin", method: "POST", path: retry("beta", dead["beta-member"]), status: 202},
	})
}

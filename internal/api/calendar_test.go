package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"

	"mutua/internal/api"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// feedToken makes actor a calendar token in community and returns the
// token and the feed's path and query, checked against the URL answered.
func feedToken(t *testing.T, w *world, actor, community string) (token, feed string) {
	t.Helper()
	body := w.mustDo(t, actor, "POST", "/api/v1/communities/"+community+"/me/calendar-token", "", 201)
	var v struct{ Token, URL string }
	if err := json.Unmarshal([]byte(body), &v); err != nil || len(v.Token) < 43 {
		t.Fatalf("token answer %s: %v", body, err)
	}
	feed = "/api/v1/communities/" + community + "/me/calendar.ics?token=" + url.QueryEscape(v.Token)
	if v.URL != w.srv.URL+feed {
		t.Fatalf("url = %q, want %q", v.URL, w.srv.URL+feed)
	}
	return v.Token, feed
}

// parseFeed checks the feed's headers and parses it with a real
// iCalendar parser.
func parseFeed(t *testing.T, w *world, feed string) (*goical.Calendar, string) {
	t.Helper()
	res, body := w.do(t, "", "GET", feed, "")
	if res.StatusCode != 200 {
		t.Fatalf("GET feed: %d %s", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "private") {
		t.Errorf("Cache-Control = %q, want private", cc)
	}
	cal, err := goical.NewDecoder(strings.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, body)
	}
	return cal, body
}

func TestCalendarFeed(t *testing.T) {
	w := exchangeWorld(t, "direct")
	// An accepted task, with the client's address.
	rid := phoneRequest(t, w)
	aid := idOf(t, w.mustDo(t, "coord", "POST", fmt.Sprintf("/api/v1/communities/alpha/requests/%d/assign", rid),
		fmt.Sprintf(`{"volunteer_id":%d}`, w.ids["vol"]), 201))
	w.mustDo(t, "vol", "POST", fmt.Sprintf("/api/v1/communities/alpha/assignments/%d/accept", aid), "", 200)
	// A proposed one, not yet a commitment.
	from, to, _ := window()
	other := idOf(t, w.mustDo(t, "coord", "POST", "/api/v1/communities/alpha/requests", fmt.Sprintf(
		`{"category":"groceries","title":"Pharmacy run","description":"Prescription","location":%s,`+
			`"address":"Prešernov trg 1","needed_from":"%s","needed_by":"%s","languages":["sl"]}`, home, from, to), 201))
	w.mustDo(t, "coord", "POST", fmt.Sprintf("/api/v1/communities/alpha/requests/%d/assign", other),
		fmt.Sprintf(`{"volunteer_id":%d}`, w.ids["vol"]), 201)

	token, feed := feedToken(t, w, "vol", "alpha")
	cal, body := parseFeed(t, w, feed)
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want only the accepted task:\n%s", len(events), body)
	}
	e := events[0]
	host := strings.TrimPrefix(w.srv.URL, "http://")
	for name, want := range map[string]string{
		"SUMMARY":  "Weekly shopping",
		"LOCATION": "Trubarjeva 5, Ljubljana",
		"UID":      fmt.Sprintf("assignment-%d@%s", aid, host),
		"STATUS":   "CONFIRMED",
	} {
		if p := e.Props.Get(name); p == nil || p.Value != strings.ReplaceAll(want, ",", `\,`) {
			t.Errorf("%s = %+v, want %q", name, p, want)
		}
	}
	if start, err := e.DateTimeStart(nil); err != nil || start.Format("2006-01-02T15:04:05Z07:00") == "" ||
		!strings.Contains(body, "DTSTART:"+start.UTC().Format("20060102T150405Z")) {
		t.Errorf("DTSTART %v, %v", start, err)
	}
	if p := e.Props.Get("URL"); p == nil || p.Value != fmt.Sprintf("%s/c/alpha/tasks/%d", w.srv.URL, aid) {
		t.Errorf("URL = %+v", p)
	}
	for _, never := range []string{"Pharmacy run", "Prešernov", clientNo} {
		if strings.Contains(body, never) {
			t.Errorf("feed holds %q:\n%s", never, body)
		}
	}

	alphaFeed := "/api/v1/communities/alpha/me/calendar.ics?token="
	// The real token with its first character changed, whatever it is.
	wrongToken := "x" + token[1:]
	if token[0] == 'x' {
		wrongToken = "y" + token[1:]
	}
	w.run(t, []scenario{
		{name: "no token", method: "GET", path: "/api/v1/communities/alpha/me/calendar.ics", status: 404},
		{name: "wrong token", method: "GET", path: alphaFeed + url.QueryEscape(wrongToken), status: 404},
		{name: "token of another community's address", method: "GET",
			path: "/api/v1/communities/beta/me/calendar.ics?token=" + url.QueryEscape(token), status: 404, reject: []string{"Weekly"}},
		{name: "unknown community", method: "GET",
			path: "/api/v1/communities/nowhere/me/calendar.ics?token=" + url.QueryEscape(token), status: 404},
		{name: "making a token needs a login", method: "POST", path: "/api/v1/communities/alpha/me/calendar-token", status: 401},
		{name: "revoking needs a login", method: "DELETE", path: "/api/v1/communities/alpha/me/calendar-token", status: 401},
		{name: "not a member of beta", actor: "vol", method: "POST", path: "/api/v1/communities/beta/me/calendar-token", status: 403},
	})
	// The wrong token answers exactly like an unknown address.
	res, wrong := w.do(t, "", "GET", alphaFeed+"nonsense", "")
	_, unknown := w.do(t, "", "GET", "/api/v1/communities/nowhere/me/calendar.ics?token="+url.QueryEscape(token), "")
	if res.StatusCode != 404 || !strings.Contains(wrong, `"code":"calendar_not_found"`) || wrong != unknown {
		t.Errorf("wrong token: %d %s; unknown community: %s", res.StatusCode, wrong, unknown)
	}

	// Another community's feed never shows alpha's tasks.
	_, betaFeed := feedToken(t, w, "beta-member", "beta")
	if cal, body := parseFeed(t, w, betaFeed); len(cal.Events()) != 0 {
		t.Errorf("beta's feed has alpha's events:\n%s", body)
	}

	// Rotating revokes the old address.
	_, rotated := feedToken(t, w, "vol", "alpha")
	w.run(t, []scenario{{name: "old token after rotation", method: "GET", path: feed, status: 404}})
	parseFeed(t, w, rotated)

	// Revoking ends the feed; revoking again is fine.
	w.mustDo(t, "vol", "DELETE", "/api/v1/communities/alpha/me/calendar-token", "", 204)
	w.mustDo(t, "vol", "DELETE", "/api/v1/communities/alpha/me/calendar-token", "", 204)
	w.run(t, []scenario{{name: "revoked token", method: "GET", path: rotated, status: 404}})
}

func TestCalendarFeedDocumentedAndNotLogged(t *testing.T) {
	w := newWorld(t, service.Options{})
	token, feed := feedToken(t, w, "vol", "alpha")

	// A server around the same service whose log we can read.
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	mux := http.NewServeMux()
	api.Register(mux, api.Options{Service: w.svc, Logger: log, MaxBodyBytes: 1 << 20})
	h := httpx.Handler(mux, w.svc, httpx.Options{MaxBodyBytes: 1 << 20, Logger: log})
	for _, path := range []string{feed, "/api/v1/communities/alpha/me/calendar.ics?token=wrong" + token} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 && rec.Code != 404 {
			t.Fatalf("GET feed: %d %s", rec.Code, rec.Body)
		}
	}
	if !strings.Contains(logged.String(), "/me/calendar.ics") {
		t.Fatalf("the request was not logged at all:\n%s", logged.String())
	}
	if strings.Contains(logged.String(), token) || strings.Contains(logged.String(), "token=") {
		t.Errorf("the log holds the token:\n%s", logged.String())
	}

	_, body := w.do(t, "", "GET", "/api/v1/openapi.json", "")
	var doc struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Content map[string]any `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	tokenOps := doc.Paths["/api/v1/communities/{c}/me/calendar-token"]
	if _, ok := tokenOps["post"]; !ok {
		t.Error("POST calendar-token is not documented")
	}
	if _, ok := tokenOps["delete"]; !ok {
		t.Error("DELETE calendar-token is not documented")
	}
	get, ok := doc.Paths["/api/v1/communities/{c}/me/calendar.ics"]["get"]
	if !ok {
		t.Fatal("the feed is not documented")
	}
	if _, ok := get.Responses["200"].Content["text/calendar"]; !ok {
		t.Errorf("the feed's 200 is not text/calendar: %+v", get.Responses["200"])
	}
}

package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"mutua/internal/service"
)

// The community alpha lies around Ljubljana's centre (46.05, 14.5), 10 km.
const (
	home     = `{"lat":46.0500,"lng":14.5000}`
	near1km  = `{"lat":46.0590,"lng":14.5000}`
	near3km  = `{"lat":46.0770,"lng":14.5000}`
	faraway  = `{"lat":46.5547,"lng":15.6459}` // Maribor, outside the area
	clientNo = "+386 41 555 123"
)

// window returns needed_from and needed_by tomorrow 10:00–12:00 in
// Ljubljana, and that day's name for availability slots.
func window() (from, to, day string) {
	loc, _ := time.LoadLocation("Europe/Ljubljana")
	d := time.Now().In(loc).AddDate(0, 0, 1)
	start := time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, loc)
	days := []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	return start.Format(time.RFC3339), start.Add(2 * time.Hour).Format(time.RFC3339), days[start.Weekday()]
}

func profile(skills, langs, loc, day string, maxActive int) string {
	return fmt.Sprintf(`{"skills":%s,"languages":%s,"location":%s,"radius_km":5,`+
		`"availability":[{"day":"%s","from":"08:00","to":"14:00"}],"max_active":%d}`, skills, langs, loc, day, maxActive)
}

// exchangeWorld is alpha with Ljubljana's time zone and four volunteer
// profiles: vol (1 km away), member as a second volunteer (3 km), coord
// without the groceries skill, and beta-member is in another community.
func exchangeWorld(t *testing.T, offerMode string) *world {
	t.Helper()
	w := newWorld(t, service.Options{})
	_, _, day := window()
	w.mustDo(t, "admin", "PUT", "/api/v1/communities/alpha/settings",
		`{"timezone":"Europe/Ljubljana","vetting_categories":["childcare"],"offer_mode":"`+offerMode+`"}`, 200)
	w.mustDo(t, "vol", "PUT", "/api/v1/communities/alpha/volunteers/me", profile(`["groceries","pharmacy"]`, `["sl","en"]`, near1km, day, 2), 200)
	w.mustDo(t, "member", "PUT", "/api/v1/communities/alpha/volunteers/me", profile(`["groceries"]`, `["sl"]`, near3km, day, 1), 200)
	w.mustDo(t, "coord", "PUT", "/api/v1/communities/alpha/volunteers/me", profile(`["repairs"]`, `["sl"]`, home, day, 2), 200)
	return w
}

func (w *world) mustDo(t *testing.T, actor, method, path, body string, status int) string {
	t.Helper()
	res, b := w.do(t, actor, method, path, body)
	if res.StatusCode != status {
		t.Fatalf("%s %s as %s: %d, want %d: %s", method, path, actor, res.StatusCode, status, b)
	}
	return b
}

func idOf(t *testing.T, body string) int64 {
	t.Helper()
	var v struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil || v.ID == 0 {
		t.Fatalf("no id in %s", body)
	}
	return v.ID
}

func phoneRequest(t *testing.T, w *world) (requestID int64) {
	t.Helper()
	client := w.mustDo(t, "coord", "POST", "/api/v1/communities/alpha/clients",
		`{"name":"Ana Novak","phone":"`+clientNo+`","address":"Trubarjeva 5, Ljubljana","location":`+home+
			`,"languages":["sl"],"consent":{"method":"phone"}}`, 201)
	from, to, _ := window()
	req := w.mustDo(t, "coord", "POST", "/api/v1/communities/alpha/requests", fmt.Sprintf(
		`{"category":"groceries","title":"Weekly shopping","description":"Bread, milk, fruit",`+
			`"location":%s,"address":"Trubarjeva 5, Ljubljana","client_id":%d,"needed_from":"%s","needed_by":"%s","languages":["sl"]}`,
		home, idOf(t, client), from, to), 201)
	return idOf(t, req)
}

// TestPhoneRequestEndToEnd is the whole flow of the help exchange.
func TestPhoneRequestEndToEnd(t *testing.T) {
	w := exchangeWorld(t, "approval")
	rid := phoneRequest(t, w)
	found := w.mustDo(t, "coord", "GET", "/api/v1/communities/alpha/clients?phone=041555123", "", 200)
	if !strings.Contains(found, "Ana Novak") {
		t.Fatalf("client not found by her number without the country code: %s", found)
	}
	base := fmt.Sprintf("/api/v1/communities/alpha/requests/%d", rid)

	cands := w.mustDo(t, "coord", "GET", base+"/candidates?limit=20", "", 200)
	var ranked []struct {
		VolunteerID int64             `json:"volunteer_id"`
		Score       float64           `json:"score"`
		DistanceKM  float64           `json:"distance_km"`
		Reasons     []json.RawMessage `json:"reasons"`
	}
	if err := json.Unmarshal([]byte(cands), &ranked); err != nil {
		t.Fatal(err)
	}
	if len(ranked) != 2 || ranked[0].VolunteerID != w.ids["vol"] || ranked[1].VolunteerID != w.ids["member"] {
		t.Fatalf("candidates %s: want vol (1 km) then member (3 km), not coord (no skill)", cands)
	}
	if ranked[0].Score <= ranked[1].Score || ranked[0].DistanceKM < 0.9 || ranked[0].DistanceKM > 1.1 {
		t.Errorf("ranking: %s", cands)
	}
	for _, want := range []string{`"code":"distance"`, `"code":"language"`, `"code":"skill"`, `"code":"available"`} {
		if !strings.Contains(cands, want) {
			t.Errorf("candidates lack reason %s: %s", want, cands)
		}
	}

	as := w.mustDo(t, "coord", "POST", base+"/assign", fmt.Sprintf(`{"volunteer_id":%d}`, w.ids["vol"]), 201)
	aid := idOf(t, as)
	abase := fmt.Sprintf("/api/v1/communities/alpha/assignments/%d", aid)
	private := []string{"Trubarjeva", clientNo, `"location":`}
	w.run(t, []scenario{
		{name: "proposed volunteer sees no address yet", actor: "vol", method: "GET", path: base, status: 200,
			want: []string{`"status":"assigned"`, `"approx_location"`}, reject: private},
		{name: "someone else cannot accept", actor: "member", method: "POST", path: abase + "/accept", status: 403,
			want: []string{`"code":"not_your_assignment"`}},
		{name: "accept", actor: "vol", method: "POST", path: abase + "/accept", status: 200, want: []string{`"status":"accepted"`}},
		{name: "accepted volunteer sees address and phone", actor: "vol", method: "GET", path: base, status: 200, want: private},
		{name: "other volunteer never sees the address", actor: "member", method: "GET", path: base, status: 404, reject: private},
		{name: "coordinator sees everything", actor: "coord", method: "GET", path: base, status: 200, want: private},
		{name: "lists carry no private fields", actor: "coord", method: "GET", path: "/api/v1/communities/alpha/requests", status: 200,
			want: []string{"Weekly shopping"}, reject: private},
		{name: "volunteer writes", actor: "vol", method: "POST", path: abase + "/messages", body: `{"body":"I'll come at 10."}`, status: 201},
		{name: "coordinator answers", actor: "coord", method: "POST", path: abase + "/messages", body: `{"body":"Thank you! Ana is expecting you."}`, status: 201},
		{name: "thread, oldest first", actor: "vol", method: "GET", path: abase + "/messages", status: 200,
			want: []string{`I'll come at 10.","created_at`, "Thank you"}},
		{name: "outsider cannot read the thread", actor: "member", method: "GET", path: abase + "/messages", status: 403},
		{name: "absurd hours", actor: "vol", method: "POST", path: abase + "/complete", body: `{"hours":25}`, status: 422,
			want: []string{`"field":"hours"`}},
		{name: "negative hours", actor: "vol", method: "POST", path: abase + "/complete", body: `{"hours":-1}`, status: 422,
			want: []string{`"field":"hours"`}},
		{name: "complete", actor: "vol", method: "POST", path: abase + "/complete", body: `{"hours":1.5}`, status: 200,
			want: []string{`"status":"completed"`, `"hours":1.5`}},
		{name: "completing twice", actor: "vol", method: "POST", path: abase + "/complete", body: `{"hours":1}`, status: 409,
			want: []string{`"field":"status"`}},
		{name: "helper still sees the address for a week", actor: "vol", method: "GET", path: base, status: 200, want: private},
		{name: "history", actor: "coord", method: "GET", path: base + "/history", status: 200,
			want: []string{`"kind":"created"`, `"kind":"proposed"`, `"kind":"accepted"`, `"kind":"completed"`}},
	})
	if thread := w.mustDo(t, "vol", "GET", abase+"/messages", "", 200); strings.Index(thread, "come at 10") > strings.Index(thread, "Thank you") {
		t.Errorf("thread not oldest first: %s", thread)
	}
}

// TestConcurrentOffersOneWins: in a community that assigns offers directly,
// of volunteers offering at the same moment exactly one gets the request.
func TestConcurrentOffersOneWins(t *testing.T) {
	w := exchangeWorld(t, "direct")
	rid := phoneRequest(t, w)
	path := fmt.Sprintf("/api/v1/communities/alpha/requests/%d/volunteer", rid)
	var wg sync.WaitGroup
	codes := make(chan int, 8)
	for i := 0; i < 8; i++ {
		actor := []string{"vol", "member"}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, _ := w.do(t, actor, "POST", path, "")
			codes <- res.StatusCode
		}()
	}
	wg.Wait()
	close(codes)
	won, lost := 0, 0
	for c := range codes {
		switch c {
		case 201:
			won++
		case 409:
			lost++
		default:
			t.Errorf("unexpected status %d", c)
		}
	}
	if won != 1 || lost != 7 {
		t.Fatalf("%d won and %d got 409, want exactly one winner", won, lost)
	}
}

func TestExchangeBadInput(t *testing.T) {
	w := exchangeWorld(t, "approval")
	from, to, _ := window()
	req := func(fields string) string {
		return `{"category":"groceries","title":"Shopping","location":` + home + `,"needed_from":"` + from + `","needed_by":"` + to + `"` + fields + `}`
	}
	beta := w.mustDo(t, "beta-admin", "POST", "/api/v1/communities/beta/clients", `{"name":"B","location":`+home+`,"consent":{"method":"written"}}`, 201)
	w.run(t, []scenario{
		{name: "latitude out of range", actor: "member", method: "POST", path: "/api/v1/communities/alpha/requests",
			body:   `{"category":"groceries","title":"x","location":{"lat":91,"lng":0},"needed_from":"` + from + `","needed_by":"` + to + `"}`,
			status: 422, want: []string{`"field":"location"`}},
		{name: "needed_by before needed_from", actor: "member", method: "POST", path: "/api/v1/communities/alpha/requests",
			body:   `{"category":"groceries","title":"x","location":` + home + `,"needed_from":"` + to + `","needed_by":"` + from + `"}`,
			status: 422, want: []string{`"field":"needed_by"`}},
		{name: "unknown category", actor: "member", method: "POST", path: "/api/v1/communities/alpha/requests",
			body: strings.Replace(req(""), "groceries", "weapons", 1), status: 422, want: []string{`"field":"category"`}},
		{name: "empty title", actor: "member", method: "POST", path: "/api/v1/communities/alpha/requests",
			body: strings.Replace(req(""), `"Shopping"`, `""`, 1), status: 422, want: []string{`"field":"title"`}},
		{name: "outside the area", actor: "member", method: "POST", path: "/api/v1/communities/alpha/requests",
			body: strings.Replace(req(""), home, faraway, 1), status: 422, want: []string{`"field":"location"`}},
		{name: "client of another community", actor: "coord", method: "POST", path: "/api/v1/communities/alpha/requests",
			body: req(fmt.Sprintf(`,"client_id":%d`, idOf(t, beta))), status: 422, want: []string{`"field":"client_id"`}},
		{name: "members may not ask for clients", actor: "member", method: "POST", path: "/api/v1/communities/alpha/requests",
			body: req(`,"client_id":1`), status: 403},
		{name: "member asks for themself", actor: "member", method: "POST", path: "/api/v1/communities/alpha/requests",
			body: req(""), status: 201, want: []string{`"mine":true`, `"location"`}},
		{name: "weekly without days", actor: "member", method: "POST", path: "/api/v1/communities/alpha/requests",
			body: req(`,"recurrence":{"kind":"weekly"}`), status: 422, want: []string{`"field":"recurrence.days"`}},
		{name: "client needs consent", actor: "coord", method: "POST", path: "/api/v1/communities/alpha/clients",
			body: `{"name":"C","location":` + home + `,"consent":{"method":""}}`, status: 422},
		{name: "members cannot see clients", actor: "member", method: "GET", path: "/api/v1/communities/alpha/clients?name=a", status: 403},
		{name: "bad availability", actor: "vol", method: "PUT", path: "/api/v1/communities/alpha/volunteers/me",
			body:   `{"skills":["groceries"],"languages":["sl"],"location":` + home + `,"radius_km":5,"availability":[{"day":"mon","from":"14:00","to":"09:00"}]}`,
			status: 422, want: []string{`"field":"availability"`}},
		{name: "bad near", actor: "vol", method: "GET", path: "/api/v1/communities/alpha/requests?near=north", status: 422,
			want: []string{`"field":"near"`}},
		{name: "beta cannot read alpha's requests", actor: "beta-admin", method: "GET", path: "/api/v1/communities/alpha/requests", status: 403},
	})
}

// TestFeedFitsVolunteer: the reverse direction, requests near a volunteer
// that fit them, with reasons and without private details.
func TestFeedFitsVolunteer(t *testing.T) {
	w := exchangeWorld(t, "approval")
	phoneRequest(t, w)
	feed := w.mustDo(t, "vol", "GET", "/api/v1/communities/alpha/requests?fits=me", "", 200)
	if !strings.Contains(feed, "Weekly shopping") || !strings.Contains(feed, `"distance_km"`) || !strings.Contains(feed, `"reasons"`) {
		t.Fatalf("feed: %s", feed)
	}
	for _, private := range []string{"Trubarjeva", clientNo, "Ana Novak"} {
		if strings.Contains(feed, private) {
			t.Errorf("feed shows %q", private)
		}
	}
	if feed := w.mustDo(t, "coord", "GET", "/api/v1/communities/alpha/requests?fits=me", "", 200); strings.Contains(feed, "Weekly shopping") {
		t.Errorf("a volunteer without the groceries skill gets a groceries request: %s", feed)
	}
}

package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"mutua/internal/service"
)

// offerBody is an offer of quantity rooms near alpha's centre, from now
// for a week, with a private address.
func offerBody(quantity int) string {
	from := time.Now().UTC()
	return fmt.Sprintf(`{"kind":"space","category":"rooms","title":"Rooms for care workers","quantity":%d,"unit":"rooms",`+
		`"location":%s,"address":"Trubarjeva 5","available_from":%q,"available_until":%q,"conditions":"two nights at most"}`,
		quantity, near1km, from.Format(time.RFC3339), from.Add(7*24*time.Hour).Format(time.RFC3339))
}

// postedID creates something and returns its id.
func (w *world) postedID(t *testing.T, actor, path, body string) int64 {
	t.Helper()
	var out struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(w.mustDo(t, actor, "POST", path, body, http.StatusCreated)), &out); err != nil || out.ID == 0 {
		t.Fatalf("POST %s: no id (%v)", path, err)
	}
	return out.ID
}

func (w *world) askHelp(t *testing.T, actor, community string) int64 {
	t.Helper()
	from, to, _ := window()
	return w.postedID(t, actor, "/api/v1/communities/"+community+"/requests",
		fmt.Sprintf(`{"category":"groceries","title":"Shopping","location":%s,"needed_from":%q,"needed_by":%q}`, home, from, to))
}

func TestOffersScenarios(t *testing.T) {
	w := newWorld(t, service.Options{})
	const offers = "/api/v1/communities/alpha/offers"
	offer := w.postedID(t, "member", offers, offerBody(5))
	one := fmt.Sprintf("%s/%d", offers, offer)
	request := w.askHelp(t, "vol", "alpha")
	betaRequest := w.askHelp(t, "beta-member", "beta")
	from := time.Now().UTC().Add(48 * time.Hour).Format(time.RFC3339)
	until := time.Now().UTC().Add(24 * time.Hour).Format(time.RFC3339)

	w.run(t, []scenario{
		{name: "the offerer sees the address", actor: "member", method: "GET", path: one, status: 200,
			want: []string{`"address":"Trubarjeva 5"`, `"available":5`, `"mine":true`, `"location":`}},
		{name: "another member does not", actor: "vol", method: "GET", path: one, status: 200,
			want: []string{`"title":"Rooms for care workers"`, `"approx_location":`}, reject: []string{"Trubarjeva", `"location":`, `"offered_by"`}},
		{name: "a coordinator does", actor: "coord", method: "GET", path: one, status: 200, want: []string{"Trubarjeva", `"offered_by"`}},
		{name: "lists never show the address, even to coordinators", actor: "coord", method: "GET",
			path: offers + "?near=46.05,14.5&radius_km=3&kind=space&category=rooms&q=care", status: 200,
			want: []string{`"title":"Rooms for care workers"`, `"distance_km":`}, reject: []string{"Trubarjeva", `"location":`}},
		{name: "far away finds nothing", actor: "vol", method: "GET", path: offers + "?near=46.2,14.5&radius_km=2", status: 200,
			want: []string{`[]`}},
		{name: "text that is not in the title finds nothing", actor: "vol", method: "GET", path: offers + "?q=bicycle", status: 200,
			want: []string{`[]`}},
		{name: "a bad near", actor: "vol", method: "GET", path: offers + "?near=north", status: 422, want: []string{`near`}},
		{name: "an unknown kind in the search", actor: "vol", method: "GET", path: offers + "?kind=money", status: 422, want: []string{"kind"}},
		{name: "not a member of alpha", actor: "beta-member", method: "GET", path: offers, status: 403},
		{name: "alpha's offer in beta", actor: "beta-admin", method: "GET", path: fmt.Sprintf("/api/v1/communities/beta/offers/%d", offer), status: 404},
		{name: "nobody logged in", method: "GET", path: offers, status: 401},

		{name: "quantity 0", actor: "vol", method: "POST", path: offers, body: strings.Replace(offerBody(5), `"quantity":5`, `"quantity":0`, 1),
			status: 422, want: []string{`quantity`}},
		{name: "until before from", actor: "vol", method: "POST", path: offers,
			body:   fmt.Sprintf(`{"kind":"goods","category":"food","title":"Apples","quantity":3,"location":%s,"available_from":%q,"available_until":%q}`, home, from, until),
			status: 422, want: []string{`available_until`}},
		{name: "unknown kind", actor: "vol", method: "POST", path: offers, body: strings.Replace(offerBody(5), `"space"`, `"money"`, 1),
			status: 422, want: []string{`kind`}},
		{name: "unknown category", actor: "vol", method: "POST", path: offers, body: strings.Replace(offerBody(5), `"rooms"`, `"cars"`, 1),
			status: 422, want: []string{`category`}},
		{name: "an unknown organisation", actor: "vol", method: "POST", path: offers, body: strings.Replace(offerBody(5), `{"kind"`, `{"organisation_id":999,"kind"`, 1),
			status: 422, want: []string{`organisation_id`}},
		{name: "outside the area", actor: "vol", method: "POST", path: offers, body: strings.Replace(offerBody(5), near1km, faraway, 1),
			status: 422, want: []string{`location`}},

		{name: "a member may not link", actor: "vol", method: "POST", path: one + "/links", body: fmt.Sprintf(`{"request_id":%d,"quantity":1}`, request), status: 403},
		{name: "link quantity 0", actor: "coord", method: "POST", path: one + "/links", body: fmt.Sprintf(`{"request_id":%d,"quantity":0}`, request),
			status: 422, want: []string{`quantity`}},
		{name: "more than available", actor: "coord", method: "POST", path: one + "/links", body: fmt.Sprintf(`{"request_id":%d,"quantity":6}`, request),
			status: 409, want: []string{`not_enough`, `quantity`}},
		{name: "a request of another community", actor: "coord", method: "POST", path: one + "/links", body: fmt.Sprintf(`{"request_id":%d,"quantity":1}`, betaRequest),
			status: 404, want: []string{`request_not_found`}},
		{name: "link", actor: "coord", method: "POST", path: one + "/links", body: fmt.Sprintf(`{"request_id":%d,"quantity":3}`, request),
			status: 201, want: []string{`"status":"active"`, `"quantity":3`}},
		{name: "reserved shows", actor: "vol", method: "GET", path: one, status: 200, want: []string{`"reserved":3`, `"available":2`}},
		{name: "the offerer sees the link", actor: "member", method: "GET", path: one, status: 200,
			want: []string{fmt.Sprintf(`"request_id":%d`, request)}},
		{name: "another member does not", actor: "vol", method: "GET", path: one, status: 200, reject: []string{`"links"`}},
		{name: "an unknown link", actor: "coord", method: "DELETE", path: one + "/links/999", status: 404},
		{name: "a member may not withdraw another's offer", actor: "vol", method: "POST", path: one + "/withdraw", status: 403},
	})

	var links struct {
		Links []struct {
			ID int64 `json:"id"`
		} `json:"links"`
	}
	if err := json.Unmarshal([]byte(w.mustDo(t, "coord", "GET", one, "", 200)), &links); err != nil || len(links.Links) != 1 {
		t.Fatalf("links: %+v, %v", links, err)
	}
	link := fmt.Sprintf("%s/links/%d", one, links.Links[0].ID)
	w.run(t, []scenario{
		{name: "unlink", actor: "coord", method: "DELETE", path: link, status: 200, want: []string{`"status":"released"`, `"released_at"`}},
		{name: "unlink again", actor: "coord", method: "DELETE", path: link, status: 409, want: []string{`link_released`}},
		{name: "units are back", actor: "vol", method: "GET", path: one, status: 200, want: []string{`"reserved":0`, `"available":5`}},
		{name: "the offerer withdraws", actor: "member", method: "POST", path: one + "/withdraw", status: 200, want: []string{`"status":"withdrawn"`}},
		{name: "reserving on a withdrawn offer", actor: "coord", method: "POST", path: one + "/links", body: fmt.Sprintf(`{"request_id":%d,"quantity":1}`, request),
			status: 409, want: []string{`offer_withdrawn`}},
		{name: "a withdrawn offer is not listed", actor: "vol", method: "GET", path: offers, status: 200, want: []string{`[]`}},
	})
}

// TestCancellingARequestReleasesItsUnits links a request and cancels it.
func TestCancellingARequestReleasesItsUnits(t *testing.T) {
	w := newWorld(t, service.Options{})
	one := fmt.Sprintf("/api/v1/communities/alpha/offers/%d", w.postedID(t, "member", "/api/v1/communities/alpha/offers", offerBody(4)))
	request := w.askHelp(t, "vol", "alpha")
	w.mustDo(t, "coord", "POST", one+"/links", fmt.Sprintf(`{"request_id":%d,"quantity":4}`, request), 201)
	w.mustDo(t, "vol", "POST", fmt.Sprintf("/api/v1/communities/alpha/requests/%d/cancel", request), "", 200)
	if b := w.mustDo(t, "coord", "GET", one, "", 200); !strings.Contains(b, `"available":4`) || !strings.Contains(b, `"status":"released"`) {
		t.Errorf("after cancelling the request: %s", b)
	}
}

// TestConcurrentReservationOfTheLastUnit: two coordinators, many requests,
// one unit; exactly one reservation succeeds and every other is a 409.
func TestConcurrentReservationOfTheLastUnit(t *testing.T) {
	w := newWorld(t, service.Options{})
	one := fmt.Sprintf("/api/v1/communities/alpha/offers/%d", w.postedID(t, "member", "/api/v1/communities/alpha/offers", offerBody(1)))
	const n = 8
	requests := make([]int64, n)
	for i := range requests {
		requests[i] = w.askHelp(t, "vol", "alpha")
	}
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, _ := w.do(t, []string{"coord", "admin"}[i%2], "POST", one+"/links", fmt.Sprintf(`{"request_id":%d,"quantity":1}`, requests[i]))
			statuses[i] = res.StatusCode
		})
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case 201:
			created++
		case 409:
		default:
			t.Errorf("status %d, want 201 or 409", s)
		}
	}
	if created != 1 {
		t.Fatalf("%d reservations of the last unit succeeded (%v), want exactly 1", created, statuses)
	}
	if b := w.mustDo(t, "coord", "GET", one, "", 200); !strings.Contains(b, `"available":0`) || !strings.Contains(b, `"reserved":1`) {
		t.Errorf("after the race: %s", b)
	}
}

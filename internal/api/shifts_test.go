package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// shiftWorld is a world with a clock the test moves and an approved
// organisation in alpha, run by "member", with one opportunity.
type shiftWorld struct {
	*world
	clock  atomic.Pointer[time.Time]
	org    int64
	opp    int64
	base   string // /api/v1/communities/alpha
	starts time.Time
}

func newShiftWorld(t *testing.T) *shiftWorld {
	t.Helper()
	sw := &shiftWorld{base: "/api/v1/communities/alpha"}
	now := time.Now().UTC().Truncate(time.Second)
	sw.clock.Store(&now)
	sw.world = newWorld(t, service.Options{Now: func() time.Time { return *sw.clock.Load() }})
	var org domain.Organisation
	sw.must(t, "member", http.MethodPost, "/organisations", `{"name":"Food bank","type":"ngo","sector":"food",
		"location":{"lat":46.05,"lng":14.5},"contact":"info@foodbank.example","website":"https://foodbank.example"}`, 201, &org)
	sw.must(t, "admin", http.MethodPost, fmt.Sprintf("/organisations/%d/approve", org.ID), "", 200, nil)
	sw.org = org.ID
	sw.starts = now.Add(48 * time.Hour)
	return sw
}

// must does one request as actor under the community and decodes the answer into out.
func (sw *shiftWorld) must(t *testing.T, actor, method, path, body string, status int, out any) {
	t.Helper()
	res, b := sw.do(t, actor, method, sw.base+path, body)
	if res.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, status, b)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(b), out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
}

// post posts an opportunity with one three-hour shift of capacity places
// and returns it.
func (sw *shiftWorld) post(t *testing.T, capacity int) domain.Opportunity {
	t.Helper()
	var o domain.Opportunity
	sw.must(t, "member", http.MethodPost, "/opportunities", sw.opportunityBody(sw.starts, sw.starts.Add(3*time.Hour), capacity), 201, &o)
	if len(o.Shifts) != 1 || o.Shifts[0].ID == 0 || o.Shifts[0].Free != capacity {
		t.Fatalf("posted opportunity has shifts %+v", o.Shifts)
	}
	sw.opp = o.ID
	return o
}

func (sw *shiftWorld) opportunityBody(start, end time.Time, capacity int) string {
	return fmt.Sprintf(`{"organisation_id":%d,"title":"Saturday distribution","description":"Pack and hand out food",
		"category":"food","skills":["lifting"],"location":{"lat":46.05,"lng":14.5},"address":"Main square 1",
		"languages":["sl"],"shifts":[{"start":%q,"end":%q,"capacity":%d}]}`,
		sw.org, start.Format(time.RFC3339), end.Format(time.RFC3339), capacity)
}

func (sw *shiftWorld) shift(t *testing.T, id int64) domain.Shift {
	t.Helper()
	var o domain.Opportunity
	sw.must(t, "vol", http.MethodGet, fmt.Sprintf("/opportunities/%d", sw.opp), "", 200, &o)
	for _, sh := range o.Shifts {
		if sh.ID == id {
			return sh
		}
	}
	t.Fatalf("shift %d not in opportunity %d", id, sw.opp)
	return domain.Shift{}
}

func TestWaitingListPromotesOnCancellation(t *testing.T) {
	sw := newShiftWorld(t)
	shift := sw.post(t, 2).Shifts[0].ID
	path := fmt.Sprintf("/shifts/%d/signups", shift)
	sw.run(t, []scenario{
		{name: "vol gets a place", actor: "vol", method: "POST", path: sw.base + path, status: 201, want: []string{`"status":"confirmed"`}},
		{name: "coord gets the last place", actor: "coord", method: "POST", path: sw.base + path, status: 201, want: []string{`"status":"confirmed"`}},
		{name: "a team larger than the shift", actor: "admin", method: "POST", path: sw.base + path, body: `{"team_size":3}`, status: 422, want: []string{`"team_size"`}},
		{name: "admin waits", actor: "admin", method: "POST", path: sw.base + path, status: 201, want: []string{`"status":"waitlisted"`}},
		{name: "member's team of two waits as a whole", actor: "member", method: "POST", path: sw.base + path, body: `{"team_size":2,"team_contact":"class 5b"}`, status: 201, want: []string{`"status":"waitlisted"`, `"team_size":2`}},
		{name: "signing up twice", actor: "vol", method: "POST", path: sw.base + path, status: 409, want: []string{"already_signed_up"}},
		{name: "a team of zero", actor: "operator", method: "POST", path: sw.base + path, body: `{"team_size":-1}`, status: 422, want: []string{"team_size"}},
	})
	if sh := sw.shift(t, shift); sh.Confirmed != 2 || sh.Waiting != 2 || sh.Free != 0 {
		t.Fatalf("full shift: %+v", sh)
	}
	sw.must(t, "vol", http.MethodDelete, path+"/me", "", 204, nil)
	// One place is free: admin, first in line, fits; member's team of two does not.
	var list []domain.Signup
	sw.must(t, "member", http.MethodGet, path, "", 200, &list)
	status := map[int64]domain.SignupStatus{}
	for _, sg := range list {
		status[sg.UserID] = sg.Status
	}
	if status[sw.ids["admin"]] != domain.SignupConfirmed || status[sw.ids["member"]] != domain.SignupWaitlisted || len(list) != 3 {
		t.Fatalf("after cancellation: %+v", list)
	}
	var events []domain.ShiftEvent
	sw.must(t, "member", http.MethodGet, fmt.Sprintf("/shifts/%d/events", shift), "", 200, &events)
	if len(events) != 1 || events[0].Kind != domain.EventPromoted || events[0].UserID != sw.ids["admin"] {
		t.Fatalf("events %+v, want admin promoted", events)
	}
	// Two places free up at once: the waiting team moves up.
	sw.must(t, "coord", http.MethodDelete, path+"/me", "", 204, nil)
	sw.must(t, "admin", http.MethodDelete, path+"/me", "", 204, nil)
	if sh := sw.shift(t, shift); sh.Confirmed != 2 || sh.Waiting != 0 {
		t.Fatalf("after the team moved up: %+v", sh)
	}
	sw.run(t, []scenario{
		{name: "cancelling without a sign-up", actor: "vol", method: "DELETE", path: sw.base + path + "/me", status: 404},
		{name: "the waiting list is for those who run it", actor: "vol", method: "GET", path: sw.base + path, status: 403},
	})
}

func TestParallelSignupsNeverExceedCapacity(t *testing.T) {
	sw := newShiftWorld(t)
	shift := sw.post(t, 10).Shifts[0].ID
	const n = 50
	tokens := make([]string, n)
	for i := range tokens {
		email := "p" + strconv.Itoa(i) + "@alpha.example"
		if _, err := sw.svc.Register(t.Context(), domain.Registration{Community: "alpha", Email: email, Password: pw, Name: "P"}); err != nil {
			t.Fatal(err)
		}
		tokens[i] = sw.login(t, email)
	}
	var wg sync.WaitGroup
	statuses := make([]string, n)
	for i := range n {
		wg.Go(func() {
			res, body := sw.do(t, tokens[i], http.MethodPost, fmt.Sprintf("%s/shifts/%d/signups", sw.base, shift), "")
			var sg domain.Signup
			if res.StatusCode != 201 || json.Unmarshal([]byte(body), &sg) != nil {
				statuses[i] = fmt.Sprintf("%d %s", res.StatusCode, body)
				return
			}
			statuses[i] = string(sg.Status)
		})
	}
	wg.Wait()
	count := map[string]int{}
	for _, s := range statuses {
		count[s]++
	}
	if count["confirmed"] != 10 || count["waitlisted"] != 40 {
		t.Fatalf("50 sign-ups for 10 places: %v", count)
	}
	if sh := sw.shift(t, shift); sh.Confirmed != 10 || sh.Waiting != 40 || sh.Free != 0 {
		t.Fatalf("fill after parallel sign-ups: %+v", sh)
	}
}

func TestClosingAShiftLogsHours(t *testing.T) {
	sw := newShiftWorld(t)
	shift := sw.post(t, 5).Shifts[0].ID
	p := fmt.Sprintf("%s/shifts/%d", sw.base, shift)
	sw.must(t, "vol", http.MethodPost, fmt.Sprintf("/shifts/%d/signups", shift), "", 201, nil)
	sw.must(t, "coord", http.MethodPost, fmt.Sprintf("/shifts/%d/signups", shift), `{"team_size":3,"team_contact":"Acme team day"}`, 201, nil)
	sw.must(t, "admin", http.MethodPost, fmt.Sprintf("/shifts/%d/signups", shift), "", 201, nil)
	checkin := func(key string) string { return fmt.Sprintf(`{"user_id":%d}`, sw.ids[key]) }
	sw.run(t, []scenario{
		{name: "closing before it begins", actor: "member", method: "POST", path: p + "/close", status: 409, want: []string{"not_started"}},
		{name: "a volunteer may not check people in", actor: "vol", method: "POST", path: p + "/checkin", body: checkin("vol"), status: 403},
		{name: "checking in someone not signed up", actor: "member", method: "POST", path: p + "/checkin", body: checkin("member"), status: 422, want: []string{"user_id", "not_signed_up"}},
		{name: "check vol in", actor: "member", method: "POST", path: p + "/checkin", body: checkin("vol"), status: 200, want: []string{`"status":"checked_in"`}},
		{name: "community coordinators check in too", actor: "coord", method: "POST", path: p + "/checkin", body: checkin("coord"), status: 200, want: []string{`"status":"checked_in"`}},
		{name: "admin did not come", actor: "member", method: "POST", path: p + "/no-show", body: checkin("admin"), status: 200, want: []string{`"status":"no_show"`}},
	})
	later := sw.starts.Add(4 * time.Hour)
	sw.clock.Store(&later)
	var closing service.ShiftClosing
	sw.must(t, "member", http.MethodPost, fmt.Sprintf("/shifts/%d/close", shift), "", 200, &closing)
	// vol: 3 hours; coord's team of three: 9 hours; admin: nothing.
	if closing.Contributions != 2 || closing.Hours != 12 || closing.Shift.Status != domain.ShiftClosed {
		t.Fatalf("closing: %+v", closing)
	}
	sw.run(t, []scenario{
		{name: "closing twice", actor: "member", method: "POST", path: p + "/close", status: 409, want: []string{"closed"}},
		{name: "signing up for a closed shift", actor: "member", method: "POST", path: p + "/signups", status: 409, want: []string{"closed"}},
		{name: "checking in after closing", actor: "member", method: "POST", path: p + "/checkin", body: checkin("admin"), status: 409},
	})
}

func TestShiftBadInput(t *testing.T) {
	sw := newShiftWorld(t)
	o := sw.post(t, 3)
	s, e := sw.starts, sw.starts.Add(time.Hour)
	past := time.Now().Add(-time.Hour)
	sw.run(t, []scenario{
		{name: "a shift that ends before it starts", actor: "member", method: "POST", path: sw.base + "/opportunities",
			body: sw.opportunityBody(e, s, 3), status: 422, want: []string{"shifts[0].end", "before_start"}},
		{name: "capacity 0", actor: "member", method: "POST", path: sw.base + "/opportunities",
			body: sw.opportunityBody(s, e, 0), status: 422, want: []string{"shifts[0].capacity"}},
		{name: "capacity over 10000", actor: "member", method: "POST", path: sw.base + "/opportunities",
			body: sw.opportunityBody(s, e, 10001), status: 422, want: []string{"shifts[0].capacity"}},
		{name: "a shift in the past", actor: "member", method: "POST", path: sw.base + "/opportunities",
			body: sw.opportunityBody(past, past.Add(time.Hour), 3), status: 422, want: []string{"shifts[0].start", "in_past"}},
		{name: "only the organisation's people post", actor: "vol", method: "POST", path: sw.base + "/opportunities",
			body: sw.opportunityBody(s, e, 3), status: 403},
		{name: "community coordinators post too", actor: "coord", method: "POST", path: sw.base + "/opportunities",
			body: sw.opportunityBody(s, e, 3), status: 201},
		{name: "a bad near", actor: "vol", method: "GET", path: sw.base + "/opportunities?near=north", status: 422, want: []string{"near"}},
		{name: "a bad from", actor: "vol", method: "GET", path: sw.base + "/opportunities?from=tomorrow", status: 422, want: []string{"from"}},
		{name: "an unknown shift", actor: "vol", method: "POST", path: sw.base + "/shifts/999999/signups", status: 404},
	})
	// The shift has begun: too late to sign up or cancel.
	later := sw.starts.Add(time.Minute)
	sw.clock.Store(&later)
	sw.run(t, []scenario{
		{name: "signing up for a shift that has begun", actor: "vol", method: "POST",
			path: fmt.Sprintf("%s/shifts/%d/signups", sw.base, o.Shifts[0].ID), status: 409, want: []string{"started"}},
	})
}

func TestOpportunityListsAndOverview(t *testing.T) {
	sw := newShiftWorld(t)
	o := sw.post(t, 4)
	sw.must(t, "vol", http.MethodPost, fmt.Sprintf("/shifts/%d/signups", o.Shifts[0].ID), "", 201, nil)
	day := sw.starts.Format(time.RFC3339)
	sw.run(t, []scenario{
		{name: "near", actor: "vol", method: "GET", path: sw.base + "/opportunities?near=46.05,14.5&radius_km=2", status: 200, want: []string{"Saturday distribution"}},
		{name: "far away", actor: "vol", method: "GET", path: sw.base + "/opportunities?near=46.2,14.8&radius_km=2", status: 200, reject: []string{"Saturday distribution"}},
		{name: "of the category", actor: "vol", method: "GET", path: sw.base + "/opportunities?category=food", status: 200, want: []string{"Saturday distribution"}},
		{name: "of another category", actor: "vol", method: "GET", path: sw.base + "/opportunities?category=garden", status: 200, reject: []string{"Saturday distribution"}},
		{name: "with a shift in the window", actor: "vol", method: "GET", path: sw.base + "/opportunities?from=" + day, status: 200, want: []string{"Saturday distribution"}},
		{name: "without a shift in the window", actor: "vol", method: "GET", path: sw.base + "/opportunities?to=" + day, status: 200, reject: []string{"Saturday distribution"}},
		{name: "the overview", actor: "member", method: "GET", path: fmt.Sprintf("%s/organisations/%d/shifts", sw.base, sw.org), status: 200,
			want: []string{`"confirmed":1`, `"free":3`, `"waiting":0`}},
		{name: "the overview is for those who run it", actor: "vol", method: "GET", path: fmt.Sprintf("%s/organisations/%d/shifts", sw.base, sw.org), status: 403},
		{name: "an overview ending before it starts", actor: "member", method: "GET", path: fmt.Sprintf("%s/organisations/%d/shifts?from=%s&to=%s", sw.base, sw.org, day, day), status: 422, want: []string{`"to"`}},
	})
}

func TestOrganisationsAndIsolation(t *testing.T) {
	sw := newShiftWorld(t)
	o := sw.post(t, 2)
	var proposed domain.Organisation
	sw.must(t, "vol", http.MethodPost, "/organisations", `{"name":"Park friends","type":"informal","location":{"lat":46.05,"lng":14.5}}`, 201, &proposed)
	beta := "/api/v1/communities/beta"
	shift := o.Shifts[0].ID
	sw.run(t, []scenario{
		{name: "members see approved ones only", actor: "coord", method: "GET", path: sw.base + "/organisations", status: 200, want: []string{"Food bank"}, reject: []string{"Park friends"}},
		{name: "admins see proposed ones", actor: "admin", method: "GET", path: sw.base + "/organisations", status: 200, want: []string{"Food bank", "Park friends"}},
		{name: "only admins approve", actor: "coord", method: "POST", path: fmt.Sprintf("%s/organisations/%d/approve", sw.base, proposed.ID), status: 403},
		{name: "approving twice", actor: "admin", method: "POST", path: fmt.Sprintf("%s/organisations/%d/approve", sw.base, sw.org), status: 409},
		{name: "a bad type", actor: "vol", method: "POST", path: sw.base + "/organisations", body: `{"name":"X","type":"club","location":{"lat":46.05,"lng":14.5}}`, status: 422, want: []string{"type"}},
		{name: "a taken name", actor: "vol", method: "POST", path: sw.base + "/organisations", body: `{"name":"Food bank","type":"ngo","location":{"lat":46.05,"lng":14.5}}`, status: 409, want: []string{"name"}},
		{name: "a javascript website", actor: "vol", method: "POST", path: sw.base + "/organisations", body: `{"name":"Y","type":"ngo","website":"javascript:alert(1)","location":{"lat":46.05,"lng":14.5}}`, status: 422, want: []string{"website"}},
		{name: "posting for a proposed organisation", actor: "vol", method: "POST", path: sw.base + "/opportunities",
			body: fmt.Sprintf(`{"organisation_id":%d,"title":"T","description":"","category":"park","skills":[],"location":{"lat":46.05,"lng":14.5},"address":"","languages":[],"shifts":[{"start":%q,"end":%q,"capacity":2}]}`,
				proposed.ID, sw.starts.Format(time.RFC3339), sw.starts.Add(time.Hour).Format(time.RFC3339)), status: 409, want: []string{"not_approved"}},
		{name: "an opportunity of another community", actor: "beta-admin", method: "GET", path: fmt.Sprintf("%s/opportunities/%d", beta, o.ID), status: 404},
		{name: "a shift of another community", actor: "beta-admin", method: "POST", path: fmt.Sprintf("%s/shifts/%d/signups", beta, shift), status: 404},
		{name: "closing a shift of another community", actor: "beta-admin", method: "POST", path: fmt.Sprintf("%s/shifts/%d/close", beta, shift), status: 404},
		{name: "an organisation of another community", actor: "beta-admin", method: "GET", path: fmt.Sprintf("%s/organisations/%d", beta, sw.org), status: 404},
		{name: "approving another community's organisation", actor: "beta-admin", method: "POST", path: fmt.Sprintf("%s/organisations/%d/approve", beta, proposed.ID), status: 404},
		{name: "beta's list is empty", actor: "beta-member", method: "GET", path: beta + "/opportunities", status: 200, reject: []string{"Saturday"}},
		// Opportunities and approved organisations are public.
		{name: "outsiders", actor: "beta-member", method: "GET", path: sw.base + "/opportunities", status: 200, want: []string{"Saturday"}},
		{name: "nobody", method: "GET", path: sw.base + "/opportunities", status: 200, want: []string{"Saturday"}},
		{name: "nobody, one", method: "GET", path: fmt.Sprintf("%s/opportunities/%d", sw.base, o.ID), status: 200, want: []string{`"capacity":2`}},
		{name: "nobody, organisations", method: "GET", path: sw.base + "/organisations", status: 200, want: []string{"Food bank"}, reject: []string{"Park friends"}},
		{name: "nobody, a proposed one", method: "GET", path: fmt.Sprintf("%s/organisations/%d", sw.base, proposed.ID), status: 404},
		{name: "its proposer sees it", actor: "vol", method: "GET", path: fmt.Sprintf("%s/organisations/%d", sw.base, proposed.ID), status: 200, want: []string{"Park friends"}},
		{name: "a wrong token is still refused", actor: "not-a-token", method: "GET", path: sw.base + "/opportunities", status: 401},
		{name: "nobody signs up", method: "POST", path: fmt.Sprintf("%s/shifts/%d/signups", sw.base, shift), status: 401},
	})
	members := fmt.Sprintf("%s/organisations/%d/members", sw.base, sw.org)
	overview := fmt.Sprintf("%s/organisations/%d/shifts", sw.base, sw.org)
	sw.run(t, []scenario{
		{name: "a volunteer may not add people", actor: "vol", method: "POST", path: members, body: fmt.Sprintf(`{"user_id":%d,"role":"org_coordinator"}`, sw.ids["vol"]), status: 403},
		{name: "nor see the overview yet", actor: "vol", method: "GET", path: overview, status: 403},
		{name: "someone of another community", actor: "member", method: "POST", path: members, body: fmt.Sprintf(`{"user_id":%d,"role":"org_coordinator"}`, sw.ids["beta-member"]), status: 422, want: []string{"user_id"}},
		{name: "the organisation's admin adds a coordinator", actor: "member", method: "POST", path: members, body: fmt.Sprintf(`{"user_id":%d,"role":"org_coordinator"}`, sw.ids["vol"]), status: 204},
		{name: "who now sees the overview", actor: "vol", method: "GET", path: overview, status: 200, want: []string{`"capacity":2`}},
		{name: "but may not add people", actor: "vol", method: "POST", path: members, body: fmt.Sprintf(`{"user_id":%d,"role":"org_admin"}`, sw.ids["vol"]), status: 403},
	})
}

func TestWeeklyShifts(t *testing.T) {
	sw := newShiftWorld(t)
	until := sw.starts.AddDate(0, 6, 0).Format(time.DateOnly)
	body := fmt.Sprintf(`{"organisation_id":%d,"title":"Saturdays","description":"","category":"food","skills":[],
		"location":{"lat":46.05,"lng":14.5},"address":"","languages":[],"shifts":[],
		"recurrence":{"days":["sat"],"start":"09:00","end":"12:00","capacity":6,"until":%q}}`, sw.org, until)
	var o domain.Opportunity
	sw.must(t, "member", http.MethodPost, "/opportunities", body, 201, &o)
	if len(o.Shifts) < 7 || len(o.Shifts) > 9 {
		t.Fatalf("%d shifts generated for eight weeks", len(o.Shifts))
	}
	first := o.Shifts[0]
	if domain.WeekdayOf(first.Start.In(time.FixedZone("", 0)).Add(time.Hour)) != "sat" || first.Hours() != 3 || first.Capacity != 6 || !first.FromRule {
		t.Fatalf("first generated shift %+v", first)
	}
	sw.opp = o.ID
	sw.must(t, "vol", http.MethodPost, fmt.Sprintf("/shifts/%d/signups", first.ID), "", 201, nil)
	// Move the rule to Sundays: the Saturday with a sign-up stays, the
	// other Saturdays give way to Sundays.
	sw.must(t, "member", http.MethodPut, fmt.Sprintf("/opportunities/%d/recurrence", o.ID),
		fmt.Sprintf(`{"days":["sun"],"start":"10:00","end":"12:00","capacity":4,"until":%q}`, until), 200, &o)
	sat, sun := 0, 0
	for _, sh := range o.Shifts {
		switch domain.WeekdayOf(sh.Start.Add(time.Hour)) {
		case "sat":
			sat++
			if sh.ID != first.ID || sh.Confirmed != 1 {
				t.Errorf("kept Saturday %+v", sh)
			}
		case "sun":
			sun++
		}
	}
	if sat != 1 || sun < 7 {
		t.Fatalf("after the edit: %d Saturdays, %d Sundays", sat, sun)
	}
	sw.run(t, []scenario{
		{name: "a rule ending before it starts", actor: "member", method: "PUT", path: fmt.Sprintf("%s/opportunities/%d/recurrence", sw.base, o.ID),
			body: `{"days":["sun"],"start":"12:00","end":"10:00","capacity":4,"until":"2030-01-01"}`, status: 422, want: []string{"recurrence.end"}},
	})
	n, err := sw.svc.ExtendRecurringShifts(t.Context())
	if err != nil || n != 0 {
		t.Fatalf("extending again added %d shifts: %v", n, err)
	}
}

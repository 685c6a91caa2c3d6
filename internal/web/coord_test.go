package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// The coordinator's overview of an organisation's shifts and the roster of
// one shift: who may see them, the date filter, and the roster's buttons.

// coordFixture is Utrecht Oost with an approved organisation run by Olga,
// and its "Sorting day" with two shifts the day after tomorrow: the first
// (one place) held by Wim, who moved up from the waiting list when Vera
// cancelled, with Lotte waiting; the second (three places) still empty.
// Ljubljana has an organisation and shift of its own.
type coordFixture struct {
	h *harness
	// clock is the service's time in Unix nanoseconds; tests move it.
	clock                               *atomic.Int64
	organiser, coordinator, member, wim *http.Cookie
	wimID, lotteID, memberID            int64
	orgID, first, second                int64
	otherOrg, otherShift                int64
	firstStart                          time.Time
	overview, roster, rosterSecond, day string
}

func newCoordFixture(t *testing.T) *coordFixture {
	t.Helper()
	clock := &atomic.Int64{}
	clock.Store(time.Now().UnixNano())
	h := newHarness(t, service.Options{Now: func() time.Time { return time.Unix(0, clock.Load()).UTC() }})
	f := &coordFixture{h: h, clock: clock,
		organiser:   h.register("utrecht-oost", "Olga Organiser", "olga@example.org"),
		coordinator: h.register("utrecht-oost", "Cor Coordinator", "cor@example.org"),
		member:      h.register("utrecht-oost", "Max Member", "max@example.org"),
		wim:         h.register("utrecht-oost", "Wim Waiting", "wim@example.org"),
	}
	vera := h.register("utrecht-oost", "Vera Early", "vera@example.org")
	lotte := h.register("utrecht-oost", "Lotte Late", "lotte@example.org")
	admin := h.register("utrecht-oost", "Ada Admin", "ada@example.org")
	c, err := h.store.CommunityBySlug(t.Context(), "utrecht-oost")
	if err != nil {
		t.Fatal(err)
	}
	f.setRole(t, c.ID, admin, domain.RoleAdmin)
	f.setRole(t, c.ID, f.coordinator, domain.RoleCoordinator)
	f.wimID, f.lotteID, f.memberID = deskUser(t, h, f.wim).ID, deskUser(t, h, lotte).ID, deskUser(t, h, f.member).ID

	loc := c.Location()
	day := time.Now().In(loc).AddDate(0, 0, 2)
	f.firstStart = time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, loc)
	f.day = day.Format(time.DateOnly)
	f.orgID, f.first, f.second = f.organisation(t, "utrecht-oost", f.organiser, admin, domain.Point{Lat: 52.09, Lng: 5.14})

	f.signUp(t, vera, f.first)
	f.signUp(t, f.wim, f.first)
	if err := h.svc.CancelSignup(f.ctx(t, vera), "utrecht-oost", f.first); err != nil {
		t.Fatal(err)
	}
	f.signUp(t, lotte, f.first)

	lj := h.register("ljubljana", "Luka Ljubljana", "luka@example.org")
	cl, err := h.store.CommunityBySlug(t.Context(), "ljubljana")
	if err != nil {
		t.Fatal(err)
	}
	f.setRole(t, cl.ID, lj, domain.RoleAdmin)
	f.otherOrg, f.otherShift, _ = f.organisation(t, "ljubljana", lj, lj, domain.Point{Lat: 46.05, Lng: 14.5})

	f.overview = fmt.Sprintf("/c/utrecht-oost/organisations/%d/shifts", f.orgID)
	f.roster = fmt.Sprintf("/c/utrecht-oost/shifts/%d", f.first)
	f.rosterSecond = fmt.Sprintf("/c/utrecht-oost/shifts/%d", f.second)
	return f
}

func (f *coordFixture) setRole(t *testing.T, communityID int64, c *http.Cookie, role domain.Role) {
	t.Helper()
	if err := f.h.store.PutMembership(t.Context(), communityID, deskUser(t, f.h, c).ID, role); err != nil {
		t.Fatal(err)
	}
}

func (f *coordFixture) ctx(t *testing.T, c *http.Cookie) context.Context {
	t.Helper()
	return service.WithActor(t.Context(), deskUser(t, f.h, c))
}

// organisation has proposer propose an organisation in slug, approver
// approve it, and the proposer post "Sorting day" with two shifts: one
// place at 10:00 and three places at 14:00 the day after tomorrow.
func (f *coordFixture) organisation(t *testing.T, slug string, proposer, approver *http.Cookie, at domain.Point) (org, first, second int64) {
	t.Helper()
	o, err := f.h.svc.ProposeOrganisation(f.ctx(t, proposer), slug, domain.Organisation{
		Name: "Sorting Centre " + slug, Type: "ngo", Location: at})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.h.svc.ApproveOrganisation(f.ctx(t, approver), slug, o.ID); err != nil {
		t.Fatal(err)
	}
	opp, err := f.h.svc.CreateOpportunity(f.ctx(t, proposer), slug, domain.Opportunity{
		OrganisationID: o.ID, Title: "Sorting day", Category: "food", Location: at, Address: "Depot 1",
		Shifts: []domain.Shift{
			{Start: f.firstStart, End: f.firstStart.Add(3 * time.Hour), Capacity: 1},
			{Start: f.firstStart.Add(4 * time.Hour), End: f.firstStart.Add(6 * time.Hour), Capacity: 3},
		}})
	if err != nil {
		t.Fatal(err)
	}
	return o.ID, opp.Shifts[0].ID, opp.Shifts[1].ID
}

func (f *coordFixture) signUp(t *testing.T, c *http.Cookie, shift int64) {
	t.Helper()
	if _, err := f.h.svc.SignUp(f.ctx(t, c), "utrecht-oost", shift, domain.Signup{}); err != nil {
		t.Fatal(err)
	}
}

func TestCoordOverview(t *testing.T) {
	f := newCoordFixture(t)
	h := f.h
	get := func(path string, c ...*http.Cookie) request {
		return request{method: "GET", path: path, cookies: c, header: english()}
	}
	firstLink := fmt.Sprintf(`href="/c/utrecht-oost/shifts/%d"`, f.first)
	secondLink := fmt.Sprintf(`href="/c/utrecht-oost/shifts/%d"`, f.second)
	runScenarios(t, h, []scenario{
		{name: "a visitor is sent to log in and back",
			req:    get(f.overview),
			status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(f.overview)},
		{name: "a plain member gets a friendly 403",
			req:    get(f.overview, f.member),
			status: http.StatusForbidden, contains: []string{"This page is for those who run the organisation"},
			absent: []string{"Sorting day"}},
		{name: "the organisation's admin sees each shift's fill, gap and waiting list",
			req:    get(f.overview, f.organiser),
			status: http.StatusOK,
			contains: []string{"<h1>Shifts</h1>", "Sorting Centre utrecht-oost", "Sorting day",
				"1 of 1 places taken", "0 of 3 places taken", "3 places free", "Full",
				`<meter class="coord-meter" min="0" max="3" value="0"`, firstLink, secondLink,
				"10:00–13:00", "14:00–16:00",
				`<dt>Shifts</dt><dd class="coord-figure">2</dd>`,
				`<dt>Places still free</dt><dd class="coord-figure">3</dd>`,
				`<dt>On waiting lists</dt><dd class="coord-figure">1</dd>`},
			check: func(t *testing.T, _ *harness, res response) { checkPage(t, res) }},
		{name: "a community coordinator sees it too",
			req: get(f.overview, f.coordinator), status: http.StatusOK, contains: []string{"Sorting day", firstLink}},
		{name: "only shifts with gaps",
			req:    get(f.overview+"?gaps=1", f.organiser),
			status: http.StatusOK, contains: []string{secondLink, `name="gaps" value="1" aria-describedby="f-gaps-hint" checked`,
				`<dt>On waiting lists</dt><dd class="coord-figure">0</dd>`},
			absent: []string{firstLink}},
		{name: "a range of other days lists nothing",
			req:    get(f.overview+"?from=2020-01-01&to=2020-01-31", f.organiser),
			status: http.StatusOK, contains: []string{"There are no open shifts between these dates.", `value="2020-01-01"`},
			absent: []string{firstLink}},
		{name: "the day of the shifts lists them",
			req:    get(f.overview+"?from="+f.day+"&to="+f.day, f.organiser),
			status: http.StatusOK, contains: []string{firstLink, secondLink}},
		{name: "a date that is not one is a friendly 422 next to its field",
			req:    get(f.overview+"?from=2026-13-45", f.organiser),
			status: http.StatusUnprocessableEntity,
			contains: []string{"Please check the dates.", "Enter the first day as a date", `value="2026-13-45"`, `aria-invalid="true"`,
				`href="#f-from"`},
			absent: []string{firstLink},
			check:  func(t *testing.T, _ *harness, res response) { checkPage(t, res) }},
		{name: "a plain member with a bad date still gets the 403",
			req:    get(f.overview+"?from=nonsense", f.member),
			status: http.StatusForbidden, absent: []string{"Enter the first day as a date"}},
		{name: "a last day before the first is a friendly 422",
			req:    get(f.overview+"?from=2026-12-10&to=2026-12-01", f.organiser),
			status: http.StatusUnprocessableEntity, contains: []string{"Choose a last day on or after the first day."}},
		{name: "another community's organisation is a 404",
			req:    get(fmt.Sprintf("/c/utrecht-oost/organisations/%d/shifts", f.otherOrg), f.organiser),
			status: http.StatusNotFound, contains: []string{"Page not found"}},
		{name: "an id that is not a number is a 404",
			req:    get("/c/utrecht-oost/organisations/abc/shifts", f.organiser),
			status: http.StatusNotFound, contains: []string{"Page not found"}},
	})
}

func TestCoordRoster(t *testing.T) {
	f := newCoordFixture(t)
	h := f.h
	get := func(path string, c ...*http.Cookie) request {
		return request{method: "GET", path: path, cookies: c, header: english()}
	}
	post := func(action string, userID int64, c ...*http.Cookie) request {
		form := url.Values{}
		if userID != 0 {
			form.Set("user_id", fmt.Sprint(userID))
		}
		return request{method: "POST", path: f.roster + "/" + action, form: form, cookies: c, header: english()}
	}
	runScenarios(t, h, []scenario{
		{name: "a visitor is sent to log in and back",
			req: get(f.roster), status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(f.roster)},
		{name: "a plain member gets a friendly 403",
			req: get(f.roster, f.member), status: http.StatusForbidden,
			contains: []string{"This page is for those who run the organisation"}, absent: []string{"wim@example.org"}},
		{name: "another community's shift is a 404",
			req:    get(fmt.Sprintf("/c/utrecht-oost/shifts/%d", f.otherShift), f.organiser),
			status: http.StatusNotFound, contains: []string{"We could not find this shift."}},
		{name: "the roster shows who holds the place, who waits and who moved up",
			req:    get(f.roster, f.organiser),
			status: http.StatusOK,
			contains: []string{"<h1>Sorting day</h1>", "Depot 1", "1 of 1 places taken",
				"Wim Waiting", `href="mailto:wim@example.org"`, "Lotte Late", "lotte@example.org",
				"Wim Waiting moved up from the waiting list and has a place.",
				"Checked in<span class=\"visually-hidden\">: Wim Waiting</span>", "Close the shift",
				`href="` + f.overview + `"`, "All shifts of Sorting Centre utrecht-oost"},
			absent: []string{"Vera Early"},
			check:  func(t *testing.T, _ *harness, res response) { checkPage(t, res) }},
		{name: "a visitor's button leads to log in and back to the roster",
			req: post("checkin", f.wimID), status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(f.roster)},
		{name: "a member cannot check anyone in",
			req: post("checkin", f.wimID, f.member), status: http.StatusForbidden},
		{name: "checking in goes back to the roster",
			req: post("checkin", f.wimID, f.organiser), status: http.StatusSeeOther, location: f.roster + "?notice=checked_in"},
		{name: "the roster confirms it",
			req:    get(f.roster+"?notice=checked_in", f.organiser),
			status: http.StatusOK, contains: []string{"Checked in. Thank you!", "<td>Checked in</td>"}},
		{name: "someone not signed up cannot be checked in",
			req:    post("checkin", f.memberID, f.organiser),
			status: http.StatusUnprocessableEntity, contains: []string{"This person is not signed up for the shift.", "<h1>Sorting day</h1>"}},
		{name: "nor someone on the waiting list",
			req:    post("checkin", f.lotteID, f.organiser),
			status: http.StatusUnprocessableEntity, contains: []string{"This person is on the waiting list"}},
		{name: "a form without a person is a friendly 422",
			req:    post("no-show", 0, f.organiser),
			status: http.StatusUnprocessableEntity, contains: []string{"This person is not signed up for the shift."}},
		{name: "marking a no-show goes back to the roster",
			req: post("no-show", f.wimID, f.organiser), status: http.StatusSeeOther, location: f.roster + "?notice=no_show"},
		{name: "the roster shows it",
			req:    get(f.roster+"?notice=no_show", f.organiser),
			status: http.StatusOK, contains: []string{"Marked as not come.", "<td>Did not come</td>"}},
		{name: "and it can be corrected",
			req: post("checkin", f.wimID, f.organiser), status: http.StatusSeeOther},
		{name: "closing before the shift has begun is refused kindly",
			req:    post("close", 0, f.organiser),
			status: http.StatusConflict, contains: []string{"The shift has not begun yet.", "<h1>Sorting day</h1>"},
			check: func(t *testing.T, _ *harness, res response) { checkPage(t, res) }},
	})

	f.clock.Store(f.firstStart.Add(3 * time.Hour).UnixNano())
	runScenarios(t, h, []scenario{
		{name: "once begun, closing goes back to the roster",
			req: post("close", 0, f.organiser), status: http.StatusSeeOther, location: f.roster + "?notice=closed"},
		{name: "the closed roster shows the hours logged",
			req:    get(f.roster+"?notice=closed", f.organiser),
			status: http.StatusOK,
			contains: []string{"The shift is closed and its hours are logged.", "Hours logged", "3 hours logged for 1 person.",
				"<dd>Closed</dd>"},
			absent: []string{`action="` + f.roster + `/checkin"`, "Close the shift</button>"},
			check:  func(t *testing.T, _ *harness, res response) { checkPage(t, res) }},
		{name: "a closed shift takes no more check-ins",
			req:    post("checkin", f.wimID, f.organiser),
			status: http.StatusConflict, contains: []string{"This shift is closed already"}},
		{name: "nor a second closing",
			req:    post("close", 0, f.organiser),
			status: http.StatusConflict, contains: []string{"This shift is closed already"}},
		{name: "the empty second shift has nobody yet",
			req:    get(f.rosterSecond, f.coordinator),
			status: http.StatusOK, contains: []string{"Nobody has signed up yet.", "Nobody is waiting."}},
	})
	if !strings.Contains(h.logs.String(), "shift closed") {
		t.Error("closing the shift was not logged")
	}
}

// TestCoordCallOff: the organiser calls off a shift from its roster; the
// roster then says it is cancelled and offers no more buttons, and the
// people who had a place or waited are told. Others may not.
func TestCoordCallOff(t *testing.T) {
	f := newCoordFixture(t)
	callOff := func(c *http.Cookie) response {
		return f.h.do(request{method: "POST", path: f.roster + "/call-off", cookies: []*http.Cookie{c}, form: url.Values{}})
	}
	if res := callOff(f.member); res.status != http.StatusForbidden {
		t.Fatalf("a member calling off: %d", res.status)
	}
	res := callOff(f.organiser)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != f.roster+"?notice=cancelled" {
		t.Fatalf("calling off: %d to %q", res.status, res.header.Get("Location"))
	}
	page := f.h.do(request{method: "GET", path: f.roster + "?notice=cancelled", cookies: []*http.Cookie{f.organiser}})
	checkPage(t, page)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	for _, want := range []string{en.T("coord.status.cancelled"), en.T("coord.notice.cancelled")} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the roster lacks %q", want)
		}
	}
	for _, gone := range []string{"/call-off", "/close", "/checkin"} {
		if strings.Contains(page.body, f.roster+gone) {
			t.Errorf("a cancelled shift still offers %s", gone)
		}
	}
	for _, id := range []int64{f.wimID, f.lotteID} {
		list, err := f.h.store.Notifications(t.Context(), id, domain.Page{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		told := false
		for _, n := range list {
			told = told || n.Kind == domain.NotifyShiftCancelled && n.SubjectID == f.first
		}
		if !told {
			t.Errorf("user %d was not told the shift is off", id)
		}
	}
	if res := callOff(f.organiser); res.status != http.StatusConflict {
		t.Errorf("calling off twice: %d, want 409", res.status)
	}
}

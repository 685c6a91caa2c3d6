package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// orgFixture is the staff of Utrecht Oost with two organisations: the
// food bank Ada (the community's admin) proposed and approved, and the
// repair café Max (a member) proposed, still waiting. Lena is a member of
// Ljubljana only, whose own organisation is the choir.
type orgFixture struct {
	*staff
	foodBank, repairCafe, choir domain.Organisation
}

func newOrgFixture(t *testing.T) *orgFixture {
	t.Helper()
	f := &orgFixture{staff: newStaff(t, service.Options{})}
	f.cookies["Lena"] = f.register("ljubljana", "Lena", "lena@example.org")
	var err error
	f.foodBank, err = f.svc.ProposeOrganisation(f.actor("Ada"), "utrecht-oost", domain.Organisation{
		Name: "Voedselbank Oost", Type: "ngo", Sector: "food aid", Location: utrecht.Center,
		Description: "Hands out food parcels every Friday."})
	if err != nil {
		t.Fatal(err)
	}
	if f.foodBank, err = f.svc.ApproveOrganisation(f.actor("Ada"), "utrecht-oost", f.foodBank.ID); err != nil {
		t.Fatal(err)
	}
	f.repairCafe, err = f.svc.ProposeOrganisation(f.actor("Max"), "utrecht-oost", domain.Organisation{
		Name: "Repair Café Oost", Type: "informal", Location: utrecht.Center})
	if err != nil {
		t.Fatal(err)
	}
	f.choir, err = f.svc.ProposeOrganisation(f.actor("Lena"), "ljubljana", domain.Organisation{
		Name: "Pevski zbor", Type: "informal", Location: ljubljana.Center})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// actor is the context in which name acts on the service.
func (f *orgFixture) actor(name string) context.Context {
	f.t.Helper()
	u, err := f.svc.Authenticate(context.Background(), f.cookies[name].Value)
	if err != nil {
		f.t.Fatal(err)
	}
	return service.WithActor(context.Background(), u)
}

// orgPath is the profile of an organisation of Utrecht Oost, with suffix.
func orgPath(id int64, suffix string) string {
	return "/c/utrecht-oost/organisations/" + strconv.FormatInt(id, 10) + suffix
}

func TestOrgListShowsApprovedToAllAndProposedToAdmins(t *testing.T) {
	f := newOrgFixture(t)
	list := "/c/utrecht-oost/organisations"
	approve := orgPath(f.repairCafe.ID, "/approve")
	runScenarios(t, f.harness, []scenario{
		{name: "a visitor sees the approved organisations with their kind and a way to propose one",
			req:    request{method: "GET", path: list, header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Organisations</h1>", "Voedselbank Oost", `href="` + orgPath(f.foodBank.ID, "") + `"`,
				"Non-profit association · food aid", "Hands out food parcels every Friday.",
				`href="/c/utrecht-oost/organisations/new"`, "Propose an organisation", `aria-current="page"`},
			absent: []string{"Repair Café Oost", "Approve", "Waiting for your approval"}},
		{name: "a member, even the one who proposed it, does not see a proposed organisation in the list",
			req:    request{method: "GET", path: list, cookies: f.as("Max"), header: english()},
			status: http.StatusOK, contains: []string{"Voedselbank Oost"},
			absent: []string{"Repair Café Oost", "Approve"}},
		{name: "a community admin sees the proposed ones apart, each with its button",
			req:    request{method: "GET", path: list, cookies: f.as("Ada"), header: english()},
			status: http.StatusOK,
			contains: []string{"Waiting for your approval", "Repair Café Oost", "Informal group",
				`action="` + approve + `"`, `Approve<span class="visually-hidden"> Repair Café Oost</span>`, "Voedselbank Oost"}},
		{name: "a visitor who approves is sent to log in",
			req:    request{method: "POST", path: approve, form: url.Values{}},
			status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(list)},
		{name: "a member may not approve",
			req:    request{method: "POST", path: approve, cookies: f.as("Max"), form: url.Values{}, header: english()},
			status: http.StatusForbidden, contains: []string{esc(f.en.T("error.forbidden"))}},
		{name: "an admin of another community may not approve here",
			req:    request{method: "POST", path: "/c/ljubljana/organisations/" + strconv.FormatInt(f.choir.ID, 10) + "/approve", cookies: f.as("Ada"), form: url.Values{}, header: english()},
			status: http.StatusForbidden},
		{name: "an admin approves and comes back to the list with a confirmation",
			req:    request{method: "POST", path: approve, cookies: f.as("Ada"), form: url.Values{}},
			status: http.StatusSeeOther, location: list + "?done=approved",
			check: func(t *testing.T, h *harness, _ response) {
				res := h.do(request{method: "GET", path: list + "?done=approved", cookies: f.as("Ada"), header: english()})
				for _, want := range []string{f.en.T("org.notice.approved"), "Repair Café Oost"} {
					if !strings.Contains(res.body, esc(want)) {
						t.Errorf("the list after approving lacks %q", want)
					}
				}
				if strings.Contains(res.body, "Waiting for your approval") {
					t.Error("the approved organisation still waits")
				}
				if !strings.Contains(h.do(request{method: "GET", path: list}).body, "Repair Café Oost") {
					t.Error("visitors do not see the approved organisation")
				}
			}},
		{name: "approving twice says it is approved already",
			req:    request{method: "POST", path: approve, cookies: f.as("Ada"), form: url.Values{}, header: english()},
			status: http.StatusConflict, contains: []string{"This organisation is approved already."}},
		{name: "approving an organisation that does not exist is a 404",
			req:    request{method: "POST", path: orgPath(99999, "/approve"), cookies: f.as("Ada"), form: url.Values{}, header: english()},
			status: http.StatusNotFound, contains: []string{"Page not found"}},
		{name: "an unknown notice shows nothing",
			req:    request{method: "GET", path: list + "?done=%3Cb%3Ehi", header: english()},
			status: http.StatusOK, absent: []string{"<b>hi", `class="notice"`}},
		{name: "the list of an unknown community is a 404",
			req:    request{method: "GET", path: "/c/atlantis/organisations", header: english()},
			status: http.StatusNotFound},
	})
}

func TestOrgProposeForm(t *testing.T) {
	f := newOrgFixture(t)
	form := "/c/utrecht-oost/organisations/new"
	good := func() url.Values {
		return url.Values{"name": {"Buurthuis De Linde"}, "type": {"public"}, "sector": {"neighbourhood centre"},
			"description": {"Coffee mornings and a homework club."}, "website": {""}, "contact": {"030 123 45 67"},
			"place": {"pin"}, "lat": {"52,0905"}, "lon": {"5.141"}}
	}
	runScenarios(t, f.harness, []scenario{
		{name: "a visitor is sent to log in and back to the form",
			req:    request{method: "GET", path: form},
			status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(form)},
		{name: "a visitor whose session ended is sent to log in and back to the form",
			req:    request{method: "POST", path: form, form: good()},
			status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(form)},
		{name: "a member gets the form with every kind translated and the location picker",
			req:    request{method: "GET", path: form, cookies: f.as("Max"), header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Propose an organisation</h1>", `<label for="f-name">Name</label>`,
				`<option value="cooperative" lang="">Cooperative</option>`, `<label for="f-sector">Field of work (optional)</label>`,
				`<textarea id="f-description" name="description"`, `name="website" type="url"`, `id="f-place"`,
				`href="/c/utrecht-oost/organisations"`},
			absent: []string{`id="f-address"`}},
		{name: "someone who is not a member is told to join first",
			req:    request{method: "GET", path: form, cookies: f.as("Lena"), header: english()},
			status: http.StatusForbidden, contains: []string{"Only members of Utrecht Oost can do this."}},
		{name: "bad input comes back with every error next to its field and the answers kept",
			req: request{method: "POST", path: form, cookies: f.as("Max"), header: english(), form: url.Values{
				"name": {"  "}, "type": {"spaceship"}, "website": {"javascript:alert(1)"}, "contact": {"ring twice"},
				"sector": {strings.Repeat("s", 81)}, "place": {""}}},
			status: http.StatusUnprocessableEntity,
			contains: []string{`class="error-summary"`,
				`id="f-name-error"`, esc(f.en.T("org.field.name.length", "Max", 120)),
				`id="f-type-error"`, esc(f.en.T("org.field.type.unknown")),
				`id="f-sector-error"`, esc(f.en.T("org.field.sector.length", "Max", 80)),
				`id="f-website-error"`, esc(f.en.T("org.field.website.format")),
				`id="f-place-error"`, esc(f.en.T("field.place.required")),
				`value="javascript:alert(1)"`, `value="ring twice"`, `aria-invalid="true"`},
			check: func(t *testing.T, h *harness, res response) {
				body := res.body
				order := []string{`href="#f-name"`, `href="#f-type"`, `href="#f-sector"`, `href="#f-website"`, `href="#f-place"`}
				last := -1
				for _, link := range order {
					i := strings.Index(body, link)
					if i < last {
						t.Errorf("the summary does not follow the form: %s comes too early", link)
					}
					last = i
				}
			}},
		{name: "a place outside the community's area is refused next to the place",
			req: request{method: "POST", path: form, cookies: f.as("Max"), header: english(), form: func() url.Values {
				v := good()
				v.Set("lat", "46.05")
				v.Set("lon", "14.5")
				return v
			}()},
			status:   http.StatusUnprocessableEntity,
			contains: []string{`id="f-place-error"`, esc(f.en.T("field.place.outside_area")), `value="Buurthuis De Linde"`}},
		{name: "a name taken in the community is refused next to the name",
			req: request{method: "POST", path: form, cookies: f.as("Max"), header: english(), form: func() url.Values {
				v := good()
				v.Set("name", "Voedselbank Oost")
				return v
			}()},
			status:   http.StatusUnprocessableEntity,
			contains: []string{`id="f-name-error"`, esc(f.en.T("org.field.name.taken"))}},
		{name: "a good proposal leads to the new profile, which waits for approval",
			req:    request{method: "POST", path: form, cookies: f.as("Max"), form: good()},
			status: http.StatusSeeOther,
			check: func(t *testing.T, h *harness, res response) {
				loc := res.header.Get("Location")
				if !strings.HasPrefix(loc, "/c/utrecht-oost/organisations/") || !strings.HasSuffix(loc, "?done=proposed") {
					t.Fatalf("after proposing the browser goes to %q", loc)
				}
				page := h.do(request{method: "GET", path: loc, cookies: f.as("Max"), header: english()})
				if !strings.Contains(page.body, "<h1>Buurthuis De Linde</h1>") {
					t.Error("the new profile lacks its name")
				}
				for _, want := range []string{"Public institution · neighbourhood centre",
					f.en.T("org.notice.proposed"), f.en.T("org.profile.status.proposed"), "030 123 45 67",
					"Coffee mornings and a homework club."} {
					if !strings.Contains(page.body, esc(want)) {
						t.Errorf("the new profile lacks %q", want)
					}
				}
				checkPage(t, page)
				path, _, _ := strings.Cut(loc, "?")
				if got := h.do(request{method: "GET", path: path, header: english()}); got.status != http.StatusNotFound {
					t.Errorf("a visitor opens the proposed organisation: %d", got.status)
				}
				if got := h.do(request{method: "GET", path: path, cookies: f.as("Vera"), header: english()}); got.status != http.StatusNotFound {
					t.Errorf("another member opens the proposed organisation: %d", got.status)
				}
			}},
	})
}

func TestOrgProfile(t *testing.T) {
	f := newOrgFixture(t)
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	opp, err := f.svc.CreateOpportunity(f.actor("Ada"), "utrecht-oost", domain.Opportunity{
		OrganisationID: f.foodBank.ID, Title: "Friday parcels", Category: "food", Location: utrecht.Center,
		Address: "Linnaeusstraat 1", Shifts: []domain.Shift{{Start: start, End: start.Add(2 * time.Hour), Capacity: 4}}})
	if err != nil {
		t.Fatal(err)
	}
	profile := orgPath(f.foodBank.ID, "")
	runScenarios(t, f.harness, []scenario{
		{name: "a visitor sees the profile with its upcoming opportunities",
			req:    request{method: "GET", path: profile, header: english()},
			status: http.StatusOK,
			contains: []string{"<h1>Voedselbank Oost</h1>", "Non-profit association · food aid", "Hands out food parcels every Friday.",
				esc(f.en.T("org.profile.status.approved", "Name", "Utrecht Oost")), "In the centre of Utrecht Oost",
				`href="/c/utrecht-oost/opportunities/` + strconv.FormatInt(opp.ID, 10) + `"`, "Friday parcels", "Linnaeusstraat 1",
				`href="/c/utrecht-oost/organisations"`},
			absent: []string{"Post an opportunity", "Shifts overview", "People who run it", `action="` + orgPath(f.foodBank.ID, "/members")}},
		{name: "a member who does not run it sees no links for its people",
			req:    request{method: "GET", path: profile, cookies: f.as("Max"), header: english()},
			status: http.StatusOK, absent: []string{"Post an opportunity", "People who run it"}},
		{name: "its admin sees the links to post and to the shifts, and its people",
			req:    request{method: "GET", path: profile, cookies: f.as("Ada"), header: english()},
			status: http.StatusOK,
			contains: []string{`href="` + orgPath(f.foodBank.ID, "/opportunities/new") + `"`, "Post an opportunity",
				`href="` + orgPath(f.foodBank.ID, "/shifts") + `"`, "Shifts overview",
				"People who run it", "Ada", "Administrator of the organisation", `action="` + orgPath(f.foodBank.ID, "/members") + `#people-add"`}},
		{name: "an organisation without upcoming shifts says so",
			req:    request{method: "GET", path: orgPath(f.repairCafe.ID, ""), cookies: f.as("Max"), header: english()},
			status: http.StatusOK, contains: []string{esc(f.en.T("org.profile.opportunities.none"))}},
		{name: "another community's organisation is a friendly 404",
			req:    request{method: "GET", path: orgPath(f.choir.ID, ""), cookies: f.as("Ada"), header: english()},
			status: http.StatusNotFound, contains: []string{"<h1>Page not found</h1>", esc(f.en.T("org.error.organisation_not_found"))},
			absent: []string{"Pevski zbor"}},
		{name: "an id that is no number is a 404",
			req:    request{method: "GET", path: "/c/utrecht-oost/organisations/abc", header: english()},
			status: http.StatusNotFound},
		{name: "an id that does not exist is a 404",
			req:    request{method: "GET", path: orgPath(99999, ""), header: english()},
			status: http.StatusNotFound},
	})
}

// The website is a link that cannot reach back into the page, completed
// to https:// when typed without it. It is the one address of another
// host a profile has, so this test reads the page without the checks of
// runScenarios.
func TestOrgProfileLinksTheWebsite(t *testing.T) {
	f := newOrgFixture(t)
	res := f.do(request{method: "POST", path: "/c/utrecht-oost/organisations/new", cookies: f.as("Ada"), form: url.Values{
		"name": {"Sportclub"}, "type": {"ngo"}, "website": {" www.example.org/club?a=1&b=2 "}, "place": {"pin"},
		"lat": {"52.09"}, "lon": {"5.14"}}})
	if res.status != http.StatusSeeOther {
		t.Fatalf("propose: %d\n%s", res.status, res.body)
	}
	res = f.do(request{method: "GET", path: res.header.Get("Location"), cookies: f.as("Ada"), header: english()})
	if want := `<a href="https://www.example.org/club?a=1&amp;b=2" rel="noopener">`; res.status != http.StatusOK || !strings.Contains(res.body, want) {
		t.Errorf("status %d, the website is not linked as %s\n%s", res.status, want, res.body)
	}
}

func TestOrgPeople(t *testing.T) {
	f := newOrgFixture(t)
	cafe := orgPath(f.repairCafe.ID, "")
	members := orgPath(f.repairCafe.ID, "/members")
	runScenarios(t, f.harness, []scenario{
		{name: "the organisation's admin sees its people and the form",
			req:    request{method: "GET", path: cafe, cookies: f.as("Max"), header: english()},
			status: http.StatusOK,
			contains: []string{"People who run it", ">Max<", "Administrator of the organisation", "Add a person",
				`<label for="f-email">Their email address</label>`, `<option value="org_coordinator" lang="" selected>Coordinator</option>`}},
		{name: "a community admin sees them too",
			req:    request{method: "GET", path: cafe, cookies: f.as("Ada"), header: english()},
			status: http.StatusOK, contains: []string{"People who run it", ">Max<"}},
		{name: "a visitor who adds someone is sent to log in and back to the profile",
			req:    request{method: "POST", path: members, form: url.Values{"email": {"vera@example.org"}, "role": {"org_admin"}}},
			status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(cafe)},
		{name: "someone who is not its admin may not add people",
			req: request{method: "POST", path: orgPath(f.foodBank.ID, "/members"), cookies: f.as("Max"), header: english(),
				form: url.Values{"email": {"max@example.org"}, "role": {"org_admin"}}},
			status: http.StatusForbidden, contains: []string{esc(f.en.T("org.error.not_organisation_admin"))},
			check: func(t *testing.T, h *harness, _ response) {
				if body := h.do(request{method: "GET", path: orgPath(f.foodBank.ID, ""), cookies: f.as("Max"), header: english()}).body; strings.Contains(body, "Post an opportunity") {
					t.Error("the refused person runs the organisation after all")
				}
			}},
		{name: "an email of nobody here comes back next to the field",
			req: request{method: "POST", path: members, cookies: f.as("Max"), header: english(),
				form: url.Values{"email": {"nobody@example.org"}, "role": {"org_admin"}}},
			status: http.StatusUnprocessableEntity,
			contains: []string{`id="f-email-error"`, esc(f.en.T("org.field.email.not_a_member")), `value="nobody@example.org"`,
				`<option value="org_admin" lang="" selected>`, `class="error-summary"`}},
		{name: "an email of a member of another community is refused the same way",
			req: request{method: "POST", path: members, cookies: f.as("Max"), header: english(),
				form: url.Values{"email": {"lena@example.org"}, "role": {"org_coordinator"}}},
			status:   http.StatusUnprocessableEntity,
			contains: []string{esc(f.en.T("org.field.email.not_a_member"))}},
		{name: "an address that is no email address is refused next to the field",
			req: request{method: "POST", path: members, cookies: f.as("Max"), header: english(),
				form: url.Values{"email": {"vera"}, "role": {"org_coordinator"}}},
			status:   http.StatusUnprocessableEntity,
			contains: []string{`id="f-email-error"`, esc(f.en.T("org.field.email.format"))}},
		{name: "a role that is not offered is refused next to the role",
			req: request{method: "POST", path: members, cookies: f.as("Max"), header: english(),
				form: url.Values{"email": {"vera@example.org"}, "role": {"admin"}}},
			status:   http.StatusUnprocessableEntity,
			contains: []string{`id="f-role-error"`, esc(f.en.T("org.field.role.unknown"))}},
		{name: "its admin adds a member as coordinator",
			req: request{method: "POST", path: members, cookies: f.as("Max"),
				form: url.Values{"email": {" Vera@Example.org "}, "role": {"org_coordinator"}}},
			status: http.StatusSeeOther, location: cafe + "?done=person_added#people",
			check: func(t *testing.T, h *harness, _ response) {
				page := h.do(request{method: "GET", path: cafe + "?done=person_added", cookies: f.as("Max"), header: english()})
				for _, want := range []string{esc(f.en.T("org.notice.person_added")), ">Vera<", "Coordinator"} {
					if !strings.Contains(page.body, want) {
						t.Errorf("the profile after adding lacks %q", want)
					}
				}
				vera := h.do(request{method: "GET", path: cafe, cookies: f.as("Vera"), header: english()})
				if vera.status != http.StatusOK || strings.Contains(vera.body, "People who run it") {
					t.Errorf("the new coordinator: status %d, sees the people: %v", vera.status, strings.Contains(vera.body, "People who run it"))
				}
			}},
	})
}

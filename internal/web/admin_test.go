package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// staff is a harness with people of every role in Utrecht Oost, logged in:
// an admin (the only one), a coordinator, a volunteer with a profile, a
// member, and the instance operator.
type staff struct {
	*harness
	en      *i18n.Translator
	cookies map[string]*http.Cookie
}

func newStaff(t *testing.T, opts service.Options) *staff {
	t.Helper()
	h := newHarness(t, opts)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := &staff{harness: h, en: cat.Translator("en"), cookies: map[string]*http.Cookie{}}
	ctx := context.Background()
	op, err := h.svc.CreateOperator(ctx, "op@example.org", testPassword, "Olga Operator")
	if err != nil {
		t.Fatal(err)
	}
	opCtx := service.WithActor(ctx, op)
	for _, p := range []struct {
		name string
		role domain.Role
	}{{"Ada", domain.RoleAdmin}, {"Cor", domain.RoleCoordinator}, {"Vera", domain.RoleVolunteer}, {"Max", domain.RoleMember}} {
		email := strings.ToLower(p.name) + "@example.org"
		s.cookies[p.name] = h.register("utrecht-oost", p.name, email)
		if _, _, err := h.svc.GrantRole(opCtx, "utrecht-oost", domain.Grant{Email: email, Role: p.role}); err != nil {
			t.Fatal(err)
		}
	}
	vera, err := h.svc.Authenticate(ctx, s.cookies["Vera"].Value)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.PutMyVolunteer(service.WithActor(ctx, vera), "utrecht-oost", domain.Volunteer{Skills: []string{"groceries"},
		Languages: []string{"nl"}, Home: utrecht.Center, RadiusKM: 2, MaxActive: 1}); err != nil {
		t.Fatal(err)
	}
	s.cookies["Olga"] = s.login("op@example.org")
	return s
}

// login logs in through the page and returns the session cookie.
func (s *staff) login(email string) *http.Cookie {
	s.t.Helper()
	res := s.do(request{method: "POST", path: "/login", form: url.Values{"email": {email}, "password": {testPassword}}})
	c := res.cookie(httpx.SessionCookie)
	if res.status != http.StatusSeeOther || c == nil {
		s.t.Fatalf("log in %s: %d", email, res.status)
	}
	return c
}

// as returns the cookies of one person, for a request.
func (s *staff) as(name string) []*http.Cookie { return []*http.Cookie{s.cookies[name]} }

// esc is text as html/template writes it.
func esc(s string) string { return html.EscapeString(s) }

func TestAdminPagesRefuseWhoMayNotUseThem(t *testing.T) {
	s := newStaff(t, service.Options{})
	forbidden := esc(s.en.T("error.forbidden"))
	var scenarios []scenario
	for _, path := range []string{"/c/utrecht-oost/admin", "/c/utrecht-oost/admin/settings", "/c/utrecht-oost/admin/places",
		"/c/utrecht-oost/admin/members", "/c/utrecht-oost/admin/invitations"} {
		scenarios = append(scenarios,
			scenario{name: "a visitor is sent to log in: " + path,
				req:    request{method: "GET", path: path},
				status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(path)},
			scenario{name: "a member gets the friendly not-allowed page: " + path,
				req:    request{method: "GET", path: path, cookies: s.as("Max"), header: english()},
				status: http.StatusForbidden, contains: []string{forbidden, `href="/"`}})
	}
	for _, path := range []string{"/c/utrecht-oost/admin/settings", "/c/utrecht-oost/admin/places"} {
		scenarios = append(scenarios, scenario{name: "a coordinator may not change the community: " + path,
			req:    request{method: "GET", path: path, cookies: s.as("Cor"), header: english()},
			status: http.StatusForbidden, contains: []string{forbidden}})
	}
	scenarios = append(scenarios,
		scenario{name: "a member posting a role change is refused without a change",
			req: request{method: "POST", path: "/c/utrecht-oost/admin/members/role", cookies: s.as("Max"), header: english(),
				form: url.Values{"email": {"max@example.org"}, "role": {"admin"}}},
			status: http.StatusForbidden, contains: []string{forbidden},
			check: func(t *testing.T, h *harness, _ response) {
				if !strings.Contains(h.do(request{method: "GET", path: "/c/utrecht-oost", cookies: s.as("Max"), header: english()}).body, "Your role: Member") {
					t.Error("the member's role changed")
				}
			}},
		scenario{name: "an admin of one community is a stranger in another",
			req:    request{method: "GET", path: "/c/ljubljana/admin/members", cookies: s.as("Ada"), header: english()},
			status: http.StatusForbidden, contains: []string{forbidden}},
		scenario{name: "an unknown community is a 404",
			req:    request{method: "GET", path: "/c/atlantis/admin/settings", cookies: s.as("Ada"), header: english()},
			status: http.StatusNotFound, contains: []string{"Page not found"}},
		scenario{name: "admins start on the settings",
			req:    request{method: "GET", path: "/c/utrecht-oost/admin", cookies: s.as("Ada")},
			status: http.StatusSeeOther, location: "/c/utrecht-oost/admin/settings"},
		scenario{name: "coordinators start on the members",
			req:    request{method: "GET", path: "/c/utrecht-oost/admin", cookies: s.as("Cor")},
			status: http.StatusSeeOther, location: "/c/utrecht-oost/admin/members"},
		scenario{name: "a coordinator sees members and invitations only",
			req:      request{method: "GET", path: "/c/utrecht-oost/admin/members", cookies: s.as("Cor"), header: english()},
			status:   http.StatusOK,
			contains: []string{s.en.T("admin.nav.members"), `href="/c/utrecht-oost/admin/invitations"`, "Vera", s.en.T("admin.members.vetted.mark")},
			absent:   []string{`href="/c/utrecht-oost/admin/settings"`, `href="/c/utrecht-oost/admin/places"`}},
		scenario{name: "the operator page is for the operator only",
			req:    request{method: "GET", path: "/operator", cookies: s.as("Ada"), header: english()},
			status: http.StatusForbidden, contains: []string{esc(s.en.T("error.operator_only"))}},
		scenario{name: "a visitor's operator page is the login",
			req:    request{method: "GET", path: "/operator"},
			status: http.StatusSeeOther, location: "/login?next=%2Foperator"},
		scenario{name: "a visitor's account page is the login",
			req:    request{method: "GET", path: "/account"},
			status: http.StatusSeeOther, location: "/login?next=%2Faccount"},
		scenario{name: "a form posted after the session ended leads to login and back to its page",
			req:    request{method: "POST", path: "/c/utrecht-oost/admin/settings", form: url.Values{"community_name": {"X"}}},
			status: http.StatusSeeOther, location: "/login?next=%2Fc%2Futrecht-oost%2Fadmin%2Fsettings"},
	)
	runScenarios(t, s.harness, scenarios)
}

// settingsForm is a valid settings form for Utrecht Oost, to spoil.
func settingsForm() url.Values {
	return url.Values{
		"community_name": {"Utrecht Oost helpt"}, "timezone": {"Europe/Amsterdam"}, "default_language": {"nl"},
		"community_languages": {"nl", "en"}, "other_languages": {"tr, ar"}, "place": {"pin"},
		"lat": {"52.0901"}, "lon": {"5.1402"}, "community_radius": {"3,5"},
		"categories": {"groceries", "childcare", "meals"}, "vetting_categories": {"childcare"}, "offer_mode": {"direct"},
	}
}

func TestAdminSettings(t *testing.T) {
	s := newStaff(t, service.Options{})
	spoiled := settingsForm()
	spoiled.Set("community_name", "")
	spoiled.Set("community_radius", "far")
	spoiled.Del("categories")
	badPin := settingsForm()
	badPin.Set("lat", "north")
	runScenarios(t, s.harness, []scenario{
		{name: "the form shows the community as it is",
			req:    request{method: "GET", path: "/c/utrecht-oost/admin/settings", cookies: s.as("Ada"), header: english()},
			status: http.StatusOK,
			contains: []string{`value="Utrecht Oost"`, `value="2.5"`, `name="community_languages" value="nl" checked`,
				`name="categories" value="groceries" checked`, `value="approval" checked`, s.en.T("admin.settings.offer.direct.hint"),
				`data-location-radius`, `value="pin" selected`}},
		{name: "mistakes come back next to their fields, the input kept",
			req:    request{method: "POST", path: "/c/utrecht-oost/admin/settings", cookies: s.as("Ada"), header: english(), form: spoiled},
			status: http.StatusUnprocessableEntity,
			contains: []string{s.en.T("form.summary.title"), s.en.T("field.categories.required"),
				esc(s.en.T("field.community_name.length", "Count", domain.MaxNameLen)),
				s.en.T("field.community_radius.range", "Count", domain.MaxRadiusKM),
				`value="far"`, `value="tr, ar"`, `name="vetting_categories" value="childcare" checked`, `value="direct" checked`,
				`href="#f-community_name"`}},
		{name: "a pin that is not a number is refused",
			req:      request{method: "POST", path: "/c/utrecht-oost/admin/settings", cookies: s.as("Ada"), header: english(), form: badPin},
			status:   http.StatusUnprocessableEntity,
			contains: []string{s.en.T("field.number"), `value="north"`}},
		{name: "a coordinator may not save them",
			req:    request{method: "POST", path: "/c/utrecht-oost/admin/settings", cookies: s.as("Cor"), header: english(), form: settingsForm()},
			status: http.StatusForbidden},
		{name: "saved, the page says so",
			req:    request{method: "POST", path: "/c/utrecht-oost/admin/settings", cookies: s.as("Ada"), form: settingsForm()},
			status: http.StatusSeeOther, location: "/c/utrecht-oost/admin/settings?done=settings",
			check: func(t *testing.T, h *harness, _ response) {
				c, err := h.svc.Community(t.Context(), "utrecht-oost")
				if err != nil {
					t.Fatal(err)
				}
				if c.Name != "Utrecht Oost helpt" || strings.Join(c.Languages, ",") != "nl,en,tr,ar" || c.RadiusKM != 3.5 ||
					c.Center.Lat != 52.0901 || c.OfferMode != domain.OfferDirect || !c.RequiresVetting("childcare") ||
					strings.Join(c.Categories, ",") != "groceries,meals,childcare" || c.Timezone != "Europe/Amsterdam" {
					t.Errorf("saved community %+v", c)
				}
				page := h.do(request{method: "GET", path: "/c/utrecht-oost/admin/settings?done=settings", cookies: s.as("Ada"), header: english()})
				if !strings.Contains(page.body, s.en.T("admin.notice.settings")) {
					t.Error("the page does not confirm the change")
				}
			}},
		{name: "a made-up notice shows nothing",
			req:    request{method: "GET", path: "/c/utrecht-oost/admin/settings?done=%3Cscript%3E", cookies: s.as("Ada"), header: english()},
			status: http.StatusOK, absent: []string{`role="status"`}},
	})
}

func TestAdminPlaces(t *testing.T) {
	s := newStaff(t, service.Options{})
	post := func(name, lat, lon string) request {
		return request{method: "POST", path: "/c/utrecht-oost/admin/places", cookies: s.as("Ada"), header: english(),
			form: url.Values{"place_name": {name}, "lat": {lat}, "lon": {lon}}}
	}
	runScenarios(t, s.harness, []scenario{
		{name: "no places yet",
			req:    request{method: "GET", path: "/c/utrecht-oost/admin/places", cookies: s.as("Ada"), header: english()},
			status: http.StatusOK, contains: []string{s.en.T("admin.places.empty"), `data-point-lat`, `data-point-map`}},
		{name: "coordinates that are not numbers",
			req: post("Oost", "", "five"), status: http.StatusUnprocessableEntity,
			contains: []string{s.en.T("field.lat.required"), s.en.T("field.number"), `value="Oost"`, `value="five"`}},
		{name: "a point outside the area",
			req: post("Amsterdam", "52.37", "4.90"), status: http.StatusUnprocessableEntity,
			contains: []string{esc(s.en.T("field.place_point.outside_area"))}},
		{name: "added",
			req: post("Wilhelminapark", "52.0868", "5.1386"), status: http.StatusSeeOther,
			location: "/c/utrecht-oost/admin/places?done=place_added"},
		{name: "a name taken already",
			req: post("Wilhelminapark", "52.09", "5.14"), status: http.StatusConflict,
			contains: []string{s.en.T("field.place_name.taken")}},
		{name: "listed with a remove button",
			req:    request{method: "GET", path: "/c/utrecht-oost/admin/places", cookies: s.as("Ada"), header: english()},
			status: http.StatusOK, contains: []string{"Wilhelminapark", "52.086800", "/remove"}},
		{name: "removing an unknown place",
			req:    request{method: "POST", path: "/c/utrecht-oost/admin/places/4040/remove", cookies: s.as("Ada"), header: english(), form: url.Values{}},
			status: http.StatusNotFound},
		{name: "removing a place that is not a number",
			req:    request{method: "POST", path: "/c/utrecht-oost/admin/places/oops/remove", cookies: s.as("Ada"), header: english(), form: url.Values{}},
			status: http.StatusNotFound},
	})
	s.t = t
	places, err := s.svc.Places(service.WithActor(t.Context(), domain.User{ID: 1, IsOperator: true}), "utrecht-oost")
	if err != nil || len(places) != 1 {
		t.Fatalf("places %+v, %v", places, err)
	}
	res := s.do(request{method: "POST", path: "/c/utrecht-oost/admin/places/" + itoa(places[0].ID) + "/remove", cookies: s.as("Ada"), form: url.Values{}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/c/utrecht-oost/admin/places?done=place_removed" {
		t.Errorf("remove: %d to %s", res.status, res.header.Get("Location"))
	}
}

func TestAdminMembers(t *testing.T) {
	s := newStaff(t, service.Options{})
	role := func(who, email, to string) request {
		return request{method: "POST", path: "/c/utrecht-oost/admin/members/role", cookies: s.as(who), header: english(),
			form: url.Values{"email": {email}, "role": {to}, "page": {"1"}}}
	}
	runScenarios(t, s.harness, []scenario{
		{name: "everyone listed, with the roles an admin may give",
			req:    request{method: "GET", path: "/c/utrecht-oost/admin/members", cookies: s.as("Ada"), header: english()},
			status: http.StatusOK,
			contains: []string{"Ada", "cor@example.org", "Max", s.en.T("admin.members.role.label", "Name", "Max"),
				`<option value="admin"`, s.en.T("admin.members.vetted.no")}},
		{name: "demoting the last admin is refused in words, next to her",
			req: role("Ada", "ada@example.org", "member"), status: http.StatusConflict,
			contains: []string{s.en.T("admin.members.role.failed"), esc(s.en.T("error.last_admin")), `aria-invalid="true"`,
				`href="#f-role-`}},
		{name: "a coordinator may not make an admin",
			req: role("Cor", "max@example.org", "admin"), status: http.StatusForbidden,
			contains: []string{esc(s.en.T("error.role_not_grantable"))}},
		{name: "a coordinator sees no select for the admin",
			req:    request{method: "GET", path: "/c/utrecht-oost/admin/members", cookies: s.as("Cor"), header: english()},
			status: http.StatusOK, absent: []string{s.en.T("admin.members.role.label", "Name", "Ada"), `<option value="admin"`}},
		{name: "a member becomes a volunteer",
			req: role("Cor", "max@example.org", "volunteer"), status: http.StatusSeeOther,
			check: func(t *testing.T, _ *harness, res response) {
				if loc := res.header.Get("Location"); !strings.HasPrefix(loc, "/c/utrecht-oost/admin/members?done=role#member-") {
					t.Errorf("Location %q", loc)
				}
			}},
	})
	s.t = t
	vera, _ := s.svc.Authenticate(t.Context(), s.cookies["Vera"].Value)
	res := s.do(request{method: "POST", path: "/c/utrecht-oost/admin/members/" + itoa(vera.ID) + "/vetting", cookies: s.as("Cor"),
		form: url.Values{"vetted": {"true"}}})
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/c/utrecht-oost/admin/members?done=vetted#member-") {
		t.Fatalf("vetting: %d to %s", res.status, res.header.Get("Location"))
	}
	page := s.do(request{method: "GET", path: "/c/utrecht-oost/admin/members?done=vetted", cookies: s.as("Cor"), header: english()})
	for _, want := range []string{s.en.T("admin.notice.vetted"), s.en.T("admin.members.vetted.yes"), s.en.T("admin.members.vetted.withdraw")} {
		if !strings.Contains(page.body, want) {
			t.Errorf("after vetting the page lacks %q", want)
		}
	}
	res = s.do(request{method: "POST", path: "/c/utrecht-oost/admin/members/999/vetting", cookies: s.as("Cor"), header: english(),
		form: url.Values{"vetted": {"true"}}})
	if res.status != http.StatusNotFound {
		t.Errorf("vetting someone without a profile: %d", res.status)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

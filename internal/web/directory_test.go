package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// directoryFixture is the staff of Utrecht Oost with a directory: the
// repair café Ada (an admin) added, approved at once; the garden Max (a
// member) proposed, still waiting; the approved food bank organisation;
// and the named place "Oosterspoor" about 1.5 km east of the centre.
type directoryFixture struct {
	*staff
	repair, garden domain.Initiative
	foodBank       domain.Organisation
	place          domain.Place
}

func newDirectoryFixture(t *testing.T) *directoryFixture {
	t.Helper()
	f := &directoryFixture{staff: newStaff(t, service.Options{})}
	ada, maxCtx := f.ctxOf("Ada"), f.ctxOf("Max")
	var err error
	f.repair, err = f.svc.ProposeInitiative(ada, "utrecht-oost", domain.Initiative{Name: "Reparatiecafé Žalec-Oost",
		Sector: "repair", Description: "Bring what is broken.", Address: "Biltstraat 10", Location: utrecht.Center,
		OpeningTimes: "Sat 10-13", Languages: []string{"nl", "en"}, Contact: "repair@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	f.garden, err = f.svc.ProposeInitiative(maxCtx, "utrecht-oost", domain.Initiative{Name: "Buurttuin Oost",
		Sector: "gardening", Location: domain.Point{Lat: 52.095, Lng: 5.16}})
	if err != nil {
		t.Fatal(err)
	}
	f.foodBank, err = f.svc.ProposeOrganisation(ada, "utrecht-oost", domain.Organisation{Name: "Voedselbank Oost",
		Type: "ngo", Sector: "Food", Location: domain.Point{Lat: 52.09, Lng: 5.162}})
	if err == nil {
		_, err = f.svc.ApproveOrganisation(ada, "utrecht-oost", f.foodBank.ID)
	}
	if err == nil {
		f.place, err = f.svc.AddPlace(ada, "utrecht-oost", domain.Place{Name: "Oosterspoor", Point: domain.Point{Lat: 52.09, Lng: 5.162}})
	}
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *directoryFixture) ctxOf(name string) context.Context {
	f.t.Helper()
	u, err := f.svc.Authenticate(context.Background(), f.cookies[name].Value)
	if err != nil {
		f.t.Fatal(err)
	}
	return service.WithActor(context.Background(), u)
}

func directoryPath(id int64, suffix string) string {
	return "/c/utrecht-oost/directory/" + strconv.FormatInt(id, 10) + suffix
}

func TestDirectoryListSearchAndApproval(t *testing.T) {
	f := newDirectoryFixture(t)
	list := "/c/utrecht-oost/directory"
	approve := directoryPath(f.garden.ID, "/approve")
	near := list + "?near=" + strconv.FormatInt(f.place.ID, 10) + "&radius_km=1"
	runScenarios(t, f.harness, []scenario{
		{name: "a visitor sees the directory: initiatives and approved organisations, translated sectors",
			req: request{method: "GET", path: list, header: english()}, status: http.StatusOK,
			contains: []string{"<h1>Directory of local initiatives</h1>", "Reparatiecafé Žalec-Oost", "Repair",
				"Bring what is broken.", "Biltstraat 10", `href="` + directoryPath(f.repair.ID, "") + `"`,
				"Voedselbank Oost", `href="/c/utrecht-oost/organisations/` + strconv.FormatInt(f.foodBank.ID, 10) + `"`,
				"Food · organisation on mutua", `role="search"`,
				`<option value="platform_coop" lang="">Platform cooperative</option>`},
			absent: []string{"Buurttuin Oost", "Waiting for your approval"}},
		{name: "a member may search near the community's named places",
			req: request{method: "GET", path: list, cookies: f.as("Max"), header: english()}, status: http.StatusOK,
			contains: []string{`<option value="` + strconv.FormatInt(f.place.ID, 10) + `" lang="">Oosterspoor</option>`, `id="f-radius_km"`}},
		{name: "the search ignores diacritics", req: request{method: "GET", path: list + "?q=zalec", header: english()},
			status: http.StatusOK, contains: []string{"Reparatiecafé Žalec-Oost", `value="zalec"`}, absent: []string{"Voedselbank Oost"}},
		{name: "FTS syntax in the search is text", req: request{method: "GET", path: list + "?q=" + url.QueryEscape(`"zalec* NEAR -(`), header: english()},
			status: http.StatusOK, absent: []string{"Voedselbank Oost"}},
		{name: "nothing found says so", req: request{method: "GET", path: list + "?q=bicycle", header: english()},
			status: http.StatusOK, contains: []string{esc(f.en.T("directory.list.empty.filtered"))}},
		{name: "filter by sector", req: request{method: "GET", path: list + "?sector=food", header: english()},
			status: http.StatusOK, contains: []string{"Voedselbank Oost"}, absent: []string{"Reparatiecafé"}},
		{name: "near a named place, with the distance", req: request{method: "GET", path: near, cookies: f.as("Max"), header: english()},
			status: http.StatusOK, contains: []string{"Voedselbank Oost", "0.0 km away"}, absent: []string{"Reparatiecafé"}},
		{name: "an unknown sector is a 422 with the field marked",
			req: request{method: "GET", path: list + "?sector=banking", header: english()}, status: http.StatusUnprocessableEntity,
			contains: []string{`id="f-sector-error"`, esc(f.en.T("directory.field.sector.unknown"))}, absent: []string{"Voedselbank"}},
		{name: "a search over 200 characters is a 422",
			req: request{method: "GET", path: list + "?q=" + strings.Repeat("a", 201), header: english()}, status: http.StatusUnprocessableEntity,
			contains: []string{`id="f-q-error"`, esc(f.en.T("directory.field.q.length"))}},
		{name: "a place of no one is a 422", req: request{method: "GET", path: list + "?near=99999", cookies: f.as("Max"), header: english()},
			status: http.StatusUnprocessableEntity, contains: []string{`id="f-near-error"`}},
		{name: "a member does not see proposals", req: request{method: "GET", path: list, cookies: f.as("Max"), header: english()},
			status: http.StatusOK, absent: []string{"Buurttuin Oost", "Waiting for your approval"}},
		{name: "an admin sees them with an Approve button",
			req: request{method: "GET", path: list, cookies: f.as("Ada"), header: english()}, status: http.StatusOK,
			contains: []string{"Waiting for your approval", "Buurttuin Oost", `action="` + approve + `"`,
				`Approve<span class="visually-hidden"> Buurttuin Oost</span>`}},
		{name: "a member may not approve", req: request{method: "POST", path: approve, cookies: f.as("Max"), form: url.Values{}, header: english()},
			status: http.StatusForbidden, contains: []string{esc(f.en.T("directory.error.forbidden"))}},
		{name: "a visitor who approves is sent to log in", req: request{method: "POST", path: approve, form: url.Values{}},
			status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(list)},
		{name: "an admin approves", req: request{method: "POST", path: approve, cookies: f.as("Ada"), form: url.Values{}},
			status: http.StatusSeeOther, location: list + "?done=approved",
			check: func(t *testing.T, h *harness, _ response) {
				res := h.do(request{method: "GET", path: list + "?done=approved", header: english()})
				for _, want := range []string{f.en.T("directory.notice.approved"), "Buurttuin Oost"} {
					if !strings.Contains(res.body, esc(want)) {
						t.Errorf("the directory after approving lacks %q", want)
					}
				}
			}},
		{name: "twice is a conflict", req: request{method: "POST", path: approve, cookies: f.as("Ada"), form: url.Values{}, header: english()},
			status: http.StatusConflict, contains: []string{esc(f.en.T("directory.error.wrong_status"))}},
		{name: "an unknown community", req: request{method: "GET", path: "/c/atlantis/directory", header: english()},
			status: http.StatusNotFound},
	})
}

func TestDirectoryDetailPage(t *testing.T) {
	f := newDirectoryFixture(t)
	other, err := f.svc.ProposeInitiative(f.ctxOf("Olga"), "ljubljana", domain.Initiative{Name: "Zadruga",
		Sector: "food", Location: ljubljana.Center})
	if err != nil {
		t.Fatal(err)
	}
	runScenarios(t, f.harness, []scenario{
		{name: "a visitor reads every field", req: request{method: "GET", path: directoryPath(f.repair.ID, ""), header: english()},
			status: http.StatusOK, contains: []string{"<h1>Reparatiecafé Žalec-Oost</h1>", "Repair", "Bring what is broken.",
				"Biltstraat 10", "Sat 10-13", "nl, en", "repair@example.org", "52.090000, 5.140000", "Opening times"}},
		{name: "a proposal is hidden from visitors", req: request{method: "GET", path: directoryPath(f.garden.ID, ""), header: english()},
			status: http.StatusNotFound, contains: []string{esc(f.en.T("directory.error.initiative_not_found"))}},
		{name: "its proposer sees it, marked as waiting",
			req:    request{method: "GET", path: directoryPath(f.garden.ID, "?done=proposed"), cookies: f.as("Max"), header: english()},
			status: http.StatusOK, contains: []string{esc(f.en.T("directory.detail.proposed")), esc(f.en.T("directory.notice.proposed"))}},
		{name: "another community's initiative is a 404",
			req: request{method: "GET", path: directoryPath(other.ID, ""), cookies: f.as("Ada"), header: english()}, status: http.StatusNotFound},
		{name: "an id that is no number is a 404", req: request{method: "GET", path: "/c/utrecht-oost/directory/abc", header: english()},
			status: http.StatusNotFound},
	})
}

func TestDirectoryProposeForm(t *testing.T) {
	f := newDirectoryFixture(t)
	form := "/c/utrecht-oost/directory/new"
	good := func() url.Values {
		return url.Values{"name": {"Fietskoeriers Oost"}, "sector": {"platform_coop"}, "description": {"Bike deliveries."},
			"opening_times": {"Mon-Fri"}, "languages": {"nl, en, "}, "contact": {"030 123"}, "website": {"www.example.org"},
			"address": {"Oudwijk 1"}, "place": {"pin"}, "lat": {"52,0905"}, "lon": {"5.141"}}
	}
	runScenarios(t, f.harness, []scenario{
		{name: "a visitor is sent to log in", req: request{method: "GET", path: form},
			status: http.StatusSeeOther, location: "/login?next=" + url.QueryEscape(form)},
		{name: "a member gets the form with the sectors and the location picker",
			req: request{method: "GET", path: form, cookies: f.as("Max"), header: english()}, status: http.StatusOK,
			contains: []string{"<h1>Propose an initiative</h1>", `<option value="gardening" lang="">Gardening</option>`,
				`id="f-place"`, `id="f-address"`, `id="f-opening_times"`, `id="f-languages"`, `name="website" type="url"`}},
		{name: "no location and no name come back marked, answers kept",
			req: request{method: "POST", path: form, cookies: f.as("Max"), header: english(), form: url.Values{
				"name": {" "}, "sector": {"banking"}, "contact": {"ring twice"}, "place": {""}}},
			status: http.StatusUnprocessableEntity,
			contains: []string{`class="error-summary"`, `id="f-name-error"`, esc(f.en.T("directory.field.name.length")),
				`id="f-sector-error"`, `id="f-place-error"`, esc(f.en.T("field.place.required")), `value="ring twice"`}},
		{name: "outside the area is refused at the place",
			req: request{method: "POST", path: form, cookies: f.as("Max"), header: english(), form: func() url.Values {
				v := good()
				v.Set("lat", "46.05")
				return v
			}()},
			status: http.StatusUnprocessableEntity, contains: []string{`id="f-place-error"`, `value="Fietskoeriers Oost"`}},
		{name: "a member's proposal waits", req: request{method: "POST", path: form, cookies: f.as("Max"), form: good()},
			status: http.StatusSeeOther,
			check: func(t *testing.T, h *harness, res response) {
				loc := res.header.Get("Location")
				if !strings.HasSuffix(loc, "?done=proposed") {
					t.Fatalf("redirect to %q", loc)
				}
				page := h.do(request{method: "GET", path: loc, cookies: f.as("Max"), header: english()})
				for _, want := range []string{"Fietskoeriers Oost", "Platform cooperative", "nl, en", "Oudwijk 1", "Mon-Fri"} {
					if !strings.Contains(page.body, want) {
						t.Errorf("the new page lacks %q", want)
					}
				}
			}},
		{name: "an admin's is in the directory at once", req: request{method: "POST", path: form, cookies: f.as("Ada"), form: func() url.Values {
			v := good()
			v.Set("name", "Energiecoöperatie Oost")
			v.Set("sector", "energy")
			return v
		}()},
			status: http.StatusSeeOther,
			check: func(t *testing.T, h *harness, res response) {
				if loc := res.header.Get("Location"); !strings.HasSuffix(loc, "?done=added") {
					t.Errorf("redirect to %q", loc)
				}
				if !strings.Contains(h.do(request{method: "GET", path: "/c/utrecht-oost/directory?q=energiecooperatie"}).body, "Energiecoöperatie Oost") {
					t.Error("a visitor does not find the admin's initiative")
				}
			}},
	})
}

// TestDirectoryKeysBuiltAtRunTimeExist covers the keys the pages build
// from a value, which the unused-key scan counts by prefix only: every
// sector and every notice, in every language.
func TestDirectoryKeysBuiltAtRunTimeExist(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range domain.InitiativeSectors {
		keys = append(keys, "directory.sector."+s)
	}
	for _, n := range []string{"proposed", "added", "approved"} {
		keys = append(keys, "directory.notice."+n)
	}
	for _, lang := range i18n.Languages() {
		tr := cat.Translator(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}

package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

func TestMapPage(t *testing.T) {
	f := newDirectoryFixture(t)
	ctx := f.ctxOf("Max")
	// A request at an exact place the public must never see.
	exact := domain.Point{Lat: 52.0937113, Lng: 5.1482227}
	if _, err := f.svc.CreateRequest(ctx, "utrecht-oost", domain.Request{Category: "companionship", Title: "Secret walk with Max",
		Languages: []string{"nl"}, Location: exact,
		NeededFrom: time.Now().Add(26 * time.Hour), NeededBy: time.Now().Add(28 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	eva := deskUser(t, f.harness, f.register("ljubljana", "Eva", "eva.lj@example.org"))
	evaCtx := service.WithActor(t.Context(), eva)
	if _, err := f.svc.CreateRequest(evaCtx, "ljubljana", domain.Request{Category: "groceries", Title: "Shopping in Ljubljana",
		NeededFrom: time.Now().Add(24 * time.Hour), NeededBy: time.Now().Add(48 * time.Hour),
		Languages: []string{"sl"}, Location: domain.Point{Lat: 46.05, Lng: 14.5}}); err != nil {
		t.Fatal(err)
	}
	page := "/c/utrecht-oost/map"
	repairLink := `href="` + directoryPath(f.repair.ID, "") + `"`
	reqText := "A request for Company and a chat near here"
	runScenarios(t, f.harness, []scenario{
		{name: "a visitor sees the list of the map, grouped by kind",
			req: request{method: "GET", path: page, header: english()}, status: http.StatusOK,
			contains: []string{"<h1>Map</h1>", "Places on the map (3)", "Local initiatives", "Reparatiecafé Žalec-Oost", "Repair",
				repairLink, "Organisations", "Voedselbank Oost", "Open requests for help", reqText,
				`data-map-area`, `aria-label="Filter the map"`, "Skip the map and go to the list", "js/map.js"},
			absent: []string{"Buurttuin Oost", "Secret walk", "Shopping in Ljubljana", "14.5", "46.05", "52.0937113", "5.1482227"},
			check: func(t *testing.T, _ *harness, res response) {
				checkPage(t, res)
				i := strings.Index(res.body, reqText)
				if i < 0 {
					t.Fatalf("no request in the list:\n%s", res.body)
				}
				li := res.body[strings.LastIndex(res.body[:i], "<li"):i]
				if strings.Contains(li, "href") {
					t.Errorf("a request links somewhere: %s", li)
				}
			}},
		{name: "filtered by kind",
			req: request{method: "GET", path: page + "?kind=request", header: english()}, status: http.StatusOK,
			contains: []string{reqText, "Places on the map (1)", `<option value="request" lang="" selected>`},
			absent:   []string{"Reparatiecafé", "Voedselbank"}},
		{name: "filtered by sector",
			req: request{method: "GET", path: page + "?sector=repair", header: english()}, status: http.StatusOK,
			contains: []string{"Reparatiecafé Žalec-Oost", "Places on the map (1)"},
			absent:   []string{"Voedselbank", reqText}},
		{name: "a filter matching nothing says so",
			req: request{method: "GET", path: page + "?sector=energy", header: english()}, status: http.StatusOK,
			contains: []string{"Nothing matches these filters."}, absent: []string{"data-map-area"}},
		{name: "an unknown kind is a 422 with the message",
			req: request{method: "GET", path: page + "?kind=secret", header: english()}, status: http.StatusUnprocessableEntity,
			contains: []string{"These filters could not be used.", "Choose one of the kinds in the list.", `aria-invalid="true"`},
			absent:   []string{"Reparatiecafé"},
			check:    func(t *testing.T, _ *harness, res response) { checkPage(t, res) }},
		{name: "an unknown sector is a 422 with the message",
			req: request{method: "GET", path: page + "?sector=" + strings.Repeat("x", 80), header: english()}, status: http.StatusUnprocessableEntity,
			contains: []string{"Choose one of the sectors in the list."}},
		{name: "in Slovenian",
			req: request{method: "GET", path: page, header: map[string]string{"Accept-Language": "sl"}}, status: http.StatusOK,
			contains: []string{"<h1>Zemljevid</h1>", "Lokalne pobude"}},
		{name: "another community's map has only its own points",
			req: request{method: "GET", path: "/c/ljubljana/map", header: english()}, status: http.StatusOK,
			contains: []string{"Places on the map (1)", "A request for Groceries near here"},
			absent:   []string{"Reparatiecafé", "Voedselbank", reqText}},
		{name: "an unknown community is a 404",
			req: request{method: "GET", path: "/c/nowhere/map", header: english()}, status: http.StatusNotFound},
		{name: "the community's front page links to the map",
			req: request{method: "GET", path: "/c/utrecht-oost", header: english()}, status: http.StatusOK,
			contains: []string{`href="/c/utrecht-oost/map"`, "The map: who is doing what nearby"}},
	})
}

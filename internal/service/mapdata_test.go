package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// geoJSON is a decoded map file, kept loose so the checks see exactly what
// was written.
type geoJSON struct {
	Type     string `json:"type"`
	Features []struct {
		Type     string `json:"type"`
		Geometry struct {
			Type        string            `json:"type"`
			Coordinates []json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
}

// mapPoint is one feature as the tests compare it.
type mapPoint struct {
	Kind, Key, Name, Sector, URL, Community string
	Lng, Lat                                float64
}

// checkGeoJSON decodes body and checks the RFC 7946 rules the map keeps:
// a FeatureCollection of Features with Point geometries whose coordinates
// are exactly two numbers, longitude then latitude, in range, and a known
// kind with its id, name or title, sector or category and page.
func checkGeoJSON(t testing.TB, body []byte) map[string]mapPoint {
	t.Helper()
	var doc geoJSON
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
	if doc.Type != "FeatureCollection" || doc.Features == nil {
		t.Fatalf("type %q, features %v: want a FeatureCollection", doc.Type, doc.Features)
	}
	out := map[string]mapPoint{}
	for i, f := range doc.Features {
		if f.Type != "Feature" || f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 {
			t.Fatalf("feature %d: type %q, geometry %q with %d coordinates", i, f.Type, f.Geometry.Type, len(f.Geometry.Coordinates))
		}
		var c [2]float64
		for j, raw := range f.Geometry.Coordinates {
			if err := json.Unmarshal(raw, &c[j]); err != nil {
				t.Fatalf("feature %d: coordinate %s is not a number", i, raw)
			}
		}
		if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
			t.Fatalf("feature %d: [%v, %v] out of range", i, c[0], c[1])
		}
		p := f.Properties
		kind, _ := p["kind"].(string)
		nameKey, sectorKey := "name", "sector"
		switch kind {
		case domain.MapInitiative, domain.MapOrganisation:
		case domain.MapOpportunity, domain.MapRequest:
			nameKey, sectorKey = "title", "category"
		default:
			t.Fatalf("feature %d: kind %v", i, p["kind"])
		}
		id, ok := p["id"].(float64)
		name, okName := p[nameKey].(string)
		sector, okSector := p[sectorKey].(string)
		url, okURL := p["url"].(string)
		community, _ := p["community"].(string)
		if !ok || id <= 0 || !okName || !okSector || !okURL || !strings.HasPrefix(url, "/c/"+community) {
			t.Fatalf("feature %d: properties %v", i, p)
		}
		key := fmt.Sprintf("%s/%s/%d", community, kind, int64(id))
		if _, dup := out[key]; dup {
			t.Fatalf("feature %s twice", key)
		}
		out[key] = mapPoint{Kind: kind, Key: key, Name: name, Sector: sector, URL: url, Community: community, Lng: c[0], Lat: c[1]}
	}
	return out
}

// mapWorld is two communities with one of everything the map shows and
// everything it must not show.
type mapWorld struct {
	svc                       *service.Service
	ctx                       context.Context
	now                       *time.Time
	initiative, proposed      domain.Initiative
	org, proposedOrg          domain.Organisation
	soon, later               domain.Opportunity
	request, cancelled        service.RequestView
	exact                     domain.Point
	otherInitiative, otherReq int64
	otherExact, otherApprox   domain.Point
}

func newMapWorld(t *testing.T) *mapWorld {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Second)
	svc, ctx := setup(t, &now)
	as := staff(t, svc, ctx, map[string]domain.Role{"adm": domain.RoleAdmin, "mem": domain.RoleMember, "asker": domain.RoleMember})
	w := &mapWorld{svc: svc, ctx: ctx, now: &now}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	w.initiative, err = svc.ProposeInitiative(as["adm"], "town", domain.Initiative{Name: `Repair "Café" \ Noord`, Sector: "repair",
		Location: domain.Point{Lat: 52.372, Lng: 4.893}})
	must(err)
	w.proposed, err = svc.ProposeInitiative(as["mem"], "town", domain.Initiative{Name: "Secret garden", Sector: "gardening",
		Location: domain.Point{Lat: 52.36, Lng: 4.91}})
	must(err)
	w.org, err = svc.ProposeOrganisation(as["mem"], "town", domain.Organisation{Name: "Food bank", Type: "ngo", Sector: "Food",
		Location: domain.Point{Lat: 52.37, Lng: 4.9}})
	must(err)
	_, err = svc.ApproveOrganisation(as["adm"], "town", w.org.ID)
	must(err)
	w.proposedOrg, err = svc.ProposeOrganisation(as["mem"], "town", domain.Organisation{Name: "Unapproved club", Type: "informal",
		Location: domain.Point{Lat: 52.375, Lng: 4.905}})
	must(err)
	shift := func(in time.Duration) []domain.Shift {
		return []domain.Shift{{Start: now.Add(in), End: now.Add(in + 2*time.Hour), Capacity: 3}}
	}
	w.soon, err = svc.CreateOpportunity(as["mem"], "town", domain.Opportunity{OrganisationID: w.org.ID, Title: "Sorting",
		Category: "food", Location: domain.Point{Lat: 52.368, Lng: 4.897}, Shifts: shift(48 * time.Hour)})
	must(err)
	w.later, err = svc.CreateOpportunity(as["mem"], "town", domain.Opportunity{OrganisationID: w.org.ID, Title: "Delivering",
		Category: "food", Location: domain.Point{Lat: 52.369, Lng: 4.899}, Shifts: shift(10 * 24 * time.Hour)})
	must(err)
	w.exact = domain.Point{Lat: 52.37123, Lng: 4.90187}
	ask := func(title string) service.RequestView {
		r, err := svc.CreateRequest(as["asker"], "town", domain.Request{Category: "groceries", Title: title,
			Location: w.exact, Address: "Secret street 1", NeededFrom: now.Add(time.Hour), NeededBy: now.Add(30 * 24 * time.Hour)})
		must(err)
		return r
	}
	w.request = ask("Bread")
	w.cancelled = ask("Milk")
	_, err = svc.CancelRequest(as["asker"], "town", w.cancelled.ID)
	must(err)

	// A second community with its own initiative and request.
	op := as["op"]
	_, err = svc.CreateCommunity(op, domain.Community{Slug: "other", Name: "Other", Languages: []string{"en"},
		Center: domain.Point{Lat: 46.05, Lng: 14.5}, RadiusKM: 5})
	must(err)
	u, err := svc.Register(ctx, domain.Registration{Community: "other", Email: "oa@example.org", Password: pw, Name: "OA"})
	must(err)
	_, _, err = svc.GrantRole(op, "other", domain.Grant{Email: "oa@example.org", Role: domain.RoleAdmin})
	must(err)
	oa := service.WithActor(ctx, u)
	in, err := svc.ProposeInitiative(oa, "other", domain.Initiative{Name: "Zadruga", Sector: "food", Location: domain.Point{Lat: 46.051, Lng: 14.501}})
	must(err)
	w.otherInitiative = in.ID
	w.otherExact = domain.Point{Lat: 46.04987, Lng: 14.50213}
	r, err := svc.CreateRequest(oa, "other", domain.Request{Category: "transport", Title: "Lift", Location: w.otherExact,
		NeededFrom: now.Add(time.Hour), NeededBy: now.Add(30 * 24 * time.Hour)})
	must(err)
	w.otherReq, w.otherApprox = r.ID, r.Approx
	return w
}

func key(community, kind string, id int64) string {
	return fmt.Sprintf("%s/%s/%d", community, kind, id)
}

// TestMapData: the community's map is valid GeoJSON listing approved
// initiatives and organisations, opportunities with an upcoming open shift
// and open requests at their approximate place only; proposals, cancelled
// requests and other communities are absent, and the instance map has
// every community.
func TestMapData(t *testing.T) {
	w := newMapWorld(t)
	f, err := w.svc.MapData(w.ctx, "town", service.MapQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := checkGeoJSON(t, f.Bytes())
	want := map[string]mapPoint{
		key("town", "initiative", w.initiative.ID): {Name: w.initiative.Name, Sector: "repair",
			URL: fmt.Sprintf("/c/town/directory/%d", w.initiative.ID), Lng: 4.893, Lat: 52.372},
		key("town", "organisation", w.org.ID): {Name: "Food bank", Sector: "food",
			URL: fmt.Sprintf("/c/town/organisations/%d", w.org.ID), Lng: 4.9, Lat: 52.37},
		key("town", "opportunity", w.soon.ID): {Name: "Sorting", Sector: "food",
			URL: fmt.Sprintf("/c/town/opportunities/%d", w.soon.ID), Lng: 4.897, Lat: 52.368},
		key("town", "opportunity", w.later.ID): {Name: "Delivering", Sector: "food",
			URL: fmt.Sprintf("/c/town/opportunities/%d", w.later.ID), Lng: 4.899, Lat: 52.369},
		key("town", "request", w.request.ID): {Name: "Bread", Sector: "groceries", URL: "/c/town",
			Lng: w.request.Approx.Lng, Lat: w.request.Approx.Lat},
	}
	if len(got) != len(want) {
		t.Errorf("%d features, want %d: %v", len(got), len(want), got)
	}
	for k, wp := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s missing", k)
			continue
		}
		if g.Name != wp.Name || g.Sector != wp.Sector || g.URL != wp.URL || g.Lng != wp.Lng || g.Lat != wp.Lat {
			t.Errorf("%s = %+v, want %+v", k, g, wp)
		}
	}
	req := got[key("town", "request", w.request.ID)]
	if req.Lat == w.exact.Lat || req.Lng == w.exact.Lng || math.Abs(req.Lat-w.exact.Lat) > 0.01 {
		t.Errorf("request at [%v, %v]: want the approximate point near, not at, the exact %v", req.Lng, req.Lat, w.exact)
	}
	for _, leak := range []string{"52.37123", "4.90187", "Secret street", "Secret garden", "Unapproved club", "Milk", "Zadruga", "Lift"} {
		if strings.Contains(string(f.Bytes()), leak) {
			t.Errorf("the map holds %q:\n%s", leak, f.Bytes())
		}
	}

	all, err := w.svc.InstanceMapData(w.ctx, service.MapQuery{})
	if err != nil {
		t.Fatal(err)
	}
	every := checkGeoJSON(t, all.Bytes())
	if len(every) != len(want)+2 {
		t.Errorf("instance map has %d features, want %d", len(every), len(want)+2)
	}
	for k := range want {
		if _, ok := every[k]; !ok {
			t.Errorf("instance map lacks %s", k)
		}
	}
	if p, ok := every[key("other", "initiative", w.otherInitiative)]; !ok || p.URL != fmt.Sprintf("/c/other/directory/%d", w.otherInitiative) {
		t.Errorf("instance map: the other community's initiative %+v, %v", p, ok)
	}
	p := every[key("other", "request", w.otherReq)]
	if p.Lat != w.otherApprox.Lat || p.Lng != w.otherApprox.Lng || p.Lat == w.otherExact.Lat || p.URL != "/c/other" {
		t.Errorf("instance map: the other request at %+v, want its approximate %v", p, w.otherApprox)
	}
	if strings.Contains(string(all.Bytes()), "46.04987") || strings.Contains(string(all.Bytes()), "14.50213") {
		t.Error("the instance map holds an exact request location")
	}

	// Once the first shift has begun, only the later opportunity is upcoming.
	*w.now = w.now.Add(5 * 24 * time.Hour)
	f2, err := w.svc.MapData(w.ctx, "town", service.MapQuery{Kind: "opportunity"})
	if err != nil {
		t.Fatal(err)
	}
	if got := checkGeoJSON(t, f2.Bytes()); len(got) != 1 || got[key("town", "opportunity", w.later.ID)].Name != "Delivering" {
		t.Errorf("upcoming opportunities: %v", got)
	}
	if f2.ETag == f.ETag || f2.ETag == "" || !strings.HasPrefix(f2.ETag, `"`) {
		t.Errorf("ETags %s and %s", f.ETag, f2.ETag)
	}
	again, err := w.svc.MapData(w.ctx, "town", service.MapQuery{Kind: "opportunity"})
	if err != nil || again.ETag != f2.ETag {
		t.Errorf("the same map twice: ETag %s then %s, %v", f2.ETag, again.ETag, err)
	}

	if _, err := w.svc.MapData(w.ctx, "nowhere", service.MapQuery{}); domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("an unknown community: %v", err)
	}
}

// TestMapDataFilters: kind, sector and bbox narrow the map; a box out of
// range or inverted and an unknown kind are invalid input.
func TestMapDataFilters(t *testing.T) {
	w := newMapWorld(t)
	keys := func(q service.MapQuery) []string {
		t.Helper()
		f, err := w.svc.MapData(w.ctx, "town", q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		var list []string
		for k := range checkGeoJSON(t, f.Bytes()) {
			list = append(list, k)
		}
		return list
	}
	if got := keys(service.MapQuery{Kind: "initiative"}); len(got) != 1 || got[0] != key("town", "initiative", w.initiative.ID) {
		t.Errorf("kind=initiative: %v", got)
	}
	if got := keys(service.MapQuery{Sector: "food"}); len(got) != 3 {
		t.Errorf("sector=food: the organisation and both opportunities, got %v", got)
	}
	if got := keys(service.MapQuery{Sector: "groceries", Kind: "request"}); len(got) != 1 || got[0] != key("town", "request", w.request.ID) {
		t.Errorf("sector=groceries&kind=request: %v", got)
	}
	// A box around the initiative only.
	if got := keys(service.MapQuery{BBox: "4.892,52.3715,4.894,52.3725"}); len(got) != 1 || got[0] != key("town", "initiative", w.initiative.ID) {
		t.Errorf("a box around the initiative: %v", got)
	}
	// A box around the exact request location but not its approximate
	// point finds nothing: the filter uses the public point too.
	a, e := w.request.Approx, w.exact
	if a.Lng != e.Lng {
		lo, hi := e.Lng-math.Abs(a.Lng-e.Lng)/2, e.Lng+math.Abs(a.Lng-e.Lng)/2
		if got := keys(service.MapQuery{Kind: "request", BBox: fmt.Sprintf("%v,%v,%v,%v", lo, e.Lat-0.0001, hi, e.Lat+0.0001)}); len(got) != 0 {
			t.Errorf("a box around the exact place finds %v", got)
		}
	}
	if got := keys(service.MapQuery{BBox: "-180,-90,180,90"}); len(got) != 5 {
		t.Errorf("the whole world: %v", got)
	}
	for _, bad := range []service.MapQuery{
		{BBox: "4.9,52.4,4.8,52.3"}, {BBox: "4.8,52.4,4.9,52.3"}, {BBox: "-181,0,0,10"}, {BBox: "0,-91,10,10"},
		{BBox: "0,0,181,10"}, {BBox: "0,0,10,91"}, {BBox: "1,2,3"}, {BBox: "a,b,c,d"}, {BBox: "NaN,0,1,1"},
		{Kind: "volunteer"}, {Sector: strings.Repeat("x", 61)},
	} {
		if _, err := w.svc.MapData(w.ctx, "town", bad); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("%+v: %v, want invalid", bad, err)
		}
		if _, err := w.svc.InstanceMapData(w.ctx, bad); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("instance %+v: %v, want invalid", bad, err)
		}
	}
}

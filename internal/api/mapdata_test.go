package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"mutua/internal/service"
)

// mapFeatures decodes a map file into its features' kinds, names or
// titles and coordinates, failing unless it is a FeatureCollection.
func mapFeatures(t *testing.T, body string) map[string][2]float64 {
	t.Helper()
	var doc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties struct {
				Kind  string `json:"kind"`
				Name  string `json:"name"`
				Title string `json:"title"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || doc.Type != "FeatureCollection" {
		t.Fatalf("not a FeatureCollection (%v): %s", err, body)
	}
	out := map[string][2]float64{}
	for _, f := range doc.Features {
		if f.Type != "Feature" || f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 {
			t.Fatalf("feature %+v", f)
		}
		out[f.Properties.Kind+":"+f.Properties.Name+f.Properties.Title] = [2]float64{f.Geometry.Coordinates[0], f.Geometry.Coordinates[1]}
	}
	return out
}

// conditional sends GET path with If-None-Match.
func conditional(t *testing.T, w *world, path, tag string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, w.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("If-None-Match", tag)
	res, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestMapGeoJSON: the community and instance map files are public
// GeoJSON with caching headers, answer a matching If-None-Match with an
// empty 304, keep communities apart, show requests only at their
// approximate place, and refuse bad filters as problems.
func TestMapGeoJSON(t *testing.T) {
	w := newWorld(t, service.Options{})
	w.mustDo(t, "admin", "POST", "/api/v1/communities/alpha/initiatives", initiativeBody("Repair café", "repair"), 201)
	w.mustDo(t, "member", "POST", "/api/v1/communities/alpha/initiatives", initiativeBody("Hidden garden", "gardening"), 201)
	w.mustDo(t, "beta-admin", "POST", "/api/v1/communities/beta/initiatives", initiativeBody("Beta cooperative", "food"), 201)
	from, to := time.Now().Add(time.Hour).UTC().Format(time.RFC3339), time.Now().Add(48*time.Hour).UTC().Format(time.RFC3339)
	created := w.mustDo(t, "member", "POST", "/api/v1/communities/alpha/requests", fmt.Sprintf(
		`{"category":"groceries","title":"Bread run","location":{"lat":46.05123,"lng":14.50187},"address":"Hidden street 5",`+
			`"needed_from":"%s","needed_by":"%s"}`, from, to), 201)
	var req struct {
		Approx struct{ Lat, Lng float64 } `json:"approx_location"`
	}
	if err := json.Unmarshal([]byte(created), &req); err != nil || req.Approx.Lat == 0 {
		t.Fatalf("created request %s: %v", created, err)
	}

	path := "/api/v1/communities/alpha/map.geojson"
	res, body := w.do(t, "", http.MethodGet, path, "")
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=60" {
		t.Errorf("Cache-Control %q", cc)
	}
	etag := res.Header.Get("ETag")
	if len(etag) < 10 || !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
		t.Fatalf("ETag %q", etag)
	}
	got := mapFeatures(t, body)
	if len(got) != 2 {
		t.Errorf("features %v: want the approved initiative and the request", got)
	}
	if _, ok := got["initiative:Repair café"]; !ok {
		t.Errorf("the approved initiative is missing: %v", got)
	}
	if p := got["request:Bread run"]; p != [2]float64{req.Approx.Lng, req.Approx.Lat} {
		t.Errorf("the request at %v, want its approximate [%v, %v]", p, req.Approx.Lng, req.Approx.Lat)
	}
	for _, leak := range []string{"46.05123", "14.50187", "Hidden", "Beta cooperative"} {
		if strings.Contains(body, leak) {
			t.Errorf("the alpha map holds %q", leak)
		}
	}

	res, head := w.do(t, "", http.MethodHead, path, "")
	if res.StatusCode != 200 || head != "" || res.Header.Get("ETag") != etag || res.Header.Get("Content-Length") != fmt.Sprint(len(body)) {
		t.Errorf("HEAD: %d, ETag %q, Content-Length %q, body %q", res.StatusCode, res.Header.Get("ETag"), res.Header.Get("Content-Length"), head)
	}
	for _, tag := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
		res, body := conditional(t, w, path, tag)
		if res.StatusCode != http.StatusNotModified || body != "" || res.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: %d, ETag %q, body %q; want an empty 304", tag, res.StatusCode, res.Header.Get("ETag"), body)
		}
	}
	if res, body := conditional(t, w, path, `"stale"`); res.StatusCode != 200 || mapFeatures(t, body) == nil {
		t.Errorf("a stale tag: %d", res.StatusCode)
	}
	// A change gives a new tag, and the old one no longer matches.
	w.mustDo(t, "admin", "POST", "/api/v1/communities/alpha/initiatives", initiativeBody("Energy co-op", "energy"), 201)
	res, body = conditional(t, w, path, etag)
	if res.StatusCode != 200 || res.Header.Get("ETag") == etag || len(mapFeatures(t, body)) != 3 {
		t.Errorf("after a change: %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}

	res, body = w.do(t, "", http.MethodGet, "/api/v1/map.geojson", "")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/geo+json" || res.Header.Get("ETag") == "" {
		t.Fatalf("instance map: %d %v", res.StatusCode, res.Header)
	}
	all := mapFeatures(t, body)
	if _, ok := all["initiative:Beta cooperative"]; !ok || len(all) != 4 {
		t.Errorf("instance map: %v", all)
	}
	if strings.Contains(body, "46.05123") || strings.Contains(body, "Hidden") {
		t.Error("the instance map leaks a private detail")
	}
	res, _ = conditional(t, w, "/api/v1/map.geojson", res.Header.Get("ETag"))
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("instance map with its own tag: %d", res.StatusCode)
	}

	res, body = w.do(t, "", http.MethodGet, path+"?kind=request&bbox=14.4,46.0,14.6,46.1", "")
	if got := mapFeatures(t, body); res.StatusCode != 200 || len(got) != 1 {
		t.Errorf("kind and bbox: %d %v", res.StatusCode, got)
	}
	res, body = w.do(t, "", http.MethodGet, path+"?bbox=0,0,1,1", "")
	if got := mapFeatures(t, body); res.StatusCode != 200 || len(got) != 0 {
		t.Errorf("a box elsewhere: %d %v", res.StatusCode, got)
	}

	w.run(t, []scenario{
		{name: "inverted box", method: "GET", path: path + "?bbox=14.6,46.0,14.4,46.1", status: 422, want: []string{"bbox"}},
		{name: "latitude out of range", method: "GET", path: path + "?bbox=14.4,-91,14.6,46.1", status: 422, want: []string{"bbox"}},
		{name: "longitude out of range", method: "GET", path: "/api/v1/map.geojson?bbox=14.4,46,181,46.1", status: 422, want: []string{"bbox"}},
		{name: "three numbers", method: "GET", path: path + "?bbox=1,2,3", status: 422, want: []string{"bbox"}},
		{name: "unknown kind", method: "GET", path: path + "?kind=volunteer", status: 422, want: []string{"kind"}},
		{name: "unknown community", method: "GET", path: "/api/v1/communities/nowhere/map.geojson", status: 404},
		{name: "a wrong token still fails", actor: "not-a-token", method: "GET", path: path, status: 401},
		{name: "a member reads the same map", actor: "beta-member", method: "GET", path: path, status: 200,
			want: []string{"Repair café"}, reject: []string{"Beta cooperative", "Hidden"}},
		{name: "described in the OpenAPI document", method: "GET", path: "/api/v1/openapi.json", status: 200,
			want: []string{`"community-map"`, `"instance-map"`, "/api/v1/communities/{c}/map.geojson", "application/geo+json"}},
	})
}

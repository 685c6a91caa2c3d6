package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// geoJSONType is the media type of RFC 7946.
const geoJSONType = "application/geo+json"

// registerMapData serves the open map data of one community and of the
// whole instance. The handlers are raw, outside huma's encoding, because a
// matching If-None-Match must get a 304 without a body; the operations are
// still described in the OpenAPI document.
func (a *API) registerMapData(h huma.API) {
	community := a.mapOperation("/communities/{c}/map.geojson", "community-map",
		"The community's public points as GeoJSON (RFC 7946)")
	community.Parameters = append([]*huma.Param{
		{Name: "c", In: "path", Required: true, Schema: &huma.Schema{Type: "string", MaxLength: intPtr(40)}},
	}, community.Parameters...)
	h.OpenAPI().AddOperation(community)
	h.Adapter().Handle(community, func(hc huma.Context) {
		r, w := humago.Unwrap(hc)
		a.serveMap(w, r, func(q service.MapQuery) (service.MapFile, error) {
			return a.svc.MapData(r.Context(), r.PathValue("c"), q)
		})
	})

	instance := a.mapOperation("/map.geojson", "instance-map",
		"Every community's public points as GeoJSON (RFC 7946)")
	h.OpenAPI().AddOperation(instance)
	h.Adapter().Handle(instance, func(hc huma.Context) {
		r, w := humago.Unwrap(hc)
		a.serveMap(w, r, func(q service.MapQuery) (service.MapFile, error) {
			return a.svc.InstanceMapData(r.Context(), q)
		})
	})
}

// mapOperation describes a map file: its filters and its answers.
func (a *API) mapOperation(path, id, summary string) *huma.Operation {
	op := a.op(http.MethodGet, path, id, summary, "map")
	op.Security = append([]map[string][]string{{}}, authenticated...)
	op.Description = "A FeatureCollection of Point features, coordinates [longitude, latitude]. Each feature's " +
		"properties give its kind, id, name (title for opportunities and requests), sector (category for " +
		"opportunities and requests), community and the path of its page. Approved initiatives and " +
		"organisations, opportunities with an upcoming open shift, and open requests at their approximate " +
		"location (the centre of a cell of about 500 m), never the exact one. Send the ETag back in " +
		"If-None-Match to get 304 Not Modified when nothing changed."
	kinds := make([]any, len(domain.MapKinds))
	for i, k := range domain.MapKinds {
		kinds[i] = k
	}
	op.Parameters = []*huma.Param{
		{Name: "kind", In: "query", Description: "only features of this kind",
			Schema: &huma.Schema{Type: "string", Enum: kinds}},
		{Name: "sector", In: "query", Description: "only features of this sector or category",
			Schema: &huma.Schema{Type: "string", MaxLength: intPtr(service.MaxMapSectorLen)}},
		{Name: "bbox", In: "query", Description: "minLon,minLat,maxLon,maxLat: only features inside this box",
			Schema: &huma.Schema{Type: "string", Examples: []any{"14.4,46.0,14.6,46.1"}}},
		{Name: "If-None-Match", In: "header", Description: "the ETag of a copy already held",
			Schema: &huma.Schema{Type: "string"}},
	}
	cacheHeaders := map[string]*huma.Param{
		"ETag":          {Schema: &huma.Schema{Type: "string"}},
		"Cache-Control": {Schema: &huma.Schema{Type: "string"}},
	}
	problem := map[string]*huma.MediaType{"application/problem+json": {Schema: &huma.Schema{Type: "object"}}}
	op.Responses = map[string]*huma.Response{
		"200": {Description: "the FeatureCollection", Headers: cacheHeaders, Content: map[string]*huma.MediaType{
			geoJSONType: {Schema: &huma.Schema{Type: "object"}},
		}},
		"304": {Description: "unchanged since the ETag sent in If-None-Match", Headers: cacheHeaders},
		"404": {Description: "no such community", Content: problem},
		"422": {Description: "an unknown kind, or a bounding box out of range or inverted", Content: problem},
	}
	return &op
}

// serveMap answers with the file load builds from the request's filters.
func (a *API) serveMap(w http.ResponseWriter, r *http.Request, load func(service.MapQuery) (service.MapFile, error)) {
	v := r.URL.Query()
	f, err := load(service.MapQuery{Kind: v.Get("kind"), Sector: v.Get("sector"), BBox: v.Get("bbox")})
	if err != nil {
		httpx.WriteProblem(w, httpx.ProblemFrom(r.Context(), a.log, err))
		return
	}
	hdr := w.Header()
	hdr.Set("ETag", f.ETag)
	// Public and the same for everyone; a minute keeps maps fresh enough.
	hdr.Set("Cache-Control", "public, max-age=60")
	if etagMatches(r.Header.Values("If-None-Match"), f.ETag) {
		f.Release()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hdr.Set("Content-Type", geoJSONType)
	hdr.Set("Content-Length", strconv.Itoa(f.Size()))
	if r.Method != http.MethodHead {
		_, _ = f.WriteTo(w)
	}
	f.Release()
}

// etagMatches applies If-None-Match's weak comparison (RFC 9110 13.1.2):
// "*" or any listed tag equal to etag once a W/ prefix is ignored.
func etagMatches(headers []string, etag string) bool {
	for _, h := range headers {
		for _, tag := range strings.Split(h, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || tag == etag {
				return true
			}
		}
	}
	return false
}

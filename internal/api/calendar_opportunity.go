package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/httpx"
)

// opportunityCalendarPath is an opportunity's public feed under /api/v1.
const opportunityCalendarPath = "/communities/{c}/opportunities/{id}.ics"

// registerOpportunityCalendar describes the public feed in the OpenAPI
// document. calendarFiles serves it, because huma's router cannot.
func (a *API) registerOpportunityCalendar(h huma.API) {
	op := a.op(http.MethodGet, opportunityCalendarPath, "opportunity-calendar",
		"An opportunity's shifts as a public iCalendar (RFC 5545) feed", "opportunities")
	op.Description = "Anyone may subscribe. Shifts from the past week on; each event links to the opportunity's page."
	op.Parameters = []*huma.Param{
		{Name: "c", In: "path", Required: true, Schema: &huma.Schema{Type: "string", MaxLength: intPtr(40)}},
		{Name: "id", In: "path", Required: true, Schema: &huma.Schema{Type: "integer", Format: "int64"}},
	}
	op.Responses = map[string]*huma.Response{
		"200": {Description: "the calendar", Content: map[string]*huma.MediaType{
			"text/calendar": {Schema: &huma.Schema{Type: "string"}},
		}},
		"404": {Description: "no such opportunity in this community", Content: map[string]*huma.MediaType{
			"application/problem+json": {Schema: &huma.Schema{Type: "object"}},
		}},
	}
	h.OpenAPI().AddOperation(&op)
}

func intPtr(n int) *int { return &n }

// calendarFiles answers requests for an opportunity's .ics itself and
// passes everything else to next.
func (a *API) calendarFiles(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slug, id, ok := opportunityCalendarRequest(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			httpx.WriteProblem(w, httpx.NewProblem(http.StatusMethodNotAllowed, "method_not_allowed", "a calendar can only be read"))
			return
		}
		a.opportunityCalendar(w, r, slug, id)
	})
}

// opportunityCalendarRequest recognises /api/v1/communities/{c}/opportunities/{id}.ics.
// An id that is not a number is still recognised, so that it gets a 404
// instead of reaching the JSON route as a malformed id.
func opportunityCalendarRequest(path string) (slug string, id int64, ok bool) {
	rest, found := strings.CutPrefix(path, "/api/v1/communities/")
	if !found {
		return "", 0, false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[1] != "opportunities" || !strings.HasSuffix(parts[2], ".ics") {
		return "", 0, false
	}
	id, err := strconv.ParseInt(strings.TrimSuffix(parts[2], ".ics"), 10, 64)
	if err != nil || id <= 0 {
		id = 0
	}
	return parts[0], id, true
}

func (a *API) opportunityCalendar(w http.ResponseWriter, r *http.Request, slug string, id int64) {
	ctx := r.Context()
	if id == 0 {
		httpx.WriteProblem(w, httpx.NewProblem(http.StatusNotFound, "not_found", "opportunity not found"))
		return
	}
	scheme := "http"
	if httpx.SecureContext(ctx) || r.TLS != nil {
		scheme = "https"
	}
	cal, err := a.svc.OpportunityCalendar(ctx, slug, id, scheme+"://"+r.Host)
	if err != nil {
		httpx.WriteProblem(w, httpx.ProblemFrom(ctx, a.log, err))
		return
	}
	body := cal.Bytes()
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	// Public and the same for everyone; apps poll it every few hours.
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}

// Package api serves mutua's JSON API v1 under /api/v1 with huma, which also
// writes the OpenAPI 3.1 document. Handlers decode, call one service method
// and encode; every rule lives in the service.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// Version is the API version in the OpenAPI document.
const Version = "1.0.0"

// Options configures the API.
type Options struct {
	Service      *service.Service
	Logger       *slog.Logger
	MaxBodyBytes int64
	// AppVersion is the build's version, shown in the OpenAPI info.
	AppVersion string
}

// API holds the handlers' dependencies.
type API struct {
	svc    *service.Service
	log    *slog.Logger
	maxBod int64
}

func init() {
	// huma builds its own errors (malformed JSON, schema violations) through
	// this hook; routing it to httpx.Problem gives every error the same
	// problem+json shape with a stable code.
	huma.NewError = newHumaError
}

// Register mounts the API on mux and returns the huma API (for tests and
// for writing the OpenAPI document).
func Register(mux *http.ServeMux, o Options) huma.API {
	cfg := huma.DefaultConfig("mutua API", Version)
	cfg.Info.Description = "The JSON API of mutua, a self-hosted exchange of help. Errors are RFC 9457 problem+json with a stable `code`."
	cfg.OpenAPIPath = "/api/v1/openapi"
	cfg.DocsPath = "" // the docs page would load scripts from a CDN
	cfg.SchemasPath = "/api/v1/schemas"
	cfg.CreateHooks = nil // no $schema links in bodies: the contract is the plain objects
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer":  {Type: "http", Scheme: "bearer", Description: "the token returned by POST /api/v1/auth/login"},
		"session": {Type: "apiKey", In: "cookie", Name: httpx.SessionCookie},
	}
	// huma routes on its own mux, reached through calendarFiles: the
	// ServeMux cannot route /opportunities/{id}.ics next to
	// /opportunities/{id}, since a wildcard is always a whole segment.
	inner := http.NewServeMux()
	h := humago.New(inner, cfg)
	a := &API{svc: o.Service, log: o.Logger, maxBod: o.MaxBodyBytes}
	a.registerAuth(h)
	a.registerCommunities(h)
	a.registerMembers(h)
	a.registerClients(h)
	a.registerRequests(h)
	a.registerVolunteers(h)
	a.registerAssignments(h)
	a.registerPlaces(h)
	a.registerOrganisations(h)
	a.registerOffers(h)
	a.registerInitiatives(h)
	a.registerCalendar(h)
	a.registerOpportunityCalendar(h)
	a.registerNotificationPrefs(h)
	a.registerLoginLinks(h)
	a.registerNoticesAdmin(h)
	a.registerImpact(h)
	a.registerMapData(h)
	a.registerDirectoryExport(h)
	// Without this the pages' friendly HTML 404 would answer API clients.
	inner.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteProblem(w, httpx.NewProblem(http.StatusNotFound, "not_found", "there is no API endpoint for "+r.Method+" "+r.URL.Path))
	})
	mux.Handle("/api/", a.calendarFiles(inner))
	return h
}

var authenticated = []map[string][]string{{"bearer": {}}, {"session": {}}}

// op fills the fields every operation shares.
func (a *API) op(method, path, id, summary string, tags ...string) huma.Operation {
	return huma.Operation{
		OperationID: id, Method: method, Path: "/api/v1" + path, Summary: summary,
		Tags: tags, MaxBodyBytes: a.maxBod,
	}
}

// secured registers an operation that needs a logged-in caller.
// status is the success status; 0 means 200.
func secured[I, O any](a *API, h huma.API, method, path, id, summary string, status int, fn func(context.Context, *I) (*O, error)) {
	op := a.op(method, path, id, summary, tagOf(path))
	op.Security = authenticated
	if status != 0 {
		op.DefaultStatus = status
	}
	huma.Register(h, op, fn)
}

// public registers an operation anyone may call. A credential, when one is
// sent, still identifies the caller, who may then see more.
func public[I, O any](a *API, h huma.API, method, path, id, summary string, status int, fn func(context.Context, *I) (*O, error)) {
	op := a.op(method, path, id, summary, tagOf(path))
	op.Security = append([]map[string][]string{{}}, authenticated...)
	if status != 0 {
		op.DefaultStatus = status
	}
	huma.Register(h, op, fn)
}

// tagOf groups operations in the OpenAPI document by the resource after
// the community: /communities/{c}/requests/{id} is tagged "requests".
func tagOf(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(parts) > 2 {
		return parts[2]
	}
	return parts[0]
}

// result returns out, or the problem for err.
func result[O any](ctx context.Context, a *API, out *O, err error) (*O, error) {
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return out, nil
}

// fail turns a service error into a problem, logging internal causes.
func (a *API) fail(ctx context.Context, err error) error {
	return httpx.ProblemFrom(ctx, a.log, err)
}

func newHumaError(status int, msg string, errs ...error) huma.StatusError {
	p := httpx.NewProblem(status, codeForStatus(status), msg)
	for _, e := range errs {
		if e == nil {
			continue
		}
		fe := domain.FieldError{Code: "invalid", Message: e.Error()}
		if d, ok := e.(huma.ErrorDetailer); ok {
			det := d.ErrorDetail()
			fe.Message = det.Message
			fe.Field = strings.TrimPrefix(strings.TrimPrefix(det.Location, "body."), "body")
		}
		p.Errors = append(p.Errors, fe)
	}
	return p
}

func codeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnprocessableEntity:
		return "invalid"
	case http.StatusRequestEntityTooLarge:
		return "body_too_large"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusNotAcceptable:
		return "not_acceptable"
	}
	if status >= 500 {
		return "internal"
	}
	return "error"
}

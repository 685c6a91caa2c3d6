// Package web serves mutua's HTML pages: server-rendered with html/template,
// translated per request, usable without JavaScript, with static assets under
// content-hashed URLs. Handlers decode a form, call one service method and
// render or redirect; every rule lives in package service.
package web

import (
	"errors"
	"log/slog"
	"net/http"

	"mutua/internal/i18n"
	"mutua/internal/service"
)

// Options configures the pages. Service and Catalog are required.
type Options struct {
	Service *service.Service
	Catalog *i18n.Catalog
	// Logger receives unexpected errors; slog.Default() when nil.
	Logger *slog.Logger
	// Tiles is the map tile server; the zero value shows maps without tiles.
	Tiles Tiles
}

// Pages holds the parsed templates and assets and serves every page.
// It is safe for concurrent use.
type Pages struct {
	svc       *service.Service
	catalog   *i18n.Catalog
	log       *slog.Logger
	templates map[string]*pageTemplate
	assets    *assets
	tiles     Tiles
}

// New parses every template and hashes every asset once. It fails on a
// template error, so a broken page stops the server at start instead of
// failing in front of a visitor.
func New(o Options) (*Pages, error) {
	if o.Service == nil || o.Catalog == nil {
		return nil, errors.New("web: Options.Service and Options.Catalog are required")
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	a, err := newAssets(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	if err := a.require(vendored...); err != nil {
		return nil, err
	}
	p := &Pages{svc: o.Service, catalog: o.Catalog, log: o.Logger, assets: a, tiles: o.Tiles}
	if p.templates, err = parsePages(templateFiles, a); err != nil {
		return nil, err
	}
	return p, nil
}

// Register adds the page routes to mux. The caller wraps mux with the
// middleware that authenticates the session cookie into the request context
// (service.WithActor), guards against cross-origin posts, limits bodies and
// recovers from panics.
//
// The catch-all is registered as "/" without a method: a method-less pattern
// never conflicts with the API's patterns on the same mux ("GET /" would
// conflict with any method-less one such as "/api/v1/"), and any method on
// an unknown path deserves the same friendly 404.
func (p *Pages) Register(mux *http.ServeMux) {
	for _, a := range areas {
		a.routes(p, mux)
	}
	mux.HandleFunc("GET "+assetPrefix+"{hash}/{name...}", p.assets.serve)
	mux.HandleFunc("GET /favicon.ico", p.favicon)
	mux.HandleFunc("/", p.notFound)
}

// coreRoutes are the front door, accounts and the language switch.
func (p *Pages) coreRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", p.home)
	mux.HandleFunc("GET /c/{slug}", p.community)
	mux.HandleFunc("POST /c/{slug}/join", p.join)
	mux.HandleFunc("GET /c/{slug}/register", p.registerForm)
	mux.HandleFunc("POST /c/{slug}/register", p.register)
	mux.HandleFunc("GET /login", p.loginForm)
	mux.HandleFunc("POST /login", p.login)
	mux.HandleFunc("POST /logout", p.logout)
	mux.HandleFunc("POST /language", p.switchLanguage)
}

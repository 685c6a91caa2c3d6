package web

import (
	"fmt"
	"net/http"
)

// area is one part of the site, kept in its own files: its pages and its
// routes. Splitting by area keeps each part's handlers, templates
// (templates/pages/<area>_*.html) and catalogue (i18n locales/<lang>/<area>.json)
// together.
type area struct {
	name   string
	pages  map[string]pageSpec
	routes func(p *Pages, mux *http.ServeMux)
}

// areas lists every part of the site.
var areas = []area{
	{name: "core", pages: corePages, routes: (*Pages).coreRoutes},
	{name: "desk", pages: deskPages, routes: (*Pages).deskRoutes},
	{name: "volunteer", pages: volunteerPages, routes: (*Pages).volunteerRoutes},
	{name: "ask", pages: askPages, routes: (*Pages).askRoutes},
	{name: "admin", pages: adminPages, routes: (*Pages).adminRoutes},
	{name: "shifts", pages: shiftsPages, routes: (*Pages).shiftsRoutes},
	{name: "coord", pages: coordPages, routes: (*Pages).coordRoutes},
	{name: "org", pages: orgPages, routes: (*Pages).orgRoutes},
	{name: "offers", pages: offersPages, routes: (*Pages).offersRoutes},
	{name: "signin", pages: signinPages, routes: (*Pages).signinRoutes},
	{name: "notices", pages: noticesPages, routes: (*Pages).noticesRoutes},
	{name: "impact", pages: impactPages, routes: (*Pages).impactRoutes},
	{name: "directory", pages: directoryPages, routes: (*Pages).directoryRoutes},
	{name: "map", pages: mapPages, routes: (*Pages).mapRoutes},
}

// pageSpecs merges the pages of every area; two areas may not use one name.
func pageSpecs() (map[string]pageSpec, error) {
	all := map[string]pageSpec{}
	for _, a := range areas {
		for name, spec := range a.pages {
			if _, dup := all[name]; dup {
				return nil, fmt.Errorf("web: page %q is defined twice (area %s)", name, a.name)
			}
			all[name] = spec
		}
	}
	return all, nil
}

package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
)

//go:embed templates
var templateFiles embed.FS

// logoAsset is the site's logo, also its favicon.
const logoAsset = "img/logo.svg"

// pageSpec names the layout and partials one page is built from. A page file
// defines "title" and "content"; the layout defines the document around them.
type pageSpec struct {
	layout   string
	partials []string
}

// chrome are the partials of the base layout: header, language switch, footer.
var chrome = []string{"header", "language_switch", "footer"}

// withChrome returns chrome followed by extra partials.
func withChrome(extra ...string) []string {
	return append(append([]string(nil), chrome...), extra...)
}

// corePages lists the pages of the front door and the login flow. Adding a
// page means a file in templates/pages, a line in its area's list, and a data
// type embedding *view.
var corePages = map[string]pageSpec{
	"home":     {layout: "base", partials: chrome},
	"register": {layout: "base", partials: withChrome("form_summary", "field", "select")},
	"login":    {layout: "base", partials: withChrome("form_summary", "field")},
	"problem":  {layout: "base", partials: chrome},
}

// pageTemplate is one page's parsed template set and the layout to run.
type pageTemplate struct {
	layout string
	tmpl   *template.Template
}

// parsePages parses each page with its layout and partials. Each page gets
// its own set, so pages may all define "title" and "content".
func parsePages(fsys fs.FS, a *assets) (map[string]*pageTemplate, error) {
	funcs := template.FuncMap{"asset": a.URL}
	specs, err := pageSpecs()
	if err != nil {
		return nil, err
	}
	pages := make(map[string]*pageTemplate, len(specs))
	for name, spec := range specs {
		files := []string{"templates/layouts/" + spec.layout + ".html"}
		for _, partial := range spec.partials {
			files = append(files, "templates/partials/"+partial+".html")
		}
		files = append(files, "templates/pages/"+name+".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(fsys, files...)
		if err != nil {
			return nil, fmt.Errorf("web: page %s: %w", name, err)
		}
		if err := checkEscaping(t, spec.layout); err != nil {
			return nil, fmt.Errorf("web: page %s: %w", name, err)
		}
		pages[name] = &pageTemplate{layout: spec.layout, tmpl: t}
	}
	return pages, nil
}

// checkEscaping makes html/template analyse the page now rather than on its
// first request: it escapes a template before executing it, so a run with
// no data reports escaping errors (as *template.Error) while the execution
// errors that no data causes are expected and ignored.
func checkEscaping(t *template.Template, layout string) error {
	err := t.ExecuteTemplate(io.Discard, layout, nil)
	var escErr *template.Error
	if errors.As(err, &escErr) {
		return err
	}
	return nil
}

// render executes a page into a buffer first, so a template failure can
// still become a clean error page instead of half a page.
func (p *Pages) render(w http.ResponseWriter, r *http.Request, status int, name string, data page) {
	v := data.common()
	var buf bytes.Buffer
	if err := p.templates[name].tmpl.ExecuteTemplate(&buf, p.templates[name].layout, data); err != nil {
		p.log.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		if name == "problem" {
			http.Error(w, v.T("error.internal"), http.StatusInternalServerError)
			return
		}
		p.render(w, r, http.StatusInternalServerError, "problem",
			&problemPage{view: v, Title: v.T("errorpage.title"), Message: v.T("error.internal")})
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", v.Lang)
	// Pages differ by visitor and language; no shared cache may keep them.
	h.Set("Cache-Control", "private, no-cache")
	h.Add("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

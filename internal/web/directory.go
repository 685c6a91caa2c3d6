package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
)

// The directory area: the community's directory of local initiatives
// (cooperatives, food banks, repair cafés, community gardens, platform
// cooperatives…) together with its approved organisations; the search by
// words, sector and distance; an initiative's page; the form to propose
// or add one; and, for community admins, the proposals with their
// "Approve" buttons. Who may see or approve what is the service's
// decision; these pages leave out only what it would refuse.

var directoryPages = map[string]pageSpec{
	"directory_list":   {layout: "base", partials: withChrome("form_summary", "field", "select")},
	"directory_detail": {layout: "base", partials: withChrome()},
	"directory_form":   {layout: "base", partials: withChrome("form_summary", "field", "select", "textarea", "location")},
}

func (p *Pages) directoryRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/directory", p.directoryList)
	mux.HandleFunc("GET /c/{slug}/directory/new", p.directoryForm)
	mux.HandleFunc("POST /c/{slug}/directory/new", p.directoryPropose)
	mux.HandleFunc("GET /c/{slug}/directory/{id}", p.directoryDetail)
	mux.HandleFunc("POST /c/{slug}/directory/{id}/approve", p.directoryApprove)
}

// directoryBase is what every page of the area shares.
type directoryBase struct {
	*view
	Community domain.Community
	// Notice confirms what the last form did, after its redirect.
	Notice string
}

// The area's addresses, for templates and redirects.
func (b *directoryBase) CommunityURL() string { return communityURL(b.Community.Slug) }
func (b *directoryBase) ListURL() string      { return directoryURL(b.Community.Slug) }
func (b *directoryBase) NewURL() string       { return b.ListURL() + "/new" }

// EntryURL is the page of a directory entry: an initiative's own page, or
// an organisation's profile in the org area.
func (b *directoryBase) EntryURL(e domain.DirectoryEntry) string {
	if e.Kind == domain.EntryOrganisation {
		return orgProfileURL(b.Community.Slug, e.ID)
	}
	return b.InitiativeURL(e.ID)
}

// InitiativeURL is the page of one initiative.
func (b *directoryBase) InitiativeURL(id int64) string {
	return b.ListURL() + "/" + strconv.FormatInt(id, 10)
}

// ApproveURL is where a community admin's "Approve" button posts.
func (b *directoryBase) ApproveURL(id int64) string { return b.InitiativeURL(id) + "/approve" }

// SectorName names a sector of the directory in the reader's language.
func (b *directoryBase) SectorName(s string) string { return b.T("directory.sector." + s) }

// SectorOptions are the sectors, after a first option labelled first.
func (b *directoryBase) SectorOptions(first string) []option {
	opts := []option{{Value: "", Label: first}}
	for _, s := range domain.InitiativeSectors {
		opts = append(opts, option{Value: s, Label: b.SectorName(s)})
	}
	return opts
}

func directoryURL(slug string) string { return communityURL(slug) + "/directory" }

// directoryLoad loads the community and the view of one of the area's pages.
func (p *Pages) directoryLoad(w http.ResponseWriter, r *http.Request) (*directoryBase, bool) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return nil, false
	}
	b := &directoryBase{view: v, Community: c}
	if name := r.URL.Query().Get("done"); directoryNotices[name] {
		b.Notice = v.T("directory.notice." + name)
	}
	return b, true
}

// directoryMember is directoryLoad for what needs a logged-in person:
// visitors are sent to log in and come back to returnTo.
func (p *Pages) directoryMember(w http.ResponseWriter, r *http.Request, returnTo string) (*directoryBase, bool) {
	b, ok := p.directoryLoad(w, r)
	if ok && b.User == nil {
		redirectToLogin(w, r, returnTo)
		return nil, false
	}
	return b, ok
}

// directoryNotices are the confirmations a redirect may ask for with
// ?done=<name>, each the message "directory.notice.<name>".
var directoryNotices = map[string]bool{"proposed": true, "added": true, "approved": true}

func withDirectoryNotice(path, name string) string { return path + "?done=" + url.QueryEscape(name) }

// directoryFail answers a request whose use case failed where no form can
// help: a session that ended leads to the login page, refusals get this
// area's words where it has them, unexpected errors go to fail.
func (p *Pages) directoryFail(w http.ResponseWriter, r *http.Request, b *directoryBase, returnTo string, err error) {
	var de *domain.Error
	switch {
	case domain.KindOf(err) == domain.KindUnauthenticated:
		redirectToLogin(w, r, returnTo)
		return
	case !errors.As(err, &de) || de.Kind == domain.KindInternal:
		p.fail(w, r, b.view, err)
		return
	}
	title := b.T("errorpage.title")
	if de.Kind == domain.KindNotFound {
		title = b.T("notfound.title")
	}
	setRetryAfter(w, err)
	p.render(w, r, httpx.Status(err), "problem", &problemPage{view: b.view, Title: title,
		Message: areaMessage(b.tr, "directory.error.", err)})
}

// failDirectoryForm puts an error on the form like form.fail, in this
// area's words where it has its own ("directory.field.<field>.<code>"),
// with the location reported on the place picker.
func failDirectoryForm(f *form, tr *i18n.Translator, err error) {
	var de *domain.Error
	if errors.As(err, &de) {
		copied := *de
		copied.Fields = nil
		for _, fe := range de.Fields {
			if fe.Field == "location" {
				fe.Field = "place"
			}
			copied.Fields = append(copied.Fields, fe)
		}
		err = &copied
	}
	f.fail(tr, err)
	f.Summary = areaMessage(tr, "directory.error.", err)
	worded := map[string]bool{}
	for _, fe := range askFieldsOf(err) {
		if worded[fe.Field] {
			continue
		}
		worded[fe.Field] = true
		msg, ok := tr.Lookup("directory.field." + fe.Field + "." + fe.Code)
		if !ok {
			continue
		}
		f.errors[fe.Field] = msg
		for i := range f.Problems {
			if f.Problems[i].ID == fieldID(fe.Field) {
				f.Problems[i].Message = msg
			}
		}
	}
}

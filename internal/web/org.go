package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/httpx"
)

// The org area: a community's organisations (NGOs, schools, businesses,
// groups that organise volunteering), the form to propose one, and each
// one's public profile with its upcoming opportunities and, for the people
// who run it, its admins and coordinators. Who may see a proposed
// organisation, approve one or add its people is the service's decision;
// these pages only leave out what it would refuse.

// orgPages are the pages of the org area. Each page file defines its own
// small templates (the breadcrumbs, the optional fields), so the area needs
// no partials of its own.
var orgPages = map[string]pageSpec{
	"org_list":    {layout: "base", partials: withChrome()},
	"org_form":    {layout: "base", partials: withChrome("form_summary", "field", "select", "textarea", "location")},
	"org_profile": {layout: "base", partials: withChrome("form_summary", "field", "select")},
}

func (p *Pages) orgRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/organisations", p.orgList)
	mux.HandleFunc("GET /c/{slug}/organisations/new", p.orgForm)
	mux.HandleFunc("POST /c/{slug}/organisations/new", p.orgPropose)
	mux.HandleFunc("GET /c/{slug}/organisations/{id}", p.orgProfile)
	mux.HandleFunc("POST /c/{slug}/organisations/{id}/approve", p.orgApprove)
	mux.HandleFunc("POST /c/{slug}/organisations/{id}/members", p.orgAddPerson)
}

// orgBase is what every page of the area shares: the community, its
// addresses and the confirmation of the last form.
type orgBase struct {
	*view
	Community domain.Community
	// Notice confirms what the last form did, after its redirect.
	Notice string
}

// The area's addresses, for templates and redirects.
func (b *orgBase) CommunityURL() string { return communityURL(b.Community.Slug) }
func (b *orgBase) ListURL() string      { return orgListURL(b.Community.Slug) }
func (b *orgBase) NewURL() string       { return b.ListURL() + "/new" }

// ProfileURL is the public page of one organisation.
func (b *orgBase) ProfileURL(id int64) string { return orgProfileURL(b.Community.Slug, id) }

// ApproveURL is where a community admin's "Approve" button posts.
func (b *orgBase) ApproveURL(id int64) string { return b.ProfileURL(id) + "/approve" }

// PeopleURL is where the form that adds a person to an organisation posts.
func (b *orgBase) PeopleURL(id int64) string { return b.ProfileURL(id) + "/members" }

// OpportunityURL is the page of one opportunity (the shifts pages).
func (b *orgBase) OpportunityURL(id int64) string {
	return b.CommunityURL() + "/opportunities/" + strconv.FormatInt(id, 10)
}

// PostOpportunityURL and ShiftsURL lead to the pages of the people who run
// an organisation, in the shifts area.
func (b *orgBase) PostOpportunityURL(id int64) string { return b.ProfileURL(id) + "/opportunities/new" }
func (b *orgBase) ShiftsURL(id int64) string          { return b.ProfileURL(id) + "/shifts" }

// TypeName names a kind of organisation ("ngo", "school", …).
func (b *orgBase) TypeName(t string) string { return b.T("org.type." + t) }

func orgListURL(slug string) string { return communityURL(slug) + "/organisations" }

func orgProfileURL(slug string, id int64) string {
	return orgListURL(slug) + "/" + strconv.FormatInt(id, 10)
}

// orgLoad loads the community and the view of one of the area's pages.
func (p *Pages) orgLoad(w http.ResponseWriter, r *http.Request) (*orgBase, bool) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return nil, false
	}
	b := &orgBase{view: v, Community: c}
	if name := r.URL.Query().Get("done"); orgNotices[name] {
		b.Notice = v.T("org.notice." + name)
	}
	return b, true
}

// orgMember is orgLoad for what needs a logged-in person: visitors are
// sent to log in and come back to returnTo (for a form, its page rather
// than the address it posts to).
func (p *Pages) orgMember(w http.ResponseWriter, r *http.Request, returnTo string) (*orgBase, bool) {
	b, ok := p.orgLoad(w, r)
	if ok && b.User == nil {
		redirectToLogin(w, r, returnTo)
		return nil, false
	}
	return b, ok
}

// orgNotices are the confirmations a redirect may ask for with ?done=<name>,
// each the message "org.notice.<name>". Only these can be shown, so a link
// cannot put words of its own on a page.
var orgNotices = map[string]bool{"proposed": true, "approved": true, "person_added": true}

// withOrgNotice adds ?done=name to a local address, before its fragment.
func withOrgNotice(path, name, fragment string) string {
	u := path + "?done=" + url.QueryEscape(name)
	if fragment != "" {
		u += "#" + fragment
	}
	return u
}

// orgID reads the organisation's id from the path; anything else is a page
// that does not exist.
func orgID(r *http.Request) (int64, error) { return pathID(r, "organisation") }

// orgFail answers a request whose use case failed where no form can help.
// A session that ended leads to the login page and back to returnTo; the
// refusals get this area's words where it has them ("org.error.<code>",
// which can say what to do next); unexpected errors go to fail, which logs
// them.
func (p *Pages) orgFail(w http.ResponseWriter, r *http.Request, b *orgBase, returnTo string, err error) {
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
	msg, ok := b.tr.Lookup("org.error."+de.Code, "Name", b.Community.Name)
	if !ok {
		msg = errorMessage(b.tr, err)
	}
	setRetryAfter(w, err)
	p.render(w, r, httpx.Status(err), "problem", &problemPage{view: b.view, Title: title, Message: msg})
}

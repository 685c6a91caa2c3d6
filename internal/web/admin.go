package web

import (
	"net/http"
	"net/url"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// The admin area: a community's settings, places, members and invitations
// for its admins and coordinators, the page behind an invitation link, the
// instance operator's list of communities, and everyone's account page.
// What a person may do is the service's decision (AdminRights and the
// authorization inside every use case); the pages only leave out what it
// would refuse anyway.

// adminPages are the pages of the admin area.
var adminPages = map[string]pageSpec{
	"admin_settings":    {layout: "base", partials: withChrome("admin_nav", "admin_notice", "form_summary", "field", "select", "location", "admin_choices", "admin_input")},
	"admin_places":      {layout: "base", partials: withChrome("admin_nav", "admin_notice", "form_summary", "field", "admin_input", "admin_point")},
	"admin_members":     {layout: "base", partials: withChrome("admin_nav", "admin_notice", "form_summary", "select")},
	"admin_invitations": {layout: "base", partials: withChrome("admin_nav", "admin_notice", "form_summary", "field", "select")},
	"admin_invite":      {layout: "base", partials: withChrome("form_summary", "field", "select")},
	"admin_operator":    {layout: "base", partials: withChrome("admin_notice", "form_summary", "field", "select", "admin_choices", "admin_input", "admin_point")},
	"admin_account":     {layout: "base", partials: withChrome("admin_notice", "form_summary", "field", "select")},
}

func (p *Pages) adminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/admin", p.adminHome)
	mux.HandleFunc("GET /c/{slug}/admin/settings", p.adminSettingsForm)
	mux.HandleFunc("POST /c/{slug}/admin/settings", p.adminSaveSettings)
	mux.HandleFunc("GET /c/{slug}/admin/places", p.adminPlaces)
	mux.HandleFunc("POST /c/{slug}/admin/places", p.adminAddPlace)
	mux.HandleFunc("POST /c/{slug}/admin/places/{id}/remove", p.adminRemovePlace)
	mux.HandleFunc("GET /c/{slug}/admin/members", p.adminMembers)
	mux.HandleFunc("POST /c/{slug}/admin/members/role", p.adminChangeRole)
	mux.HandleFunc("POST /c/{slug}/admin/members/{id}/vetting", p.adminSetVetting)
	mux.HandleFunc("GET /c/{slug}/admin/invitations", p.adminInvitations)
	mux.HandleFunc("POST /c/{slug}/admin/invitations", p.adminInvite)
	mux.HandleFunc("POST /c/{slug}/admin/invitations/{id}/revoke", p.adminRevokeInvitation)
	mux.HandleFunc("GET /invite/{token}", p.inviteForm)
	mux.HandleFunc("POST /invite/{token}", p.inviteAnswer)
	mux.HandleFunc("GET /operator", p.operatorPage)
	mux.HandleFunc("POST /operator", p.operatorCreate)
	mux.HandleFunc("GET /account", p.accountPage)
	mux.HandleFunc("POST /account/language", p.accountLanguage)
	mux.HandleFunc("POST /account/password", p.accountPassword)
	mux.HandleFunc("POST /account/logout-everywhere", p.accountLogoutEverywhere)
}

// adminBase is what every page of a community's admin pages shares.
type adminBase struct {
	*view
	Rights service.AdminRights
	Nav    adminNav
	// Notice confirms what the last form did, after its redirect.
	Notice string
}

// adminNav links the admin pages of one community; Current marks the page
// shown ("settings", "places", "members" or "invitations").
type adminNav struct {
	Slug, Current string
	// Edit: the settings and places pages are open to this person.
	Edit bool
}

// The admin pages' addresses, for templates and redirects.
func (n adminNav) CommunityURL() string   { return communityURL(n.Slug) }
func (n adminNav) SettingsURL() string    { return adminURL(n.Slug, "settings") }
func (n adminNav) PlacesURL() string      { return adminURL(n.Slug, "places") }
func (n adminNav) MembersURL() string     { return adminURL(n.Slug, "members") }
func (n adminNav) InvitationsURL() string { return adminURL(n.Slug, "invitations") }

func adminURL(slug, page string) string { return communityURL(slug) + "/admin/" + page }

// adminHome sends admins to the settings and coordinators to the members,
// the first page each of them may use.
func (p *Pages) adminHome(w http.ResponseWriter, r *http.Request) {
	b, ok := p.adminStaff(w, r, "", r.URL.Path)
	if !ok {
		return
	}
	page := "members"
	if b.Rights.EditCommunity {
		page = "settings"
	}
	http.Redirect(w, r, adminURL(b.Rights.Community.Slug, page), http.StatusSeeOther)
}

// adminStaff loads the view and the visitor's rights for a community's
// admin page. Visitors are sent to log in and come back to returnTo (for a
// form, its page rather than the address it posts to); people without any
// admin rights get the friendly "not allowed" page.
func (p *Pages) adminStaff(w http.ResponseWriter, r *http.Request, current, returnTo string) (*adminBase, bool) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return nil, false
	}
	if v.User == nil {
		redirectToLogin(w, r, returnTo)
		return nil, false
	}
	rights, err := p.svc.AdminRights(r.Context(), c.Slug)
	if err != nil {
		p.fail(w, r, v, err)
		return nil, false
	}
	b := &adminBase{view: v, Rights: rights, Nav: adminNav{Slug: c.Slug, Current: current, Edit: rights.EditCommunity}}
	b.Notice = noticeFor(v, r)
	return b, true
}

// adminEditor is adminStaff for the pages only admins may use: the
// settings and the places.
func (p *Pages) adminEditor(w http.ResponseWriter, r *http.Request, current, returnTo string) (*adminBase, bool) {
	b, ok := p.adminStaff(w, r, current, returnTo)
	if ok && !b.Rights.EditCommunity {
		p.fail(w, r, b.view, domain.Forbidden("forbidden", "only admins may change the community"))
		return nil, false
	}
	return b, ok
}

// redirectToLogin sends a visitor to log in and back to returnTo.
func redirectToLogin(w http.ResponseWriter, r *http.Request, returnTo string) {
	http.Redirect(w, r, "/login?next="+url.QueryEscape(returnTo), http.StatusSeeOther)
}

// adminFailed answers a failed use case of the admin pages: a session that
// ended leads to the login page and back to returnTo, everything else to
// the error pages.
func (p *Pages) adminFailed(w http.ResponseWriter, r *http.Request, v *view, returnTo string, err error) {
	if domain.KindOf(err) == domain.KindUnauthenticated {
		redirectToLogin(w, r, returnTo)
		return
	}
	p.fail(w, r, v, err)
}

// pathID reads a numeric id from the path; anything else is a page that
// does not exist.
func pathID(r *http.Request, what string) (int64, error) { return pathNumber(r, "id", what) }

// pathNumber reads the positive number in the path's wildcard name;
// anything else is domain.NotFound(what), the same page as for a number
// that names nothing.
func pathNumber(r *http.Request, name, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.NotFound(what)
	}
	return id, nil
}

// notices are the confirmations a redirect may ask for with ?done=<name>,
// each the message "admin.notice.<name>". Only these can be shown, so a
// link cannot put words of its own on a page.
var notices = map[string]bool{
	"settings": true, "place_added": true, "place_removed": true, "role": true, "vetted": true,
	"unvetted": true, "revoked": true, "language": true, "password": true, "community": true,
}

// noticeFor translates the confirmation the address asks for, or "".
func noticeFor(v *view, r *http.Request) string {
	if name := r.URL.Query().Get("done"); notices[name] {
		return v.T("admin.notice." + name)
	}
	return ""
}

// withNotice adds ?done=name to a local address.
func withNotice(path, name string) string { return path + "?done=" + url.QueryEscape(name) }

package web

import (
	"net/http"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// accountPage is a person's own page: language, password, logging out
// everywhere, and the communities they belong to.
type accountPage struct {
	*view
	Notice      string
	Communities []service.MyCommunity
	MinPassword int
}

// The pages of one of the person's communities.
func (pg *accountPage) CommunityURL(slug string) string   { return communityURL(slug) }
func (pg *accountPage) SettingsURL(slug string) string    { return adminURL(slug, "settings") }
func (pg *accountPage) PlacesURL(slug string) string      { return adminURL(slug, "places") }
func (pg *accountPage) MembersURL(slug string) string     { return adminURL(slug, "members") }
func (pg *accountPage) InvitationsURL(slug string) string { return adminURL(slug, "invitations") }

// accountView loads the page for the logged-in person; visitors are sent
// to log in and come back to the account page.
func (p *Pages) accountView(w http.ResponseWriter, r *http.Request) (*accountPage, bool) {
	v := p.newView(r, "")
	if v.User == nil {
		redirectToLogin(w, r, "/account")
		return nil, false
	}
	mine, err := p.svc.MyCommunities(r.Context())
	if err != nil {
		p.adminFailed(w, r, v, "/account", err)
		return nil, false
	}
	v.Form.set("language", v.Lang)
	return &accountPage{view: v, Notice: noticeFor(v, r), Communities: mine, MinPassword: domain.MinPasswordLen}, true
}

func (p *Pages) accountPage(w http.ResponseWriter, r *http.Request) {
	page, ok := p.accountView(w, r)
	if !ok {
		return
	}
	p.render(w, r, http.StatusOK, "admin_account", page)
}

// accountLanguage saves the language in the account, for emails and other
// devices, and on this device, where the language switch's cookie would
// otherwise keep the old choice.
func (p *Pages) accountLanguage(w http.ResponseWriter, r *http.Request) {
	page, ok := p.accountView(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, page.view, err)
		return
	}
	lang := r.PostForm.Get("language")
	page.Form.set("language", lang)
	if _, err := p.svc.SetLanguage(r.Context(), lang); err != nil {
		p.formFailed(w, r, "admin_account", page, err)
		return
	}
	setLanguageCookie(w, r, lang)
	http.Redirect(w, r, withNotice("/account", "language"), http.StatusSeeOther)
}

// accountPassword changes the password. Every other session ends, and
// this browser gets the new session the service opened.
func (p *Pages) accountPassword(w http.ResponseWriter, r *http.Request) {
	page, ok := p.accountView(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, page.view, err)
		return
	}
	sess, err := p.svc.ChangePassword(r.Context(), r.PostForm.Get("current_password"), r.PostForm.Get("new_password"))
	if err != nil {
		p.formFailed(w, r, "admin_account", page, err)
		return
	}
	httpx.SetSessionCookie(w, r, sess.Token, sess.ExpiresAt)
	http.Redirect(w, r, withNotice("/account", "password"), http.StatusSeeOther)
}

// accountLogoutEverywhere ends every session of the person, on every
// device, this one included.
func (p *Pages) accountLogoutEverywhere(w http.ResponseWriter, r *http.Request) {
	if err := p.svc.LogoutEverywhere(r.Context()); err != nil {
		p.adminFailed(w, r, p.newView(r, ""), "/account", err)
		return
	}
	httpx.ClearSessionCookie(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

package web

import (
	"net/http"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// invitePage is the page behind an invitation link: who invites whom to
// which community with which role. Visitors open an account with the
// invitation's email; people who are logged in accept with one button.
type invitePage struct {
	*view
	Invitation service.InvitationView
	// Action is where the page's form posts: its own address.
	Action      string
	MinPassword int
}

// RoleHint explains in a sentence what the invited role does.
func (pg *invitePage) RoleHint() string {
	return pg.T("admin.invite.role." + string(pg.Invitation.Invitation.Role))
}

// inviteView loads the invitation and the view in its community's default
// language. A link that is unknown, used or expired gets the error page
// that says so.
func (p *Pages) inviteView(w http.ResponseWriter, r *http.Request) (*invitePage, bool) {
	inv, err := p.svc.Invitation(r.Context(), r.PathValue("token"))
	if err != nil {
		p.fail(w, r, p.newView(r, ""), err)
		return nil, false
	}
	v := p.newView(r, inv.Community.DefaultLanguage())
	return &invitePage{view: v, Invitation: inv, Action: r.URL.Path, MinPassword: domain.MinPasswordLen}, true
}

func (p *Pages) inviteForm(w http.ResponseWriter, r *http.Request) {
	page, ok := p.inviteView(w, r)
	if !ok {
		return
	}
	page.Form.set("language", page.Lang)
	p.render(w, r, http.StatusOK, "admin_invite", page)
}

// inviteAnswer accepts the invitation for the logged-in person, or opens
// an account and logs it in; either way the next page is the community's.
func (p *Pages) inviteAnswer(w http.ResponseWriter, r *http.Request) {
	page, ok := p.inviteView(w, r)
	if !ok {
		return
	}
	token, next := r.PathValue("token"), communityURL(page.Invitation.Community.Slug)
	if page.User != nil {
		if _, err := p.svc.AcceptInvitation(r.Context(), token); err != nil {
			p.fail(w, r, page.view, err)
			return
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, page.view, err)
		return
	}
	reg := domain.Registration{Name: r.PostForm.Get("name"), Password: r.PostForm.Get("password"), Language: r.PostForm.Get("language")}
	page.Form.set("name", reg.Name)
	page.Form.set("language", reg.Language)
	sess, err := p.svc.RegisterByInvitation(r.Context(), token, reg)
	if err != nil {
		p.formFailed(w, r, "admin_invite", page, err)
		return
	}
	httpx.SetSessionCookie(w, r, sess.Token, sess.ExpiresAt)
	if i18n.IsSupported(reg.Language) {
		setLanguageCookie(w, r, reg.Language)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

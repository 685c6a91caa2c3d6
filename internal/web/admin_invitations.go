package web

import (
	"net/http"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
)

// inviteCookie carries a new invitation's token from the form that made it
// to the page after the redirect, which shows the link once. The token is
// not stored anywhere else, so this is the only way to show it without
// putting it in an address that ends up in logs and browser history.
const inviteCookie = "mutua_invite"

// adminInvitationsPage invites people by email with a role and lists the
// invitations not used yet.
type adminInvitationsPage struct {
	*adminBase
	Invitations []domain.Invitation
	Roles       []option
	// Link is the invitation link just made, shown once; Invited is its
	// invitation.
	Link    string
	Invited domain.Invitation
	now     time.Time
}

// Expired reports whether an invitation's link no longer works.
func (pg *adminInvitationsPage) Expired(inv domain.Invitation) bool { return inv.Expired(pg.now) }

// RevokeURL is where an invitation's revoke button posts.
func (pg *adminInvitationsPage) RevokeURL(id int64) string {
	return pg.Nav.InvitationsURL() + "/" + strconv.FormatInt(id, 10) + "/revoke"
}

func (p *Pages) adminInvitations(w http.ResponseWriter, r *http.Request) {
	b, ok := p.adminStaff(w, r, "invitations", r.URL.Path)
	if !ok {
		return
	}
	page := &adminInvitationsPage{adminBase: b}
	if c, err := r.Cookie(inviteCookie); err == nil {
		// Shown once: the cookie goes whether or not its link still works.
		setInviteCookie(w, r, b.Nav.InvitationsURL(), "")
		if view, err := p.svc.Invitation(r.Context(), c.Value); err == nil && view.Community.ID == b.Rights.Community.ID {
			page.Link, page.Invited = inviteLink(r, c.Value), view.Invitation
		}
	}
	b.Form.set("invite_role", string(domain.RoleMember))
	p.showInvitations(w, r, http.StatusOK, page)
}

// showInvitations renders the page with the open invitations.
func (p *Pages) showInvitations(w http.ResponseWriter, r *http.Request, status int, page *adminInvitationsPage) {
	list, err := p.svc.Invitations(r.Context(), page.Rights.Community.Slug, domain.Page{Limit: 200})
	if err != nil {
		p.adminFailed(w, r, page.view, page.Nav.InvitationsURL(), err)
		return
	}
	page.Invitations, page.now = list, time.Now()
	page.Roles = page.roleOptions(page.Rights.Grantable)
	p.render(w, r, status, "admin_invitations", page)
}

// adminInvite creates an invitation and returns to the list, which shows
// its link.
func (p *Pages) adminInvite(w http.ResponseWriter, r *http.Request) {
	formPage := adminURL(r.PathValue("slug"), "invitations")
	b, ok := p.adminStaff(w, r, "invitations", formPage)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	email, role := r.PostForm.Get("email"), r.PostForm.Get("invite_role")
	b.Form.set("email", email)
	b.Form.set("invite_role", role)
	_, token, err := p.svc.Invite(r.Context(), b.Rights.Community.Slug, domain.Grant{Email: email, Role: domain.Role(role)})
	if err != nil {
		if failedForm(err) {
			b.Form.fail(b.tr, renamed(err, map[string]string{"role": "invite_role"}))
			p.showInvitations(w, r, httpx.Status(err), &adminInvitationsPage{adminBase: b})
			return
		}
		p.adminFailed(w, r, b.view, formPage, err)
		return
	}
	setInviteCookie(w, r, formPage, token)
	http.Redirect(w, r, formPage, http.StatusSeeOther)
}

// adminRevokeInvitation withdraws an invitation, so its link stops working.
func (p *Pages) adminRevokeInvitation(w http.ResponseWriter, r *http.Request) {
	formPage := adminURL(r.PathValue("slug"), "invitations")
	b, ok := p.adminStaff(w, r, "invitations", formPage)
	if !ok {
		return
	}
	id, err := pathID(r, "invitation")
	if err == nil {
		err = p.svc.RevokeInvitation(r.Context(), b.Rights.Community.Slug, id)
	}
	if err != nil {
		p.adminFailed(w, r, b.view, formPage, err)
		return
	}
	http.Redirect(w, r, withNotice(formPage, "revoked"), http.StatusSeeOther)
}

// setInviteCookie keeps token for the invitations page at path for a few
// minutes, or removes it when token is "". Strict same-site: the link is
// shown only to pages opened from this site.
func setInviteCookie(w http.ResponseWriter, r *http.Request, path, token string) {
	maxAge := 10 * 60
	if token == "" {
		maxAge = -1
	}
	http.SetCookie(w, &http.Cookie{Name: inviteCookie, Value: token, Path: path, MaxAge: maxAge,
		HttpOnly: true, Secure: httpx.IsSecure(r), SameSite: http.SameSiteStrictMode})
}

// inviteLink is the full address of an invitation, to send by email or
// message: it must work outside this browser, so it names the host.
func inviteLink(r *http.Request, token string) string {
	scheme := "http"
	if httpx.IsSecure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host + inviteURL(token)
}

func inviteURL(token string) string { return "/invite/" + token }

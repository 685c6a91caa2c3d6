package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// membersPerPage is how many members one page lists.
const membersPerPage = 50

// adminMembersPage lists a page of members with a role select each, and a
// vetting button for volunteers with a profile.
type adminMembersPage struct {
	*adminBase
	Rows []memberRow
	// Page is the page number, from 1; PrevURL and NextURL are "" at the
	// ends.
	Page             int
	PrevURL, NextURL string
}

// memberRow is one member with the controls the visitor may use.
type memberRow struct {
	service.MemberRow
	// RoleSelect is the select of roles, nil when the visitor may not
	// change this member's role (a coordinator looking at an admin).
	RoleSelect *input
}

// Anchor is the id of the member's entry, where a redirect returns to.
func (m memberRow) Anchor() string { return "member-" + strconv.FormatInt(m.UserID, 10) }

// VettingURL is where the member's vetting button posts.
func (pg *adminMembersPage) VettingURL(userID int64) string {
	return pg.Nav.MembersURL() + "/" + strconv.FormatInt(userID, 10) + "/vetting"
}

// RoleURL is where every role form posts.
func (pg *adminMembersPage) RoleURL() string { return pg.Nav.MembersURL() + "/role" }

func (p *Pages) adminMembers(w http.ResponseWriter, r *http.Request) {
	b, ok := p.adminStaff(w, r, "members", r.URL.RequestURI())
	if !ok {
		return
	}
	p.showMembers(w, r, http.StatusOK, b, pageNumber(r.URL.Query().Get("page")), nil)
}

// refusal is a role change the service refused: whose, and why.
type refusal struct {
	email string
	err   error
}

// showMembers renders one page of members; after a refused role change,
// with the reason next to that member's select and in the summary.
func (p *Pages) showMembers(w http.ResponseWriter, r *http.Request, status int, b *adminBase, page int, refused *refusal) {
	slug := b.Rights.Community.Slug
	rows, err := p.svc.MemberList(r.Context(), slug, domain.Page{Limit: membersPerPage + 1, Offset: (page - 1) * membersPerPage})
	if err != nil {
		p.adminFailed(w, r, b.view, b.Nav.MembersURL(), err)
		return
	}
	pg := &adminMembersPage{adminBase: b, Page: page}
	if len(rows) > membersPerPage {
		rows = rows[:membersPerPage]
		pg.NextURL = membersURL(slug, page+1, "", 0)
	}
	if page > 1 {
		pg.PrevURL = membersURL(slug, page-1, "", 0)
	}
	if refused != nil {
		b.Form.Summary = b.T("admin.members.role.failed")
	}
	for _, m := range rows {
		row := memberRow{MemberRow: m}
		if slices.Contains(b.Rights.Grantable, m.Role) {
			row.RoleSelect = b.roleSelect(m, refused)
		}
		pg.Rows = append(pg.Rows, row)
	}
	p.render(w, r, status, "admin_members", pg)
}

// roleSelect is the role select of one member, offering the roles the
// visitor may grant. After a refused change of this member it shows the
// role that was asked for and why it was refused.
func (b *adminBase) roleSelect(m service.MemberRow, refused *refusal) *input {
	name := "role-" + strconv.FormatInt(m.UserID, 10)
	in := b.Input(name, "", b.T("admin.members.role.label", "Name", m.Name), "")
	in.Name = "role"
	chosen := string(m.Role)
	if refused != nil && refused.email == m.Email {
		chosen = b.Form.Value("role")
		in.Error = errorMessage(b.tr, refused.err)
		b.Form.Problems = append(b.Form.Problems, problem{ID: in.ID, Message: in.Error})
	}
	for _, o := range b.roleOptions(b.Rights.Grantable) {
		o.Selected = o.Value == chosen
		in.Options = append(in.Options, o)
	}
	return &in
}

// membersURL is the address of page n of the members, with the notice
// done and the entry of member userID to scroll to, when given.
func membersURL(slug string, n int, done string, userID int64) string {
	q := url.Values{}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if done != "" {
		q.Set("done", done)
	}
	u := adminURL(slug, "members")
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	if userID > 0 {
		u += "#member-" + strconv.FormatInt(userID, 10)
	}
	return u
}

// pageNumber reads a page number; anything else is the first page.
func pageNumber(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 100000 {
		return 1
	}
	return n
}

// adminChangeRole gives a member another role. The service refuses what
// the visitor may not grant and demoting the last admin; the page then
// says why, next to that member.
func (p *Pages) adminChangeRole(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	b, ok := p.adminStaff(w, r, "members", adminURL(slug, "members"))
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	email, page := r.PostForm.Get("email"), pageNumber(r.PostForm.Get("page"))
	m, _, err := p.svc.GrantRole(r.Context(), slug, domain.Grant{Email: email, Role: domain.Role(r.PostForm.Get("role"))})
	if err != nil {
		switch domain.KindOf(err) {
		case domain.KindInvalid, domain.KindConflict, domain.KindForbidden, domain.KindNotFound:
			b.Form.set("role", r.PostForm.Get("role"))
			p.showMembers(w, r, httpx.Status(err), b, page, &refusal{email: email, err: err})
		default:
			p.adminFailed(w, r, b.view, membersURL(slug, page, "", 0), err)
		}
		return
	}
	http.Redirect(w, r, membersURL(slug, page, "role", m.UserID), http.StatusSeeOther)
}

// adminSetVetting marks a volunteer as vetted, or withdraws it.
func (p *Pages) adminSetVetting(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	b, ok := p.adminStaff(w, r, "members", adminURL(slug, "members"))
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	page := pageNumber(r.PostForm.Get("page"))
	vetted := r.PostForm.Get("vetted") == "true"
	id, err := pathID(r, "volunteer")
	if err == nil {
		_, err = p.svc.SetVetted(r.Context(), slug, id, vetted)
	}
	if err != nil {
		p.adminFailed(w, r, b.view, membersURL(slug, page, "", 0), err)
		return
	}
	notice := "unvetted"
	if vetted {
		notice = "vetted"
	}
	http.Redirect(w, r, membersURL(slug, page, notice, id), http.StatusSeeOther)
}

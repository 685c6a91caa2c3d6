package web

import (
	"net/http"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/httpx"
)

// operatorPage lists every community of the instance and opens new ones.
type operatorPage struct {
	*view
	Notice      string
	Communities []domain.Community
	// Created is the community just opened, whose first admin the page
	// explains how to invite; nil otherwise.
	Created          *domain.Community
	DefaultLanguages []option
	Languages        choiceGroup
	Point            pointField
}

// InvitationsURL is the invitations page of a community, where the
// operator (who acts as admin everywhere) invites its first admin.
func (pg *operatorPage) InvitationsURL(slug string) string { return adminURL(slug, "invitations") }

// CommunityURL is a community's home page.
func (pg *operatorPage) CommunityURL(slug string) string { return communityURL(slug) }

func (p *Pages) operatorPage(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	if v.User == nil {
		redirectToLogin(w, r, r.URL.Path)
		return
	}
	v.Form.set("default_language", v.Lang)
	v.Form.set("community_radius", "5")
	page := &operatorPage{view: v, Notice: noticeFor(v, r)}
	p.showOperator(w, r, http.StatusOK, page, []string{v.Lang}, r.URL.Query().Get("created"))
}

// showOperator renders the page; checked are the ticked languages and
// created the slug of a community just opened, or "".
func (p *Pages) showOperator(w http.ResponseWriter, r *http.Request, status int, page *operatorPage, checked []string, created string) {
	v := page.view
	list, err := p.svc.OperatorCommunities(r.Context(), domain.Page{Limit: 200})
	if err != nil {
		p.adminFailed(w, r, v, "/operator", err)
		return
	}
	page.Communities = list
	for i := range list {
		if created != "" && list[i].Slug == created {
			page.Created = &list[i]
		}
	}
	for _, l := range domain.Languages {
		page.DefaultLanguages = append(page.DefaultLanguages, option{Value: l, Label: v.languageLabel(l)})
	}
	page.Languages = v.choices("community_languages", "checkbox", v.T("admin.settings.languages.legend"),
		v.T("admin.operator.languages.hint"), v.languageChoices(), checked)
	// Europe, where the five languages are spoken, until a pin is put.
	page.Point = v.pointField("community_center", v.T("admin.operator.center.legend"), v.T("admin.operator.center.hint"),
		domain.Point{Lat: 48.5, Lng: 10}, 0, 4)
	p.render(w, r, status, "admin_operator", page)
}

// operatorCreate opens a community and shows the operator how to give it
// its first admin.
func (p *Pages) operatorCreate(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	if v.User == nil {
		redirectToLogin(w, r, "/operator")
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, v, err)
		return
	}
	for _, name := range []string{"slug", "community_name", "default_language", "lat", "lon", "community_radius"} {
		v.Form.set(name, r.PostForm.Get(name))
	}
	in := settingsInput(r.PostForm)
	in.Slug, in.Categories, in.Settings = r.PostForm.Get("slug"), nil, domain.Settings{}
	var pr domain.Problems
	in.Center = domain.Point{Lat: coordinate(&pr, "lat", strings.TrimSpace(r.PostForm.Get("lat")), 90),
		Lng: coordinate(&pr, "lon", strings.TrimSpace(r.PostForm.Get("lon")), 180)}
	err := pr.Err()
	if err == nil {
		in, err = p.svc.CreateCommunity(r.Context(), in)
	}
	if err != nil {
		if failedForm(err) {
			v.Form.fail(v.tr, renamed(err, communityFields))
			p.showOperator(w, r, httpx.Status(err), &operatorPage{view: v}, r.PostForm["community_languages"], "")
			return
		}
		p.adminFailed(w, r, v, "/operator", err)
		return
	}
	http.Redirect(w, r, "/operator?done=community&created="+in.Slug, http.StatusSeeOther)
}

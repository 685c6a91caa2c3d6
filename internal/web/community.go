package web

import (
	"net/http"
	"net/url"

	"mutua/internal/domain"
)

// homePage lists the communities of this instance.
type homePage struct {
	*view
	Communities []domain.Community
}

// home says what mutua is and lists the communities. It shows the first
// page the service allows (200); an instance with more will need search.
func (p *Pages) home(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	list, err := p.svc.Communities(r.Context(), domain.Page{Limit: 200})
	if err != nil {
		p.fail(w, r, v, err)
		return
	}
	p.render(w, r, http.StatusOK, "home", &homePage{view: v, Communities: list})
}

// communityPage is a community's front door. What it offers depends on the
// visitor: a way in for strangers, a join button for logged-in non-members,
// and their role for members.
type communityPage struct {
	*view
	Community domain.Community
	// Role is the visitor's role here, "" when they are not a member.
	Role domain.Role
}

// RegisterURL is where "I need help" and "I want to help" lead for now:
// both start with an account in this community.
func (c *communityPage) RegisterURL() string { return communityURL(c.Community.Slug) + "/register" }

func communityURL(slug string) string { return "/c/" + url.PathEscape(slug) }

func (p *Pages) community(w http.ResponseWriter, r *http.Request) {
	c, err := p.svc.Community(r.Context(), r.PathValue("slug"))
	if err != nil {
		p.fail(w, r, p.newView(r, ""), err)
		return
	}
	v := p.newView(r, c.DefaultLanguage())
	page := &communityPage{view: v, Community: c}
	if v.User != nil {
		page.Role = p.svc.Role(r.Context(), c)
	}
	p.render(w, r, http.StatusOK, "community", page)
}

// join makes the logged-in visitor a member. A visitor whose session ended
// is sent to log in and comes back to the community page.
func (p *Pages) join(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if _, err := p.svc.Join(r.Context(), slug); err != nil {
		if domain.KindOf(err) == domain.KindUnauthenticated {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(communityURL(slug)), http.StatusSeeOther)
			return
		}
		p.fail(w, r, p.newView(r, ""), err)
		return
	}
	http.Redirect(w, r, communityURL(slug), http.StatusSeeOther)
}

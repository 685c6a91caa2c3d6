package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
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
// and for members the two big choices and the open requests. Everyone sees
// this month's figures.
type communityPage struct {
	*askBase
	Impact service.Impact
	// Open lists a few open requests, public details only; members only.
	Open   []service.RequestView
	places []domain.Place
	// Upcoming lists a few opportunities with a shift ahead, for everyone.
	Upcoming []upcomingOpportunity
}

// upcomingOpportunity is an opportunity on the front page with its next
// shift, so that "when" is answered without a click.
type upcomingOpportunity struct {
	domain.Opportunity
	Next *domain.Shift
}

// OpportunitiesURL lists every upcoming opportunity.
func (c *communityPage) OpportunitiesURL() string {
	return communityURL(c.Community.Slug) + "/opportunities"
}

// OpportunityURL is one opportunity's page.
func (c *communityPage) OpportunityURL(id int64) string {
	return c.OpportunitiesURL() + "/" + strconv.FormatInt(id, 10)
}

// OrganisationsURL lists the community's organisations.
func (c *communityPage) OrganisationsURL() string {
	return communityURL(c.Community.Slug) + "/organisations"
}

// DirectoryURL is the directory of local initiatives.
func (c *communityPage) DirectoryURL() string { return communityURL(c.Community.Slug) + "/directory" }

// ImpactURL is the community's dashboard of figures.
func (c *communityPage) ImpactURL() string { return communityURL(c.Community.Slug) + "/impact" }

// OffersURL lists the offers of goods, services and space (members).
func (c *communityPage) OffersURL() string { return communityURL(c.Community.Slug) + "/offers" }

// When says when a shift is, in the community's time zone.
func (c *communityPage) When(sh domain.Shift) string {
	loc := c.Community.Location()
	return c.Date(sh.Start.In(loc)) + ", " + c.tr.Time(sh.Start.In(loc)) + "–" + c.tr.Time(sh.End.In(loc))
}

// RegisterURL is where "I need help" (then) and "I want to help" lead
// visitors: both start with an account in this community, and after it
// with the form they chose.
func (c *communityPage) RegisterURL(then string) string {
	base := communityURL(c.Community.Slug)
	return base + "/register?next=" + url.QueryEscape(base+"/"+then)
}

// Where says roughly where an open request is: a named place nearby or a
// distance from the centre, from its approximate location only.
func (c *communityPage) Where(rv service.RequestView) string { return c.Area(rv.Approx, c.places) }

func communityURL(slug string) string { return "/c/" + url.PathEscape(slug) }

// communityOpenRequests is how many open requests the front page shows;
// volunteers find the rest, nearest first, in their feed.
const communityOpenRequests = 6

func (p *Pages) community(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	page := &communityPage{askBase: &askBase{view: v, Community: c, Nav: askNav{Slug: c.Slug, Current: "home"}}}
	if v.User != nil {
		page.Role = p.svc.Role(r.Context(), c)
	}
	var err error
	if page.Impact, err = p.svc.ImpactThisMonth(r.Context(), c.Slug); err != nil {
		p.fail(w, r, v, err)
		return
	}
	if page.Role != "" {
		if err := p.loadOpenRequests(r, page); err != nil {
			p.fail(w, r, v, err)
			return
		}
	}
	if page.Upcoming, err = p.upcomingOpportunities(r, c); err != nil {
		p.fail(w, r, v, err)
		return
	}
	p.render(w, r, http.StatusOK, "community", page)
}

// communityUpcoming is how many opportunities the front page shows.
const communityUpcoming = 4

// upcomingOpportunities reads the newest opportunities with an open shift
// ahead, each with its next open shift.
func (p *Pages) upcomingOpportunities(r *http.Request, c domain.Community) ([]upcomingOpportunity, error) {
	now := time.Now()
	list, err := p.svc.Opportunities(r.Context(), c.Slug, service.OpportunityQuery{
		From: now, Page: domain.Page{Limit: communityUpcoming}})
	if err != nil {
		return nil, err
	}
	out := make([]upcomingOpportunity, 0, len(list))
	for _, o := range list {
		full, err := p.svc.Opportunity(r.Context(), c.Slug, o.ID)
		if err != nil {
			return nil, err
		}
		u := upcomingOpportunity{Opportunity: o}
		for i, sh := range full.Shifts {
			if sh.Status == domain.ShiftOpen && sh.Start.After(now) && (u.Next == nil || sh.Start.Before(u.Next.Start)) {
				u.Next = &full.Shifts[i]
			}
		}
		out = append(out, u)
	}
	return out, nil
}

// loadOpenRequests reads the newest open requests through the service's
// public view, which has no address and no exact location, and the named
// places that describe where they are.
func (p *Pages) loadOpenRequests(r *http.Request, page *communityPage) error {
	slug := page.Community.Slug
	open, err := p.svc.Requests(r.Context(), slug, service.RequestQuery{
		Status: domain.RequestOpen, Page: domain.Page{Limit: communityOpenRequests}})
	if err != nil {
		return err
	}
	page.Open = open
	page.places, err = p.svc.Places(r.Context(), slug)
	return err
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

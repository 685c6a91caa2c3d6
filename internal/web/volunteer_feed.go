package web

import (
	"errors"
	"net/http"
	"strconv"

	"mutua/internal/domain"
)

// volFeedPage lists the open requests that fit the volunteer, nearest first.
type volFeedPage struct {
	*view
	Community domain.Community
	Nav       volunteerNav
	// NoProfile is true for a member who has not said what they can do:
	// the page then leads to the onboarding instead of a list.
	NoProfile bool
	// Saved is true right after the profile was saved.
	Saved bool
	Items []volFeedItem
	// More links to the next page of the feed, "" on the last.
	More string
}

// volFeedItem is one request in the feed, with only what anyone may see:
// its approximate place is said as a distance, never shown as an address.
type volFeedItem struct {
	ID                        int64
	Title, Description        string
	Category, When, OfferPath string
	// Where names a place near the request's approximate location.
	Where   string
	Urgent  bool
	Reasons []string
	// OfferedTask links to the person's live offer or task for this
	// request, if they made one; the page then shows it instead of the
	// button.
	OfferedTask int64
}

// volFeedPageSize is how many requests one page of the feed shows: enough to
// choose from, few enough to read on a phone.
const volFeedPageSize = 20

func (p *Pages) volFeed(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	page := &volFeedPage{view: v, Community: c, Nav: volunteerNav{Slug: c.Slug, Current: "feed"},
		Saved: r.URL.Query().Get("saved") == "1"}
	offset := volOffset(r)
	list, err := p.svc.Feed(r.Context(), c.Slug, domain.Page{Limit: volFeedPageSize + 1, Offset: offset})
	switch {
	case domain.KindOf(err) == domain.KindNotFound && volIsCode(err, "volunteer_not_found"):
		page.NoProfile = true
		p.render(w, r, http.StatusOK, "volunteer_feed", page)
		return
	case err != nil:
		p.volunteerFail(w, r, v, err)
		return
	}
	offered, err := p.volLiveTasks(r, c.Slug)
	if err != nil {
		p.volunteerFail(w, r, v, err)
		return
	}
	if len(list) > volFeedPageSize {
		list = list[:volFeedPageSize]
		page.More = communityURL(c.Slug) + "/feed?from=" + strconv.Itoa(offset+volFeedPageSize)
	}
	places, err := p.svc.Places(r.Context(), c.Slug)
	if err != nil {
		p.volunteerFail(w, r, v, err)
		return
	}
	loc := c.Location()
	for _, rv := range list {
		page.Items = append(page.Items, volFeedItem{
			ID: rv.ID, Title: rv.Title, Description: rv.Description, Category: v.Category(rv.Category),
			When: volWhen(v.tr, rv, loc), Where: volNearPlace(v.tr, rv.Approx, places), Urgent: rv.Urgency == "high", Reasons: volReasons(v.tr, rv.Reasons),
			OfferPath:   communityURL(c.Slug) + "/requests/" + strconv.FormatInt(rv.ID, 10) + "/offer",
			OfferedTask: offered[rv.ID],
		})
	}
	p.render(w, r, http.StatusOK, "volunteer_feed", page)
}

// volLiveTasks maps request ids to the person's live offer or task for them,
// so the feed does not invite them to offer twice.
func (p *Pages) volLiveTasks(r *http.Request, slug string) (map[int64]int64, error) {
	tasks, err := p.svc.MyTasks(r.Context(), slug, domain.Page{Limit: 200})
	if err != nil {
		return nil, err
	}
	live := map[int64]int64{}
	for _, t := range tasks {
		if t.CanDecline {
			live[t.Request.ID] = t.Assignment.ID
		}
	}
	return live, nil
}

// volOffset reads ?from=, the position of a page in a list; anything
// that is not a small positive number starts at the top.
func volOffset(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("from"))
	if err != nil || n < 0 || n > 10000 {
		return 0
	}
	return n
}

func volIsCode(err error, code string) bool {
	var de *domain.Error
	return errors.As(err, &de) && de.Code == code
}

// volOffer is "Offer to help" in one click. It leads to the new task's page,
// which says whether the volunteer is assigned at once or a coordinator
// will confirm, as the community's setting decided.
func (p *Pages) volOffer(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, communityURL(r.PathValue("slug"))+"/feed")
	if !ok {
		return
	}
	id, ok := p.volPathID(w, r, v)
	if !ok {
		return
	}
	as, err := p.svc.Offer(r.Context(), c.Slug, id)
	if err != nil {
		p.volunteerFail(w, r, v, err)
		return
	}
	nav := volunteerNav{Slug: c.Slug}
	http.Redirect(w, r, nav.TaskURL(as.ID)+"?notice=offered", http.StatusSeeOther)
}

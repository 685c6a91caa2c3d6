package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
)

// The volunteer area: becoming a volunteer (and editing the profile later),
// the feed of requests that fit, offering help, the list of one's tasks and
// the page of one task with its messages. The task page serves the person
// helped and the coordinators too; the service decides what each sees.

// volunteerPages are the pages of the volunteer area.
var volunteerPages = map[string]pageSpec{
	"volunteer_profile": {layout: "base", partials: withChrome("form_summary", "field", "select", "location", "volunteer_nav")},
	"volunteer_feed":    {layout: "base", partials: withChrome("volunteer_nav")},
	"volunteer_tasks":   {layout: "base", partials: withChrome("form_summary", "volunteer_nav", "volunteer_hours")},
	"volunteer_task":    {layout: "base", partials: withChrome("form_summary", "volunteer_nav", "volunteer_hours")},
}

func (p *Pages) volunteerRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/volunteer", p.volunteerForm)
	mux.HandleFunc("POST /c/{slug}/volunteer", p.saveVolunteer)
	mux.HandleFunc("GET /c/{slug}/feed", p.volFeed)
	mux.HandleFunc("POST /c/{slug}/requests/{id}/offer", p.volOffer)
	mux.HandleFunc("GET /c/{slug}/tasks", p.volTasks)
	mux.HandleFunc("GET /c/{slug}/tasks/{id}", p.volTask)
	mux.HandleFunc("POST /c/{slug}/tasks/{id}/messages", p.volPostMessage)
	for _, action := range []string{"accept", "decline", "complete", "approve"} {
		mux.HandleFunc("POST /c/{slug}/tasks/{id}/"+action, p.volTaskAction(action))
	}
}

// volunteerNav is what the volunteer area's navigation needs: the
// community's links and which of them is the current page.
type volunteerNav struct {
	Slug string
	// Current is "feed", "tasks", "profile", "opportunities" or "shifts",
	// or "" elsewhere.
	Current string
}

// FeedURL is the feed of requests that fit the volunteer.
func (n volunteerNav) FeedURL() string { return communityURL(n.Slug) + "/feed" }

// TasksURL is the list of the volunteer's tasks.
func (n volunteerNav) TasksURL() string { return communityURL(n.Slug) + "/tasks" }

// ProfileURL is the onboarding, which also edits the profile.
func (n volunteerNav) ProfileURL() string { return communityURL(n.Slug) + "/volunteer" }

// OpportunitiesURL is the list of the organisations' opportunities.
func (n volunteerNav) OpportunitiesURL() string { return communityURL(n.Slug) + "/opportunities" }

// MyShiftsURL is the list of the volunteer's shifts.
func (n volunteerNav) MyShiftsURL() string { return communityURL(n.Slug) + "/my-shifts" }

// TaskURL is the page of one assignment.
func (n volunteerNav) TaskURL(id int64) string {
	return communityURL(n.Slug) + "/tasks/" + strconv.FormatInt(id, 10)
}

// volunteerView loads the community and the view for a page of this area,
// and sends visitors who are not logged in to log in first, back to
// returnTo afterwards. A form posted after the session ended comes back to
// its page, not to the address it was posted to.
func (p *Pages) volunteerView(w http.ResponseWriter, r *http.Request, returnTo string) (domain.Community, *view, bool) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return c, v, false
	}
	if v.User == nil {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(returnTo), http.StatusSeeOther)
		return c, v, false
	}
	return c, v, true
}

// volPathID reads a numeric id from the path; anything else is a page that
// does not exist.
func (p *Pages) volPathID(w http.ResponseWriter, r *http.Request, v *view) (int64, bool) {
	id, err := pathID(r, "assignment")
	if err != nil {
		p.fail(w, r, v, err)
		return 0, false
	}
	return id, true
}

// volunteerFail is fail with this area's wording: the friendly page with
// the status the error deserves. Unexpected errors go to fail, which logs
// them.
func (p *Pages) volunteerFail(w http.ResponseWriter, r *http.Request, v *view, err error) {
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind == domain.KindInternal {
		p.fail(w, r, v, err)
		return
	}
	title, status := v.T("errorpage.title"), httpx.Status(err)
	// A task whose thread someone may not read is answered like a task
	// that does not exist, so that trying ids tells nobody which exist.
	if de.Kind == domain.KindNotFound || de.Code == "not_in_thread" {
		title, status = v.T("notfound.title"), http.StatusNotFound
	}
	setRetryAfter(w, err)
	p.render(w, r, status, "problem", &problemPage{view: v, Title: title, Message: areaMessage(v.tr, "volunteer.error.", err)})
}

// failVolunteerForm puts a service error on a form like form.fail, worded
// for this area where it has words of its own: the summary by
// volunteerMessage, and a field's message by "volunteer.field.<field>.<code>"
// before the shared ones, so that "choose at least one kind of help" speaks
// of a volunteer's skills rather than of a list in general.
func failVolunteerForm(f *form, tr *i18n.Translator, err error) {
	f.fail(tr, err)
	f.Summary = areaMessage(tr, "volunteer.error.", err)
	var de *domain.Error
	if !errors.As(err, &de) {
		return
	}
	for _, fe := range de.Fields {
		msg, ok := tr.Lookup("volunteer.field." + fe.Field + "." + fe.Code)
		if !ok || f.errors[fe.Field] == "" {
			continue
		}
		f.errors[fe.Field] = msg
		for i := range f.Problems {
			if f.Problems[i].ID == fieldID(fe.Field) {
				f.Problems[i].Message = msg
			}
		}
	}
}

// volunteerFormFailed shows a form of this area again with the service's
// complaint when the person can fix it; anything else gets the error page.
func (p *Pages) volunteerFormFailed(w http.ResponseWriter, r *http.Request, name string, data page, err error) {
	switch domain.KindOf(err) {
	case domain.KindInvalid, domain.KindConflict:
		v := data.common()
		failVolunteerForm(v.Form, v.tr, err)
		p.render(w, r, httpx.Status(err), name, data)
	default:
		p.volunteerFail(w, r, data.common(), err)
	}
}

// VolunteeringURL is where the header's "Volunteering" link leads on the
// pages of a community: the feed, whose navigation reaches the tasks and
// the profile. It is "" for visitors and outside communities.
func (v *view) VolunteeringURL() string {
	if v.User == nil || v.communitySlug == "" {
		return ""
	}
	return communityURL(v.communitySlug) + "/feed"
}

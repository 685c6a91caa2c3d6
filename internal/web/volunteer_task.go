package web

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// volTaskPage is one assignment: the request in full as the service shows it
// to this person, the message thread and the actions they may take. The
// volunteer, the person helped and the coordinators all use it.
type volTaskPage struct {
	*view
	Community domain.Community
	Nav       volunteerNav
	Task      service.TaskView
	Category  string
	When      string
	Status    string
	Notice    string
	Hours     *volHoursForm
	Messages  []volMessage
	// Older links to the previous page of the thread; Newest back to the
	// latest messages when an older page is shown.
	Older, Newest string
	// MessageError is the problem with a message that was not sent.
	MessageError string
}

// volMessage is one message of the thread.
type volMessage struct {
	ID           int64
	Author, Body string
	When         string
	Mine         bool
}

// volMessagesPerPage is how many messages the task page shows at once.
const volMessagesPerPage = 20

// URL is the task page's address.
func (t *volTaskPage) URL() string { return t.Nav.TaskURL(t.Task.Assignment.ID) }

// HasContact reports whether the service gave this person any private
// details, which the page then shows in their own section.
func (t *volTaskPage) HasContact() bool {
	return t.Task.Request.Address != "" || t.Task.Request.Contact != nil
}

func (p *Pages) volTask(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	id, ok := p.volPathID(w, r, v)
	if !ok {
		return
	}
	page, err := p.volTaskPage(r, c, v, id)
	if err != nil {
		p.volunteerFail(w, r, v, err)
		return
	}
	page.Notice = volNotice(v, r.URL.Query().Get("notice"), page.Task.Assignment.Status)
	p.render(w, r, http.StatusOK, "volunteer_task", page)
}

// volTaskPage loads the task and the page of its thread that ?before= asks
// for (the newest when none).
func (p *Pages) volTaskPage(r *http.Request, c domain.Community, v *view, id int64) (*volTaskPage, error) {
	t, err := p.svc.Task(r.Context(), c.Slug, id)
	if err != nil {
		return nil, err
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	msgs, err := p.svc.Messages(r.Context(), c.Slug, id, domain.MessagePage{Before: max(before, 0), Limit: volMessagesPerPage})
	if err != nil {
		return nil, err
	}
	page := &volTaskPage{view: v, Community: c, Nav: volunteerNav{Slug: c.Slug}, Task: t,
		Category: v.Category(t.Request.Category), When: volWhen(v.tr, t.Request, c.Location()),
		Status: volStatus(v.tr, t.Assignment.Status)}
	if t.Mine {
		page.Nav.Current = "tasks"
	}
	if t.CanComplete {
		f := newVolHoursForm(v, page.URL(), "", fieldID("hours"))
		page.Hours = &f
	}
	loc := c.Location()
	for _, m := range msgs {
		at := m.CreatedAt.In(loc)
		page.Messages = append(page.Messages, volMessage{ID: m.ID, Author: m.AuthorName, Body: m.Body,
			Mine: v.User != nil && m.AuthorID == v.User.ID,
			When: v.T("volunteer.when.moment", "Date", v.Date(at), "Time", v.tr.Time(at))})
	}
	if len(msgs) == volMessagesPerPage {
		page.Older = page.URL() + "?before=" + strconv.FormatInt(msgs[0].ID, 10) + "#messages"
	}
	if before > 0 {
		page.Newest = page.URL() + "#messages"
	}
	return page, nil
}

// volPostMessage adds a message to the thread and shows the thread again,
// or the page with the problem next to the message box.
func (p *Pages) volPostMessage(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, p.volTaskPath(r))
	if !ok {
		return
	}
	id, ok := p.volPathID(w, r, v)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, v, err)
		return
	}
	body := r.PostForm.Get("body")
	_, err := p.svc.PostMessage(r.Context(), c.Slug, id, body)
	if err == nil {
		http.Redirect(w, r, p.volTaskPath(r)+"?notice=sent#messages", http.StatusSeeOther)
		return
	}
	if domain.KindOf(err) != domain.KindInvalid {
		p.volunteerFail(w, r, v, err)
		return
	}
	page, perr := p.volTaskPage(r, c, v, id)
	if perr != nil {
		p.volunteerFail(w, r, v, perr)
		return
	}
	v.Form.set("body", body)
	failVolunteerForm(v.Form, v.tr, err)
	page.MessageError = v.Form.Error("body")
	p.render(w, r, http.StatusUnprocessableEntity, "volunteer_task", page)
}

// volTaskPath is the page of the task in the request's path.
func (p *Pages) volTaskPath(r *http.Request) string {
	return communityURL(r.PathValue("slug")) + "/tasks/" + url.PathEscape(r.PathValue("id"))
}

// volTaskAction answers one of the buttons of a task: accept, decline,
// complete or approve, each one call of the service, which checks who may.
// A form sent from the list of tasks (back=list) returns there.
func (p *Pages) volTaskAction(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		parseErr := r.ParseForm()
		back := p.volTaskPath(r)
		if r.PostForm.Get("back") == "list" {
			back = communityURL(r.PathValue("slug")) + "/tasks"
		}
		c, v, ok := p.volunteerView(w, r, back)
		if !ok {
			return
		}
		if parseErr != nil {
			p.badForm(w, r, v, parseErr)
			return
		}
		id, ok := p.volPathID(w, r, v)
		if !ok {
			return
		}
		var err error
		switch action {
		case "accept":
			_, err = p.svc.Accept(r.Context(), c.Slug, id)
		case "decline":
			_, err = p.svc.Decline(r.Context(), c.Slug, id)
		case "approve":
			_, err = p.svc.Approve(r.Context(), c.Slug, id)
		case "complete":
			p.volComplete(w, r, c, v, id, back)
			return
		}
		if err != nil {
			p.volunteerFail(w, r, v, err)
			return
		}
		if action == "accept" {
			// What the volunteer needs next, the address and the
			// thread, is on the task's page, wherever they said yes.
			back = p.volTaskPath(r)
		}
		notice := map[string]string{"accept": "accepted", "decline": "declined", "approve": "approved"}[action]
		http.Redirect(w, r, back+"?notice="+notice, http.StatusSeeOther)
	}
}

// volComplete marks the task done with the hours typed, or shows the form
// again with the problem next to the hours, where it was sent from.
func (p *Pages) volComplete(w http.ResponseWriter, r *http.Request, c domain.Community, v *view, id int64, back string) {
	typed := strings.TrimSpace(r.PostForm.Get("hours"))
	hours, err := volParseHours(typed)
	if err == nil {
		_, err = p.svc.Complete(r.Context(), c.Slug, id, hours)
	}
	if err == nil {
		http.Redirect(w, r, back+"?notice=completed", http.StatusSeeOther)
		return
	}
	if domain.KindOf(err) != domain.KindInvalid {
		p.volunteerFail(w, r, v, err)
		return
	}
	v.Form.set("hours", typed)
	failVolunteerForm(v.Form, v.tr, err)
	if r.PostForm.Get("back") == "list" {
		page, perr := p.volTasksPage(r, c, v, id, typed)
		if perr != nil {
			p.volunteerFail(w, r, v, perr)
			return
		}
		// The list has one hours field per task; the summary links to
		// the one that failed.
		for i := range v.Form.Problems {
			v.Form.Problems[i].ID = "f-hours-" + strconv.FormatInt(id, 10)
		}
		p.render(w, r, http.StatusUnprocessableEntity, "volunteer_tasks", page)
		return
	}
	page, perr := p.volTaskPage(r, c, v, id)
	if perr != nil {
		p.volunteerFail(w, r, v, perr)
		return
	}
	page.Hours.Field.Value, page.Hours.Field.Error = typed, v.Form.Error("hours")
	p.render(w, r, http.StatusUnprocessableEntity, "volunteer_task", page)
}

// volParseHours reads the hours as people type them: "2", "1.5" or "1,5".
// The service decides how many hours a task may have taken.
func volParseHours(s string) (float64, error) {
	var pr domain.Problems
	if s == "" {
		pr.Add("hours", "required", "enter the hours you spent")
		return 0, pr.Err()
	}
	h, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(h) || math.IsInf(h, 0) {
		pr.Add("hours", "number", "enter a number such as 1.5")
		return 0, pr.Err()
	}
	return h, nil
}

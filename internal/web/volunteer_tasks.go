package web

import (
	"net/http"
	"strconv"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// volTasksPage is the volunteer's list of assignments, grouped by status.
type volTasksPage struct {
	*view
	Community domain.Community
	Nav       volunteerNav
	Notice    string
	Groups    []volTaskGroup
	// More links to the next page of the list, "" on the last.
	More string
}

// volTaskGroup is one status's tasks under a heading.
type volTaskGroup struct {
	ID, Heading, Hint string
	Tasks             []volTaskItem
}

// volTaskItem is one task on the list, with the forms it offers.
type volTaskItem struct {
	ID                      int64
	URL, Title, Category    string
	When, Status            string
	CanAccept, CanDecline   bool
	AcceptPath, DeclinePath string
	// Hours is the form to complete the task, nil when it cannot be.
	Hours *volHoursForm
}

// volHoursForm is the "done, with this many hours" form of a task, drawn by
// the volunteer_hours partial on the list and on the task page.
type volHoursForm struct {
	Action, Back, Button string
	Field                input
}

// volTaskGroups is the order of the groups: what needs an answer first,
// then what waits for others, then what is to do, then the past.
var volTaskGroups = []struct {
	name     string
	statuses []domain.AssignmentStatus
}{
	{"proposed", []domain.AssignmentStatus{domain.AssignProposed}},
	{"offered", []domain.AssignmentStatus{domain.AssignOffered}},
	{"accepted", []domain.AssignmentStatus{domain.AssignAccepted}},
	{"completed", []domain.AssignmentStatus{domain.AssignCompleted}},
	{"ended", []domain.AssignmentStatus{domain.AssignDeclined, domain.AssignWithdrawn}},
}

// volTasksPageSize is how many assignments one page of the list holds.
const volTasksPageSize = 50

func (p *Pages) volTasks(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.volunteerView(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	page, err := p.volTasksPage(r, c, v, 0, "")
	if err != nil {
		p.volunteerFail(w, r, v, err)
		return
	}
	p.render(w, r, http.StatusOK, "volunteer_tasks", page)
}

// volTasksPage loads the list. failed names the task whose hours form came
// back with an error (0 for none), hours what was typed there.
func (p *Pages) volTasksPage(r *http.Request, c domain.Community, v *view, failed int64, hours string) (*volTasksPage, error) {
	offset := volOffset(r)
	list, err := p.svc.MyTasks(r.Context(), c.Slug, domain.Page{Limit: volTasksPageSize + 1, Offset: offset})
	if err != nil {
		return nil, err
	}
	page := &volTasksPage{view: v, Community: c, Nav: volunteerNav{Slug: c.Slug, Current: "tasks"},
		Notice: volNotice(v, r.URL.Query().Get("notice"), "")}
	if len(list) > volTasksPageSize {
		list = list[:volTasksPageSize]
		page.More = page.Nav.TasksURL() + "?from=" + strconv.Itoa(offset+volTasksPageSize)
	}
	for _, g := range volTaskGroups {
		group := volTaskGroup{ID: "tasks-" + g.name, Heading: v.T("volunteer.tasks.group." + g.name),
			Hint: v.T("volunteer.tasks.group." + g.name + ".hint")}
		for _, t := range list {
			if volHasStatus(g.statuses, t.Assignment.Status) {
				group.Tasks = append(group.Tasks, p.volTaskItem(v, c, t, failed, hours))
			}
		}
		if len(group.Tasks) > 0 {
			page.Groups = append(page.Groups, group)
		}
	}
	return page, nil
}

func volHasStatus(list []domain.AssignmentStatus, s domain.AssignmentStatus) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (p *Pages) volTaskItem(v *view, c domain.Community, t service.TaskView, failed int64, hours string) volTaskItem {
	nav := volunteerNav{Slug: c.Slug}
	url := nav.TaskURL(t.Assignment.ID)
	item := volTaskItem{ID: t.Assignment.ID, URL: url, Title: t.Request.Title, Category: v.Category(t.Request.Category),
		When: volWhen(v.tr, t.Request, c.Location()), Status: volStatus(v.tr, t.Assignment.Status),
		CanAccept: t.CanAccept, CanDecline: t.CanDecline && t.Assignment.Status == domain.AssignProposed,
		AcceptPath: url + "/accept", DeclinePath: url + "/decline"}
	if t.CanComplete {
		f := newVolHoursForm(v, url, "list", "f-hours-"+strconv.FormatInt(t.Assignment.ID, 10))
		if t.Assignment.ID == failed {
			f.Field.Value, f.Field.Error = hours, v.Form.Error("hours")
		}
		item.Hours = &f
	}
	return item
}

// newVolHoursForm describes the completion form of the task at url; back is
// "list" on the list of tasks, so that an error comes back there.
func newVolHoursForm(v *view, url, back, id string) volHoursForm {
	in := v.Input("hours", "text", v.T("volunteer.hours.label"), "off", v.T("volunteer.hours.hint"))
	in.ID = id
	return volHoursForm{Action: url + "/complete", Back: back, Button: v.T("volunteer.hours.submit"), Field: in}
}

// volNotice is the confirmation shown after an action, chosen by the
// ?notice= of the redirect. Only known notices are shown, so a crafted
// link can say nothing but these; "offered" is worded by the task's real
// status, which tells whether a coordinator still has to confirm.
func volNotice(v *view, notice string, status domain.AssignmentStatus) string {
	switch notice {
	case "offered":
		if status == domain.AssignAccepted {
			return v.T("volunteer.notice.offered.direct")
		}
		if status == domain.AssignOffered {
			return v.T("volunteer.notice.offered.approval")
		}
	case "accepted":
		return v.T("volunteer.notice.accepted")
	case "declined":
		return v.T("volunteer.notice.declined")
	case "completed":
		return v.T("volunteer.notice.completed")
	case "approved":
		return v.T("volunteer.notice.approved")
	case "sent":
		return v.T("volunteer.notice.sent")
	}
	return ""
}

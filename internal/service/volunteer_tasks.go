package service

import (
	"context"

	"mutua/internal/domain"
)

// TaskView is one assignment with its request as the acting person may see
// it, and what they may do with it now. The pages show a task from it
// without deciding anything themselves: which details are private and which
// buttons make sense are settled here, by the same rules the actions apply.
type TaskView struct {
	Assignment domain.Assignment `json:"assignment"`
	Request    RequestView       `json:"request"`
	// VolunteerName names the volunteer, for the person helped and the
	// coordinators.
	VolunteerName string `json:"volunteer_name"`
	// Mine is true for the volunteer of the assignment.
	Mine bool `json:"mine"`
	// What the actor may do now.
	CanAccept   bool `json:"can_accept"`
	CanDecline  bool `json:"can_decline"`
	CanComplete bool `json:"can_complete"`
	CanApprove  bool `json:"can_approve"`
}

// Task returns one assignment for its task page: to the volunteer, the
// person helped and the coordinators, the same people who read its thread.
// The request carries its private details only when the privacy rules
// allow them to this person.
func (s *Service) Task(ctx context.Context, slug string, id int64) (TaskView, error) {
	a, as, err := s.threadAccess(ctx, slug, id)
	if err != nil {
		return TaskView{}, err
	}
	r, err := s.request(ctx, a, as.RequestID)
	if err != nil {
		return TaskView{}, err
	}
	private, err := s.seesPrivate(ctx, a, r)
	if err != nil {
		return TaskView{}, err
	}
	rv := publicView(r, a.user.ID)
	if private {
		if rv, err = s.privateView(ctx, a, r); err != nil {
			return TaskView{}, err
		}
	}
	names, err := s.store.UserNames(ctx, []int64{as.VolunteerID})
	if err != nil {
		return TaskView{}, err
	}
	return taskView(a, as, r, rv, names[as.VolunteerID]), nil
}

// MyTasks lists the acting volunteer's assignments, newest first, each with
// its request as lists show requests: without private details, which only
// the task page may reveal.
func (s *Service) MyTasks(ctx context.Context, slug string, page domain.Page) ([]TaskView, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return nil, err
	}
	list, err := s.store.AssignmentsOfVolunteer(ctx, a.community.ID, a.user.ID, clampPage(page))
	if err != nil {
		return nil, err
	}
	out := make([]TaskView, 0, len(list))
	for _, as := range list {
		r, err := s.request(ctx, a, as.RequestID)
		if err != nil {
			return nil, err
		}
		out = append(out, taskView(a, as, r, publicView(r, a.user.ID), a.user.Name))
	}
	return out, nil
}

// taskView fills in what the actor may do, by the rules of Accept, Decline,
// Complete and Approve.
func taskView(a access, as domain.Assignment, r domain.Request, rv RequestView, volunteer string) TaskView {
	mine := as.VolunteerID == a.user.ID
	live := as.Status == domain.AssignProposed || as.Status == domain.AssignOffered || as.Status == domain.AssignAccepted
	return TaskView{
		Assignment: as, Request: rv, VolunteerName: volunteer, Mine: mine,
		CanAccept:  mine && as.Status == domain.AssignProposed,
		CanDecline: mine && live,
		CanComplete: (mine || a.can(domain.PermCoordinate)) &&
			as.Status == domain.AssignAccepted && r.Status == domain.RequestAssigned,
		CanApprove: a.can(domain.PermCoordinate) && as.Status == domain.AssignOffered && r.Status == domain.RequestOpen,
	}
}

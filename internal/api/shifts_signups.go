package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
	"mutua/internal/service"
)

type shiftIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type signUpInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      *struct {
		TeamSize    int    `json:"team_size,omitempty" doc:"people signed up under your contact; 1 when left out"`
		TeamContact string `json:"team_contact,omitempty" maxLength:"300" doc:"how to reach the team, e.g. the teacher's phone"`
		// mutua keeps no birth dates; the person confirms instead.
		AgeConfirmed bool `json:"age_confirmed,omitempty" doc:"required when the opportunity has a min_age: everyone signed up is at least that old"`
	}
}

type attendanceInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      struct {
		UserID int64 `json:"user_id"`
	}
}

type signupOutput struct{ Body domain.Signup }

type signupsOutput struct{ Body []domain.Signup }

type shiftEventsOutput struct{ Body []domain.ShiftEvent }

type closingOutput struct{ Body service.ShiftClosing }

func (a *API) registerShifts(h huma.API) {
	secured(a, h, http.MethodPost, "/communities/{c}/shifts/{id}/signups", "sign-up",
		"Sign up for a shift, alone or with a team; status is confirmed, or waitlisted when it is full", http.StatusCreated, a.signUp)
	secured(a, h, http.MethodGet, "/communities/{c}/shifts/{id}/signups", "list-signups",
		"The shift's sign-ups in order, waiting list included (those who run it)", 0, a.listSignups)
	secured(a, h, http.MethodDelete, "/communities/{c}/shifts/{id}/signups/me", "cancel-signup",
		"Cancel your sign-up; the first people waiting who fit get the place", http.StatusNoContent, a.cancelSignup)
	secured(a, h, http.MethodPost, "/communities/{c}/shifts/{id}/checkin", "check-in",
		"Check a confirmed person in (those who run the shift)", 0, a.checkIn)
	secured(a, h, http.MethodPost, "/communities/{c}/shifts/{id}/no-show", "no-show",
		"Mark a confirmed person as not come (those who run the shift)", 0, a.noShow)
	secured(a, h, http.MethodPost, "/communities/{c}/shifts/{id}/close", "close-shift",
		"Close a shift that has begun and log the hours of those checked in as contributions", 0, a.closeShift)
	secured(a, h, http.MethodPost, "/communities/{c}/shifts/{id}/cancel", "cancel-shift",
		"Call off a shift before it begins: every sign-up is cancelled and each person is told", 0, a.cancelShift)
	secured(a, h, http.MethodGet, "/communities/{c}/shifts/{id}/events", "shift-events",
		"Promotions from the waiting list and other events to notify, oldest first", 0, a.shiftEvents)
}

func (a *API) signUp(ctx context.Context, in *signUpInput) (*signupOutput, error) {
	var sg domain.Signup
	if in.Body != nil {
		sg.TeamSize, sg.TeamContact, sg.AgeConfirmed = in.Body.TeamSize, in.Body.TeamContact, in.Body.AgeConfirmed
	}
	out, err := a.svc.SignUp(ctx, in.Community, in.ID, sg)
	return result(ctx, a, &signupOutput{Body: out}, err)
}

func (a *API) listSignups(ctx context.Context, in *shiftIDInput) (*signupsOutput, error) {
	list, err := a.svc.ShiftSignups(ctx, in.Community, in.ID)
	return result(ctx, a, &signupsOutput{Body: list}, err)
}

func (a *API) cancelSignup(ctx context.Context, in *shiftIDInput) (*removedOutput, error) {
	err := a.svc.CancelSignup(ctx, in.Community, in.ID)
	return result(ctx, a, &removedOutput{}, err)
}

func (a *API) checkIn(ctx context.Context, in *attendanceInput) (*signupOutput, error) {
	sg, err := a.svc.CheckIn(ctx, in.Community, in.ID, in.Body.UserID)
	return result(ctx, a, &signupOutput{Body: sg}, err)
}

func (a *API) noShow(ctx context.Context, in *attendanceInput) (*signupOutput, error) {
	sg, err := a.svc.MarkNoShow(ctx, in.Community, in.ID, in.Body.UserID)
	return result(ctx, a, &signupOutput{Body: sg}, err)
}

func (a *API) closeShift(ctx context.Context, in *shiftIDInput) (*closingOutput, error) {
	c, err := a.svc.CloseShift(ctx, in.Community, in.ID)
	return result(ctx, a, &closingOutput{Body: c}, err)
}

type shiftOutput struct{ Body domain.Shift }

func (a *API) cancelShift(ctx context.Context, in *shiftIDInput) (*shiftOutput, error) {
	sh, err := a.svc.CancelShift(ctx, in.Community, in.ID)
	return result(ctx, a, &shiftOutput{Body: sh}, err)
}

func (a *API) shiftEvents(ctx context.Context, in *shiftIDInput) (*shiftEventsOutput, error) {
	list, err := a.svc.ShiftEvents(ctx, in.Community, in.ID)
	return result(ctx, a, &shiftEventsOutput{Body: list}, err)
}

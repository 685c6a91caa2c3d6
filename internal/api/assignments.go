package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
)

type assignmentIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type completeInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      struct {
		Hours float64 `json:"hours" doc:"time given, more than 0 and at most 24 per day of the task"`
	}
}

type assignmentsInput struct {
	Community string `path:"c" maxLength:"40"`
	PageQuery
}

type assignmentsOutput struct{ Body []domain.Assignment }

type messagesInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Before    int64  `query:"before" minimum:"0" doc:"only messages older than this id (the next page back)"`
	Limit     int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type messagesOutput struct{ Body []domain.Message }

type postMessageInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      struct {
		Body string `json:"body" maxLength:"4000"`
	}
}

type messageOutput struct{ Body domain.Message }

func (a *API) registerAssignments(h huma.API) {
	secured(a, h, http.MethodGet, "/communities/{c}/assignments", "my-assignments",
		"Your tasks, newest first", 0, a.myAssignments)
	secured(a, h, http.MethodPost, "/communities/{c}/assignments/{id}/accept", "accept",
		"Accept a proposal (the volunteer)", 0, a.accept)
	secured(a, h, http.MethodPost, "/communities/{c}/assignments/{id}/decline", "decline",
		"Decline a proposal, or withdraw from an offer or task (the volunteer)", 0, a.decline)
	secured(a, h, http.MethodPost, "/communities/{c}/assignments/{id}/approve", "approve",
		"Approve a volunteer's offer (coordinators)", 0, a.approve)
	secured(a, h, http.MethodPost, "/communities/{c}/assignments/{id}/complete", "complete",
		"Mark the task done with the hours given", 0, a.complete)
	secured(a, h, http.MethodGet, "/communities/{c}/assignments/{id}/messages", "list-messages",
		"The task's message thread, oldest first", 0, a.listMessages)
	secured(a, h, http.MethodPost, "/communities/{c}/assignments/{id}/messages", "post-message",
		"Write in the task's message thread", http.StatusCreated, a.postMessage)
}

func (a *API) myAssignments(ctx context.Context, in *assignmentsInput) (*assignmentsOutput, error) {
	list, err := a.svc.MyAssignments(ctx, in.Community, domain.Page{Limit: in.Limit, Offset: in.Offset})
	return result(ctx, a, &assignmentsOutput{Body: list}, err)
}

func (a *API) accept(ctx context.Context, in *assignmentIDInput) (*assignmentOutput, error) {
	as, err := a.svc.Accept(ctx, in.Community, in.ID)
	return result(ctx, a, &assignmentOutput{Body: as}, err)
}

func (a *API) decline(ctx context.Context, in *assignmentIDInput) (*assignmentOutput, error) {
	as, err := a.svc.Decline(ctx, in.Community, in.ID)
	return result(ctx, a, &assignmentOutput{Body: as}, err)
}

func (a *API) approve(ctx context.Context, in *assignmentIDInput) (*assignmentOutput, error) {
	as, err := a.svc.Approve(ctx, in.Community, in.ID)
	return result(ctx, a, &assignmentOutput{Body: as}, err)
}

func (a *API) complete(ctx context.Context, in *completeInput) (*assignmentOutput, error) {
	as, err := a.svc.Complete(ctx, in.Community, in.ID, in.Body.Hours)
	return result(ctx, a, &assignmentOutput{Body: as}, err)
}

func (a *API) listMessages(ctx context.Context, in *messagesInput) (*messagesOutput, error) {
	list, err := a.svc.Messages(ctx, in.Community, in.ID, domain.MessagePage{Before: in.Before, Limit: in.Limit})
	return result(ctx, a, &messagesOutput{Body: list}, err)
}

func (a *API) postMessage(ctx context.Context, in *postMessageInput) (*messageOutput, error) {
	m, err := a.svc.PostMessage(ctx, in.Community, in.ID, in.Body.Body)
	return result(ctx, a, &messageOutput{Body: m}, err)
}

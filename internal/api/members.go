package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
)

type grantInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      struct {
		Email string      `json:"email" maxLength:"254"`
		Role  domain.Role `json:"role" enum:"member,volunteer,coordinator,admin"`
	}
}

type memberOutput struct {
	Status int
	Body   domain.Member
}

type membersInput struct {
	Community string `path:"c" maxLength:"40"`
	PageQuery
}

type membersOutput struct {
	Body []domain.Member
}

type membershipOutput struct {
	Body domain.Membership
}

func (a *API) registerMembers(h huma.API) {
	op := a.op(http.MethodPost, "/communities/{c}/members", "grant-role",
		"Give an account a role in the community (admins: any role; coordinators: member or volunteer). 201 when the person was not a member, 200 when the role changed.", "members")
	op.DefaultStatus = http.StatusCreated
	op.Security = authenticated
	huma.Register(h, op, a.grantRole)

	op = a.op(http.MethodGet, "/communities/{c}/members", "list-members", "List members with their roles (coordinators and admins)", "members")
	op.Security = authenticated
	huma.Register(h, op, a.listMembers)

	op = a.op(http.MethodPost, "/communities/{c}/join", "join", "Join the community as a member", "members")
	op.Security = authenticated
	huma.Register(h, op, a.join)
}

func (a *API) grantRole(ctx context.Context, in *grantInput) (*memberOutput, error) {
	m, created, err := a.svc.GrantRole(ctx, in.Community, domain.Grant{Email: in.Body.Email, Role: in.Body.Role})
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return &memberOutput{Status: status, Body: m}, nil
}

func (a *API) listMembers(ctx context.Context, in *membersInput) (*membersOutput, error) {
	ms, err := a.svc.Members(ctx, in.Community, domain.Page{Limit: in.Limit, Offset: in.Offset})
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &membersOutput{Body: ms}, nil
}

func (a *API) join(ctx context.Context, in *slugInput) (*membershipOutput, error) {
	m, err := a.svc.Join(ctx, in.Community)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &membershipOutput{Body: m}, nil
}

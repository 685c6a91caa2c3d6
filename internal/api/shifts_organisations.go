package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
)

type proposeOrganisationInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      struct {
		Name        string       `json:"name" maxLength:"120"`
		Type        string       `json:"type" enum:"ngo,school,business,public,cooperative,informal"`
		Sector      string       `json:"sector,omitempty" maxLength:"80"`
		Description string       `json:"description,omitempty" maxLength:"4000"`
		Website     string       `json:"website,omitempty" maxLength:"300"`
		Location    domain.Point `json:"location"`
		Contact     string       `json:"contact,omitempty" maxLength:"300" doc:"public contact details"`
	}
}

type organisationIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type listOrganisationsInput struct {
	Community string `path:"c" maxLength:"40"`
	PageQuery
}

type organisationShiftsInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	From      string `query:"from" maxLength:"40" doc:"RFC 3339; default now"`
	To        string `query:"to" maxLength:"40" doc:"RFC 3339; default four weeks after from"`
}

type addOrganisationMemberInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      struct {
		UserID int64  `json:"user_id"`
		Role   string `json:"role" enum:"org_admin,org_coordinator"`
	}
}

type organisationOutput struct{ Body domain.Organisation }

type organisationsOutput struct{ Body []domain.Organisation }

type shiftsOutput struct{ Body []domain.Shift }

// registerOrganisations adds organisations: proposed by members, approved
// by community admins, run by their own admins and coordinators.
func (a *API) registerOrganisations(h huma.API) {
	public(a, h, http.MethodGet, "/communities/{c}/organisations", "list-organisations",
		"Approved organisations by name; community admins also see proposed ones", 0, a.listOrganisations)
	secured(a, h, http.MethodPost, "/communities/{c}/organisations", "propose-organisation",
		"Propose an organisation; you become its admin once a community admin approves it", http.StatusCreated, a.proposeOrganisation)
	public(a, h, http.MethodGet, "/communities/{c}/organisations/{id}", "get-organisation",
		"One organisation's public profile", 0, a.getOrganisation)
	secured(a, h, http.MethodPost, "/communities/{c}/organisations/{id}/approve", "approve-organisation",
		"Approve a proposed organisation (community admins)", 0, a.approveOrganisation)
	secured(a, h, http.MethodPost, "/communities/{c}/organisations/{id}/members", "add-organisation-member",
		"Make a community member an admin or coordinator of the organisation (its admins, community admins)", http.StatusNoContent, a.addOrganisationMember)
	secured(a, h, http.MethodGet, "/communities/{c}/organisations/{id}/shifts", "organisation-shifts",
		"Coordinator overview: the organisation's open shifts with fill, waiting list and free places", 0, a.organisationShifts)
	a.registerOpportunities(h)
	a.registerShifts(h)
}

func (a *API) listOrganisations(ctx context.Context, in *listOrganisationsInput) (*organisationsOutput, error) {
	list, err := a.svc.Organisations(ctx, in.Community, domain.Page{Limit: in.Limit, Offset: in.Offset})
	return result(ctx, a, &organisationsOutput{Body: list}, err)
}

func (a *API) proposeOrganisation(ctx context.Context, in *proposeOrganisationInput) (*organisationOutput, error) {
	b := in.Body
	o, err := a.svc.ProposeOrganisation(ctx, in.Community, domain.Organisation{Name: b.Name, Type: b.Type, Sector: b.Sector,
		Description: b.Description, Website: b.Website, Location: b.Location, Contact: b.Contact})
	return result(ctx, a, &organisationOutput{Body: o}, err)
}

func (a *API) getOrganisation(ctx context.Context, in *organisationIDInput) (*organisationOutput, error) {
	o, err := a.svc.Organisation(ctx, in.Community, in.ID)
	return result(ctx, a, &organisationOutput{Body: o}, err)
}

func (a *API) approveOrganisation(ctx context.Context, in *organisationIDInput) (*organisationOutput, error) {
	o, err := a.svc.ApproveOrganisation(ctx, in.Community, in.ID)
	return result(ctx, a, &organisationOutput{Body: o}, err)
}

func (a *API) addOrganisationMember(ctx context.Context, in *addOrganisationMemberInput) (*removedOutput, error) {
	err := a.svc.AddOrganisationMember(ctx, in.Community, in.ID, in.Body.UserID, domain.OrgRole(in.Body.Role))
	return result(ctx, a, &removedOutput{}, err)
}

func (a *API) organisationShifts(ctx context.Context, in *organisationShiftsInput) (*shiftsOutput, error) {
	from, err := optionalTime("from", in.From)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	to, err := optionalTime("to", in.To)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	list, err := a.svc.OrganisationShifts(ctx, in.Community, in.ID, from, to)
	return result(ctx, a, &shiftsOutput{Body: list}, err)
}

// optionalTime reads an RFC 3339 query parameter; empty is the zero time.
func optionalTime(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, &domain.Error{Kind: domain.KindInvalid, Code: "invalid", Message: field + " must be an RFC 3339 time",
			Fields: []domain.FieldError{{Field: field, Code: "format", Message: "give a time like 2026-05-01T09:00:00Z"}}}
	}
	return t, nil
}

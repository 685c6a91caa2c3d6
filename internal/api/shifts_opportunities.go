package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
	"mutua/internal/service"
)

type shiftBody struct {
	Start    time.Time `json:"start" doc:"RFC 3339"`
	End      time.Time `json:"end" doc:"RFC 3339"`
	Capacity int       `json:"capacity" doc:"1 to 10000 people"`
}

type createOpportunityInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      struct {
		OrganisationID  int64             `json:"organisation_id"`
		Title           string            `json:"title" maxLength:"120"`
		Description     string            `json:"description" maxLength:"4000"`
		Category        string            `json:"category" maxLength:"40"`
		Skills          []string          `json:"skills" maxItems:"20"`
		Location        domain.Point      `json:"location"`
		Address         string            `json:"address" maxLength:"300"`
		Languages       []string          `json:"languages" maxItems:"20"`
		Shifts          []shiftBody       `json:"shifts" maxItems:"100"`
		Online          bool              `json:"online,omitempty"`
		MinAge          int               `json:"min_age,omitempty"`
		VettingRequired bool              `json:"vetting_required,omitempty"`
		Recurrence      *domain.ShiftRule `json:"recurrence,omitempty" doc:"weekly shifts, generated eight weeks ahead"`
	}
}

type opportunityIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type setRecurrenceInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      domain.ShiftRule
}

type listOpportunitiesInput struct {
	Community string  `path:"c" maxLength:"40"`
	Near      string  `query:"near" maxLength:"60" doc:"lat,lng: only opportunities within radius_km of this point"`
	RadiusKM  float64 `query:"radius_km" minimum:"0.1" maximum:"100" default:"5"`
	Category  string  `query:"category" maxLength:"40"`
	From      string  `query:"from" maxLength:"40" doc:"RFC 3339: only those with an open shift starting at or after this"`
	To        string  `query:"to" maxLength:"40" doc:"RFC 3339: only those with an open shift starting before this"`
	PageQuery
}

type opportunityOutput struct{ Body domain.Opportunity }

type opportunitiesOutput struct{ Body []domain.Opportunity }

func (a *API) registerOpportunities(h huma.API) {
	public(a, h, http.MethodGet, "/communities/{c}/opportunities", "list-opportunities",
		"Opportunities to volunteer, newest first, without their shifts", 0, a.listOpportunities)
	secured(a, h, http.MethodPost, "/communities/{c}/opportunities", "create-opportunity",
		"Post an opportunity with its shifts (the organisation's admins and coordinators)", http.StatusCreated, a.createOpportunity)
	public(a, h, http.MethodGet, "/communities/{c}/opportunities/{id}", "get-opportunity",
		"One opportunity with its shifts and their fill", 0, a.getOpportunity)
	secured(a, h, http.MethodPut, "/communities/{c}/opportunities/{id}/recurrence", "set-recurrence",
		"Replace the weekly rule; future generated shifts without sign-ups are regenerated, others kept", 0, a.setRecurrence)
}

func (a *API) createOpportunity(ctx context.Context, in *createOpportunityInput) (*opportunityOutput, error) {
	b := in.Body
	o := domain.Opportunity{OrganisationID: b.OrganisationID, Title: b.Title, Description: b.Description, Category: b.Category,
		Skills: b.Skills, Location: b.Location, Address: b.Address, Languages: b.Languages, Online: b.Online,
		MinAge: b.MinAge, VettingRequired: b.VettingRequired}
	if b.Recurrence != nil {
		o.Recurrence = *b.Recurrence
	}
	for _, sh := range b.Shifts {
		o.Shifts = append(o.Shifts, domain.Shift{Start: sh.Start, End: sh.End, Capacity: sh.Capacity})
	}
	out, err := a.svc.CreateOpportunity(ctx, in.Community, o)
	return result(ctx, a, &opportunityOutput{Body: out}, err)
}

func (a *API) listOpportunities(ctx context.Context, in *listOpportunitiesInput) (*opportunitiesOutput, error) {
	q := service.OpportunityQuery{Category: in.Category, RadiusKM: in.RadiusKM, Page: domain.Page{Limit: in.Limit, Offset: in.Offset}}
	var err error
	if q.From, err = optionalTime("from", in.From); err != nil {
		return nil, a.fail(ctx, err)
	}
	if q.To, err = optionalTime("to", in.To); err != nil {
		return nil, a.fail(ctx, err)
	}
	near, err := nearParam(in.Near)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	q.Near = near
	list, err := a.svc.Opportunities(ctx, in.Community, q)
	return result(ctx, a, &opportunitiesOutput{Body: list}, err)
}

func (a *API) getOpportunity(ctx context.Context, in *opportunityIDInput) (*opportunityOutput, error) {
	o, err := a.svc.Opportunity(ctx, in.Community, in.ID)
	return result(ctx, a, &opportunityOutput{Body: o}, err)
}

func (a *API) setRecurrence(ctx context.Context, in *setRecurrenceInput) (*opportunityOutput, error) {
	o, err := a.svc.SetRecurrence(ctx, in.Community, in.ID, in.Body)
	return result(ctx, a, &opportunityOutput{Body: o}, err)
}

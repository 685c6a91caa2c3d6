package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
)

type clientBody struct {
	Name      string       `json:"name" maxLength:"100"`
	Phone     string       `json:"phone,omitempty" maxLength:"32"`
	Address   string       `json:"address,omitempty" maxLength:"300"`
	Location  domain.Point `json:"location"`
	Languages []string     `json:"languages,omitempty" maxItems:"20"`
	Notes     string       `json:"notes,omitempty" maxLength:"4000"`
	Consent   struct {
		GivenAt time.Time `json:"given_at,omitzero" doc:"when consent was given; now when omitted"`
		Method  string    `json:"method" enum:"phone,in_person,written,online"`
	} `json:"consent"`
}

func (b clientBody) client() domain.Client {
	return domain.Client{Name: b.Name, Phone: b.Phone, Address: b.Address, Location: b.Location,
		Languages: b.Languages, Notes: b.Notes,
		Consent: domain.Consent{GivenAt: b.Consent.GivenAt, Method: b.Consent.Method}}
}

type createClientInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      clientBody
}

type updateClientInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      clientBody
}

type clientIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type findClientsInput struct {
	Community string `path:"c" maxLength:"40"`
	Phone     string `query:"phone" maxLength:"32" doc:"the end of the phone number is enough"`
	Name      string `query:"name" maxLength:"100" doc:"any part of the name"`
	PageQuery
}

type clientOutput struct{ Body domain.Client }

type clientsOutput struct{ Body []domain.Client }

func (a *API) registerClients(h huma.API) {
	secured(a, h, http.MethodPost, "/communities/{c}/clients", "create-client",
		"Record a person without an account, with their consent (coordinators)", http.StatusCreated, a.createClient)
	secured(a, h, http.MethodGet, "/communities/{c}/clients", "find-clients",
		"Find clients by phone or name (coordinators)", 0, a.findClients)
	secured(a, h, http.MethodGet, "/communities/{c}/clients/{id}", "get-client", "One client (coordinators)", 0, a.getClient)
	secured(a, h, http.MethodPut, "/communities/{c}/clients/{id}", "update-client", "Change a client's details (coordinators)", 0, a.updateClient)
}

func (a *API) createClient(ctx context.Context, in *createClientInput) (*clientOutput, error) {
	c, err := a.svc.CreateClient(ctx, in.Community, in.Body.client())
	return result(ctx, a, &clientOutput{Body: c}, err)
}

func (a *API) findClients(ctx context.Context, in *findClientsInput) (*clientsOutput, error) {
	cs, err := a.svc.FindClients(ctx, in.Community, domain.ClientQuery{Phone: in.Phone, Name: in.Name,
		Page: domain.Page{Limit: in.Limit, Offset: in.Offset}})
	return result(ctx, a, &clientsOutput{Body: cs}, err)
}

func (a *API) getClient(ctx context.Context, in *clientIDInput) (*clientOutput, error) {
	c, err := a.svc.Client(ctx, in.Community, in.ID)
	return result(ctx, a, &clientOutput{Body: c}, err)
}

func (a *API) updateClient(ctx context.Context, in *updateClientInput) (*clientOutput, error) {
	c := in.Body.client()
	c.ID = in.ID
	c, err := a.svc.UpdateClient(ctx, in.Community, c)
	return result(ctx, a, &clientOutput{Body: c}, err)
}

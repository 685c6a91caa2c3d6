package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
)

// PageQuery is the limit and offset of a list. Inputs embed it; it is
// exported because huma reads the fields of exported embedded structs only,
// and silently ignored them while this type was unexported.
type PageQuery struct {
	Limit  int `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Offset int `query:"offset" minimum:"0" default:"0"`
}

type communitiesOutput struct {
	Body []domain.Community
}

type communityInput struct {
	Body struct {
		Slug       string       `json:"slug" maxLength:"40" doc:"lowercase letters, digits and dashes; used in URLs"`
		Name       string       `json:"name" maxLength:"120"`
		Languages  []string     `json:"languages" maxItems:"20" doc:"the first is the default"`
		Center     domain.Point `json:"center"`
		RadiusKM   float64      `json:"radius_km"`
		Categories []string     `json:"categories,omitempty" maxItems:"13" doc:"enabled categories; all when omitted"`
	}
}

type slugInput struct {
	Community string `path:"c" maxLength:"40" doc:"community slug"`
}

type communityOutput struct {
	Body domain.Community
}

func (a *API) registerCommunities(h huma.API) {
	huma.Register(h, a.op(http.MethodGet, "/communities", "list-communities", "List communities (public)", "communities"), a.listCommunities)

	op := a.op(http.MethodPost, "/communities", "create-community", "Create a community (instance operator)", "communities")
	op.DefaultStatus = http.StatusCreated
	op.Security = authenticated
	huma.Register(h, op, a.createCommunity)

	huma.Register(h, a.op(http.MethodGet, "/communities/{c}", "get-community", "One community's public information", "communities"), a.getCommunity)
}

func (a *API) listCommunities(ctx context.Context, in *PageQuery) (*communitiesOutput, error) {
	cs, err := a.svc.Communities(ctx, domain.Page{Limit: in.Limit, Offset: in.Offset})
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &communitiesOutput{Body: cs}, nil
}

func (a *API) createCommunity(ctx context.Context, in *communityInput) (*communityOutput, error) {
	c, err := a.svc.CreateCommunity(ctx, domain.Community{
		Slug: in.Body.Slug, Name: in.Body.Name, Languages: in.Body.Languages,
		Center: in.Body.Center, RadiusKM: in.Body.RadiusKM, Categories: in.Body.Categories,
	})
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &communityOutput{Body: c}, nil
}

func (a *API) getCommunity(ctx context.Context, in *slugInput) (*communityOutput, error) {
	c, err := a.svc.Community(ctx, in.Community)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &communityOutput{Body: c}, nil
}

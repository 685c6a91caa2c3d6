package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
	"mutua/internal/service"
)

type proposeInitiativeInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      struct {
		Name         string       `json:"name" maxLength:"120"`
		Sector       string       `json:"sector" enum:"food,repair,energy,gardening,mobility,care,housing,culture,education,platform_coop,other"`
		Description  string       `json:"description,omitempty" maxLength:"500" doc:"a short description"`
		Address      string       `json:"address,omitempty" maxLength:"300"`
		Location     domain.Point `json:"location" doc:"where the initiative is; required"`
		Website      string       `json:"website,omitempty" maxLength:"300"`
		Contact      string       `json:"contact,omitempty" maxLength:"300" doc:"public contact details"`
		OpeningTimes string       `json:"opening_times,omitempty" maxLength:"300" doc:"free text, e.g. Sat 9-12"`
		Languages    []string     `json:"languages,omitempty" maxItems:"10" doc:"languages spoken there"`
	}
}

type listDirectoryInput struct {
	Community string  `path:"c" maxLength:"40"`
	Text      string  `query:"q" doc:"words to find, diacritics and case ignored; at most 200 characters"`
	Sector    string  `query:"sector" doc:"one of food, repair, energy, gardening, mobility, care, housing, culture, education, platform_coop, other"`
	Near      string  `query:"near" maxLength:"60" doc:"lat,lng: only entries around this point, nearest first"`
	RadiusKM  float64 `query:"radius_km" doc:"radius of a search near a point, more than 0 and at most 100; 5 when left out"`
	Proposed  bool    `query:"proposed" doc:"list the initiatives waiting for approval instead (community admins)"`
	PageQuery
}

type initiativeIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type initiativeOutput struct{ Body domain.Initiative }

type directoryOutput struct{ Body []domain.DirectoryEntry }

// registerInitiatives adds the directory of local initiatives: approved
// organisations and initiatives that do not otherwise use mutua, which
// admins add and members propose.
func (a *API) registerInitiatives(h huma.API) {
	public(a, h, http.MethodGet, "/communities/{c}/initiatives", "list-initiatives",
		"Search the directory of initiatives and approved organisations by words, sector and distance", 0, a.listDirectory)
	secured(a, h, http.MethodPost, "/communities/{c}/initiatives", "propose-initiative",
		"Propose an initiative for the directory; a community admin's is approved at once", http.StatusCreated, a.proposeInitiative)
	public(a, h, http.MethodGet, "/communities/{c}/initiatives/{id}", "get-initiative",
		"One initiative of the directory", 0, a.getInitiative)
	secured(a, h, http.MethodPost, "/communities/{c}/initiatives/{id}/approve", "approve-initiative",
		"Approve a proposed initiative (community admins)", 0, a.approveInitiative)
}

func (a *API) listDirectory(ctx context.Context, in *listDirectoryInput) (*directoryOutput, error) {
	near, err := nearParam(in.Near)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	list, err := a.svc.Directory(ctx, in.Community, service.DirectoryQuery{
		Text: in.Text, Sector: in.Sector, Near: near, RadiusKM: in.RadiusKM, Proposed: in.Proposed,
		Page: domain.Page{Limit: in.Limit, Offset: in.Offset},
	})
	return result(ctx, a, &directoryOutput{Body: list}, err)
}

func (a *API) proposeInitiative(ctx context.Context, in *proposeInitiativeInput) (*initiativeOutput, error) {
	b := in.Body
	v, err := a.svc.ProposeInitiative(ctx, in.Community, domain.Initiative{
		Name: b.Name, Sector: b.Sector, Description: b.Description, Address: b.Address, Location: b.Location,
		Website: b.Website, Contact: b.Contact, OpeningTimes: b.OpeningTimes, Languages: b.Languages,
	})
	return result(ctx, a, &initiativeOutput{Body: v}, err)
}

func (a *API) getInitiative(ctx context.Context, in *initiativeIDInput) (*initiativeOutput, error) {
	v, err := a.svc.Initiative(ctx, in.Community, in.ID)
	return result(ctx, a, &initiativeOutput{Body: v}, err)
}

func (a *API) approveInitiative(ctx context.Context, in *initiativeIDInput) (*initiativeOutput, error) {
	v, err := a.svc.ApproveInitiative(ctx, in.Community, in.ID)
	return result(ctx, a, &initiativeOutput{Body: v}, err)
}

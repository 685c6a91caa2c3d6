package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
)

type placeBody struct {
	Name  string       `json:"name" maxLength:"80"`
	Point domain.Point `json:"point"`
}

type addPlaceInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      placeBody
}

type placeIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type placeOutput struct{ Body domain.Place }

type placesOutput struct{ Body []domain.Place }

type removedOutput struct{}

// registerPlaces adds the named places of a community: what people without
// a map choose as their location.
func (a *API) registerPlaces(h huma.API) {
	huma.Register(h, a.op(http.MethodGet, "/communities/{c}/places", "list-places",
		"The community's named places, by name", "places"), a.listPlaces)
	secured(a, h, http.MethodPost, "/communities/{c}/places", "add-place",
		"Name a place inside the community's area (admins)", http.StatusCreated, a.addPlace)
	secured(a, h, http.MethodDelete, "/communities/{c}/places/{id}", "remove-place",
		"Remove a named place; locations chosen with it stay (admins)", http.StatusNoContent, a.removePlace)
}

func (a *API) listPlaces(ctx context.Context, in *slugInput) (*placesOutput, error) {
	list, err := a.svc.Places(ctx, in.Community)
	return result(ctx, a, &placesOutput{Body: list}, err)
}

func (a *API) addPlace(ctx context.Context, in *addPlaceInput) (*placeOutput, error) {
	p, err := a.svc.AddPlace(ctx, in.Community, domain.Place{Name: in.Body.Name, Point: in.Body.Point})
	return result(ctx, a, &placeOutput{Body: p}, err)
}

func (a *API) removePlace(ctx context.Context, in *placeIDInput) (*removedOutput, error) {
	err := a.svc.RemovePlace(ctx, in.Community, in.ID)
	return result(ctx, a, &removedOutput{}, err)
}

package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
	"mutua/internal/service"
)

type createOfferInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      struct {
		OrganisationID *int64       `json:"organisation_id,omitempty" doc:"offer in the name of an organisation you run"`
		Kind           string       `json:"kind" enum:"goods,service,space"`
		Category       string       `json:"category" enum:"food,clothing,furniture,transport,rooms,meals,equipment,other"`
		Title          string       `json:"title" maxLength:"120"`
		Description    string       `json:"description,omitempty" maxLength:"4000"`
		Quantity       int          `json:"quantity" doc:"how many units, at least 1"`
		Unit           string       `json:"unit,omitempty" maxLength:"30" doc:"e.g. rooms, meals, kg"`
		Location       domain.Point `json:"location"`
		Address        string       `json:"address,omitempty" maxLength:"300" doc:"seen only by you and the coordinators"`
		AvailableFrom  *time.Time   `json:"available_from,omitempty" doc:"from now when left out"`
		AvailableUntil *time.Time   `json:"available_until,omitempty" doc:"open-ended when left out"`
		Conditions     string       `json:"conditions,omitempty" maxLength:"1000"`
	}
}

type listOffersInput struct {
	Community string  `path:"c" maxLength:"40"`
	Kind      string  `query:"kind" enum:"goods,service,space,"`
	Category  string  `query:"category" enum:"food,clothing,furniture,transport,rooms,meals,equipment,other,"`
	Text      string  `query:"q" maxLength:"80" doc:"words in the title"`
	Near      string  `query:"near" maxLength:"60" doc:"lat,lng: only offers around this point, nearest first"`
	RadiusKM  float64 `query:"radius_km" minimum:"0.1" maximum:"100" default:"5"`
	PageQuery
}

type offerIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type linkOfferInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      struct {
		RequestID int64 `json:"request_id"`
		Quantity  int   `json:"quantity" doc:"units to reserve, at most what is available"`
	}
}

type unlinkOfferInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	LinkID    int64  `path:"link_id"`
}

type offerOutput struct{ Body service.OfferView }

type offersOutput struct{ Body []service.OfferView }

type offerLinkOutput struct{ Body domain.OfferLink }

// registerOffers adds offers of goods, services and space and the links
// coordinators make from help requests to them.
func (a *API) registerOffers(h huma.API) {
	secured(a, h, http.MethodPost, "/communities/{c}/offers", "create-offer",
		"Offer goods, a service or space", http.StatusCreated, a.createOffer)
	secured(a, h, http.MethodGet, "/communities/{c}/offers", "list-offers",
		"Search active offers, near a place if asked; approximate places only", 0, a.listOffers)
	secured(a, h, http.MethodGet, "/communities/{c}/offers/{id}", "get-offer",
		"One offer; address and links only for the offerer and the coordinators", 0, a.getOffer)
	secured(a, h, http.MethodPost, "/communities/{c}/offers/{id}/withdraw", "withdraw-offer",
		"Withdraw an offer (the offerer, or coordinators); links made stay", 0, a.withdrawOffer)
	secured(a, h, http.MethodPost, "/communities/{c}/offers/{id}/links", "link-offer",
		"Reserve part of an offer for a help request (coordinators)", http.StatusCreated, a.linkOffer)
	secured(a, h, http.MethodDelete, "/communities/{c}/offers/{id}/links/{link_id}", "unlink-offer",
		"Cancel a link and give its units back to the offer (coordinators)", 0, a.unlinkOffer)
}

func (a *API) createOffer(ctx context.Context, in *createOfferInput) (*offerOutput, error) {
	b := in.Body
	o := domain.Offer{OrganisationID: b.OrganisationID, Kind: b.Kind, Category: b.Category, Title: b.Title, Description: b.Description,
		Quantity: b.Quantity, Unit: b.Unit, Location: b.Location, Address: b.Address,
		AvailableUntil: b.AvailableUntil, Conditions: b.Conditions}
	if b.AvailableFrom != nil {
		o.AvailableFrom = *b.AvailableFrom
	}
	v, err := a.svc.CreateOffer(ctx, in.Community, o)
	return result(ctx, a, &offerOutput{Body: v}, err)
}

func (a *API) listOffers(ctx context.Context, in *listOffersInput) (*offersOutput, error) {
	q := service.OfferQuery{Kind: in.Kind, Category: in.Category, Text: in.Text, RadiusKM: in.RadiusKM,
		Page: domain.Page{Limit: in.Limit, Offset: in.Offset}}
	near, err := nearParam(in.Near)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	q.Near = near
	list, err := a.svc.Offers(ctx, in.Community, q)
	return result(ctx, a, &offersOutput{Body: list}, err)
}

func (a *API) getOffer(ctx context.Context, in *offerIDInput) (*offerOutput, error) {
	v, err := a.svc.OfferDetail(ctx, in.Community, in.ID)
	return result(ctx, a, &offerOutput{Body: v}, err)
}

func (a *API) withdrawOffer(ctx context.Context, in *offerIDInput) (*offerOutput, error) {
	v, err := a.svc.WithdrawOffer(ctx, in.Community, in.ID)
	return result(ctx, a, &offerOutput{Body: v}, err)
}

func (a *API) linkOffer(ctx context.Context, in *linkOfferInput) (*offerLinkOutput, error) {
	l, err := a.svc.LinkOffer(ctx, in.Community, in.ID, in.Body.RequestID, in.Body.Quantity)
	return result(ctx, a, &offerLinkOutput{Body: l}, err)
}

func (a *API) unlinkOffer(ctx context.Context, in *unlinkOfferInput) (*offerLinkOutput, error) {
	l, err := a.svc.UnlinkOffer(ctx, in.Community, in.ID, in.LinkID)
	return result(ctx, a, &offerLinkOutput{Body: l}, err)
}

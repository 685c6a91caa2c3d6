package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
	"mutua/internal/service"
)

type createRequestInput struct {
	Community string `path:"c" maxLength:"40"`
	Body      struct {
		Category    string             `json:"category" maxLength:"40"`
		Title       string             `json:"title" maxLength:"120"`
		Description string             `json:"description,omitempty" maxLength:"4000"`
		Location    domain.Point       `json:"location"`
		Address     string             `json:"address,omitempty" maxLength:"300"`
		ClientID    *int64             `json:"client_id,omitempty" doc:"for a client, when a coordinator asks on their behalf"`
		NeededFrom  time.Time          `json:"needed_from"`
		NeededBy    time.Time          `json:"needed_by"`
		Urgency     string             `json:"urgency,omitempty" enum:"low,normal,high"`
		Languages   []string           `json:"languages,omitempty" maxItems:"20"`
		Recurrence  *domain.Recurrence `json:"recurrence,omitempty"`
	}
}

type requestOutput struct{ Body service.RequestView }

type requestsOutput struct{ Body []service.RequestView }

type requestIDInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
}

type listRequestsInput struct {
	Community string  `path:"c" maxLength:"40"`
	Status    string  `query:"status" enum:"open,assigned,done,cancelled,expired,"`
	Category  string  `query:"category" maxLength:"40"`
	Near      string  `query:"near" maxLength:"60" doc:"lat,lng: only requests around this point, nearest first"`
	RadiusKM  float64 `query:"radius_km" minimum:"0.1" maximum:"100" default:"5"`
	Fits      string  `query:"fits" enum:"me," doc:"me: the open requests near you that fit your volunteer profile"`
	Mine      bool    `query:"mine" doc:"only the requests you made"`
	PageQuery
}

type historyOutput struct{ Body []domain.RequestEvent }

type candidatesInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Limit     int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

type candidatesOutput struct{ Body []service.Candidate }

type assignInput struct {
	Community string `path:"c" maxLength:"40"`
	ID        int64  `path:"id"`
	Body      struct {
		VolunteerID int64 `json:"volunteer_id"`
	}
}

type assignmentOutput struct{ Body domain.Assignment }

func (a *API) registerRequests(h huma.API) {
	secured(a, h, http.MethodPost, "/communities/{c}/requests", "create-request",
		"Ask for help, for yourself or (coordinators) for a client", http.StatusCreated, a.createRequest)
	secured(a, h, http.MethodGet, "/communities/{c}/requests", "list-requests",
		"List requests without private details; fits=me is a volunteer's feed", 0, a.listRequests)
	secured(a, h, http.MethodGet, "/communities/{c}/requests/{id}", "get-request",
		"One request; address and contact only for those who must see them", 0, a.getRequest)
	secured(a, h, http.MethodPost, "/communities/{c}/requests/{id}/cancel", "cancel-request",
		"Cancel a request (the person who asked, or coordinators)", 0, a.cancelRequest)
	secured(a, h, http.MethodGet, "/communities/{c}/requests/{id}/history", "request-history",
		"Every change to a request, oldest first", 0, a.requestHistory)
	secured(a, h, http.MethodGet, "/communities/{c}/requests/{id}/candidates", "candidates",
		"Volunteers who can take the request, ranked, with reasons (coordinators)", 0, a.candidates)
	secured(a, h, http.MethodPost, "/communities/{c}/requests/{id}/assign", "assign",
		"Propose a volunteer for the request (coordinators)", http.StatusCreated, a.assign)
	secured(a, h, http.MethodPost, "/communities/{c}/requests/{id}/volunteer", "offer",
		"Offer to take the request yourself", http.StatusCreated, a.offer)
}

func (a *API) createRequest(ctx context.Context, in *createRequestInput) (*requestOutput, error) {
	b := in.Body
	r := domain.Request{Category: b.Category, Title: b.Title, Description: b.Description, Location: b.Location,
		Address: b.Address, ClientID: b.ClientID, NeededFrom: b.NeededFrom, NeededBy: b.NeededBy,
		Urgency: b.Urgency, Languages: b.Languages}
	if b.Recurrence != nil {
		r.Recurrence = *b.Recurrence
	}
	v, err := a.svc.CreateRequest(ctx, in.Community, r)
	return result(ctx, a, &requestOutput{Body: v}, err)
}

func (a *API) listRequests(ctx context.Context, in *listRequestsInput) (*requestsOutput, error) {
	page := domain.Page{Limit: in.Limit, Offset: in.Offset}
	if in.Fits == "me" {
		list, err := a.svc.Feed(ctx, in.Community, page)
		return result(ctx, a, &requestsOutput{Body: list}, err)
	}
	q := service.RequestQuery{Status: domain.RequestStatus(in.Status), Category: in.Category, RadiusKM: in.RadiusKM, Mine: in.Mine, Page: page}
	near, err := nearParam(in.Near)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	q.Near = near
	list, err := a.svc.Requests(ctx, in.Community, q)
	return result(ctx, a, &requestsOutput{Body: list}, err)
}

// nearParam reads the near= query parameter of the lists that search
// around a point: nil when it is empty, an error naming the field when it
// is not "lat,lng" on Earth.
func nearParam(s string) (*domain.Point, error) {
	if s == "" {
		return nil, nil
	}
	p, ok := parsePoint(s)
	if !ok {
		return nil, &domain.Error{Kind: domain.KindInvalid, Code: "invalid", Message: "near must be lat,lng",
			Fields: []domain.FieldError{{Field: "near", Code: "format", Message: "give near as lat,lng, e.g. 46.25,15.16"}}}
	}
	return &p, nil
}

// parsePoint reads "lat,lng" and checks the range.
func parsePoint(s string) (domain.Point, bool) {
	lat, lng, ok := strings.Cut(s, ",")
	if !ok {
		return domain.Point{}, false
	}
	la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	ln, err2 := strconv.ParseFloat(strings.TrimSpace(lng), 64)
	p := domain.Point{Lat: la, Lng: ln}
	return p, err1 == nil && err2 == nil && p.Valid()
}

func (a *API) getRequest(ctx context.Context, in *requestIDInput) (*requestOutput, error) {
	v, err := a.svc.Request(ctx, in.Community, in.ID)
	return result(ctx, a, &requestOutput{Body: v}, err)
}

func (a *API) cancelRequest(ctx context.Context, in *requestIDInput) (*requestOutput, error) {
	v, err := a.svc.CancelRequest(ctx, in.Community, in.ID)
	return result(ctx, a, &requestOutput{Body: v}, err)
}

func (a *API) requestHistory(ctx context.Context, in *requestIDInput) (*historyOutput, error) {
	h, err := a.svc.RequestHistory(ctx, in.Community, in.ID)
	return result(ctx, a, &historyOutput{Body: h}, err)
}

func (a *API) candidates(ctx context.Context, in *candidatesInput) (*candidatesOutput, error) {
	c, err := a.svc.Candidates(ctx, in.Community, in.ID, in.Limit)
	return result(ctx, a, &candidatesOutput{Body: c}, err)
}

func (a *API) assign(ctx context.Context, in *assignInput) (*assignmentOutput, error) {
	as, err := a.svc.Propose(ctx, in.Community, in.ID, in.Body.VolunteerID)
	return result(ctx, a, &assignmentOutput{Body: as}, err)
}

func (a *API) offer(ctx context.Context, in *requestIDInput) (*assignmentOutput, error) {
	as, err := a.svc.Offer(ctx, in.Community, in.ID)
	return result(ctx, a, &assignmentOutput{Body: as}, err)
}

package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/httpx"
)

// calendarFeedPath is the private feed's address under /api/v1.
const calendarFeedPath = "/communities/{c}/me/calendar.ics"

// origin remembers the scheme and host a request came to, for addresses
// that must work outside the API: in a calendar app, say. Inputs embed it;
// huma fills it in through Resolve.
type origin struct{ value string }

// Resolve implements huma.Resolver.
func (o *origin) Resolve(ctx huma.Context) []error {
	scheme := "http"
	if httpx.SecureContext(ctx.Context()) || ctx.TLS() != nil {
		scheme = "https"
	}
	o.value = scheme + "://" + ctx.Host()
	return nil
}

type calendarTokenInput struct {
	Community string `path:"c" maxLength:"40"`
	origin
}

type calendarTokenOutput struct {
	Body struct {
		Token string `json:"token" doc:"the secret in the feed's address; shown only now"`
		URL   string `json:"url" doc:"the feed's address, to paste into a calendar app"`
	}
}

type calendarFeedInput struct {
	Community string `path:"c" maxLength:"40"`
	Token     string `query:"token" doc:"the token from POST /communities/{c}/me/calendar-token"`
	origin
}

type calendarFeedOutput struct {
	ContentType  string `header:"Content-Type"`
	CacheControl string `header:"Cache-Control"`
	Body         []byte
}

// registerCalendar adds the private calendar feeds of members.
func (a *API) registerCalendar(h huma.API) {
	secured(a, h, http.MethodPost, "/communities/{c}/me/calendar-token", "new-calendar-token",
		"Make the address of your private calendar feed, revoking any earlier one", http.StatusCreated, a.newCalendarToken)
	secured(a, h, http.MethodDelete, "/communities/{c}/me/calendar-token", "revoke-calendar-token",
		"Stop your private calendar feed's address from working", http.StatusNoContent, a.revokeCalendarToken)

	op := a.op(http.MethodGet, calendarFeedPath, "calendar-feed",
		"Your accepted tasks as an iCalendar (RFC 5545) feed", "calendar")
	op.Description = "For calendar apps, which cannot log in: the token in the query authenticates. " +
		"A wrong or revoked token answers 404, like an unknown address."
	op.Responses = map[string]*huma.Response{
		"200": {Description: "the calendar", Content: map[string]*huma.MediaType{
			"text/calendar": {Schema: &huma.Schema{Type: "string"}},
		}},
	}
	huma.Register(h, op, a.calendarFeed)
}

func (a *API) newCalendarToken(ctx context.Context, in *calendarTokenInput) (*calendarTokenOutput, error) {
	token, err := a.svc.NewCalendarToken(ctx, in.Community)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	out := &calendarTokenOutput{}
	out.Body.Token = token
	out.Body.URL = in.value + "/api/v1/communities/" + url.PathEscape(in.Community) +
		"/me/calendar.ics?token=" + url.QueryEscape(token)
	return out, nil
}

func (a *API) revokeCalendarToken(ctx context.Context, in *calendarTokenInput) (*removedOutput, error) {
	err := a.svc.RevokeCalendarToken(ctx, in.Community)
	return result(ctx, a, &removedOutput{}, err)
}

func (a *API) calendarFeed(ctx context.Context, in *calendarFeedInput) (*calendarFeedOutput, error) {
	cal, err := a.svc.CalendarFeed(ctx, in.Community, in.Token, in.value)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	// private: the feed is one person's, and its address is a secret that
	// shared caches must not hold on to. Apps poll every few hours at most,
	// so five minutes spares nothing they would notice.
	return &calendarFeedOutput{ContentType: "text/calendar; charset=utf-8",
		CacheControl: "private, max-age=300", Body: cal.Bytes()}, nil
}

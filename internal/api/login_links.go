package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/httpx"
	"mutua/internal/service"
)

type linkRequestInput struct {
	Body struct {
		Email string `json:"email" maxLength:"254" doc:"the account's email address"`
	}
}

type linkRedeemInput struct {
	Body struct {
		Token string `json:"token" maxLength:"100" doc:"the token from the emailed link"`
	}
}

type resetRedeemInput struct {
	Body struct {
		Token    string `json:"token" maxLength:"100" doc:"the token from the emailed link"`
		Password string `json:"password" maxLength:"512" doc:"the new password, at least 10 characters"`
	}
}

// linkErrors are the statuses the redeeming operations document besides
// success: an unknown token (404, link_invalid), a used or expired one
// (410, link_used or link_expired), a refused password (422).
var linkErrors = []int{http.StatusNotFound, http.StatusGone, http.StatusUnprocessableEntity}

func (a *API) registerLoginLinks(h huma.API) {
	op := a.op(http.MethodPost, "/auth/login-link", "requestLoginLink",
		"Email a one-time login link", "auth")
	op.Description = "Sends a link that logs in once, within 15 minutes, to the account with this address. " +
		"The answer is 202 whether or not such an account exists. Limited per address and per client (429 with Retry-After)."
	op.DefaultStatus = http.StatusAccepted
	op.Errors = []int{http.StatusUnprocessableEntity, http.StatusTooManyRequests}
	huma.Register(h, op, a.requestLoginLink)

	op = a.op(http.MethodPost, "/auth/password-reset", "requestPasswordReset",
		"Email a one-time link to set a new password", "auth")
	op.Description = "Like login-link, for choosing a new password. The answer is 202 whether or not such an account exists."
	op.DefaultStatus = http.StatusAccepted
	op.Errors = []int{http.StatusUnprocessableEntity, http.StatusTooManyRequests}
	huma.Register(h, op, a.requestPasswordReset)

	op = a.op(http.MethodPost, "/auth/login-link/redeem", "redeemLoginLink",
		"Use a login link; returns a bearer token and sets the session cookie", "auth")
	op.Description = "A link works once. Errors: 404 link_invalid, 410 link_used or link_expired."
	op.Errors = linkErrors
	huma.Register(h, op, a.redeemLoginLink)

	op = a.op(http.MethodPost, "/auth/password-reset/redeem", "redeemPasswordReset",
		"Use a reset link to set a new password; ends the account's other sessions and logs in", "auth")
	op.Description = "A link works once; a refused password (422) leaves it usable. Errors: 404 link_invalid, 410 link_used or link_expired."
	op.Errors = linkErrors
	huma.Register(h, op, a.redeemPasswordReset)
}

func (a *API) requestLoginLink(ctx context.Context, in *linkRequestInput) (*struct{}, error) {
	return result(ctx, a, &struct{}{}, a.svc.RequestLoginLink(ctx, in.Body.Email, ""))
}

func (a *API) requestPasswordReset(ctx context.Context, in *linkRequestInput) (*struct{}, error) {
	return result(ctx, a, &struct{}{}, a.svc.RequestPasswordReset(ctx, in.Body.Email, ""))
}

func (a *API) redeemLoginLink(ctx context.Context, in *linkRedeemInput) (*loginOutput, error) {
	s, err := a.svc.RedeemLoginLink(ctx, in.Body.Token)
	return a.linkSession(ctx, s, err)
}

func (a *API) redeemPasswordReset(ctx context.Context, in *resetRedeemInput) (*loginOutput, error) {
	s, err := a.svc.RedeemPasswordReset(ctx, in.Body.Token, in.Body.Password)
	return a.linkSession(ctx, s, err)
}

// linkSession answers a redeemed link as a login does, or with the
// problem: used and expired links are 410 Gone, since they are gone for
// good and the client should ask for a new one rather than retry.
func (a *API) linkSession(ctx context.Context, s service.Session, err error) (*loginOutput, error) {
	if err != nil {
		p := httpx.ProblemFrom(ctx, a.log, err)
		if service.LinkGone(err) {
			p.Status, p.Title = http.StatusGone, http.StatusText(http.StatusGone)
		}
		return nil, p
	}
	out := &loginOutput{SetCookie: httpx.SessionCookieFor(ctx, s.Token, s.ExpiresAt)}
	out.Body.Token, out.Body.ExpiresAt, out.Body.User = s.Token, s.ExpiresAt, s.User
	return out, nil
}

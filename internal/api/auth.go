package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

type registerInput struct {
	Body struct {
		Community string `json:"community" maxLength:"40" doc:"slug of the community to join"`
		Email     string `json:"email" maxLength:"254"`
		Password  string `json:"password" maxLength:"128" doc:"at least 10 characters"`
		Name      string `json:"name" maxLength:"100"`
		Language  string `json:"language,omitempty" maxLength:"16" doc:"preferred language, e.g. sl"`
	}
}

type userOutput struct {
	Body domain.User
}

type loginInput struct {
	Body struct {
		Email    string `json:"email" maxLength:"254"`
		Password string `json:"password" maxLength:"512"`
	}
}

type loginOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
	Body      struct {
		Token     string      `json:"token" doc:"send as Authorization: Bearer <token>"`
		ExpiresAt time.Time   `json:"expires_at"`
		User      domain.User `json:"user"`
	}
}

type logoutInput struct {
	Authorization string `header:"Authorization"`
	Cookie        string `cookie:"mutua_session"`
}

type logoutOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
}

type meOutput struct {
	Body service.Me
}

func (a *API) registerAuth(h huma.API) {
	op := a.op(http.MethodPost, "/auth/register", "register", "Open an account in a community", "auth")
	op.DefaultStatus = http.StatusCreated
	huma.Register(h, op, a.register)

	huma.Register(h, a.op(http.MethodPost, "/auth/login", "login", "Log in; returns a bearer token and sets the session cookie", "auth"), a.login)

	op = a.op(http.MethodPost, "/auth/logout", "logout", "End this session", "auth")
	op.DefaultStatus = http.StatusNoContent
	op.Security = authenticated
	huma.Register(h, op, a.logout)

	op = a.op(http.MethodGet, "/me", "me", "The logged-in account and its communities", "auth")
	op.Security = authenticated
	huma.Register(h, op, a.me)
}

func (a *API) register(ctx context.Context, in *registerInput) (*userOutput, error) {
	u, err := a.svc.Register(ctx, domain.Registration{
		Community: in.Body.Community, Email: in.Body.Email, Password: in.Body.Password,
		Name: in.Body.Name, Language: in.Body.Language,
	})
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &userOutput{Body: u}, nil
}

func (a *API) login(ctx context.Context, in *loginInput) (*loginOutput, error) {
	s, err := a.svc.Login(ctx, in.Body.Email, in.Body.Password)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	out := &loginOutput{SetCookie: httpx.SessionCookieFor(ctx, s.Token, s.ExpiresAt)}
	out.Body.Token, out.Body.ExpiresAt, out.Body.User = s.Token, s.ExpiresAt, s.User
	return out, nil
}

func (a *API) logout(ctx context.Context, in *logoutInput) (*logoutOutput, error) {
	token := httpx.BearerToken(in.Authorization)
	if token == "" {
		token = in.Cookie
	}
	if _, err := a.svc.Me(ctx); err != nil {
		return nil, a.fail(ctx, err)
	}
	if err := a.svc.Logout(ctx, token); err != nil {
		return nil, a.fail(ctx, err)
	}
	c := httpx.SessionCookieFor(ctx, "", time.Unix(0, 0))
	c.MaxAge = -1
	return &logoutOutput{SetCookie: c}, nil
}

func (a *API) me(ctx context.Context, _ *struct{}) (*meOutput, error) {
	me, err := a.svc.Me(ctx)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &meOutput{Body: me}, nil
}

package httpx

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// SessionCookie is the name of the cookie that carries a session token.
const SessionCookie = "mutua_session"

type secureKey struct{}

// withSecure marks the request as having arrived over TLS (directly, or
// through a trusted proxy that said so).
func withSecure(r *http.Request, secure bool) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), secureKey{}, secure))
}

// IsSecure reports whether the request came over TLS, so cookies get the
// Secure attribute exactly when the browser can send them back.
func IsSecure(r *http.Request) bool {
	return SecureContext(r.Context()) || r.TLS != nil
}

// SecureContext reports whether the request behind ctx came over TLS, for
// handlers (the API's) that see the context but not the request.
func SecureContext(ctx context.Context) bool {
	s, _ := ctx.Value(secureKey{}).(bool)
	return s
}

// SessionCookieFor returns the cookie that carries token, for handlers that
// set headers through a framework rather than a ResponseWriter.
func SessionCookieFor(ctx context.Context, token string, expires time.Time) http.Cookie {
	return http.Cookie{
		Name: SessionCookie, Value: token, Path: "/", Expires: expires,
		MaxAge: int(time.Until(expires).Seconds()), HttpOnly: true,
		Secure: SecureContext(ctx), SameSite: http.SameSiteLaxMode,
	}
}

// SetSessionCookie stores a session token in an HttpOnly, SameSite=Lax
// cookie that lives as long as the session.
func SetSessionCookie(w http.ResponseWriter, r *http.Request, token string, expires time.Time) {
	c := SessionCookieFor(r.Context(), token, expires)
	c.Secure = IsSecure(r)
	http.SetCookie(w, &c)
}

// ClearSessionCookie tells the browser to forget its session cookie.
func ClearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: IsSecure(r), SameSite: http.SameSiteLaxMode,
	})
}

// SessionToken returns the token the request carries: a bearer token when an
// Authorization header is present (API clients), else the session cookie.
func SessionToken(r *http.Request) string {
	if t := BearerToken(r.Header.Get("Authorization")); t != "" {
		return t
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// BearerToken returns the token of an "Authorization: Bearer <token>" value,
// or "" for any other scheme.
func BearerToken(header string) string {
	const prefix = "bearer "
	if len(header) > len(prefix) && strings.EqualFold(header[:len(prefix)], prefix) {
		return header[len(prefix):]
	}
	return ""
}

package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middleware so that the first listed runs first.
func Chain(h http.Handler, mw ...Middleware) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// recoverPanics turns a panic into a logged 500 instead of a dropped
// connection. http.ErrAbortHandler is re-raised: it means "abort quietly".
func recoverPanics(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(r.Context(), "panic", "value", v, "path", r.URL.Path, "stack", string(debug.Stack()))
				WriteProblem(w, NewProblem(http.StatusInternalServerError, "internal", "something went wrong on our side; please try again"))
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// clientInfo records the caller's address and whether the request came over
// TLS, believing X-Forwarded-* headers only when a trusted proxy sets them.
func clientInfo(trustProxy bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ip := remoteIP(r, trustProxy)
			secure := r.TLS != nil || (trustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
			r = withSecure(r, secure)
			r = r.WithContext(service.WithClientIP(r.Context(), ip))
			next.ServeHTTP(w, r)
		})
	}
}

func remoteIP(r *http.Request, trustProxy bool) netip.Addr {
	if trustProxy {
		// The proxy appends the address it saw, so the last entry is the one
		// a client cannot forge.
		xff := r.Header.Get("X-Forwarded-For")
		if i := strings.LastIndexByte(xff, ','); i >= 0 {
			xff = xff[i+1:]
		}
		if ip, err := netip.ParseAddr(strings.TrimSpace(xff)); err == nil {
			return ip
		}
	}
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return ap.Addr()
	}
	ip, _ := netip.ParseAddr(r.RemoteAddr)
	return ip
}

// securityHeaders forbids loading anything from another host and framing.
// The one exception is images from imgSources: the map tile server.
func securityHeaders(imgSources []string, next http.Handler) http.Handler {
	img := strings.Join(append([]string{"'self'", "data:"}, imgSources...), " ")
	csp := "default-src 'self'; img-src " + img + "; style-src 'self'; script-src 'self'; " +
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
		if IsSecure(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps request bodies; reading past the cap fails with
// *http.MaxBytesError, which handlers answer with 413.
func limitBody(max int64) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > max {
				WriteProblem(w, NewProblem(http.StatusRequestEntityTooLarge, "body_too_large", "the request body is too large"))
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, max)
			next.ServeHTTP(w, r)
		})
	}
}

// authenticate puts the user behind a session cookie or bearer token into
// the context. Bad credentials do not stop the request here: public pages
// still work, and use cases that need a user report why there is none.
func authenticate(svc *service.Service, log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			token := SessionToken(r)
			if token == "" {
				next.ServeHTTP(w, r)
				return
			}
			ctx := r.Context()
			u, err := svc.Authenticate(ctx, token)
			switch {
			case err == nil:
				ctx = service.WithActor(ctx, u)
			case domain.KindOf(err) == domain.KindUnauthenticated:
				ctx = service.WithAuthError(ctx, err)
				if r.Header.Get("Authorization") == "" {
					ClearSessionCookie(w, r)
				}
			default:
				WriteProblem(w, ProblemFrom(ctx, log, err))
				return
			}
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// crossOrigin rejects cross-site form posts and fetches (CSRF). API clients
// outside browsers send no Origin or Sec-Fetch-Site and pass. Refused API
// calls get a problem document; refused pages get pageDenied when set.
func crossOrigin(pageDenied http.Handler) Middleware {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if pageDenied != nil && !strings.HasPrefix(r.URL.Path, "/api/") {
			pageDenied.ServeHTTP(w, r)
			return
		}
		WriteProblem(w, NewProblem(http.StatusForbidden, "cross_origin", "this request came from another site and was refused"))
	}))
	return cop.Handler
}

type requestIDKey struct{}

// RequestID returns the id the logging middleware gave the request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

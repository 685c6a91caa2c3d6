// Package service holds mutua's use cases: every business rule and every
// authorization decision. Handlers (API and pages) decode input, call one
// method here and encode the answer; storage sits behind the Store interface.
package service

import (
	"context"
	"log/slog"
	"net/netip"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/ratelimit"
)

// Options configures a Service. Zero values get sensible defaults.
type Options struct {
	Argon2     auth.Argon2Params
	SessionTTL time.Duration
	// Login and registration limits: attempts per key, refilled one per
	// window/burst. A zero burst disables the limit.
	LoginBurst, RegisterBurst int
	LoginWindow               time.Duration
	RegisterWindow            time.Duration
	Now                       func() time.Time
	Logger                    *slog.Logger
	// MailHost is the instance's public host name, the domain part of
	// the Message-IDs of its emails.
	MailHost string
	// Wake, when set, is called after a notification is queued, so that
	// the dispatcher sends it without waiting for its next poll.
	Wake func()
}

// Service implements the use cases over a Store.
type Service struct {
	store   Store
	hasher  *auth.Hasher
	ttl     time.Duration
	now     func() time.Time
	log     *slog.Logger
	loginIP *ratelimit.Limiter
	loginAc *ratelimit.Limiter
	regIP   *ratelimit.Limiter

	mailHost string
	wake     func()
}

// New returns a Service over st.
func New(st Store, o Options) *Service {
	if o.Argon2.Time == 0 {
		o.Argon2 = auth.DefaultArgon2
	}
	if o.SessionTTL == 0 {
		o.SessionTTL = 30 * 24 * time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.LoginWindow == 0 {
		o.LoginWindow = 15 * time.Minute
	}
	if o.RegisterWindow == 0 {
		o.RegisterWindow = time.Hour
	}
	if o.MailHost == "" {
		o.MailHost = "localhost"
	}
	per := func(burst int, window time.Duration) *ratelimit.Limiter {
		if burst <= 0 {
			return nil
		}
		return ratelimit.New(burst, window/time.Duration(burst), o.Now)
	}
	return &Service{
		store: st, hasher: auth.NewHasher(o.Argon2), ttl: o.SessionTTL, now: o.Now, log: o.Logger,
		loginIP: per(o.LoginBurst*4, o.LoginWindow), loginAc: per(o.LoginBurst, o.LoginWindow),
		regIP:    per(o.RegisterBurst, o.RegisterWindow),
		mailHost: o.MailHost, wake: o.Wake,
	}
}

// Ready reports whether storage answers, for /readyz.
func (s *Service) Ready(ctx context.Context) error { return s.store.Ping(ctx) }

type ctxKey int

const (
	actorKey ctxKey = iota
	clientIPKey
	authErrKey
)

// WithActor returns ctx carrying the authenticated user making the request.
func WithActor(ctx context.Context, u domain.User) context.Context {
	return context.WithValue(ctx, actorKey, u)
}

// ActorFrom returns the user making the request, if someone is logged in.
func ActorFrom(ctx context.Context) (domain.User, bool) {
	u, ok := ctx.Value(actorKey).(domain.User)
	return u, ok
}

// WithClientIP returns ctx carrying the caller's address, used for rate limits.
func WithClientIP(ctx context.Context, ip netip.Addr) context.Context {
	return context.WithValue(ctx, clientIPKey, ip)
}

// clientIP returns the rate-limit key of the caller's address, or "" for
// calls that did not come over HTTP (the command line, the demo seeder),
// which are trusted and not limited.
func clientIP(ctx context.Context) string {
	if ip, ok := ctx.Value(clientIPKey).(netip.Addr); ok && ip.IsValid() {
		// Group IPv6 clients by /64: one household or host gets one bucket.
		if ip.Is6() && !ip.Is4In6() {
			p, _ := ip.Prefix(64)
			return p.String()
		}
		return ip.Unmap().String()
	}
	return ""
}

// WithAuthError records why the credentials a request carried were refused
// (an expired token, say), so a use case that needs a user can say exactly
// that instead of a bare "please log in".
func WithAuthError(ctx context.Context, err error) context.Context {
	return context.WithValue(ctx, authErrKey, err)
}

func (s *Service) actor(ctx context.Context) (domain.User, error) {
	u, ok := ActorFrom(ctx)
	if !ok {
		if err, ok := ctx.Value(authErrKey).(error); ok {
			return domain.User{}, err
		}
		return domain.User{}, domain.ErrUnauthenticated
	}
	return u, nil
}

// clampPage applies the default and maximum page sizes.
func clampPage(p domain.Page) domain.Page {
	if p.Limit <= 0 {
		p.Limit = 50
	}
	if p.Limit > 200 {
		p.Limit = 200
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

// limited takes a token for key from l; an empty key is never limited.
func limited(l *ratelimit.Limiter, key string) error {
	if key == "" {
		return nil
	}
	if ok, wait := l.Allow(key); !ok {
		return &domain.Error{Kind: domain.KindRateLimited, Code: "rate_limited",
			Message: "too many attempts; please wait a moment and try again", RetryAfter: wait}
	}
	return nil
}

package httpx

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"mutua/internal/service"
)

// Options configure the HTTP server and its middleware.
type Options struct {
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration
	MaxBodyBytes    int64
	TrustProxy      bool
	Logger          *slog.Logger
	// Registry gathers /metrics; the HTTP series are registered on it.
	Registry *prometheus.Registry
	// CrossOriginDenied answers refused cross-site requests for pages (the
	// API always answers with a problem document); nil means a problem
	// document for pages too.
	CrossOriginDenied http.Handler
	// ImgSources are origins pages may load images from besides their own:
	// the map tile server.
	ImgSources []string
}

// Handler wraps mux, on which the API and pages are registered, with the
// health endpoints and every middleware, outermost first: metrics and logs,
// panic recovery, client address, security headers, CSRF, body limit and
// authentication.
func Handler(mux *http.ServeMux, svc *service.Service, o Options) http.Handler {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", ready(svc, o.Logger))
	var m *Metrics
	if o.Registry != nil {
		m = NewMetrics(o.Registry)
		mux.Handle("GET /metrics", promhttp.HandlerFor(o.Registry, promhttp.HandlerOpts{}))
	}
	return Chain(recordRoute(mux),
		observe(o.Logger, m),
		recoverPanics(o.Logger),
		clientInfo(o.TrustProxy),
		func(next http.Handler) http.Handler { return securityHeaders(o.ImgSources, next) },
		crossOrigin(o.CrossOriginDenied),
		limitBody(o.MaxBodyBytes),
		authenticate(svc, o.Logger),
	)
}

// ready answers 200 while the database answers within two seconds.
func ready(svc *service.Service, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := svc.Ready(ctx); err != nil {
			log.WarnContext(ctx, "not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unreachable\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	}
}

// NewServer returns an http.Server with the configured timeouts; a server
// without them lets slow clients hold connections forever.
func NewServer(h http.Handler, o Options) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadTimeout:       o.ReadTimeout,
		ReadHeaderTimeout: min(o.ReadTimeout, 10*time.Second),
		WriteTimeout:      o.WriteTimeout,
		IdleTimeout:       o.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(o.Logger.Handler(), slog.LevelWarn),
	}
}

// Serve runs srv on ln until ctx is cancelled (SIGTERM), then stops taking
// new connections and lets running requests finish within the shutdown
// timeout.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, shutdownTimeout time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return serr
	}
	return err
}

package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"log/slog"

	"mutua/internal/api"
	"mutua/internal/config"
	"mutua/internal/demo"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
	"mutua/internal/jobs"
	"mutua/internal/service"
	"mutua/internal/web"
)

// serve runs the HTTP server until ctx ends (SIGINT or SIGTERM).
func (m *Main) serve(ctx context.Context, args []string) error {
	cfg, err := m.loadConfig("serve", args, nil)
	if err != nil {
		return err
	}
	log := cfg.Logger(m.Stderr)
	st, err := openStore(ctx, cfg, log, !cfg.NoMigrate)
	if err != nil {
		return err
	}
	defer st.Close()
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	dispatcher, err := newDispatcher(st, cfg, log, reg)
	if err != nil {
		return err
	}
	svc := newService(st, cfg, log, dispatcher.Wake)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	base := baseURL(ln.Addr().String())
	if cfg.Demo {
		created, err := demo.Seed(ctx, svc)
		if err != nil {
			ln.Close()
			return fmt.Errorf("demo: %w", err)
		}
		log.Info("demo community ready", "created", created)
		// Hashing the demo passwords grew the heap by tens of MiB that
		// an idle server would otherwise keep for minutes.
		debug.FreeOSMemory()
		demo.PrintLogins(m.Stdout, base)
	}

	h, err := buildHandler(svc, cfg, log, reg)
	if err != nil {
		ln.Close()
		return err
	}
	srv := httpx.NewServer(h, httpOptions(cfg, log, reg))
	jobCtx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	dispatched := make(chan struct{})
	go func() {
		defer close(dispatched)
		dispatcher.Run(jobCtx)
	}()
	jobs.Start(jobCtx, log, jobs.Job{Name: "prune-sessions", Every: time.Hour, Run: func(ctx context.Context) error {
		n, err := svc.PruneSessions(ctx)
		if n > 0 {
			log.Info("expired sessions removed", "count", n)
		}
		if err != nil {
			return err
		}
		n, err = svc.PruneLoginLinks(ctx)
		if n > 0 {
			log.Info("expired login links removed", "count", n)
		}
		return err
	}}, jobs.Job{Name: "expire-requests", Every: 5 * time.Minute, Run: func(ctx context.Context) error {
		n, err := svc.ExpireRequests(ctx)
		if n > 0 {
			log.Info("requests expired", "count", n)
		}
		return err
	}}, jobs.Job{Name: "extend-recurring-shifts", Every: 6 * time.Hour, Run: func(ctx context.Context) error {
		// Weekly shifts are generated eight weeks ahead; running this
		// several times a day keeps that horizon whatever the restarts.
		n, err := svc.ExtendRecurringShifts(ctx)
		if n > 0 {
			log.Info("recurring shifts generated", "count", n)
		}
		return err
	}}, jobs.Job{Name: "alert-unassigned", Every: 5 * time.Minute, Run: func(ctx context.Context) error {
		n, err := svc.AlertUnassigned(ctx)
		if n > 0 {
			log.Info("coordinators alerted about unassigned requests", "count", n)
		}
		return err
	}}, jobs.Job{Name: "queue-digests", Every: 15 * time.Minute, Run: func(ctx context.Context) error {
		n, err := svc.QueueDigests(ctx)
		if n > 0 {
			log.Info("daily digests queued", "count", n)
		}
		return err
	}})
	log.Info("mutua is listening", "url", base, "db", st.Dialect(), "version", Version())
	if m.Listening != nil {
		m.Listening <- ln.Addr().String()
	}
	err = httpx.Serve(ctx, srv, ln, cfg.ShutdownTimeout)
	// The dispatcher finishes recording the batch it is sending before
	// the store closes; what it could not record is sent again later.
	stopJobs()
	<-dispatched
	log.Info("mutua stopped")
	return err
}

// buildHandler wires the API, the pages and the middleware onto one ServeMux.
func buildHandler(svc *service.Service, cfg config.Config, log *slog.Logger, reg *prometheus.Registry) (http.Handler, error) {
	mux := http.NewServeMux()
	api.Register(mux, api.Options{Service: svc, Logger: log, MaxBodyBytes: cfg.MaxBodyBytes, AppVersion: Version()})
	cat, err := i18n.Load()
	if err != nil {
		return nil, fmt.Errorf("message catalogues: %w", err)
	}
	pages, err := web.New(web.Options{Service: svc, Catalog: cat, Logger: log,
		Tiles: web.Tiles{URL: cfg.TileURL, Attribution: cfg.TileAttribution}})
	if err != nil {
		return nil, fmt.Errorf("pages: %w", err)
	}
	pages.Register(mux)
	o := httpOptions(cfg, log, reg)
	o.CrossOriginDenied = http.HandlerFunc(pages.CrossOriginDenied)
	return httpx.Handler(mux, svc, o), nil
}

func httpOptions(cfg config.Config, log *slog.Logger, reg *prometheus.Registry) httpx.Options {
	o := httpx.Options{
		ReadTimeout: cfg.ReadTimeout, WriteTimeout: cfg.WriteTimeout, IdleTimeout: cfg.IdleTimeout,
		ShutdownTimeout: cfg.ShutdownTimeout, MaxBodyBytes: cfg.MaxBodyBytes, TrustProxy: cfg.TrustProxy,
		Logger: log, Registry: reg,
	}
	if origin := cfg.TileOrigin(); origin != "" {
		o.ImgSources = []string{origin}
	}
	return o
}

func baseURL(addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return "http://" + host + ":" + port
}

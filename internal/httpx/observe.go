package httpx

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the HTTP series on /metrics.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the HTTP series on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mutua_http_requests_total", Help: "HTTP requests by route pattern and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "mutua_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// route carries the matched ServeMux pattern back out to the logging
// middleware: the mux sets Pattern on the request copy it sees, which the
// outer layers do not hold.
type route struct{ pattern string }

type routeKey struct{}

// recordRoute wraps the mux so the matched pattern is known after it ran.
func recordRoute(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
			rt.pattern = r.Pattern
		}
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs one structured line per request and feeds the metrics. The
// query string is left out of the log: it may carry tokens or addresses.
func observe(log *slog.Logger, m *Metrics) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			id := newRequestID()
			rt := &route{}
			ctx := context.WithValue(r.Context(), requestIDKey{}, id)
			ctx = context.WithValue(ctx, routeKey{}, rt)
			sw := &statusWriter{ResponseWriter: w}
			sw.Header().Set("X-Request-Id", id)
			next.ServeHTTP(sw, r.WithContext(ctx))
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			d := time.Since(start)
			pattern := rt.pattern
			if pattern == "" {
				pattern = "unmatched"
			}
			if m != nil {
				m.requests.WithLabelValues(r.Method, pattern, statusClass(sw.status)).Inc()
				m.duration.WithLabelValues(r.Method, pattern).Observe(d.Seconds())
			}
			level := slog.LevelInfo
			if sw.status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(ctx, level, "request", slog.String("id", id), slog.String("method", r.Method),
				slog.String("path", loggedPath(r.URL.Path, pattern)), slog.String("route", pattern), slog.Int("status", sw.status),
				slog.Int64("bytes", sw.bytes), slog.Duration("duration", d))
		})
	}
}

// loggedPath is the path as the log shows it. A route whose pattern has a
// {token} wildcard (an invitation link, a calendar feed) carries a secret in
// its path, so its pattern is logged instead: logs travel further than the
// database and outlive the token's purpose.
func loggedPath(path, pattern string) string {
	if !strings.Contains(pattern, "{token") {
		return path
	}
	if _, p, ok := strings.Cut(pattern, " "); ok {
		return p
	}
	return pattern
}

// statusClass keeps the label set small but exact where it matters.
func statusClass(code int) string {
	switch code {
	case 200, 201, 204, 303, 304, 400, 401, 403, 404, 409, 413, 422, 429, 500, 503:
		return strconv.Itoa(code)
	}
	return strconv.Itoa(code/100) + "xx"
}

// Package httpx is mutua's HTTP plumbing: the server, standard library
// routing, middleware (sessions, CSRF, body limits, logging, recovery,
// metrics) and the one place where error kinds become HTTP statuses.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"mutua/internal/domain"
)

// statusOf maps each kind of domain error to its HTTP status.
var statusOf = map[domain.Kind]int{
	domain.KindInvalid:         http.StatusUnprocessableEntity,
	domain.KindNotFound:        http.StatusNotFound,
	domain.KindConflict:        http.StatusConflict,
	domain.KindForbidden:       http.StatusForbidden,
	domain.KindUnauthenticated: http.StatusUnauthorized,
	domain.KindRateLimited:     http.StatusTooManyRequests,
	domain.KindInternal:        http.StatusInternalServerError,
}

// Status returns the HTTP status for err.
func Status(err error) int {
	if s, ok := statusOf[domain.KindOf(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Problem is an RFC 9457 problem detail with mutua's stable `code` and
// per-field errors. It satisfies huma's StatusError, HeadersError and
// ContentTypeFilter interfaces, so API handlers can return it as is.
type Problem struct {
	Type       string              `json:"type"`
	Title      string              `json:"title"`
	Status     int                 `json:"status"`
	Detail     string              `json:"detail,omitempty"`
	Code       string              `json:"code"`
	Instance   string              `json:"instance,omitempty"`
	Errors     []domain.FieldError `json:"errors,omitempty"`
	RetryAfter time.Duration       `json:"-"`
}

func (p *Problem) Error() string { return p.Code + ": " + p.Detail }

// GetStatus returns the HTTP status of the problem.
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes JSON problems go out as application/problem+json.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/json" || ct == "" {
		return "application/problem+json"
	}
	return ct
}

// GetHeaders adds Retry-After to rate-limited answers.
func (p *Problem) GetHeaders() http.Header {
	h := http.Header{}
	if p.RetryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(int(p.RetryAfter.Seconds()+0.999)))
	}
	return h
}

// NewProblem builds a problem with a status and a stable code.
func NewProblem(status int, code, detail string) *Problem {
	return &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code, Detail: detail}
}

// ProblemFrom turns any error into a problem safe to show. Domain errors
// keep their code, message and field errors; anything else is logged with its
// cause and shown as a bare internal error.
func ProblemFrom(ctx context.Context, log *slog.Logger, err error) *Problem {
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind == domain.KindInternal {
		log.ErrorContext(ctx, "internal error", "err", err, "request_id", RequestID(ctx))
		return NewProblem(http.StatusInternalServerError, "internal", "something went wrong on our side; please try again")
	}
	p := NewProblem(Status(err), de.Code, de.Message)
	p.Errors = de.Fields
	p.RetryAfter = de.RetryAfter
	return p
}

// WriteProblem sends p as application/problem+json.
func WriteProblem(w http.ResponseWriter, p *Problem) {
	for k, v := range p.GetHeaders() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

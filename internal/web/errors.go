package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
)

// problemPage is the friendly page for "not found" and for errors: a title,
// one plain sentence and a way home. It never shows internals.
type problemPage struct {
	*view
	Title, Message string
}

// errorMessage translates a service error for people: the message for its
// code ("error.email_taken"), else for its kind ("error.conflict"), else
// the general apology. Every message may mention minutes to wait.
func errorMessage(tr *i18n.Translator, err error) string {
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind == domain.KindInternal {
		return tr.T("error.internal")
	}
	wait := []any{i18n.CountArg, retryMinutes(de.RetryAfter)}
	if msg, ok := tr.Lookup("error."+de.Code, wait...); ok {
		return msg
	}
	if msg, ok := tr.Lookup("error."+string(de.Kind), wait...); ok {
		return msg
	}
	return tr.T("error.internal")
}

// areaMessage translates a service error in an area's own words first:
// the message under prefix and its code ("ask.error.at_capacity"), which
// can say what to do next there, else errorMessage's. The prefix must be a
// literal: the catalogue's unused-key check finds it in the call.
func areaMessage(tr *i18n.Translator, prefix string, err error) string {
	var de *domain.Error
	if errors.As(err, &de) && de.Kind != domain.KindInternal {
		if msg, ok := tr.Lookup(prefix + de.Code); ok {
			return msg
		}
	}
	return errorMessage(tr, err)
}

// retryMinutes rounds a wait up to whole minutes, at least one: people
// understand "wait 2 minutes" better than "wait 97 seconds".
func retryMinutes(d time.Duration) int {
	return max(1, int(math.Ceil(d.Minutes())))
}

// setRetryAfter tells clients when a rate-limited request may be repeated.
func setRetryAfter(w http.ResponseWriter, err error) {
	var de *domain.Error
	if errors.As(err, &de) && de.Kind == domain.KindRateLimited {
		secs := max(1, int(math.Ceil(de.RetryAfter.Seconds())))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
}

// fail answers a request whose use case failed where no form can help: a
// 404 page for things that do not exist, the error page with the fitting
// status for other refusals, and a logged 500 for everything unexpected.
func (p *Pages) fail(w http.ResponseWriter, r *http.Request, v *view, err error) {
	kind := domain.KindOf(err)
	switch kind {
	case domain.KindNotFound:
		p.render(w, r, http.StatusNotFound, "problem",
			&problemPage{view: v, Title: v.T("notfound.title"), Message: errorMessage(v.tr, err)})
		return
	case domain.KindInternal:
		p.log.ErrorContext(r.Context(), "page failed", "err", err, "method", r.Method, "path", r.URL.Path)
	}
	setRetryAfter(w, err)
	p.render(w, r, httpx.Status(err), "problem",
		&problemPage{view: v, Title: v.T("errorpage.title"), Message: errorMessage(v.tr, err)})
}

// notFound is the page for every path no other route matches.
func (p *Pages) notFound(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	p.render(w, r, http.StatusNotFound, "problem",
		&problemPage{view: v, Title: v.T("notfound.title"), Message: v.T("notfound.text")})
}

// badForm answers a form body that could not be read: too large (413) or
// malformed (400).
func (p *Pages) badForm(w http.ResponseWriter, r *http.Request, v *view, err error) {
	status, key := http.StatusBadRequest, "error.bad_request"
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		status, key = http.StatusRequestEntityTooLarge, "error.too_large"
	}
	p.render(w, r, status, "problem", &problemPage{view: v, Title: v.T("errorpage.title"), Message: v.T(key)})
}

// CrossOriginDenied renders the page for a form posted from another site,
// which the CSRF protection refused. httpx can pass it to
// http.CrossOriginProtection.SetDenyHandler for page routes.
func (p *Pages) CrossOriginDenied(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	p.render(w, r, http.StatusForbidden, "problem",
		&problemPage{view: v, Title: v.T("errorpage.title"), Message: v.T("error.cross_origin")})
}

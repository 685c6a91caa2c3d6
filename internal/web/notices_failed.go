package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mutua/internal/domain"
	"mutua/internal/i18n"
	"mutua/internal/service"
)

// failedPerPage is how many failed emails one page lists.
const failedPerPage = 50

// failedErrorLen is how many characters of a mail server's answer the
// list shows; the API gives it whole.
const failedErrorLen = 160

// noticesFailedPage lists a page of a community's emails that could not be
// delivered, under the outbox's figures.
type noticesFailedPage struct {
	*adminBase
	Outbox service.OutboxFigures
	Rows   []domain.FailedNotification
	// Page is the page number, from 1; PrevURL and NextURL are "" at the
	// ends.
	Page             int
	PrevURL, NextURL string
}

// RetryURL is where the "Send again" button of one email posts.
func (pg *noticesFailedPage) RetryURL(id int64) string {
	return pg.Nav.NoticesURL() + "/" + strconv.FormatInt(id, 10) + "/retry"
}

// EmailKind names the kind of an email in plain words.
func (pg *noticesFailedPage) EmailKind(k domain.NotificationKind) string {
	return emailKindName(pg.view, k)
}

// Queued says when an email was queued, in the community's time zone.
func (pg *noticesFailedPage) Queued(t time.Time) string {
	local := t.In(pg.Rights.Community.Location())
	return pg.T("notices.failed.queued", "Date", pg.tr.Date(local), "Time", pg.tr.Time(local))
}

// Wait says how long the longest-waiting email has waited, in the largest
// unit that keeps the number readable.
func (pg *noticesFailedPage) Wait() string {
	d := pg.Outbox.OldestWait
	switch {
	case d <= 0:
		return pg.T("notices.failed.oldest.none")
	case d < time.Minute:
		return pg.T("notices.wait.less")
	case d < 2*time.Hour:
		return pg.T("notices.wait.minutes", i18n.CountArg, int(d/time.Minute))
	case d < 48*time.Hour:
		return pg.T("notices.wait.hours", i18n.CountArg, int(d/time.Hour))
	}
	return pg.T("notices.wait.days", i18n.CountArg, int(d/(24*time.Hour)))
}

// Short is the beginning of a mail server's answer, cut at a word.
func (pg *noticesFailedPage) Short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= failedErrorLen {
		return s
	}
	cut := string([]rune(s)[:failedErrorLen])
	if i := strings.LastIndexByte(cut, ' '); i > failedErrorLen/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

func (p *Pages) noticesFailed(w http.ResponseWriter, r *http.Request) {
	b, ok := p.adminStaff(w, r, "notifications", r.URL.RequestURI())
	if !ok {
		return
	}
	page := pageNumber(r.URL.Query().Get("page"))
	data, err := p.svc.FailedNotifications(r.Context(), b.Rights.Community.Slug,
		domain.Page{Limit: failedPerPage + 1, Offset: (page - 1) * failedPerPage})
	if err != nil {
		p.adminFailed(w, r, b.view, r.URL.RequestURI(), err)
		return
	}
	if b.Notice == "" {
		b.Notice = noticesNotice(b.view, r)
	}
	pg := &noticesFailedPage{adminBase: b, Outbox: data.Outbox, Rows: data.Failed, Page: page}
	slug := b.Rights.Community.Slug
	if len(pg.Rows) > failedPerPage {
		pg.Rows = pg.Rows[:failedPerPage]
		pg.NextURL = failedURL(slug, page+1, "")
	}
	if page > 1 {
		pg.PrevURL = failedURL(slug, page-1, "")
	}
	p.render(w, r, http.StatusOK, "notices_failed", pg)
}

// noticesRetry puts a failed email back in the queue and returns to the
// page it was on, with a confirmation.
func (p *Pages) noticesRetry(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	b, ok := p.adminStaff(w, r, "notifications", failedURL(slug, 1, ""))
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	page := pageNumber(r.PostForm.Get("page"))
	id, err := pathID(r, "notification")
	if err == nil {
		err = p.svc.SendNotificationAgain(r.Context(), b.Rights.Community.Slug, id)
	}
	if err != nil {
		p.adminFailed(w, r, b.view, failedURL(slug, page, ""), err)
		return
	}
	http.Redirect(w, r, failedURL(b.Rights.Community.Slug, page, "queued"), http.StatusSeeOther)
}

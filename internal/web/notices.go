package web

import (
	"net/http"
	"net/url"
	"strconv"

	"mutua/internal/notify"
)

// The notices area: the page where each person chooses which emails they
// receive and how (every email links to it, and it is the List-Unsubscribe
// target), and the community admins' page of emails that could not be
// delivered, with a button to send one again. The service decides who may
// see and do what; these pages only leave out what it would refuse.

// noticesPages are the pages of the notices area.
var noticesPages = map[string]pageSpec{
	"notices_prefs":  {layout: "base", partials: withChrome("admin_notice", "form_summary", "admin_choices")},
	"notices_failed": {layout: "base", partials: withChrome("admin_nav", "admin_notice", "form_summary")},
}

func (p *Pages) noticesRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+notify.PreferencesPath, p.noticesPrefs)
	mux.HandleFunc("POST "+notify.PreferencesPath, p.noticesSavePrefs)
	mux.HandleFunc("GET /c/{slug}/admin/notifications", p.noticesFailed)
	mux.HandleFunc("POST /c/{slug}/admin/notifications/{id}/retry", p.noticesRetry)
}

// NoticesURL is the admins' page of emails that could not be delivered,
// linked from the admin pages' navigation.
func (n adminNav) NoticesURL() string { return adminURL(n.Slug, "notifications") }

// noticesDone are the confirmations a redirect of this area may ask for
// with ?done=<name>, each the message "notices.notice.<name>". Only these
// can be shown, so a link cannot put words of its own on a page.
var noticesDone = map[string]bool{"saved": true, "queued": true}

// noticesNotice translates the confirmation the address asks for, or "".
func noticesNotice(v *view, r *http.Request) string {
	if name := r.URL.Query().Get("done"); noticesDone[name] {
		return v.T("notices.notice." + name)
	}
	return ""
}

// failedURL is the address of page n of a community's failed emails, with
// the confirmation done when given.
func failedURL(slug string, n int, done string) string {
	q := url.Values{}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if done != "" {
		q.Set("done", done)
	}
	u := adminURL(slug, "notifications")
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

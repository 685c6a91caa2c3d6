package web

import (
	"net/http"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/service"
)

// signinLinkPage shows whose login link this is, with the button that
// uses it. Opening the page does not use the link.
func (p *Pages) signinLinkPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, ok := p.signinLinkView(loginFlow, w, r, q.Get("token"), q.Get("next"))
	if ok {
		p.render(w, r, http.StatusOK, "signin_link", pg)
	}
}

// signinLinkUse uses the login link, opens a session and goes on to where
// the person was going, else to their community.
func (p *Pages) signinLinkUse(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, p.newView(r, ""), err)
		return
	}
	pg := p.signinView(loginFlow, r, r.PostForm.Get("next"))
	sess, err := p.svc.RedeemLoginLink(r.Context(), r.PostForm.Get("token"))
	if err != nil {
		p.signinProblem(w, r, pg, err)
		return
	}
	p.signinDone(w, r, sess, pg.Next)
}

// signinResetPage shows the form for a new password behind a reset link.
func (p *Pages) signinResetPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, ok := p.signinLinkView(resetFlow, w, r, q.Get("token"), q.Get("next"))
	if ok {
		p.render(w, r, http.StatusOK, "signin_reset", pg)
	}
}

// signinResetUse sets the new password and logs in. A password the rules
// refuse shows the form again (422) with the link still unused.
func (p *Pages) signinResetUse(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, p.newView(r, ""), err)
		return
	}
	pg, ok := p.signinLinkView(resetFlow, w, r, r.PostForm.Get("token"), r.PostForm.Get("next"))
	if !ok {
		return
	}
	sess, err := p.svc.RedeemPasswordReset(r.Context(), pg.Token, r.PostForm.Get("password"))
	switch {
	case domain.KindOf(err) == domain.KindInvalid:
		p.formFailed(w, r, "signin_reset", pg, err)
		return
	case err != nil:
		p.signinProblem(w, r, pg, err)
		return
	}
	p.signinDone(w, r, sess, pg.Next)
}

// signinLinkView checks the link behind token without using it and
// returns the page naming its account, or answers with the problem page.
func (p *Pages) signinLinkView(f signinFlow, w http.ResponseWriter, r *http.Request, token, next string) (*signinPage, bool) {
	pg := p.signinView(f, r, next)
	u, err := p.svc.LoginLinkUser(r.Context(), f.purpose, token)
	if err != nil {
		p.signinProblem(w, r, pg, err)
		return nil, false
	}
	pg.Token, pg.Name = token, u.Name
	return pg, true
}

// signinProblem explains a link that does not work and offers a new one:
// 410 Gone for a used or expired link, 404 for one that never existed.
// Other failures get the usual error pages.
func (p *Pages) signinProblem(w http.ResponseWriter, r *http.Request, pg *signinPage, err error) {
	status := http.StatusNotFound
	switch {
	case service.LinkGone(err):
		status = http.StatusGone
	case domain.KindOf(err) != domain.KindNotFound:
		p.fail(w, r, pg.view, err)
		return
	}
	pg.Title, pg.Message = pg.T("signin.problem.title"), errorMessage(pg.tr, err)
	p.render(w, r, status, "signin_problem", pg)
}

// signinDone sets the session cookie of a redeemed link and goes on. A
// session this browser had before is ended on the server too: its cookie
// is replaced, so nothing would ever end it otherwise.
func (p *Pages) signinDone(w http.ResponseWriter, r *http.Request, sess service.Session, next string) {
	if err := p.svc.Logout(r.Context(), httpx.SessionToken(r)); err != nil {
		p.log.WarnContext(r.Context(), "end the session replaced by a link", "err", err)
	}
	httpx.SetSessionCookie(w, r, sess.Token, sess.ExpiresAt)
	http.Redirect(w, r, p.afterSignin(r, sess.User, next), http.StatusSeeOther)
}

// afterSignin is where a person goes after logging in by link: where they
// were going, else their first community, else the home page. The login
// pages themselves are never a destination.
func (p *Pages) afterSignin(r *http.Request, u domain.User, next string) string {
	if path, ok := localPath(next); ok && path != "/" && !isSigninPath(path) {
		return path
	}
	me, err := p.svc.Me(service.WithActor(r.Context(), u))
	if err != nil {
		p.log.WarnContext(r.Context(), "memberships after login by link", "err", err)
		return "/"
	}
	if len(me.Memberships) > 0 {
		return communityURL(me.Memberships[0].CommunitySlug)
	}
	return "/"
}

// isSigninPath reports whether path is one of the login pages.
func isSigninPath(path string) bool {
	return path == "/login" || strings.HasPrefix(path, "/login/") || strings.HasPrefix(path, "/login?")
}

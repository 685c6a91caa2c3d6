package web

import (
	"net/http"
	"net/url"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/httpx"
	"mutua/internal/i18n"
)

// registerPage is the form that opens an account in one community.
type registerPage struct {
	*view
	Community domain.Community
	// MinPassword is the shortest password the domain accepts, for the hint.
	MinPassword int
	// Next is where the new member goes after registering: the form they
	// came for ("I need help" leads to asking), the community page if none.
	Next string
}

// afterRegister returns the local path next names inside community slug,
// or the community page: registration never sends anyone elsewhere.
func afterRegister(slug, next string) string {
	if path, ok := localPath(next); ok && strings.HasPrefix(path, communityURL(slug)+"/") {
		return path
	}
	return communityURL(slug)
}

// registerForm shows the empty form. People who are logged in already go
// to the community page, where they can join with one button.
func (p *Pages) registerForm(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	next := afterRegister(c.Slug, r.URL.Query().Get("next"))
	if v.User != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	v.Form.set("language", v.Lang)
	p.render(w, r, http.StatusOK, "register", &registerPage{view: v, Community: c, MinPassword: domain.MinPasswordLen, Next: next})
}

// register opens the account and logs the person in, so the next page they
// see is their community as a member.
func (p *Pages) register(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	if v.User != nil {
		// A second account from a logged-in browser is almost always a
		// double submit; the community page offers joining instead.
		http.Redirect(w, r, communityURL(c.Slug), http.StatusSeeOther)
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, v, err)
		return
	}
	reg := domain.Registration{Community: c.Slug, Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email"),
		Password: r.PostForm.Get("password"), Language: r.PostForm.Get("language")}
	for _, field := range []string{"name", "email", "language"} {
		v.Form.set(field, r.PostForm.Get(field))
	}
	next := afterRegister(c.Slug, r.PostForm.Get("next"))
	page := &registerPage{view: v, Community: c, MinPassword: domain.MinPasswordLen, Next: next}
	if _, err := p.svc.Register(r.Context(), reg); err != nil {
		p.formFailed(w, r, "register", page, err)
		return
	}
	sess, err := p.svc.Login(r.Context(), reg.Email, reg.Password)
	if err != nil {
		// The account exists; only the automatic login failed (a rate
		// limit, say). Logging in by hand still works.
		p.log.WarnContext(r.Context(), "login after registration", "err", err)
		http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
		return
	}
	httpx.SetSessionCookie(w, r, sess.Token, sess.ExpiresAt)
	if i18n.IsSupported(reg.Language) {
		// The language chosen in the form is an explicit choice too; the
		// cookie keeps an older choice on this device from overriding it.
		setLanguageCookie(w, r, reg.Language)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// communityView loads the community named in the path and the view in its
// default language, answering with the 404 page when there is none.
func (p *Pages) communityView(w http.ResponseWriter, r *http.Request) (domain.Community, *view, bool) {
	c, err := p.svc.Community(r.Context(), r.PathValue("slug"))
	if err != nil {
		p.fail(w, r, p.newView(r, ""), err)
		return domain.Community{}, nil, false
	}
	v := p.newView(r, c.DefaultLanguage())
	v.communitySlug = c.Slug
	return c, v, true
}

// loginPage is the login form; Next is where to go afterwards.
type loginPage struct {
	*view
	Next string
}

func (p *Pages) loginForm(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	next, _ := localPath(r.URL.Query().Get("next"))
	p.render(w, r, http.StatusOK, "login", &loginPage{view: v, Next: next})
}

// login opens a session and returns to Next, which may only be a path on
// this site: a link to /login?next=//evil.example must not send people away.
func (p *Pages) login(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, v, err)
		return
	}
	next, ok := localPath(r.PostForm.Get("next"))
	if !ok {
		next = "/"
	}
	email := r.PostForm.Get("email")
	v.Form.set("email", email)
	sess, err := p.svc.Login(r.Context(), email, r.PostForm.Get("password"))
	if err != nil {
		p.formFailed(w, r, "login", &loginPage{view: v, Next: next}, err)
		return
	}
	httpx.SetSessionCookie(w, r, sess.Token, sess.ExpiresAt)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the session on the server as well as in the browser, so a
// copied cookie stops working too.
func (p *Pages) logout(w http.ResponseWriter, r *http.Request) {
	if err := p.svc.Logout(r.Context(), httpx.SessionToken(r)); err != nil {
		p.log.ErrorContext(r.Context(), "logout", "err", err)
	}
	httpx.ClearSessionCookie(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// formFailed shows a form again with the service's complaint when the
// person can fix it (invalid input, a conflict, wrong credentials, too many
// tries), with the status that says so. Anything else gets the error pages.
func (p *Pages) formFailed(w http.ResponseWriter, r *http.Request, name string, data page, err error) {
	switch domain.KindOf(err) {
	case domain.KindInvalid, domain.KindConflict, domain.KindUnauthenticated, domain.KindRateLimited:
		data.common().Form.fail(data.common().tr, err)
		setRetryAfter(w, err)
		p.render(w, r, httpx.Status(err), name, data)
	default:
		p.fail(w, r, data.common(), err)
	}
}

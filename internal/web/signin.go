package web

import (
	"net/http"
	"net/url"

	"mutua/internal/domain"
)

// The signin area: logging in without a password. A person asks for a
// one-time link by email, either to log in or to choose a new password;
// the link opens a page that shows whose it is and asks for a click,
// because mail scanners open links by themselves and must not use them
// up; only the click (a POST) uses the link. Links that no longer work
// get a friendly page that offers a new one.

// signinPages are the pages of the signin area.
var signinPages = map[string]pageSpec{
	"signin_request": {layout: "base", partials: withChrome("form_summary", "field")},
	"signin_sent":    {layout: "base", partials: withChrome()},
	"signin_link":    {layout: "base", partials: withChrome()},
	"signin_reset":   {layout: "base", partials: withChrome("form_summary", "field")},
	"signin_problem": {layout: "base", partials: withChrome()},
}

func (p *Pages) signinRoutes(mux *http.ServeMux) {
	for _, f := range []signinFlow{loginFlow, resetFlow} {
		mux.HandleFunc("GET "+f.base+"/new", f.handle(p.signinRequestForm))
		mux.HandleFunc("POST "+f.base+"/new", f.handle(p.signinRequest))
		mux.HandleFunc("GET "+f.base+"/sent", f.handle(p.signinSent))
	}
	mux.HandleFunc("GET "+loginFlow.base, p.signinLinkPage)
	mux.HandleFunc("POST "+loginFlow.base, p.signinLinkUse)
	mux.HandleFunc("GET "+resetFlow.base, p.signinResetPage)
	mux.HandleFunc("POST "+resetFlow.base, p.signinResetUse)
}

// signinFlow is one of the two kinds of link: its purpose and the address
// under which its pages live.
type signinFlow struct {
	purpose domain.LinkPurpose
	base    string
}

var (
	loginFlow = signinFlow{purpose: domain.LinkLogin, base: "/login/link"}
	resetFlow = signinFlow{purpose: domain.LinkReset, base: "/login/reset"}
)

// handle binds a handler shared by both flows to one of them.
func (f signinFlow) handle(h func(signinFlow, http.ResponseWriter, *http.Request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { h(f, w, r) }
}

// signinPage is what every page of the area shows.
type signinPage struct {
	*view
	flow signinFlow
	// Next is where the person was going, carried through the email.
	Next string
	// Token is the link's token, posted back by the page's button.
	Token string
	// Name is the account the link belongs to.
	Name        string
	MinPassword int
	// Title and Message explain a link that does not work.
	Title, Message string
}

// Reset reports whether the page belongs to choosing a new password.
func (pg *signinPage) Reset() bool { return pg.flow.purpose == domain.LinkReset }

// Action is the address of the page itself, where its form posts.
func (pg *signinPage) Action() string { return pg.flow.base }

// RequestURL is the form that asks for a new link of the same kind,
// keeping where the person was going.
func (pg *signinPage) RequestURL() string { return withNext(pg.flow.base+"/new", pg.Next) }

// LoginURLNext is the password login page, keeping where the person was
// going.
func (pg *signinPage) LoginURLNext() string { return withNext("/login", pg.Next) }

// withNext adds next to path as the query parameter the login pages read.
func withNext(path, next string) string {
	if next == "" {
		return path
	}
	return path + "?" + url.Values{"next": {next}}.Encode()
}

// signinView is the page data with the view and next from the request
// (query or form, whichever the method carries).
func (p *Pages) signinView(f signinFlow, r *http.Request, next string) *signinPage {
	next, _ = localPath(next)
	return &signinPage{view: p.newView(r, ""), flow: f, Next: next, MinPassword: domain.MinPasswordLen}
}

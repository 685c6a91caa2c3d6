package web

import (
	"net/http"
)

// signinRequestForm asks for the email address to send a link to.
func (p *Pages) signinRequestForm(f signinFlow, w http.ResponseWriter, r *http.Request) {
	pg := p.signinView(f, r, r.URL.Query().Get("next"))
	p.render(w, r, http.StatusOK, "signin_request", pg)
}

// signinRequest sends the link, or shows the form again for a malformed
// address (422) or too many requests (429). The next page says the same
// whether an account has the address or not.
func (p *Pages) signinRequest(f signinFlow, w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, p.newView(r, ""), err)
		return
	}
	pg := p.signinView(f, r, r.PostForm.Get("next"))
	email := r.PostForm.Get("email")
	pg.Form.set("email", email)
	request := p.svc.RequestLoginLink
	if f.purpose == resetFlow.purpose {
		request = p.svc.RequestPasswordReset
	}
	if err := request(r.Context(), email, pg.Next); err != nil {
		p.formFailed(w, r, "signin_request", pg, err)
		return
	}
	http.Redirect(w, r, withNext(f.base+"/sent", pg.Next), http.StatusSeeOther)
}

// signinSent tells the person to look in their inbox.
func (p *Pages) signinSent(f signinFlow, w http.ResponseWriter, r *http.Request) {
	pg := p.signinView(f, r, r.URL.Query().Get("next"))
	p.render(w, r, http.StatusOK, "signin_sent", pg)
}

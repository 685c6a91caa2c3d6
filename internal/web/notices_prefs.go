package web

import (
	"errors"
	"net/http"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/notify"
	"mutua/internal/service"
)

// prefsField is the prefix of the form's fields, one per kind of email
// ("prefs.message"), as the service names them in its errors.
const prefsField = "prefs."

// noticesPrefsPage lists every kind of email: those a person may choose
// for, each a group of radio buttons, and those that always arrive.
type noticesPrefsPage struct {
	*view
	Notice string
	Chosen []choiceGroup
	Always []alwaysKind
}

// alwaysKind is a kind of email that cannot be turned off. Error is set
// only when a tampered form tried to.
type alwaysKind struct {
	ID, Name, Hint, Error string
}

// AccountURL is the person's account page, where this page is linked from.
func (pg *noticesPrefsPage) AccountURL() string { return "/account" }

// Action is where the form posts.
func (pg *noticesPrefsPage) Action() string { return notify.PreferencesPath }

// noticesPrefsView loads the person's choices into the form. Visitors are
// sent to log in and come back here.
func (p *Pages) noticesPrefsView(w http.ResponseWriter, r *http.Request) (*noticesPrefsPage, []service.NotificationPref, bool) {
	v := p.newView(r, "")
	if v.User == nil {
		redirectToLogin(w, r, notify.PreferencesPath)
		return nil, nil, false
	}
	prefs, err := p.svc.MyNotificationPrefs(r.Context())
	if err != nil {
		p.adminFailed(w, r, v, notify.PreferencesPath, err)
		return nil, nil, false
	}
	for _, pr := range prefs {
		v.Form.set(prefsField+string(pr.Kind), string(pr.Mode))
	}
	return &noticesPrefsPage{view: v, Notice: noticesNotice(v, r)}, prefs, true
}

func (p *Pages) noticesPrefs(w http.ResponseWriter, r *http.Request) {
	pg, prefs, ok := p.noticesPrefsView(w, r)
	if !ok {
		return
	}
	pg.build(prefs)
	p.render(w, r, http.StatusOK, "notices_prefs", pg)
}

// noticesSavePrefs stores the choices sent. Only the kinds the form sends
// change; the service refuses an unknown kind or choice, and turning off
// what must always arrive, and then nothing is saved.
func (p *Pages) noticesSavePrefs(w http.ResponseWriter, r *http.Request) {
	pg, prefs, ok := p.noticesPrefsView(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, pg.view, err)
		return
	}
	chosen := map[domain.NotificationKind]domain.NotifyMode{}
	for name, values := range r.PostForm {
		if kind, ok := strings.CutPrefix(name, prefsField); ok && len(values) > 0 {
			chosen[domain.NotificationKind(kind)] = domain.NotifyMode(values[0])
			pg.Form.set(name, values[0])
		}
	}
	err := p.svc.SetNotificationPrefs(r.Context(), chosen)
	if domain.KindOf(err) == domain.KindInvalid {
		pg.refused(err)
		pg.build(prefs)
		p.render(w, r, http.StatusUnprocessableEntity, "notices_prefs", pg)
		return
	}
	if err != nil {
		p.adminFailed(w, r, pg.view, notify.PreferencesPath, err)
		return
	}
	http.Redirect(w, r, withNotice(notify.PreferencesPath, "saved"), http.StatusSeeOther)
}

// refused puts the service's reasons on the form: each next to its kind,
// in this area's words, under a summary that says nothing was saved.
func (pg *noticesPrefsPage) refused(err error) {
	pg.Form.Summary = pg.T("notices.prefs.failed")
	var de *domain.Error
	if !errors.As(err, &de) {
		return
	}
	for _, fe := range de.Fields {
		kind, ok := strings.CutPrefix(fe.Field, prefsField)
		if !ok || !domain.NotificationKind(kind).Known() || pg.Form.errors[fe.Field] != "" {
			continue
		}
		msg, found := pg.tr.Lookup("notices.prefs.error." + fe.Code)
		if !found {
			msg = pg.T("field.invalid")
		}
		pg.Form.errors[fe.Field] = msg
		pg.Form.Problems = append(pg.Form.Problems, problem{ID: fieldID(fe.Field), Message: msg})
	}
}

// build lays out the kinds in the order of the service's list: a group of
// radio buttons for each kind the person chooses for (the digest itself
// cannot go in the digest), and the kinds that always arrive apart.
func (pg *noticesPrefsPage) build(prefs []service.NotificationPref) {
	for _, pr := range prefs {
		name := prefsField + string(pr.Kind)
		label, hint := emailKindName(pg.view, pr.Kind), pg.T("notices.kind."+string(pr.Kind)+".hint")
		if pr.Critical {
			pg.Always = append(pg.Always, alwaysKind{ID: fieldID(name), Name: label, Hint: hint, Error: pg.Form.Error(name)})
			continue
		}
		modes := []domain.NotifyMode{domain.NotifyImmediate, domain.NotifyInDigest, domain.NotifyOff}
		if pr.Kind == domain.NotifyDigest {
			modes = []domain.NotifyMode{domain.NotifyImmediate, domain.NotifyOff}
		}
		options := make([]choice, len(modes))
		for i, m := range modes {
			options[i] = choice{Value: string(m), Label: pg.T("notices.prefs.mode." + string(m))}
		}
		pg.Chosen = append(pg.Chosen, pg.choices(name, "radio", label, hint, options, []string{pg.Form.Value(name)}))
	}
}

// emailKindName names a kind of email in plain words.
func emailKindName(v *view, k domain.NotificationKind) string {
	return v.T("notices.kind." + string(k) + ".name")
}

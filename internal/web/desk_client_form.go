package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// deskClientFormPage records a new client with their consent, or changes
// a client's details.
type deskClientFormPage struct {
	*deskView
	// Client is the client being changed; zero for a new one.
	Client   domain.Client
	Location locationField
}

// Editing is true on the form that changes an existing client.
func (pg *deskClientFormPage) Editing() bool { return pg.Client.ID != 0 }

// Action is where the form posts.
func (pg *deskClientFormPage) Action() string {
	if pg.Editing() {
		return pg.ClientURL(pg.Client.ID) + "/edit"
	}
	return pg.NewClientURL()
}

// ConsentOptions are the ways a caller gives consent at a desk.
func (pg *deskClientFormPage) ConsentOptions() []option {
	var opts []option
	for _, m := range []string{"phone", "written", "in_person"} {
		opts = append(opts, option{Value: m, Label: pg.ConsentMethodName(m)})
	}
	return opts
}

// LanguageChoices are the community's languages, the ones mutua speaks and
// any other the client was recorded with.
func (pg *deskClientFormPage) LanguageChoices() []option {
	return pg.languageOptions(pg.Community.Languages, i18n.Languages(), pg.Client.Languages)
}

// deskNewClientForm answers GET /c/{slug}/desk/clients/new, filled with the
// search that found nobody (?q=), as a phone number or a name.
func (p *Pages) deskNewClientForm(w http.ResponseWriter, r *http.Request) {
	d, ok := p.openDesk(w, r, "")
	if !ok {
		return
	}
	places, ok := p.deskPlaces(w, r, d)
	if !ok {
		return
	}
	if q := strings.TrimSpace(r.URL.Query().Get("q")); isDeskPhoneSearch(q) {
		d.Form.set("phone", q)
	} else {
		d.Form.set("name", q)
	}
	d.Form.set("consent_given_at", formatDeskTime(time.Now(), d.loc))
	setDeskList(d.Form, "languages", []string{d.Community.DefaultLanguage()})
	data := &deskClientFormPage{deskView: d, Location: d.LocationField(places, d.Community)}
	p.render(w, r, http.StatusOK, "desk_client_form", data)
}

// deskCreateClient answers POST /c/{slug}/desk/clients/new and goes on to
// the new client's request: the caller is still on the line.
func (p *Pages) deskCreateClient(w http.ResponseWriter, r *http.Request) {
	d, ok := p.openDesk(w, r, "")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, d.view, err)
		return
	}
	places, ok := p.deskPlaces(w, r, d)
	if !ok {
		return
	}
	c, err := readDeskClient(d, r.PostForm, places, true)
	if err == nil {
		c, err = p.svc.CreateClient(r.Context(), d.Community.Slug, c)
	}
	if err != nil {
		p.deskFormFailed(w, r, "desk_client_form", d, err, func() page {
			return &deskClientFormPage{deskView: d, Location: d.LocationField(places, d.Community)}
		})
		return
	}
	http.Redirect(w, r, d.NewRequestURL(c.ID)+"?new=1", http.StatusSeeOther)
}

// deskEditClientForm answers GET /c/{slug}/desk/clients/{id}/edit.
func (p *Pages) deskEditClientForm(w http.ResponseWriter, r *http.Request) {
	d, c, places, ok := p.deskClientToEdit(w, r)
	if !ok {
		return
	}
	for name, value := range map[string]string{"name": c.Name, "phone": c.Phone, "address": c.Address, "notes": c.Notes} {
		d.Form.set(name, value)
	}
	setDeskList(d.Form, "languages", c.Languages)
	deskPresetLocation(d.Form, c.Location, places)
	p.render(w, r, http.StatusOK, "desk_client_form",
		&deskClientFormPage{deskView: d, Client: c, Location: d.LocationField(places, d.Community)})
}

// deskUpdateClient answers POST /c/{slug}/desk/clients/{id}/edit.
func (p *Pages) deskUpdateClient(w http.ResponseWriter, r *http.Request) {
	d, old, places, ok := p.deskClientToEdit(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, d.view, err)
		return
	}
	c, err := readDeskClient(d, r.PostForm, places, false)
	if err == nil {
		c.ID = old.ID
		_, err = p.svc.UpdateClient(r.Context(), d.Community.Slug, c)
	}
	if err != nil {
		p.deskFormFailed(w, r, "desk_client_form", d, err, func() page {
			return &deskClientFormPage{deskView: d, Client: old, Location: d.LocationField(places, d.Community)}
		})
		return
	}
	http.Redirect(w, r, d.ClientURL(old.ID)+"?saved=1", http.StatusSeeOther)
}

// deskClientToEdit opens the desk with the client in the path and the
// community's places.
func (p *Pages) deskClientToEdit(w http.ResponseWriter, r *http.Request) (*deskView, domain.Client, []domain.Place, bool) {
	back := ""
	if r.Method == http.MethodPost {
		back = r.URL.Path
	}
	d, ok := p.openDesk(w, r, back)
	if !ok {
		return nil, domain.Client{}, nil, false
	}
	id, ok := p.deskPathID(w, r, d.view, "client")
	if !ok {
		return nil, domain.Client{}, nil, false
	}
	c, err := p.svc.Client(r.Context(), d.Community.Slug, id)
	if err != nil {
		p.fail(w, r, d.view, err)
		return nil, domain.Client{}, nil, false
	}
	d.ClientID, d.ClientName = c.ID, c.Name
	places, ok := p.deskPlaces(w, r, d)
	return d, c, places, ok
}

// deskPlaces loads the community's named places for the location picker.
func (p *Pages) deskPlaces(w http.ResponseWriter, r *http.Request, d *deskView) ([]domain.Place, bool) {
	places, err := p.svc.Places(r.Context(), d.Community.Slug)
	if err != nil {
		p.fail(w, r, d.view, err)
		return nil, false
	}
	return places, true
}

// readDeskClient reads the client form and keeps every value in the form for
// showing it again. A location that cannot be read is reported together
// with every other mistake, so the coordinator fixes all at once.
func readDeskClient(d *deskView, vals url.Values, places []domain.Place, withConsent bool) (domain.Client, error) {
	c := domain.Client{Name: vals.Get("name"), Phone: vals.Get("phone"), Address: vals.Get("address"),
		Notes: vals.Get("notes"), Languages: vals["languages"]}
	for _, name := range []string{"name", "phone", "notes", "consent_method", "consent_given_at"} {
		d.Form.set(name, vals.Get(name))
	}
	setDeskList(d.Form, "languages", c.Languages)
	keepLocation(d.Form, vals)
	var p domain.Problems
	pt, locErr := readLocation(vals, places)
	c.Location = pt
	if withConsent {
		c.Consent.Method = vals.Get("consent_method")
		if s := strings.TrimSpace(vals.Get("consent_given_at")); s != "" {
			at, ok := parseDeskTime(s, d.loc)
			if !ok {
				p.Add("consent_given_at", "format", "give the date and time as YYYY-MM-DDTHH:MM")
			}
			c.Consent.GivenAt = at.UTC()
		}
	} else {
		c.Consent.Method = "phone" // kept by the service; only to pass the check below
	}
	if locErr == nil && len(p) == 0 {
		return c, nil
	}
	// The service would stop at the location; check the rest here too.
	check := c
	check.Normalize()
	return c, deskJoinProblems(p, locErr, check.Validate())
}

// deskJoinProblems merges the field errors of several checks into one invalid
// error, leaving out the location the picker already reported. An error
// that is not about fields is returned as it is.
func deskJoinProblems(p domain.Problems, errs ...error) error {
	for _, err := range errs {
		if err == nil {
			continue
		}
		var de *domain.Error
		if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
			return err
		}
		for _, fe := range de.Fields {
			if fe.Field != "location" {
				p = append(p, fe)
			}
		}
	}
	return p.Err()
}

// deskPresetLocation shows a stored point in the picker: as the named place
// when it is one, else as a pin.
func deskPresetLocation(f *form, pt domain.Point, places []domain.Place) {
	for _, pl := range places {
		if pl.Point == pt {
			f.set("place", strconv.FormatInt(pl.ID, 10))
			return
		}
	}
	presetPoint(f, pt)
}

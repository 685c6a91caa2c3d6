package web

import (
	"net/http"
	"net/url"
	"strings"

	"mutua/internal/domain"
)

// directoryFormPage is the form to propose an initiative (or, for a
// community admin, to add one at once).
type directoryFormPage struct {
	*directoryBase
	Sector   input
	Location locationField
}

func (p *Pages) directoryForm(w http.ResponseWriter, r *http.Request) {
	b, ok := p.directoryMember(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	places, err := p.svc.Places(r.Context(), b.Community.Slug)
	if err != nil {
		p.directoryFail(w, r, b, r.URL.RequestURI(), err)
		return
	}
	p.render(w, r, http.StatusOK, "directory_form", newDirectoryFormPage(b, places))
}

// directoryPropose records the initiative and shows its page, or shows
// the form again with every mistake next to its field.
func (p *Pages) directoryPropose(w http.ResponseWriter, r *http.Request) {
	b, ok := p.directoryMember(w, r, directoryURL(r.PathValue("slug"))+"/new")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	places, err := p.svc.Places(r.Context(), b.Community.Slug)
	if err != nil {
		p.directoryFail(w, r, b, b.NewURL(), err)
		return
	}
	for _, name := range directoryFormFields {
		b.Form.set(name, r.PostForm.Get(name))
	}
	keepLocation(b.Form, r.PostForm)
	in := readDirectoryForm(r.PostForm)
	pt, err := readLocation(r.PostForm, places)
	if err != nil {
		// Shown together with what the initiative itself would say, so
		// one round trip reports every mistake.
		pr := askFieldsOf(err)
		in.Normalize()
		for _, fe := range askFieldsOf(in.Validate()) {
			if fe.Field != "location" {
				pr = append(pr, fe)
			}
		}
		failDirectoryForm(b.Form, b.tr, domain.Problems(pr).Err())
		p.render(w, r, http.StatusUnprocessableEntity, "directory_form", newDirectoryFormPage(b, places))
		return
	}
	in.Location = pt
	created, err := p.svc.ProposeInitiative(r.Context(), b.Community.Slug, in)
	if err != nil {
		if domain.KindOf(err) != domain.KindInvalid {
			p.directoryFail(w, r, b, b.NewURL(), err)
			return
		}
		failDirectoryForm(b.Form, b.tr, err)
		p.render(w, r, http.StatusUnprocessableEntity, "directory_form", newDirectoryFormPage(b, places))
		return
	}
	notice := "proposed"
	if created.Status == domain.InitiativeApproved {
		notice = "added"
	}
	http.Redirect(w, r, withDirectoryNotice(b.InitiativeURL(created.ID), notice), http.StatusSeeOther)
}

// directoryFormFields are the form's own fields (the location picker
// keeps its own), in their order on the page.
var directoryFormFields = []string{"name", "sector", "description", "website", "contact", "opening_times", "languages"}

func newDirectoryFormPage(b *directoryBase, places []domain.Place) *directoryFormPage {
	return &directoryFormPage{directoryBase: b,
		Sector: b.Select("sector", b.T("directory.form.sector.label"), b.T("directory.form.sector.hint"),
			b.SectorOptions(b.T("directory.form.sector.choose"))),
		Location: b.LocationField(places, b.Community),
	}
}

// readDirectoryForm turns the form into an initiative, without its
// location. Languages are typed as a list separated by commas.
func readDirectoryForm(vals url.Values) domain.Initiative {
	return domain.Initiative{Name: vals.Get("name"), Sector: vals.Get("sector"), Description: vals.Get("description"),
		Address: vals.Get("address"), Website: orgWebsite(vals.Get("website")), Contact: vals.Get("contact"),
		OpeningTimes: vals.Get("opening_times"), Languages: strings.Split(vals.Get("languages"), ",")}
}

// directoryDetailPage is an initiative's page with all its fields.
type directoryDetailPage struct {
	*directoryBase
	Initiative domain.Initiative
}

// Proposed reports whether the initiative still waits for approval.
func (pg *directoryDetailPage) Proposed() bool {
	return pg.Initiative.Status == domain.InitiativeProposed
}

// Languages lists the initiative's languages for reading.
func (pg *directoryDetailPage) Languages() string { return strings.Join(pg.Initiative.Languages, ", ") }

// Coordinates writes the initiative's point, for people who use a map of
// their own.
func (pg *directoryDetailPage) Coordinates() string {
	return formatCoord(pg.Initiative.Location.Lat) + ", " + formatCoord(pg.Initiative.Location.Lng)
}

func (p *Pages) directoryDetail(w http.ResponseWriter, r *http.Request) {
	b, ok := p.directoryLoad(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "initiative")
	var in domain.Initiative
	if err == nil {
		in, err = p.svc.Initiative(r.Context(), b.Community.Slug, id)
	}
	if err != nil {
		p.directoryFail(w, r, b, r.URL.RequestURI(), err)
		return
	}
	p.render(w, r, http.StatusOK, "directory_detail", &directoryDetailPage{directoryBase: b, Initiative: in})
}

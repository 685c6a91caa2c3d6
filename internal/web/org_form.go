package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// orgFormPage is the form to propose an organisation: what it is, how to
// reach it and where it is.
type orgFormPage struct {
	*orgBase
	Type     input
	Location locationField
}

func (p *Pages) orgForm(w http.ResponseWriter, r *http.Request) {
	b, ok := p.orgMember(w, r, r.URL.RequestURI())
	if !ok {
		return
	}
	places, err := p.svc.Places(r.Context(), b.Community.Slug)
	if err != nil {
		p.orgFail(w, r, b, r.URL.RequestURI(), err)
		return
	}
	p.render(w, r, http.StatusOK, "org_form", newOrgFormPage(b, places))
}

// orgPropose records the proposal and shows the new organisation's page,
// or shows the form again with every mistake next to its field.
func (p *Pages) orgPropose(w http.ResponseWriter, r *http.Request) {
	b, ok := p.orgMember(w, r, orgListURL(r.PathValue("slug"))+"/new")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	places, err := p.svc.Places(r.Context(), b.Community.Slug)
	if err != nil {
		p.orgFail(w, r, b, b.NewURL(), err)
		return
	}
	keepOrgForm(b.Form, r.PostForm)
	o := readOrgForm(r.PostForm)
	pt, err := readLocation(r.PostForm, places)
	if err != nil {
		// Shown together with what the organisation itself would say,
		// so one round trip reports every mistake.
		failOrgForm(b.Form, b.tr, withOrgChecks(o, askFieldsOf(err)).Err())
		p.render(w, r, http.StatusUnprocessableEntity, "org_form", newOrgFormPage(b, places))
		return
	}
	o.Location = pt
	created, err := p.svc.ProposeOrganisation(r.Context(), b.Community.Slug, o)
	if err != nil {
		if kind := domain.KindOf(err); kind != domain.KindInvalid && kind != domain.KindConflict {
			p.orgFail(w, r, b, b.NewURL(), err)
			return
		}
		failOrgForm(b.Form, b.tr, err)
		p.render(w, r, http.StatusUnprocessableEntity, "org_form", newOrgFormPage(b, places))
		return
	}
	http.Redirect(w, r, withOrgNotice(b.ProfileURL(created.ID), "proposed", ""), http.StatusSeeOther)
}

// newOrgFormPage describes the form from the values and errors on b.Form.
func newOrgFormPage(b *orgBase, places []domain.Place) *orgFormPage {
	types := []option{{Value: "", Label: b.T("org.form.type.choose")}}
	for _, t := range domain.OrgTypes {
		types = append(types, option{Value: t, Label: b.TypeName(t)})
	}
	return &orgFormPage{orgBase: b,
		Type:     b.Select("type", b.T("org.form.type.label"), b.T("org.form.type.hint"), types),
		Location: b.LocationField(places, b.Community).WithoutAddress(),
	}
}

// orgFormFields are the form's fields in their order on the page, which
// the error summary follows so that its list reads like the form.
var orgFormFields = []string{"name", "type", "sector", "description", "website", "contact", "place", "lat", "lon"}

// keepOrgForm copies what was submitted into the form, so the page shown
// again keeps every answer.
func keepOrgForm(f *form, vals url.Values) {
	for _, name := range orgFormFields[:6] {
		f.set(name, vals.Get(name))
	}
	keepLocation(f, vals)
}

// readOrgForm turns the form into an organisation, without its location.
func readOrgForm(vals url.Values) domain.Organisation {
	return domain.Organisation{Name: vals.Get("name"), Type: vals.Get("type"), Sector: vals.Get("sector"),
		Description: vals.Get("description"), Website: orgWebsite(vals.Get("website")), Contact: vals.Get("contact")}
}

// orgWebsite completes an address typed the way people read them out,
// "www.example.org", to the https:// address the domain asks for. An
// address with a scheme of its own stays as it is, to be checked.
func orgWebsite(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.Contains(s, ":") {
		return s
	}
	return "https://" + s
}

// withOrgChecks adds to the location's problems what the organisation's
// own validation finds in the other fields.
func withOrgChecks(o domain.Organisation, pr domain.Problems) domain.Problems {
	o.Normalize()
	for _, fe := range askFieldsOf(o.Validate()) {
		if fe.Field != "location" {
			pr = append(pr, fe)
		}
	}
	return pr
}

// failOrgForm puts an error on the form like form.fail, in this area's
// words where it has its own ("org.field.<field>.<code>", so that "too
// long" can say how long a name may be), with the organisation's location
// reported on the place picker where the person chose it.
func failOrgForm(f *form, tr *i18n.Translator, err error) {
	var fields []domain.FieldError
	for _, fe := range askFieldsOf(err) {
		if fe.Field == "location" {
			fe.Field = "place"
		}
		fields = append(fields, fe)
	}
	slices.SortStableFunc(fields, func(a, b domain.FieldError) int {
		return orgFieldIndex(a.Field) - orgFieldIndex(b.Field)
	})
	var de *domain.Error
	if errors.As(err, &de) {
		copied := *de
		copied.Fields = fields
		err = &copied
	}
	failOrgFields(f, tr, err)
}

// failOrgFields is form.fail with the area's own field messages where it
// has them; like form.fail it shows the first error of each field.
func failOrgFields(f *form, tr *i18n.Translator, err error) {
	f.fail(tr, err)
	worded := map[string]bool{}
	for _, fe := range askFieldsOf(err) {
		if worded[fe.Field] {
			continue
		}
		worded[fe.Field] = true
		msg, ok := tr.Lookup("org.field."+fe.Field+"."+fe.Code, orgFieldLimits[fe.Field+"."+fe.Code]...)
		if !ok {
			continue
		}
		f.errors[fe.Field] = msg
		for i := range f.Problems {
			if f.Problems[i].ID == fieldID(fe.Field) {
				f.Problems[i].Message = msg
			}
		}
	}
}

// orgFieldLimits are the numbers some field messages mention, with the
// limits the domain enforces.
var orgFieldLimits = map[string][]any{
	"name.length":        {"Max", domain.MaxOrgNameLen},
	"sector.length":      {"Max", domain.MaxOrgSectorLen},
	"description.length": {"Max", domain.MaxDescriptionLen},
	"contact.length":     {"Max", domain.MaxOrgContactLen},
}

func orgFieldIndex(field string) int {
	if i := slices.Index(orgFormFields, field); i >= 0 {
		return i
	}
	return len(orgFormFields)
}

package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// offersFormPage is the form to offer goods, a service or space.
type offersFormPage struct {
	*offersBase
	Location locationField
	// Organisations are those the person runs and may offer for; the
	// "on behalf of" choice is shown only when there is one.
	Organisations []domain.Organisation
}

// offersFormFields are the form's fields in their order on the page, which
// the error summary follows; errors on other fields are left to it.
var offersFormFields = []string{"organisation_id", "kind", "category", "title", "description", "quantity", "unit",
	"place", "lat", "lon", "address", "available_from", "available_until", "conditions"}

func (p *Pages) offersNewForm(w http.ResponseWriter, r *http.Request) {
	b, ok := p.offersMember(w, r, "new", r.URL.RequestURI())
	if !ok {
		return
	}
	orgs, err := p.svc.OfferingOrganisations(r.Context(), b.Community.Slug)
	if err != nil {
		p.offersFail(w, r, b, err)
		return
	}
	b.Form.set("available_from", time.Now().In(b.Community.Location()).Format(time.DateOnly))
	b.Form.set("quantity", "1")
	p.render(w, r, http.StatusOK, "offers_form", p.newOffersFormPage(b, orgs))
}

// offersCreate records the offer and shows its page, or shows the form
// again with every mistake next to its field and every answer kept.
func (p *Pages) offersCreate(w http.ResponseWriter, r *http.Request) {
	b, ok := p.offersMember(w, r, "new", offersNav{Slug: r.PathValue("slug")}.NewURL())
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	orgs, err := p.svc.OfferingOrganisations(r.Context(), b.Community.Slug)
	if err != nil {
		p.offersFail(w, r, b, err)
		return
	}
	for _, name := range offersFormFields {
		b.Form.set(name, r.PostForm.Get(name))
	}
	o, problems := readOffersForm(b, r.PostForm, orgs)
	if len(problems) > 0 {
		failOffersForm(b.Form, b.tr, withOfferChecks(o, problems).Err(), offersFormFields)
		p.render(w, r, http.StatusUnprocessableEntity, "offers_form", p.newOffersFormPage(b, orgs))
		return
	}
	created, err := p.svc.CreateOffer(r.Context(), b.Community.Slug, o)
	if err != nil {
		kind := domain.KindOf(err)
		if kind != domain.KindInvalid && kind != domain.KindConflict {
			p.offersFail(w, r, b, err)
			return
		}
		failOffersForm(b.Form, b.tr, err, offersFormFields)
		p.render(w, r, offersFormStatus(kind), "offers_form", p.newOffersFormPage(b, orgs))
		return
	}
	http.Redirect(w, r, b.Nav.OfferURL(created.ID)+"?done=created", http.StatusSeeOther)
}

// offersFormStatus is the status a form comes back with: 409 when what was asked
// clashes with the state of things, 422 for input to change.
func offersFormStatus(kind domain.Kind) int {
	if kind == domain.KindConflict {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

func (p *Pages) newOffersFormPage(b *offersBase, orgs []domain.Organisation) *offersFormPage {
	return &offersFormPage{offersBase: b, Location: b.LocationField(b.places, b.Community), Organisations: orgs}
}

// readOffersForm turns the form into an offer. Problems are what the form
// itself got wrong (a number or date that is none, a choice not offered);
// the rules of an offer are the service's.
func readOffersForm(b *offersBase, vals url.Values, orgs []domain.Organisation) (domain.Offer, domain.Problems) {
	var pr domain.Problems
	o := domain.Offer{Kind: vals.Get("kind"), Category: vals.Get("category"), Title: vals.Get("title"),
		Description: vals.Get("description"), Unit: vals.Get("unit"), Address: vals.Get("address"),
		Conditions: vals.Get("conditions")}
	if n, err := strconv.Atoi(strings.TrimSpace(vals.Get("quantity"))); err != nil {
		pr.Add("quantity", "number", "enter a whole number")
	} else {
		o.Quantity = n
	}
	if org := strings.TrimSpace(vals.Get("organisation_id")); org != "" {
		i := slices.IndexFunc(orgs, func(x domain.Organisation) bool { return strconv.FormatInt(x.ID, 10) == org })
		if i < 0 {
			pr.Add("organisation_id", "unknown", "choose one of your organisations")
		} else {
			o.OrganisationID = &orgs[i].ID
		}
	}
	loc := b.Community.Location()
	if d, ok := askDate(&pr, "available_from", vals.Get("available_from"), loc); ok {
		o.AvailableFrom = d
	}
	if s := strings.TrimSpace(vals.Get("available_until")); s != "" {
		if d, ok := askDate(&pr, "available_until", s, loc); ok {
			// Available until a date means all of that day.
			end := d.AddDate(0, 0, 1)
			o.AvailableUntil = &end
		}
	}
	pt, err := readLocation(vals, b.places)
	if err != nil {
		pr = append(pr, askFieldsOf(err)...)
	}
	o.Location = pt
	return o, pr
}

// withOfferChecks adds to the form's own problems what the offer's
// validation finds in the rest, leaving out what follows from a problem
// already reported.
func withOfferChecks(o domain.Offer, pr domain.Problems) domain.Problems {
	reported := map[string]bool{}
	for _, p := range pr {
		reported[p.Field] = true
	}
	if reported["available_from"] {
		reported["available_until"] = true
	}
	if reported["place"] || reported["lat"] || reported["lon"] {
		reported["location"] = true
	}
	o.Normalize()
	for _, fe := range askFieldsOf(o.Validate()) {
		if !reported[fe.Field] {
			pr = append(pr, fe)
			reported[fe.Field] = true
		}
	}
	return pr
}

// failOffersForm puts an error on a form of the area like form.fail, in
// this area's words where it has its own ("offers.field.<field>.<code>"),
// with an offer's exact location reported on the place picker. Errors on
// fields the form does not have are left to the summary.
func failOffersForm(f *form, tr *i18n.Translator, err error, fields []string) {
	var kept []domain.FieldError
	for _, fe := range askFieldsOf(err) {
		if fe.Field == "location" {
			fe.Field = "place"
		}
		if slices.Contains(fields, fe.Field) {
			kept = append(kept, fe)
		}
	}
	slices.SortStableFunc(kept, func(a, b domain.FieldError) int {
		return slices.Index(fields, a.Field) - slices.Index(fields, b.Field)
	})
	var de *domain.Error
	if errors.As(err, &de) {
		copied := *de
		copied.Fields = kept
		err = &copied
	}
	f.fail(tr, err)
	f.Summary = areaMessage(tr, "offers.error.", err)
	for i, pb := range f.Problems {
		field := strings.TrimPrefix(pb.ID, "f-")
		for _, fe := range kept {
			if fe.Field != field {
				continue
			}
			if msg, ok := tr.Lookup("offers.field." + fe.Field + "." + fe.Code); ok {
				f.errors[field] = msg
				f.Problems[i].Message = msg
			}
			break
		}
	}
}

// KindOptions are the kinds of offer after a prompt to choose.
func (pg *offersFormPage) KindOptions() []option {
	opts := []option{{Value: "", Label: pg.T("offers.form.choose")}}
	for _, k := range domain.OfferKinds {
		opts = append(opts, option{Value: k, Label: pg.KindName(k)})
	}
	return opts
}

// CategoryOptions are the categories of offers after a prompt to choose.
func (pg *offersFormPage) CategoryOptions() []option {
	opts := []option{{Value: "", Label: pg.T("offers.form.choose")}}
	for _, c := range domain.OfferCategories {
		opts = append(opts, option{Value: c, Label: pg.CategoryName(c)})
	}
	return opts
}

// OrganisationOptions are "myself" and the organisations the person runs.
func (pg *offersFormPage) OrganisationOptions() []option {
	opts := []option{{Value: "", Label: pg.T("offers.form.org.myself")}}
	for _, o := range pg.Organisations {
		opts = append(opts, option{Value: strconv.FormatInt(o.ID, 10), Label: o.Name})
	}
	return opts
}

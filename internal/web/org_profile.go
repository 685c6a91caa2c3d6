package web

import (
	"math"
	"net/http"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/service"
)

// orgNearPlaceKM is how close a named place must be for the profile to say
// the organisation is there rather than how far from the centre.
const orgNearPlaceKM = 0.5

// orgProfilePage is an organisation's public page. Runs and People are
// filled only for those the service lets run it or manage its people.
type orgProfilePage struct {
	*orgBase
	Org domain.Organisation
	// Opportunities are those with an open shift still to come.
	Opportunities []domain.Opportunity
	// Where says where the organisation is, in words.
	Where string
	// Runs: the visitor may post its opportunities and run its shifts.
	Runs bool
	// Manage: the visitor may see and add its people, which People lists.
	Manage bool
	People []service.OrgPerson
	Role   input
	// PeopleNotice confirms an added person, next to the list of people.
	PeopleNotice string
}

// Proposed reports whether the organisation still waits for approval.
func (pg *orgProfilePage) Proposed() bool { return pg.Org.Status == domain.OrgProposed }

// RoleText names a role in an organisation.
func (pg *orgProfilePage) RoleText(r domain.OrgRole) string { return pg.T("org.role." + string(r)) }

func (p *Pages) orgProfile(w http.ResponseWriter, r *http.Request) {
	b, ok := p.orgLoad(w, r)
	if !ok {
		return
	}
	p.showOrg(w, r, http.StatusOK, b)
}

// showOrg renders the profile of the organisation in the path; after a
// refused "add a person", with the reasons next to the form's fields.
func (p *Pages) showOrg(w http.ResponseWriter, r *http.Request, status int, b *orgBase) {
	ctx, slug := r.Context(), b.Community.Slug
	id, err := orgID(r)
	var pg *orgProfilePage
	if err == nil {
		pg, err = p.loadOrg(r, b, id)
	}
	if err != nil {
		p.orgFail(w, r, b, r.URL.RequestURI(), err)
		return
	}
	people, err := p.svc.OrganisationPeople(ctx, slug, id)
	switch domain.KindOf(err) {
	case domain.KindUnauthenticated, domain.KindForbidden:
		// Not one of the people who manage it: no people section.
	default:
		if err != nil {
			p.orgFail(w, r, b, r.URL.RequestURI(), err)
			return
		}
		pg.Manage, pg.People = true, people
		if r.URL.Query().Get("done") == "person_added" {
			pg.PeopleNotice, b.Notice = b.Notice, ""
		}
		if b.Form.Value("role") == "" {
			b.Form.set("role", string(domain.OrgCoordinator))
		}
		pg.Role = b.Select("role", b.T("org.people.role.label"), "", []option{
			{Value: string(domain.OrgCoordinator), Label: pg.RoleText(domain.OrgCoordinator)},
			{Value: string(domain.OrgAdmin), Label: pg.RoleText(domain.OrgAdmin)},
		})
	}
	p.render(w, r, status, "org_profile", pg)
}

// loadOrg reads what everyone may see of the organisation, and whether
// the visitor runs it.
func (p *Pages) loadOrg(r *http.Request, b *orgBase, id int64) (*orgProfilePage, error) {
	ctx, slug := r.Context(), b.Community.Slug
	org, err := p.svc.Organisation(ctx, slug, id)
	if err != nil {
		return nil, err
	}
	pg := &orgProfilePage{orgBase: b, Org: org}
	pg.Opportunities, err = p.svc.Opportunities(ctx, slug, service.OpportunityQuery{OrganisationID: id, From: time.Now()})
	if err != nil {
		return nil, err
	}
	if pg.Runs, err = p.svc.RunsOrganisation(ctx, slug, id); err != nil {
		return nil, err
	}
	// The named places are for members; others read a distance.
	places, err := p.svc.Places(ctx, slug)
	if kind := domain.KindOf(err); err != nil && kind != domain.KindUnauthenticated && kind != domain.KindForbidden {
		return nil, err
	}
	pg.Where = orgWhere(b, org.Location, places)
	return pg, nil
}

// orgWhere says where an organisation is: at a named place of the
// community when one is close, else how far from the centre.
func orgWhere(b *orgBase, at domain.Point, places []domain.Place) string {
	best, bestKM := "", orgNearPlaceKM
	for _, pl := range places {
		if d := geo.Distance(at, pl.Point); d <= bestKM {
			best, bestKM = pl.Name, d
		}
	}
	if best != "" {
		return b.T("org.profile.where.place", "Place", best)
	}
	km := math.Round(geo.Distance(b.Community.Center, at)*2) / 2
	if km < 0.5 {
		return b.T("org.profile.where.centre", "Name", b.Community.Name)
	}
	return b.T("org.profile.where.distance", "Distance", km, "Name", b.Community.Name)
}

// orgAddPerson gives a member, found by their email address, a role in the
// organisation; a wrong address comes back next to the form's field.
func (p *Pages) orgAddPerson(w http.ResponseWriter, r *http.Request) {
	profile := orgListURL(r.PathValue("slug")) + "/" + r.PathValue("id")
	b, ok := p.orgMember(w, r, profile)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, b.view, err)
		return
	}
	id, err := orgID(r)
	if err == nil {
		_, err = p.svc.AddOrganisationMemberByEmail(r.Context(), b.Community.Slug, id,
			r.PostForm.Get("email"), domain.OrgRole(r.PostForm.Get("role")))
	}
	if err != nil {
		if domain.KindOf(err) != domain.KindInvalid {
			p.orgFail(w, r, b, profile, err)
			return
		}
		b.Form.set("email", r.PostForm.Get("email"))
		b.Form.set("role", r.PostForm.Get("role"))
		failOrgFields(b.Form, b.tr, err)
		p.showOrg(w, r, http.StatusUnprocessableEntity, b)
		return
	}
	http.Redirect(w, r, withOrgNotice(b.ProfileURL(id), "person_added", "people"), http.StatusSeeOther)
}

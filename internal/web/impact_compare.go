package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// impactComparePage is /impact: the communities of the instance side by
// side, in bands of population, and for the operator the form that sets a
// community's population.
type impactComparePage struct {
	*view
	impactCells
	Bands   []impactBandView
	Unknown []service.CommunityImpact
	// CanSetPopulation shows the operator's form.
	CanSetPopulation bool
	Communities      []option
	Notice           string
}

// impactBandView is one band with its heading.
type impactBandView struct {
	ID, Heading string
	Communities []service.CommunityImpact
}

// DashboardURL is a community's dashboard.
func (pg *impactComparePage) DashboardURL(slug string) string { return impactURL(slug) }

// Population writes a population with the language's grouping marks.
func (pg *impactComparePage) Population(n int) string { return pg.tr.Int(int64(n)) }

func (p *Pages) impactCompare(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	pg := &impactComparePage{view: v, impactCells: impactCells{v}}
	if r.URL.Query().Get("done") == "population" {
		pg.Notice = v.T("impact.population.saved")
	}
	p.showCompare(w, r, http.StatusOK, pg)
}

func (p *Pages) showCompare(w http.ResponseWriter, r *http.Request, status int, pg *impactComparePage) {
	v := pg.view
	cmp, err := p.svc.ImpactComparisonOf(r.Context())
	if err != nil {
		p.fail(w, r, v, err)
		return
	}
	pg.CanSetPopulation, pg.Unknown = cmp.CanSetPopulation, cmp.Unknown
	for i, b := range cmp.Bands {
		heading := v.T("impact.band.between", "Min", v.tr.Int(int64(b.Min)), "Max", v.tr.Int(int64(b.Max)))
		switch {
		case b.Min == 0:
			heading = v.T("impact.band.under", "Max", v.tr.Int(int64(b.Max)))
		case b.Max == 0:
			heading = v.T("impact.band.over", "Min", v.tr.Int(int64(b.Min)))
		}
		pg.Bands = append(pg.Bands, impactBandView{ID: "band-" + strconv.Itoa(i), Heading: heading, Communities: b.Communities})
	}
	if pg.CanSetPopulation {
		chosen := v.Form.Value("community")
		pg.Communities = []option{{Value: "", Label: v.T("impact.population.choose")}}
		for _, line := range allCommunities(cmp) {
			pg.Communities = append(pg.Communities, option{Value: line.Slug, Label: line.Name, Selected: line.Slug == chosen})
		}
	}
	p.render(w, r, status, "impact_compare", pg)
}

// allCommunities lists the comparison's communities in name order.
func allCommunities(cmp service.ImpactComparison) []service.CommunityImpact {
	var all []service.CommunityImpact
	for _, b := range cmp.Bands {
		all = append(all, b.Communities...)
	}
	all = append(all, cmp.Unknown...)
	slices.SortFunc(all, func(a, b service.CommunityImpact) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return all
}

// impactSetPopulation saves the operator's form and returns to the
// comparison; a population that is not a whole number in range comes back
// with the message next to the field and what was typed.
func (p *Pages) impactSetPopulation(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "")
	if v.User == nil {
		redirectToLogin(w, r, "/impact")
		return
	}
	if err := r.ParseForm(); err != nil {
		p.badForm(w, r, v, err)
		return
	}
	slug, raw := r.PostForm.Get("community"), strings.TrimSpace(r.PostForm.Get("population"))
	v.Form.set("community", slug)
	v.Form.set("population", raw)
	pg := &impactComparePage{view: v, impactCells: impactCells{v}}
	var problems domain.Problems
	if slug == "" {
		problems.Add("community", "required", "choose a community")
	}
	n, convErr := strconv.Atoi(strings.NewReplacer(".", "", ",", "", " ", "", "\u00a0", "", "\u202f", "").Replace(raw))
	if raw == "" || convErr != nil {
		problems.Add("population", "out_of_range", "the population is a whole number")
	}
	err := problems.Err()
	if err == nil {
		err = p.svc.SetCommunityPopulation(r.Context(), slug, n)
	}
	switch kind := domain.KindOf(err); {
	case err == nil:
		http.Redirect(w, r, "/impact?done=population", http.StatusSeeOther)
	case kind == domain.KindInvalid:
		v.Form.fail(v.tr, err)
		p.showCompare(w, r, http.StatusUnprocessableEntity, pg)
	case kind == domain.KindNotFound:
		problems.Add("community", "required", "choose a community")
		v.Form.fail(v.tr, problems.Err())
		p.showCompare(w, r, http.StatusUnprocessableEntity, pg)
	default:
		p.fail(w, r, v, err)
	}
}

// impactRowsData is what the "impact_rows" template draws: one band's
// table.
type impactRowsData struct {
	Page    *impactComparePage
	ID      string
	Caption string
	Rows    []service.CommunityImpact
}

// Rows hands a band's communities to the table template.
func (pg *impactComparePage) Rows(id, caption string, rows []service.CommunityImpact) impactRowsData {
	return impactRowsData{Page: pg, ID: id, Caption: caption, Rows: rows}
}

package web

import (
	"net/http"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// impactDashboardPage is /c/{slug}/impact.
type impactDashboardPage struct {
	*view
	impactCells
	Community domain.Community
	Report    service.ImpactReport
	Months    []impactMonthRow
	// Categories are the twelve months' figures per category.
	Categories                               []impactCategoryRow
	RequestsChart, HoursChart, CategoryChart *svgChart
	CSVURL, CommunityURL, CompareURL         string
}

// impactMonthRow is one month of the tables.
type impactMonthRow struct {
	Name  string
	Cells domain.ImpactCells
}

// impactCategoryRow is one category of the tables.
type impactCategoryRow struct {
	Name  string
	Cells domain.ImpactCells
}

func (p *Pages) impactDashboard(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	rep, err := p.svc.ImpactMonthly(r.Context(), c.Slug)
	if err != nil {
		p.fail(w, r, v, err)
		return
	}
	cells := impactCells{v}
	pg := &impactDashboardPage{view: v, impactCells: cells, Community: c, Report: rep,
		CSVURL: impactCSVURL(c.Slug), CommunityURL: communityURL(c.Slug), CompareURL: "/impact"}
	var labels []string
	made, done, hours := chartSeries{Name: v.T("impact.col.requests_made")}, chartSeries{Name: v.T("impact.col.requests_done")},
		chartSeries{Name: v.T("impact.col.hours")}
	for i, m := range rep.Months {
		pg.Months = append(pg.Months, impactMonthRow{Name: cells.monthName(m), Cells: m.Total})
		labels = append(labels, cells.monthShort(m, i == 0))
		made.Values = append(made.Values, m.Total.RequestsMade)
		done.Values = append(done.Values, m.Total.RequestsDone)
		hours.Values = append(hours.Values, m.Total.Hours)
	}
	number := func(x float64) string { return v.tr.Number(x) }
	pg.RequestsChart = barChart("chart-requests", v.T("impact.requests.title"), labels, []chartSeries{made, done}, number)
	pg.HoursChart = lineChart("chart-hours", v.T("impact.hours.title"), labels, hours, number)

	var names []string
	catMade, catDone := chartSeries{Name: made.Name}, chartSeries{Name: done.Name}
	for _, cat := range rep.Total.Categories {
		name := cells.CategoryName(cat.Category)
		pg.Categories = append(pg.Categories, impactCategoryRow{Name: name, Cells: cat.Cells})
		names = append(names, name)
		catMade.Values = append(catMade.Values, cat.Cells.RequestsMade)
		catDone.Values = append(catDone.Values, cat.Cells.RequestsDone)
	}
	if len(names) > 0 {
		pg.CategoryChart = barChart("chart-categories", v.T("impact.categories.title"), names, []chartSeries{catMade, catDone}, number)
	}
	p.render(w, r, http.StatusOK, "impact_dashboard", pg)
}

package web

import (
	"net/http"
	"net/url"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// The impact area: a community's dashboard of the help given over the last
// twelve months, and the comparison of the instance's communities by
// population size. Which figures are exact (for the community's admins) and
// which read "<5" is the service's decision; the pages show what they get
// and say why some figures are hidden.

// impactPages are the pages of the impact area.
var impactPages = map[string]pageSpec{
	"impact_dashboard": {layout: "base", partials: withChrome()},
	"impact_compare":   {layout: "base", partials: withChrome("form_summary", "field", "select")},
}

func (p *Pages) impactRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /c/{slug}/impact", p.impactDashboard)
	mux.HandleFunc("GET /impact", p.impactCompare)
	mux.HandleFunc("POST /impact/population", p.impactSetPopulation)
}

func impactURL(slug string) string { return communityURL(slug) + "/impact" }

// impactCSVURL is the API's CSV download, which answers with the same
// figures as the page for the same person (the session cookie logs in).
func impactCSVURL(slug string) string {
	return "/api/v1/communities/" + url.PathEscape(slug) + "/stats/monthly.csv"
}

// impactCells formats the figures of a page: "<5" for a hidden one, "–"
// for one with nothing to compute from, else the number in the page's
// language.
type impactCells struct{ *view }

// Cell writes one figure.
func (v impactCells) Cell(c domain.StatCell) string {
	switch {
	case c.Suppressed:
		return domain.SuppressedText
	case c.Missing:
		return "–"
	}
	return v.tr.Number(c.Value)
}

// CategoryName names a category: the translated name of a category of
// help, or an opportunity's own word as its organisers wrote it.
func (v impactCells) CategoryName(name string) string {
	if domain.IsCategory(name) {
		return v.Category(name)
	}
	return name
}

// monthName is "March 2026" in the page's language: the full date of the
// first day without the day.
func (v impactCells) monthName(m service.ImpactMonth) string {
	d := v.Date(m.Start)
	if i := strings.IndexByte(d, ' '); i >= 0 {
		return d[i+1:]
	}
	return d
}

// monthShort is the month's name cut to three letters, with the year's
// last two digits in January and in the first month shown, for the axis.
func (v impactCells) monthShort(m service.ImpactMonth, first bool) string {
	name := []rune(v.monthName(m))
	short := string(name[:min(3, len(name))])
	if first || m.Start.Month() == 1 {
		short += " ’" + m.Start.Format("06")
	}
	return short
}

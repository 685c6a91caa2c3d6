package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/service"
)

type impactSummaryOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         service.ImpactSummary
}

type impactMonthlyOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         service.ImpactReport
}

type impactCSVOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

type impactComparisonOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         service.ImpactComparison
}

type populationInput struct {
	Community string `path:"c" maxLength:"40" doc:"community slug"`
	Body      struct {
		Population int `json:"population" minimum:"0" maximum:"100000000" doc:"inhabitants of the area the community serves; 0 when not known"`
	}
}

type populationOutput struct {
	Body struct {
		Population int `json:"population"`
	}
}

// suppressionNote is repeated in every impact operation's description.
const suppressionNote = " Figures from 1 to 4 are suppressed (\"suppressed\": true, value 0, \"<5\" in CSV) so that nobody " +
	"can be singled out; so are a median or a fill rate resting on fewer than 5 items, and hours from fewer than 5 gifts. " +
	"0 is shown as 0."

// registerImpact adds the impact statistics.
func (a *API) registerImpact(h huma.API) {
	op := a.op(http.MethodGet, "/communities/{c}/stats", "impact-summary",
		"The community's impact over the last 12 months (public, suppressed)", "stats")
	op.Description = "Totals for the last 12 months, the current one included, in the community's time zone, " +
		"for all categories and per category." + suppressionNote
	op.Security = append([]map[string][]string{{}}, authenticated...)
	huma.Register(h, op, a.impactSummary)

	op = a.op(http.MethodGet, "/communities/{c}/stats/monthly", "impact-monthly",
		"The community's impact month by month (admins: exact; everyone else: suppressed)", "stats")
	op.Description = "Twelve months, oldest first, each with all categories and every category with figures. " +
		"The community's admins (and operators) see every figure as it is; \"exact\" says which." + suppressionNote
	op.Security = append([]map[string][]string{{}}, authenticated...)
	huma.Register(h, op, a.impactMonthly)

	op = a.op(http.MethodGet, "/communities/{c}/stats/monthly.csv", "impact-monthly-csv",
		"The monthly impact as a CSV download", "stats")
	op.Description = "The same figures as /stats/monthly, one row per month and category (\"all\" for all categories), " +
		"UTF-8 with a header row. A missing figure (a median of no requests) is an empty field." + suppressionNote
	op.Security = append([]map[string][]string{{}}, authenticated...)
	op.Responses = map[string]*huma.Response{
		"200": {Description: "the CSV file", Content: map[string]*huma.MediaType{
			"text/csv": {Schema: &huma.Schema{Type: "string"}},
		}},
	}
	huma.Register(h, op, a.impactMonthlyCSV)

	op = a.op(http.MethodGet, "/stats/comparison", "impact-comparison",
		"Every community's last 12 months side by side, by population band (public, suppressed)", "stats")
	op.Description = "Bands: under 5,000; 5,000–20,000; 20,000–100,000; 100,000 and more inhabitants. " +
		"Rates are per 1,000 inhabitants and hidden whenever the count they come from is." + suppressionNote
	op.Security = append([]map[string][]string{{}}, authenticated...)
	huma.Register(h, op, a.impactComparison)

	secured(a, h, http.MethodPut, "/communities/{c}/population", "set-community-population",
		"Set the population of the area a community serves (instance operator)", 0, a.setPopulation)
}

// Figures change as help is given; a minute spares the database repeated
// dashboard loads. Admins' exact figures must not be stored at all; the
// monthly figures differ by reader, so only the reader's own cache keeps
// them; the summary and the comparison are the same for everyone.
func impactCache(exact bool) string {
	if exact {
		return "private, no-store"
	}
	return "public, max-age=60"
}

func monthlyCache(exact bool) string {
	if exact {
		return impactCache(true)
	}
	return "private, max-age=60"
}

func (a *API) impactSummary(ctx context.Context, in *slugInput) (*impactSummaryOutput, error) {
	sum, err := a.svc.ImpactSummaryOf(ctx, in.Community)
	return result(ctx, a, &impactSummaryOutput{CacheControl: impactCache(false), Body: sum}, err)
}

func (a *API) impactMonthly(ctx context.Context, in *slugInput) (*impactMonthlyOutput, error) {
	rep, err := a.svc.ImpactMonthly(ctx, in.Community)
	return result(ctx, a, &impactMonthlyOutput{CacheControl: monthlyCache(rep.Exact), Body: rep}, err)
}

func (a *API) impactMonthlyCSV(ctx context.Context, in *slugInput) (*impactCSVOutput, error) {
	rep, err := a.svc.ImpactMonthly(ctx, in.Community)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	body, err := ImpactCSV(rep)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &impactCSVOutput{
		ContentType:        "text/csv; charset=utf-8",
		ContentDisposition: `attachment; filename="` + rep.Community + `-impact.csv"`,
		CacheControl:       monthlyCache(rep.Exact),
		Body:               body,
	}, nil
}

func (a *API) impactComparison(ctx context.Context, _ *struct{}) (*impactComparisonOutput, error) {
	cmp, err := a.svc.ImpactComparisonOf(ctx)
	return result(ctx, a, &impactComparisonOutput{CacheControl: impactCache(false), Body: cmp}, err)
}

func (a *API) setPopulation(ctx context.Context, in *populationInput) (*populationOutput, error) {
	err := a.svc.SetCommunityPopulation(ctx, in.Community, in.Body.Population)
	out := &populationOutput{}
	out.Body.Population = in.Body.Population
	return result(ctx, a, out, err)
}

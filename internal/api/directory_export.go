package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"mutua/internal/service"
)

type directoryHSDSOutput struct {
	CacheControl string `header:"Cache-Control"`
	Body         service.HSDSExport
}

type directoryCSVOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

// directoryExportCache lets browsers and proxies keep a download for five
// minutes: the directory is public and the same for every reader.
const directoryExportCache = "public, max-age=300"

// registerDirectoryExport adds the downloads of the directory of
// initiatives and organisations.
func (a *API) registerDirectoryExport(h huma.API) {
	op := a.op(http.MethodGet, "/communities/{c}/directory.hsds.json", "directory-hsds",
		"The community's directory as Open Referral HSDS 3.0 JSON (public)", "directory")
	op.Description = "Every approved initiative and organisation as an HSDS organization, its place as a location " +
		"(location_type physical, linked by organization_id), and each organisation's volunteering opportunities " +
		"as services (status active, linked by organization_id, with the weekly schedule when there is one). " +
		"HSDS defines no single document for a whole data set; this one holds the organizations, services and " +
		"locations arrays side by side. Ids are stable strings such as \"initiative-12\", \"organisation-7\", " +
		"\"opportunity-3\". Only public data: no proposals, no people."
	op.Security = append([]map[string][]string{{}}, authenticated...)
	huma.Register(h, op, a.directoryHSDS)

	op = a.op(http.MethodGet, "/communities/{c}/directory.csv", "directory-csv",
		"The community's directory as a CSV download (public)", "directory")
	op.Description = "One row per approved initiative and organisation after a header row: kind, id, name, sector, " +
		"description, address, lat, lng, website, contact, opening_times, languages (joined with \"; \"). UTF-8. " +
		"A text cell starting with =, +, - or @ is prefixed with an apostrophe so that spreadsheets do not run it " +
		"as a formula."
	op.Security = append([]map[string][]string{{}}, authenticated...)
	op.Responses = map[string]*huma.Response{
		"200": {Description: "the CSV file", Content: map[string]*huma.MediaType{
			"text/csv": {Schema: &huma.Schema{Type: "string"}},
		}},
	}
	huma.Register(h, op, a.directoryCSV)
}

func (a *API) directoryHSDS(ctx context.Context, in *slugInput) (*directoryHSDSOutput, error) {
	x, err := a.svc.ExportDirectory(ctx, in.Community)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &directoryHSDSOutput{CacheControl: directoryExportCache, Body: x.HSDS()}, nil
}

func (a *API) directoryCSV(ctx context.Context, in *slugInput) (*directoryCSVOutput, error) {
	x, err := a.svc.ExportDirectory(ctx, in.Community)
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	body, err := x.CSV()
	if err != nil {
		return nil, a.fail(ctx, err)
	}
	return &directoryCSVOutput{
		ContentType:        "text/csv; charset=utf-8",
		ContentDisposition: `attachment; filename="` + x.Community.Slug + `-directory.csv"`,
		CacheControl:       directoryExportCache,
		Body:               body,
	}, nil
}

package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// shiftsListPage lists the opportunities with a shift to come, with the
// filter form above them.
type shiftsListPage struct {
	*shiftsBase
	Categories []option
	Items      []shiftsListItem
	// Filtered is true when the filter narrowed the list.
	Filtered bool
	// More links to the next page of the list, "" on the last.
	More string
}

// shiftsListItem is one opportunity on the list.
type shiftsListItem struct {
	ID                                 int64
	URL, Title, Organisation, Category string
	// Place is the address, "" when the opportunity is online.
	Place  string
	Online bool
}

// shiftsListSize is how many opportunities one page of the list holds.
const shiftsListSize = 30

func (p *Pages) shiftsList(w http.ResponseWriter, r *http.Request) {
	c, v, ok := p.communityView(w, r)
	if !ok {
		return
	}
	b := shiftsBaseOf(c, v, "opportunities")
	query := r.URL.Query()
	for _, name := range []string{"category", "from", "to"} {
		v.Form.set(name, query.Get(name))
	}
	page := &shiftsListPage{shiftsBase: b, Categories: shiftsCategoryOptions(b, v.T("shifts.list.category.all"))}
	q, problems := readShiftsFilter(b, query)
	if len(problems) > 0 {
		failShiftsForm(v.Form, v.tr, problems.Err())
		p.render(w, r, http.StatusUnprocessableEntity, "shifts_list", page)
		return
	}
	page.Filtered = q.Category != "" || query.Get("from") != "" || query.Get("to") != ""
	offset, _ := strconv.Atoi(query.Get("start"))
	q.Page = domain.Page{Limit: shiftsListSize + 1, Offset: max(0, offset)}
	list, err := p.svc.Opportunities(r.Context(), c.Slug, q)
	if err != nil {
		p.shiftsFail(w, r, v, r.URL.RequestURI(), err)
		return
	}
	if len(list) > shiftsListSize {
		list = list[:shiftsListSize]
		next := url.Values{}
		for _, name := range []string{"category", "from", "to"} {
			if x := query.Get(name); x != "" {
				next.Set(name, x)
			}
		}
		next.Set("start", strconv.Itoa(q.Page.Offset+shiftsListSize))
		page.More = b.Nav.OpportunitiesURL() + "?" + next.Encode()
	}
	names, err := p.shiftsOrganisationNames(r, c.Slug, list)
	if err != nil {
		p.shiftsFail(w, r, v, r.URL.RequestURI(), err)
		return
	}
	for _, o := range list {
		page.Items = append(page.Items, shiftsListItem{URL: b.OpportunityURL(o.ID), Title: o.Title,
			Organisation: names[o.OrganisationID], Category: b.CategoryName(o.Category), Place: o.Address, Online: o.Online})
	}
	p.render(w, r, http.StatusOK, "shifts_list", page)
}

// readShiftsFilter turns the filter form into a query for opportunities
// with a shift from the start of the first day (and not before now) to the
// end of the last. Problems name the dates that are no dates.
func readShiftsFilter(b *shiftsBase, query url.Values) (service.OpportunityQuery, domain.Problems) {
	var pr domain.Problems
	loc := b.Community.Location()
	q := service.OpportunityQuery{Category: query.Get("category"), From: time.Now()}
	if q.Category != "" && !slices.Contains(b.Community.Categories, q.Category) {
		pr.Add("category", "unknown", "choose a category from the list")
	}
	if s := query.Get("from"); s != "" {
		if d, ok := localDate(s, loc); !ok {
			pr.Add("from", "format", "write the date as YYYY-MM-DD")
		} else if d.After(q.From) {
			q.From = d
		}
	}
	if s := query.Get("to"); s != "" {
		d, ok := localDate(s, loc)
		switch {
		case !ok:
			pr.Add("to", "format", "write the date as YYYY-MM-DD")
		case !d.AddDate(0, 0, 1).After(q.From):
			pr.Add("to", "before_start", "the last day comes before the first")
		default:
			q.To = d.AddDate(0, 0, 1)
		}
	}
	return q, pr
}

// shiftsCategoryOptions are the community's categories of help for a
// select, after a first option with the label first and no value.
func shiftsCategoryOptions(b *shiftsBase, first string) []option {
	out := []option{{Value: "", Label: first}}
	for _, c := range b.Community.Categories {
		out = append(out, option{Value: c, Label: b.CategoryName(c)})
	}
	return out
}

// shiftsOrganisationNames names the organisations of the opportunities,
// asking for each organisation once.
func (p *Pages) shiftsOrganisationNames(r *http.Request, slug string, list []domain.Opportunity) (map[int64]string, error) {
	names := map[int64]string{}
	for _, o := range list {
		if _, seen := names[o.OrganisationID]; seen {
			continue
		}
		org, err := p.svc.Organisation(r.Context(), slug, o.OrganisationID)
		if err != nil {
			return nil, err
		}
		names[org.ID] = org.Name
	}
	return names, nil
}

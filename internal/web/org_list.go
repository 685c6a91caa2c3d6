package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"mutua/internal/domain"
)

// orgsPerPage is how many organisations one page lists; a town has far
// fewer, so most communities never see a second page.
const orgsPerPage = 100

// orgShortLen is how many characters of a description the list shows.
const orgShortLen = 180

// orgListPage lists a community's organisations. The service gives
// community admins the proposed ones too, and the page shows those apart,
// each with its "Approve" button.
type orgListPage struct {
	*orgBase
	Approved, Proposed []domain.Organisation
	// PrevURL and NextURL lead to the neighbouring pages, "" at the ends.
	PrevURL, NextURL string
}

func (p *Pages) orgList(w http.ResponseWriter, r *http.Request) {
	b, ok := p.orgLoad(w, r)
	if !ok {
		return
	}
	page := pageNumber(r.URL.Query().Get("page"))
	list, err := p.svc.Organisations(r.Context(), b.Community.Slug,
		domain.Page{Limit: orgsPerPage + 1, Offset: (page - 1) * orgsPerPage})
	if err != nil {
		p.orgFail(w, r, b, r.URL.RequestURI(), err)
		return
	}
	pg := &orgListPage{orgBase: b}
	if len(list) > orgsPerPage {
		list = list[:orgsPerPage]
		pg.NextURL = orgPageURL(b.Community.Slug, page+1)
	}
	if page > 1 {
		pg.PrevURL = orgPageURL(b.Community.Slug, page-1)
	}
	for _, o := range list {
		if o.Status == domain.OrgApproved {
			pg.Approved = append(pg.Approved, o)
		} else {
			pg.Proposed = append(pg.Proposed, o)
		}
	}
	p.render(w, r, http.StatusOK, "org_list", pg)
}

// orgPageURL is the address of page n of the list.
func orgPageURL(slug string, n int) string {
	if n <= 1 {
		return orgListURL(slug)
	}
	return orgListURL(slug) + "?page=" + strconv.Itoa(n)
}

// Short is the beginning of a description, cut at a word, for the list.
func (pg *orgListPage) Short(s string) string {
	if utf8.RuneCountInString(s) <= orgShortLen {
		return s
	}
	cut := string([]rune(s)[:orgShortLen])
	if i := strings.LastIndexAny(cut, " \n\t"); i > orgShortLen/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// orgApprove lets a community admin accept a proposed organisation and
// returns to the list with a confirmation.
func (p *Pages) orgApprove(w http.ResponseWriter, r *http.Request) {
	b, ok := p.orgMember(w, r, orgListURL(r.PathValue("slug")))
	if !ok {
		return
	}
	id, err := orgID(r)
	if err == nil {
		_, err = p.svc.ApproveOrganisation(r.Context(), b.Community.Slug, id)
	}
	if err != nil {
		p.orgFail(w, r, b, b.ListURL(), err)
		return
	}
	http.Redirect(w, r, withOrgNotice(b.ListURL(), "approved", ""), http.StatusSeeOther)
}

package service

import (
	"context"

	"mutua/internal/domain"
)

// DirectoryExport is the whole public directory of a community at one
// moment: its approved initiatives and approved organisations, and the
// volunteering opportunities those organisations post. Nothing in it is
// personal: proposals, members and sign-ups are left out.
type DirectoryExport struct {
	Community domain.Community
	Entries   []domain.DirectoryEntry
	// Opportunities are those of the organisations among Entries, oldest
	// first.
	Opportunities []domain.Opportunity
}

// exportPage is how many rows each store call of an export reads.
const exportPage = 200

// ExportDirectory reads the community's whole public directory for the
// downloads (Open Referral HSDS JSON and CSV). Everyone may read it,
// visitors included, as they may read the directory itself.
func (s *Service) ExportDirectory(ctx context.Context, slug string) (DirectoryExport, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return DirectoryExport{}, err
	}
	x := DirectoryExport{Community: a.community, Entries: []domain.DirectoryEntry{}, Opportunities: []domain.Opportunity{}}
	for page := (domain.Page{Limit: exportPage}); ; page.Offset += page.Limit {
		list, err := s.store.FindDirectory(ctx, a.community.ID, domain.DirectoryFilter{Page: page})
		if err != nil {
			return DirectoryExport{}, err
		}
		for _, e := range list {
			if e.Status == domain.InitiativeApproved {
				x.Entries = append(x.Entries, e)
			}
		}
		if len(list) < page.Limit {
			break
		}
	}
	orgs := map[int64]bool{}
	for _, e := range x.Entries {
		if e.Kind == domain.EntryOrganisation {
			orgs[e.ID] = true
		}
	}
	if len(orgs) == 0 {
		return x, nil
	}
	var opps []domain.Opportunity
	for page := (domain.Page{Limit: exportPage}); ; page.Offset += page.Limit {
		list, err := s.store.FindOpportunities(ctx, a.community.ID, domain.OpportunityFilter{Page: page})
		if err != nil {
			return DirectoryExport{}, err
		}
		for _, o := range list {
			if orgs[o.OrganisationID] {
				opps = append(opps, o)
			}
		}
		if len(list) < page.Limit {
			break
		}
	}
	// The store lists the newest first; an export reads better, and
	// stays in the same order as opportunities are added, oldest first.
	for i := len(opps) - 1; i >= 0; i-- {
		x.Opportunities = append(x.Opportunities, opps[i])
	}
	return x, nil
}

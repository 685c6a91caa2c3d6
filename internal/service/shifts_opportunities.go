package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// OpportunityQuery filters the list of opportunities.
type OpportunityQuery struct {
	Near     *domain.Point
	RadiusKM float64
	Category string
	// OrganisationID, when not 0, keeps one organisation's opportunities.
	OrganisationID int64
	From, To       time.Time
	Page           domain.Page
}

// CreateOpportunity posts an opportunity of an approved organisation with
// its shifts, and the shifts of its weekly rule for the weeks ahead.
func (s *Service) CreateOpportunity(ctx context.Context, slug string, o domain.Opportunity) (domain.Opportunity, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return domain.Opportunity{}, err
	}
	if err := s.postingFor(ctx, a, o.OrganisationID); err != nil {
		return domain.Opportunity{}, err
	}
	o.Normalize()
	if err := s.checkOpportunity(a, o); err != nil {
		return domain.Opportunity{}, err
	}
	o.CommunityID, o.CreatedBy = a.community.ID, a.user.ID
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateOpportunity(ctx, &o, geo.CellID(o.Location)); err != nil {
			return err
		}
		for i := range o.Shifts {
			sh := &o.Shifts[i]
			sh.CommunityID, sh.OpportunityID, sh.Status, sh.FromRule = o.CommunityID, o.ID, domain.ShiftOpen, false
			if err := s.store.CreateShift(ctx, sh); err != nil {
				return err
			}
		}
		return s.generateShifts(ctx, a.community, o)
	})
	if err != nil {
		return domain.Opportunity{}, err
	}
	s.log.InfoContext(ctx, "opportunity posted", "community", slug, "opportunity_id", o.ID, "by", a.user.ID)
	return s.withShifts(ctx, a, o)
}

// postingFor checks that the organisation exists here, is approved, and
// that the actor runs it (or coordinates the community).
func (s *Service) postingFor(ctx context.Context, a access, orgID int64) error {
	org, err := s.store.OrganisationByID(ctx, a.community.ID, orgID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return fieldError(domain.KindInvalid, "organisation_id", "unknown", "there is no such organisation in this community")
	case err != nil:
		return err
	case org.Status != domain.OrgApproved:
		return fieldError(domain.KindConflict, "organisation_id", "not_approved", "the organisation is not approved yet")
	}
	return s.coordinatesOrganisation(ctx, a, orgID)
}

// checkOpportunity adds the rules that need the community and the clock.
func (s *Service) checkOpportunity(a access, o domain.Opportunity) error {
	var p domain.Problems
	if err := o.Validate(); err != nil {
		var de *domain.Error
		if !errors.As(err, &de) {
			return err
		}
		p = de.Fields
	}
	if !o.Online && o.Location.Valid() && !geo.Contains(a.community.Center, a.community.RadiusKM, o.Location) {
		p.Add("location", "outside_area", "this place is outside the community's area")
	}
	now := s.now()
	for i, sh := range o.Shifts {
		if !sh.Start.IsZero() && !sh.Start.After(now) {
			p.Add(fmt.Sprintf("shifts[%d].start", i), "in_past", "a shift must start in the future")
		}
	}
	return p.Err()
}

// Opportunity returns one opportunity with its shifts and their fill, to
// everyone: only approved organisations post.
func (s *Service) Opportunity(ctx context.Context, slug string, id int64) (domain.Opportunity, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return domain.Opportunity{}, err
	}
	o, err := s.store.OpportunityByID(ctx, a.community.ID, id)
	if err != nil {
		return domain.Opportunity{}, shiftsNotFound(err, "opportunity")
	}
	return s.withShifts(ctx, a, o)
}

func (s *Service) withShifts(ctx context.Context, a access, o domain.Opportunity) (domain.Opportunity, error) {
	shifts, err := s.store.ShiftsOfOpportunity(ctx, a.community.ID, o.ID)
	o.Shifts = shifts
	return o, err
}

// Opportunities lists the community's opportunities, newest first, without
// their shifts: near a point, of a category, or with an open shift between
// From and To.
func (s *Service) Opportunities(ctx context.Context, slug string, q OpportunityQuery) ([]domain.Opportunity, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return nil, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
		return nil, fieldError(domain.KindInvalid, "to", "before_start", "to must be after from")
	}
	f := domain.OpportunityFilter{Category: q.Category, OrganisationID: q.OrganisationID,
		From: q.From, To: q.To, Page: clampPage(q.Page)}
	if q.Near == nil {
		return s.store.FindOpportunities(ctx, a.community.ID, f)
	}
	// The covering reaches somewhat beyond the radius; the distance check
	// keeps only what is really within it. The page is applied after.
	f.Cells = geo.Covering(*q.Near, q.RadiusKM)
	page := f.Page
	f.Page = domain.Page{Limit: 200}
	list, err := s.store.FindOpportunities(ctx, a.community.ID, f)
	if err != nil {
		return nil, err
	}
	near := []domain.Opportunity{}
	for _, o := range list {
		if geo.Contains(*q.Near, q.RadiusKM, o.Location) {
			near = append(near, o)
		}
	}
	lo := min(page.Offset, len(near))
	return near[lo:min(lo+page.Limit, len(near))], nil
}

package service

import (
	"context"
	"errors"
	"unicode/utf8"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// InitiativeStore keeps the directory of local initiatives. Approved
// organisations are part of the directory too; FindDirectory reads them
// from their own table.
type InitiativeStore interface {
	// CreateInitiative inserts in and sets ID, Status (proposed when
	// empty), CreatedAt and UpdatedAt.
	CreateInitiative(ctx context.Context, in *domain.Initiative) error
	// UpdateInitiative overwrites the descriptive fields and the search
	// index; domain.ErrNotFound when there is no such initiative.
	UpdateInitiative(ctx context.Context, in *domain.Initiative) error
	// DeleteInitiative removes an initiative and its search entry.
	DeleteInitiative(ctx context.Context, communityID, id int64) error
	InitiativeByID(ctx context.Context, communityID, id int64) (domain.Initiative, error)
	// ApproveInitiative moves a proposed initiative to approved;
	// domain.ErrStateChanged when it is not proposed.
	ApproveInitiative(ctx context.Context, communityID, id, by int64) error
	// FindDirectory lists initiatives and approved organisations matching
	// f: by name, or nearest first with f.Near.
	FindDirectory(ctx context.Context, communityID int64, f domain.DirectoryFilter) ([]domain.DirectoryEntry, error)
}

// DirectoryQuery is a search of the directory as a caller asks it.
type DirectoryQuery struct {
	Text   string
	Sector string
	// Near with RadiusKM (5 km when 0) keeps entries around a point,
	// nearest first.
	Near     *domain.Point
	RadiusKM float64
	// Proposed lists the initiatives waiting for approval instead
	// (community admins only).
	Proposed bool
	Page     domain.Page
}

// defaultDirectoryRadiusKM is the radius of a search near a point that
// names none.
const defaultDirectoryRadiusKM = 5

// Directory searches the community's directory of initiatives and
// approved organisations. Everyone may read it, visitors included.
func (s *Service) Directory(ctx context.Context, slug string, q DirectoryQuery) ([]domain.DirectoryEntry, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return nil, err
	}
	if q.Near != nil && q.RadiusKM == 0 {
		q.RadiusKM = defaultDirectoryRadiusKM
	}
	if err := checkDirectoryQuery(q); err != nil {
		return nil, err
	}
	if q.Proposed && !a.can(domain.PermEditCommunity) {
		return nil, domain.Forbidden("forbidden", "only the community's admins see proposed initiatives")
	}
	return s.store.FindDirectory(ctx, a.community.ID, domain.DirectoryFilter{
		Text: q.Text, Sector: q.Sector, Near: q.Near, RadiusKM: q.RadiusKM,
		ProposedOnly: q.Proposed, Page: clampPage(q.Page),
	})
}

func checkDirectoryQuery(q DirectoryQuery) error {
	var p domain.Problems
	if utf8.RuneCountInString(q.Text) > domain.MaxDirectorySearchLen {
		p.Add("q", "length", "search with at most 200 characters")
	}
	if q.Sector != "" && !domain.ValidSector(q.Sector) {
		p.Add("sector", "unknown", "choose one of the directory's sectors")
	}
	if q.Near != nil && !q.Near.Valid() {
		p.Add("near", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if q.Near != nil && (q.RadiusKM <= 0 || q.RadiusKM > domain.MaxDirectoryRadiusKM) {
		p.Add("radius_km", "range", "the radius is more than 0 and at most 100 km")
	}
	return p.Err()
}

// ProposeInitiative adds an initiative to the directory: a community
// admin's is approved at once, a member's waits for an admin's approval.
func (s *Service) ProposeInitiative(ctx context.Context, slug string, in domain.Initiative) (domain.Initiative, error) {
	a, err := s.authorize(ctx, slug, domain.PermAskHelp)
	if err != nil {
		return domain.Initiative{}, err
	}
	in.Normalize()
	if err := checkInitiative(a, in); err != nil {
		return domain.Initiative{}, err
	}
	in.CommunityID, in.ProposedBy, in.Status, in.ApprovedBy = a.community.ID, a.user.ID, domain.InitiativeProposed, nil
	if a.can(domain.PermEditCommunity) {
		by := a.user.ID
		in.Status, in.ApprovedBy = domain.InitiativeApproved, &by
	}
	if err := s.store.CreateInitiative(ctx, &in); err != nil {
		return domain.Initiative{}, err
	}
	s.log.InfoContext(ctx, "initiative added", "community", slug, "initiative_id", in.ID, "by", a.user.ID,
		"status", in.Status)
	return in, nil
}

func checkInitiative(a access, in domain.Initiative) error {
	var p domain.Problems
	if err := in.Validate(); err != nil {
		var de *domain.Error
		if !errors.As(err, &de) {
			return err
		}
		p = de.Fields
	}
	if in.Location.Valid() && !geo.Contains(a.community.Center, a.community.RadiusKM, in.Location) {
		p.Add("location", "outside_area", "this place is outside the community's area")
	}
	return p.Err()
}

// ApproveInitiative lets a community admin accept a proposed initiative.
func (s *Service) ApproveInitiative(ctx context.Context, slug string, id int64) (domain.Initiative, error) {
	a, err := s.authorize(ctx, slug, domain.PermEditCommunity)
	if err != nil {
		return domain.Initiative{}, err
	}
	var in domain.Initiative
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.ApproveInitiative(ctx, a.community.ID, id, a.user.ID); err != nil {
			if errors.Is(err, domain.ErrStateChanged) {
				return statusConflict("this initiative is approved already")
			}
			return shiftsNotFound(err, "initiative")
		}
		in, err = s.store.InitiativeByID(ctx, a.community.ID, id)
		return err
	})
	return in, err
}

// Initiative returns one initiative: an approved one to everyone, a
// proposed one only to community admins and the member who proposed it.
func (s *Service) Initiative(ctx context.Context, slug string, id int64) (domain.Initiative, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return domain.Initiative{}, err
	}
	in, err := s.store.InitiativeByID(ctx, a.community.ID, id)
	if err != nil {
		return domain.Initiative{}, shiftsNotFound(err, "initiative")
	}
	if in.Status != domain.InitiativeApproved && !a.can(domain.PermEditCommunity) &&
		(a.user.ID == 0 || a.user.ID != in.ProposedBy) {
		return domain.Initiative{}, domain.NotFound("initiative")
	}
	return in, nil
}

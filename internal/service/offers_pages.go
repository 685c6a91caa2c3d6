package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
)

// What the offer pages need besides the use cases in offers.go: which
// organisations a person may offer in the name of, and who made an offer,
// for those who may know.

// maxOfferingOrganisations bounds the organisations read for the "on
// behalf of" choice; a community has a handful, far fewer than this.
const maxOfferingOrganisations = 200

// OfferingOrganisations lists the approved organisations of the community
// that the actor runs (as one of their admins or coordinators), by name:
// those CreateOffer accepts in OrganisationID from them. Community
// coordinators may offer for any approved organisation, but the list
// keeps to the ones a person runs, so that the choice reads as "my
// organisations" and not as every organisation of the town.
func (s *Service) OfferingOrganisations(ctx context.Context, slug string) ([]domain.Organisation, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return nil, err
	}
	orgs, err := s.store.ListOrganisations(ctx, a.community.ID, false, domain.Page{Limit: maxOfferingOrganisations})
	if err != nil {
		return nil, err
	}
	var out []domain.Organisation
	for _, o := range orgs {
		if o.Status != domain.OrgApproved {
			continue
		}
		_, err := s.store.OrganisationRole(ctx, a.community.ID, o.ID, a.user.ID)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			continue
		case err != nil:
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// OffererName is the name of the person who made an offer, for those who
// see its private details (the offerer and the coordinators); "" for
// everyone else, who see at most the organisation it is made for.
func (s *Service) OffererName(ctx context.Context, slug string, offerID int64) (string, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return "", err
	}
	o, err := s.offer(ctx, a, offerID)
	if err != nil {
		return "", err
	}
	if !seesOfferDetails(a, o) {
		return "", nil
	}
	u, err := s.store.UserByID(ctx, o.OfferedBy)
	if err != nil {
		return "", err
	}
	return u.Name, nil
}

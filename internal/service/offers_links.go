package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
)

// LinkOffer reserves quantity units of an offer for a help request: a
// coordinator's promise that the request is served from the offer. Of two
// coordinators taking the last units exactly one succeeds; the other gets
// a conflict naming the quantity.
func (s *Service) LinkOffer(ctx context.Context, slug string, offerID, requestID int64, quantity int) (domain.OfferLink, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return domain.OfferLink{}, err
	}
	if quantity < 1 || quantity > domain.MaxOfferQuantity {
		var p domain.Problems
		p.Add("quantity", "range", "reserve a whole number of at least 1")
		return domain.OfferLink{}, p.Err()
	}
	l := domain.OfferLink{CommunityID: a.community.ID, OfferID: offerID, RequestID: requestID, Quantity: quantity, CreatedBy: a.user.ID}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.checkLink(ctx, a, l); err != nil {
			return err
		}
		err := s.store.ReserveOffer(ctx, &l)
		switch {
		case errors.Is(err, domain.ErrStateChanged):
			return notEnough()
		case errors.Is(err, domain.ErrDuplicate):
			return offerConflict("already_linked", "request_id", "this request is linked to the offer already; cancel that link to change it")
		}
		return err
	})
	if err != nil {
		return domain.OfferLink{}, err
	}
	s.log.InfoContext(ctx, "offer linked", "community", slug, "offer_id", offerID, "request_id", requestID,
		"quantity", quantity, "by", a.user.ID)
	return l, nil
}

// checkLink reads the offer and the request in the community and applies
// the rules a reservation can fail on before it is tried.
func (s *Service) checkLink(ctx context.Context, a access, l domain.OfferLink) error {
	o, err := s.offer(ctx, a, l.OfferID)
	if err != nil {
		return err
	}
	r, err := s.request(ctx, a, l.RequestID)
	if err != nil {
		return err
	}
	live := r.Status == domain.RequestOpen || r.Status == domain.RequestAssigned
	if live {
		// Ordered with a cancellation of the request: it ended meanwhile,
		// or it will see this link and release it.
		err := s.store.HoldLiveRequest(ctx, a.community.ID, r.ID)
		if errors.Is(err, domain.ErrStateChanged) {
			live = false
		} else if err != nil {
			return err
		}
	}
	switch {
	case o.Status != domain.OfferActive:
		return offerConflict("offer_withdrawn", "status", "the offer was withdrawn")
	case o.AvailableUntil != nil && !o.AvailableUntil.After(s.now()):
		return offerConflict("offer_ended", "available_until", "the offer is no longer available")
	case !live:
		return offerConflict("wrong_status", "request_id", "only an open or assigned request can be linked")
	case l.Quantity > o.Available():
		return notEnough()
	}
	return nil
}

// notEnough is the answer to a reservation of more than is free, whether
// the caller asked too much or another coordinator took the units first.
func notEnough() error {
	return offerConflict("not_enough", "quantity", "the offer has fewer units free than asked for")
}

// UnlinkOffer cancels a link and gives its units back to the offer.
func (s *Service) UnlinkOffer(ctx context.Context, slug string, offerID, linkID int64) (domain.OfferLink, error) {
	a, err := s.authorize(ctx, slug, domain.PermCoordinate)
	if err != nil {
		return domain.OfferLink{}, err
	}
	var out domain.OfferLink
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		err := s.store.ReleaseOfferLink(ctx, a.community.ID, offerID, linkID, s.now())
		switch {
		case errors.Is(err, domain.ErrNotFound):
			return domain.NotFound("offer_link")
		case errors.Is(err, domain.ErrStateChanged):
			return offerConflict("link_released", "status", "this link was cancelled already")
		case err != nil:
			return err
		}
		links, err := s.store.OfferLinks(ctx, a.community.ID, offerID)
		if err != nil {
			return err
		}
		for _, l := range links {
			if l.ID == linkID {
				out = l
			}
		}
		return nil
	})
	return out, err
}

// releaseOfferLinks gives back every unit reserved for a request that
// ends without help (cancelled or expired). It runs in the transaction
// that ends the request, so a request is never gone while still holding
// units of an offer.
func (s *Service) releaseOfferLinks(ctx context.Context, communityID, requestID int64) error {
	links, err := s.store.ActiveOfferLinksOfRequest(ctx, communityID, requestID)
	if err != nil {
		return err
	}
	for _, l := range links {
		if err := s.store.ReleaseOfferLink(ctx, communityID, l.OfferID, l.ID, s.now()); err != nil {
			return err
		}
	}
	return nil
}

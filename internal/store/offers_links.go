package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

const offerLinkColumns = "id, community_id, offer_id, request_id, quantity, status, created_by, created_at, released_at"

// ReserveOffer adds l.Quantity to the offer's reserved units if that many
// are still free and the offer is active, and records the link, in one
// transaction. The reservation is one conditional UPDATE, so of several
// concurrent attempts on the last units exactly one finds them free; the
// others get domain.ErrStateChanged, as does a withdrawn offer. An unknown
// offer is domain.ErrNotFound; a request of another community
// domain.ErrReferenced; a second active link of the offer to the same
// request domain.ErrDuplicate. Sets l's ID, Status and CreatedAt.
func (s *Store) ReserveOffer(ctx context.Context, l *domain.OfferLink) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		h := s.writer(ctx)
		res, err := h.exec(ctx, `UPDATE offers SET reserved = reserved + ?, updated_at = `+s.d.now+`
			WHERE community_id = ? AND id = ? AND status = 'active' AND reserved + ? <= quantity`,
			l.Quantity, l.CommunityID, l.OfferID, l.Quantity)
		if err != nil {
			return fmt.Errorf("reserve %d of offer %d: %w", l.Quantity, l.OfferID, mapError(err))
		}
		err = changedIfNone(ctx, h, res, "SELECT 1 FROM offers WHERE community_id = ? AND id = ?", l.CommunityID, l.OfferID)
		if err != nil {
			return fmt.Errorf("reserve %d of offer %d: %w", l.Quantity, l.OfferID, err)
		}
		l.Status = domain.LinkActive
		err = h.queryRow(ctx, `INSERT INTO offer_links (community_id, offer_id, request_id, quantity, created_by)
			VALUES (?, ?, ?, ?, ?) RETURNING id, created_at`,
			l.CommunityID, l.OfferID, l.RequestID, l.Quantity, l.CreatedBy).Scan(&l.ID, utc{&l.CreatedAt})
		if err != nil {
			return fmt.Errorf("link offer %d to request %d: %w", l.OfferID, l.RequestID, mapError(err))
		}
		return nil
	})
}

// ReleaseOfferLink marks an active link released at at and gives its
// quantity back to the offer, in one transaction. The release is a
// conditional UPDATE, so a link is released once however many try:
// domain.ErrStateChanged for a link released already, domain.ErrNotFound
// for no such link of the offer in the community.
func (s *Store) ReleaseOfferLink(ctx context.Context, communityID, offerID, linkID int64, at time.Time) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		h := s.writer(ctx)
		var quantity int
		err := h.queryRow(ctx, `UPDATE offer_links SET status = 'released', released_at = ?
			WHERE community_id = ? AND offer_id = ? AND id = ? AND status = 'active'
			RETURNING quantity`, s.d.timeArg(at), communityID, offerID, linkID).Scan(&quantity)
		if err != nil {
			err = mapError(err)
			if domain.KindOf(err) == domain.KindNotFound {
				err = linkGoneOrReleased(ctx, h, communityID, offerID, linkID)
			}
			return fmt.Errorf("release offer link %d: %w", linkID, err)
		}
		_, err = h.exec(ctx, `UPDATE offers SET reserved = reserved - ?, updated_at = `+s.d.now+`
			WHERE community_id = ? AND id = ?`, quantity, communityID, offerID)
		if err != nil {
			return fmt.Errorf("release %d of offer %d: %w", quantity, offerID, mapError(err))
		}
		return nil
	})
}

// linkGoneOrReleased tells a released link from a missing one.
func linkGoneOrReleased(ctx context.Context, h handle, communityID, offerID, linkID int64) error {
	var one int
	err := h.queryRow(ctx, "SELECT 1 FROM offer_links WHERE community_id = ? AND offer_id = ? AND id = ?",
		communityID, offerID, linkID).Scan(&one)
	if err != nil {
		return mapError(err)
	}
	return domain.ErrStateChanged
}

// OfferLinks lists the offer's links, active and released, oldest first.
func (s *Store) OfferLinks(ctx context.Context, communityID, offerID int64) ([]domain.OfferLink, error) {
	return s.offerLinks(ctx, "offer_id", communityID, offerID, "")
}

// ActiveOfferLinksOfRequest lists the links still reserving units for the
// request, oldest first.
func (s *Store) ActiveOfferLinksOfRequest(ctx context.Context, communityID, requestID int64) ([]domain.OfferLink, error) {
	return s.offerLinks(ctx, "request_id", communityID, requestID, " AND status = 'active'")
}

// offerLinks lists links by one of their references; column and extra are
// constants of this file, never input.
func (s *Store) offerLinks(ctx context.Context, column string, communityID, id int64, extra string) ([]domain.OfferLink, error) {
	rows, err := s.reader(ctx).query(ctx, "SELECT "+offerLinkColumns+" FROM offer_links WHERE community_id = ? AND "+
		column+" = ?"+extra+" ORDER BY id", communityID, id)
	if err != nil {
		return nil, fmt.Errorf("offer links by %s %d: %w", column, id, mapError(err))
	}
	list, err := collect(rows, scanOfferLink)
	if err != nil {
		return nil, fmt.Errorf("offer links by %s %d: %w", column, id, err)
	}
	return list, nil
}

func scanOfferLink(r scanner) (domain.OfferLink, error) {
	var l domain.OfferLink
	var released time.Time
	err := r.Scan(&l.ID, &l.CommunityID, &l.OfferID, &l.RequestID, &l.Quantity, &l.Status, &l.CreatedBy,
		utc{&l.CreatedAt}, optionalUTC{&released})
	if !released.IsZero() {
		l.ReleasedAt = &released
	}
	return l, err
}

// HoldLiveRequest locks the request's row for the rest of the transaction
// if it is open or assigned, and is domain.ErrStateChanged otherwise
// (domain.ErrNotFound when there is none). The write changes nothing; it
// exists for its lock: a link made after it and a cancellation of the
// request are ordered, so the cancellation always sees the link it must
// release, and a link is never made to a request cancelled meanwhile.
func (s *Store) HoldLiveRequest(ctx context.Context, communityID, requestID int64) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, `UPDATE requests SET updated_at = updated_at
		WHERE community_id = ? AND id = ? AND status IN ('open', 'assigned')`, communityID, requestID)
	if err != nil {
		return fmt.Errorf("hold request %d: %w", requestID, mapError(err))
	}
	err = changedIfNone(ctx, h, res, "SELECT 1 FROM requests WHERE community_id = ? AND id = ?", communityID, requestID)
	if err != nil {
		return fmt.Errorf("hold request %d: %w", requestID, err)
	}
	return nil
}

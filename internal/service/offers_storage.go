package service

import (
	"context"
	"time"

	"mutua/internal/domain"
)

// OfferStore keeps offers of goods, services and space and their links to
// help requests.
type OfferStore interface {
	// CreateOffer inserts o (with the s2 cell of its approximate place)
	// and sets ID, Status, Reserved, CreatedAt and UpdatedAt.
	CreateOffer(ctx context.Context, o *domain.Offer, cell int64) error
	OfferByID(ctx context.Context, communityID, id int64) (domain.Offer, error)
	// WithdrawOffer moves an active offer to withdrawn;
	// domain.ErrStateChanged when it was withdrawn already.
	WithdrawOffer(ctx context.Context, communityID, id int64) error
	// FindOffers lists active offers still available at f.Now, newest
	// first; with f.Cells only those whose cell lies in one of the ranges.
	FindOffers(ctx context.Context, communityID int64, f domain.OfferFilter) ([]domain.Offer, error)
	// ReserveOffer reserves l.Quantity of an active offer and records the
	// link. domain.ErrStateChanged when that many are no longer free or
	// the offer is not active, so of concurrent attempts on the last
	// units exactly one wins; domain.ErrDuplicate for a second active link
	// to the same request.
	ReserveOffer(ctx context.Context, l *domain.OfferLink) error
	// ReleaseOfferLink gives an active link's quantity back to its offer;
	// domain.ErrStateChanged when it was released already.
	ReleaseOfferLink(ctx context.Context, communityID, offerID, linkID int64, at time.Time) error
	// OfferLinks lists an offer's links, oldest first.
	OfferLinks(ctx context.Context, communityID, offerID int64) ([]domain.OfferLink, error)
	// HoldLiveRequest locks an open or assigned request until the
	// transaction ends, so that linking it and cancelling it are ordered;
	// domain.ErrStateChanged for a request in another status.
	HoldLiveRequest(ctx context.Context, communityID, requestID int64) error
	// ActiveOfferLinksOfRequest lists the links still reserving for a request.
	ActiveOfferLinksOfRequest(ctx context.Context, communityID, requestID int64) ([]domain.OfferLink, error)
}

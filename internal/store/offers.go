package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mutua/internal/domain"
)

const offerColumns = "id, community_id, offered_by, organisation_id, kind, category, title, description, quantity, unit, reserved, " +
	"lat, lng, address, approx_lat, approx_lng, available_from, available_until, conditions, status, created_at, updated_at"

// CreateOffer inserts o with the s2 leaf cell of its approximate place and
// sets its ID, Status, Reserved, CreatedAt and UpdatedAt.
func (s *Store) CreateOffer(ctx context.Context, o *domain.Offer, cell int64) error {
	o.Status, o.Reserved = domain.OfferActive, 0
	var until time.Time
	if o.AvailableUntil != nil {
		until = *o.AvailableUntil
	}
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO offers (community_id, offered_by, organisation_id, kind, category, title, title_key, description,
			quantity, unit, lat, lng, address, approx_lat, approx_lng, cell, available_from, available_until, conditions)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at, updated_at`,
		o.CommunityID, o.OfferedBy, idArg(o.OrganisationID), o.Kind, o.Category, o.Title, domain.OfferTitleKey(o.Title),
		o.Description, o.Quantity, o.Unit, o.Location.Lat, o.Location.Lng, o.Address, o.Approx.Lat, o.Approx.Lng, cell,
		s.d.timeArg(o.AvailableFrom), s.d.optionalTimeArg(until), o.Conditions,
	).Scan(&o.ID, utc{&o.CreatedAt}, utc{&o.UpdatedAt})
	if err != nil {
		return fmt.Errorf("create offer in community %d: %w", o.CommunityID, mapError(err))
	}
	return nil
}

// OfferByID returns the community's offer with id, or domain.ErrNotFound,
// also when it belongs to another community.
func (s *Store) OfferByID(ctx context.Context, communityID, id int64) (domain.Offer, error) {
	row := s.reader(ctx).queryRow(ctx,
		"SELECT "+offerColumns+" FROM offers WHERE community_id = ? AND id = ?", communityID, id)
	o, err := scanOffer(row)
	if err != nil {
		return domain.Offer{}, fmt.Errorf("offer %d: %w", id, mapError(err))
	}
	return o, nil
}

// WithdrawOffer moves an active offer to withdrawn in one conditional
// UPDATE: domain.ErrStateChanged when it is withdrawn already,
// domain.ErrNotFound when there is no such offer in the community.
func (s *Store) WithdrawOffer(ctx context.Context, communityID, id int64) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, `UPDATE offers SET status = 'withdrawn', updated_at = `+s.d.now+`
		WHERE community_id = ? AND id = ? AND status = 'active'`, communityID, id)
	if err != nil {
		return fmt.Errorf("withdraw offer %d: %w", id, mapError(err))
	}
	if err := changedIfNone(ctx, h, res, "SELECT 1 FROM offers WHERE community_id = ? AND id = ?", communityID, id); err != nil {
		return fmt.Errorf("withdraw offer %d: %w", id, err)
	}
	return nil
}

// FindOffers lists a page of the community's active offers still available
// at f.Now that match f, newest first. With f.Cells only offers whose cell
// lies in one of the ranges are listed, searched range by range through
// offers_near as FindRequests does.
func (s *Store) FindOffers(ctx context.Context, communityID int64, f domain.OfferFilter) ([]domain.Offer, error) {
	query, args := findOffersQuery(s.d, communityID, f)
	rows, err := s.reader(ctx).query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("find offers in community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanOffer)
	if err != nil {
		return nil, fmt.Errorf("find offers in community %d: %w", communityID, err)
	}
	return list, nil
}

func findOffersQuery(d *dialect, communityID int64, f domain.OfferFilter) (string, []any) {
	where := []string{"status = 'active'", "(available_until IS NULL OR available_until > ?)"}
	args := []any{d.timeArg(f.Now)}
	if f.Kind != "" {
		where = append(where, "kind = ?")
		args = append(args, f.Kind)
	}
	if f.Category != "" {
		where = append(where, "category = ?")
		args = append(args, f.Category)
	}
	if f.Text != "" {
		where = append(where, `title_key LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(domain.OfferTitleKey(f.Text))+"%")
	}
	var query string
	if len(f.Cells) > 0 {
		var branches string
		branches, args = cellUnion("offers", communityID, f.Cells, strings.Join(where, " AND "), args...)
		query = "SELECT " + offerColumns + " FROM (" + branches + ") o ORDER BY created_at DESC, id + 0 DESC"
	} else {
		query = "SELECT " + offerColumns + " FROM offers WHERE community_id = ? AND " +
			strings.Join(where, " AND ") + " ORDER BY created_at DESC, id DESC"
		args = append([]any{communityID}, args...)
	}
	limit, offset := window(f.Page)
	return query + " LIMIT ? OFFSET ?", append(args, limit, offset)
}

func scanOffer(r scanner) (domain.Offer, error) {
	var o domain.Offer
	var until time.Time
	err := r.Scan(&o.ID, &o.CommunityID, &o.OfferedBy, optionalID{&o.OrganisationID}, &o.Kind, &o.Category, &o.Title,
		&o.Description, &o.Quantity, &o.Unit, &o.Reserved, &o.Location.Lat, &o.Location.Lng, &o.Address,
		&o.Approx.Lat, &o.Approx.Lng, utc{&o.AvailableFrom}, optionalUTC{&until}, &o.Conditions, &o.Status,
		utc{&o.CreatedAt}, utc{&o.UpdatedAt})
	if !until.IsZero() {
		o.AvailableUntil = &until
	}
	return o, err
}

package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

const invitationColumns = "i.id, i.community_id, i.email, i.role, i.token_hash, i.invited_by, u.name, " +
	"i.created_at, i.expires_at, i.accepted_at, i.accepted_by"

// CreateInvitation inserts inv and sets its ID and CreatedAt. A token hash
// already stored is domain.ErrDuplicate; an unknown community or inviter is
// domain.ErrReferenced.
func (s *Store) CreateInvitation(ctx context.Context, inv *domain.Invitation) error {
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO invitations (community_id, token_hash, email, role, invited_by, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)
		RETURNING id, created_at`,
		inv.CommunityID, inv.TokenHash, inv.Email, string(inv.Role), inv.InvitedBy, s.d.timeArg(inv.ExpiresAt),
	).Scan(&inv.ID, utc{&inv.CreatedAt})
	if err != nil {
		return fmt.Errorf("create invitation in community %d: %w", inv.CommunityID, mapError(err))
	}
	return nil
}

// InvitationByHash returns the invitation whose token has hash, used or
// not, expired or not: the service decides whether it still works. The link
// names no community, so this is the one lookup across communities.
func (s *Store) InvitationByHash(ctx context.Context, hash []byte) (domain.Invitation, error) {
	row := s.reader(ctx).queryRow(ctx, "SELECT "+invitationColumns+`
		FROM invitations i JOIN users u ON u.id = i.invited_by
		WHERE i.token_hash = ?`, hash)
	inv, err := scanInvitation(row)
	if err != nil {
		return domain.Invitation{}, fmt.Errorf("invitation by token: %w", mapError(err))
	}
	return inv, nil
}

// OpenInvitations lists the community's unused invitations, expired ones
// included, newest first, with the inviter's name.
func (s *Store) OpenInvitations(ctx context.Context, communityID int64, page domain.Page) ([]domain.Invitation, error) {
	limit, offset := window(page)
	rows, err := s.reader(ctx).query(ctx, "SELECT "+invitationColumns+`
		FROM invitations i JOIN users u ON u.id = i.invited_by
		WHERE i.community_id = ? AND i.accepted_at IS NULL
		ORDER BY i.created_at DESC, i.id DESC
		LIMIT ? OFFSET ?`, communityID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("invitations of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanInvitation)
	if err != nil {
		return nil, fmt.Errorf("invitations of community %d: %w", communityID, err)
	}
	return list, nil
}

// DeleteInvitation withdraws an unused invitation. One that is not in the
// community, or was used already, is domain.ErrNotFound: a used invitation
// is history, and the membership it made is changed on the members page.
func (s *Store) DeleteInvitation(ctx context.Context, communityID, id int64) error {
	err := notFoundIfNone(s.writer(ctx).exec(ctx,
		"DELETE FROM invitations WHERE community_id = ? AND id = ? AND accepted_at IS NULL", communityID, id))
	if err != nil {
		return fmt.Errorf("delete invitation %d: %w", id, err)
	}
	return nil
}

// UseInvitation marks the invitation as used by userID at at, provided it
// is unused and has not expired at at. Of two people using one link at once
// exactly one succeeds; the other gets domain.ErrStateChanged, as does a
// link that expired. An unknown invitation is domain.ErrNotFound.
func (s *Store) UseInvitation(ctx context.Context, communityID, id, userID int64, at time.Time) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, `
		UPDATE invitations SET accepted_at = ?, accepted_by = ?
		WHERE community_id = ? AND id = ? AND accepted_at IS NULL AND expires_at > ?`,
		s.d.timeArg(at), userID, communityID, id, s.d.timeArg(at))
	if err != nil {
		return fmt.Errorf("use invitation %d: %w", id, mapError(err))
	}
	err = changedIfNone(ctx, h, res, "SELECT 1 FROM invitations WHERE community_id = ? AND id = ?", communityID, id)
	if err != nil {
		return fmt.Errorf("use invitation %d: %w", id, err)
	}
	return nil
}

func scanInvitation(r scanner) (domain.Invitation, error) {
	var inv domain.Invitation
	err := r.Scan(&inv.ID, &inv.CommunityID, &inv.Email, &inv.Role, &inv.TokenHash, &inv.InvitedBy, &inv.InvitedByName,
		utc{&inv.CreatedAt}, utc{&inv.ExpiresAt}, optionalUTC{&inv.AcceptedAt}, zeroID{&inv.AcceptedBy})
	return inv, err
}

package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"mutua/internal/domain"
)

const loginLinkColumns = "id, user_id, purpose, token_hash, created_at, expires_at, used_at"

// CreateLoginLink stores a one-time link by its token hash and sets its ID.
// An unknown user is domain.ErrReferenced.
func (s *Store) CreateLoginLink(ctx context.Context, l *domain.LoginLink) error {
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO login_links (user_id, purpose, token_hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?)
		RETURNING id`,
		l.UserID, string(l.Purpose), l.TokenHash, s.d.timeArg(l.CreatedAt), s.d.timeArg(l.ExpiresAt),
	).Scan(&l.ID)
	if err != nil {
		return fmt.Errorf("create %s link for user %d: %w", l.Purpose, l.UserID, mapError(err))
	}
	return nil
}

// LoginLinkByHash returns the link whose token has hash, used or not,
// expired or not, or domain.ErrNotFound: the service decides whether it
// still works and explains why not.
func (s *Store) LoginLinkByHash(ctx context.Context, hash []byte) (domain.LoginLink, error) {
	l, err := scanLoginLink(s.reader(ctx).queryRow(ctx,
		"SELECT "+loginLinkColumns+" FROM login_links WHERE token_hash = ?", hash))
	if err != nil {
		return domain.LoginLink{}, fmt.Errorf("login link: %w", err)
	}
	return l, nil
}

// UseLoginLink marks the link with hash and purpose used at at and returns
// it, provided it is unused and has not expired at at. The check and the
// mark are one UPDATE, so of two attempts at once exactly one gets the
// link; the other, like a used, expired or unknown link or one made for
// another purpose, is domain.ErrStateChanged.
func (s *Store) UseLoginLink(ctx context.Context, hash []byte, purpose domain.LinkPurpose, at time.Time) (domain.LoginLink, error) {
	l, err := scanLoginLink(s.writer(ctx).queryRow(ctx, `
		UPDATE login_links SET used_at = ?
		WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
		RETURNING `+loginLinkColumns,
		s.d.timeArg(at), hash, string(purpose), s.d.timeArg(at)))
	if errors.Is(err, domain.ErrNotFound) {
		err = domain.ErrStateChanged
	}
	if err != nil {
		return domain.LoginLink{}, fmt.Errorf("use %s link: %w", purpose, err)
	}
	return l, nil
}

func scanLoginLink(r scanner) (domain.LoginLink, error) {
	var l domain.LoginLink
	var purpose string
	err := r.Scan(&l.ID, &l.UserID, &purpose, &l.TokenHash, utc{&l.CreatedAt}, utc{&l.ExpiresAt}, optionalUTC{&l.UsedAt})
	if err != nil {
		return domain.LoginLink{}, mapError(err)
	}
	l.Purpose = domain.LinkPurpose(purpose)
	return l, nil
}

// DeleteExpiredLoginLinks removes the links that expired before the given
// time, used or not, and returns how many it removed.
func (s *Store) DeleteExpiredLoginLinks(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.writer(ctx).exec(ctx, "DELETE FROM login_links WHERE expires_at < ?", s.d.timeArg(before))
	if err != nil {
		return 0, fmt.Errorf("delete expired login links: %w", mapError(err))
	}
	return res.RowsAffected()
}

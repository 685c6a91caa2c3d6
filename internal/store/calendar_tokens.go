package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

// PutCalendarToken stores t as the member's one calendar token in the
// community, replacing any earlier one, which stops working at once. An
// unknown community or user is domain.ErrReferenced.
func (s *Store) PutCalendarToken(ctx context.Context, t domain.CalendarToken) error {
	_, err := s.writer(ctx).exec(ctx, `
		INSERT INTO calendar_tokens (community_id, user_id, token_hash, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (community_id, user_id) DO UPDATE
		SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
		t.CommunityID, t.UserID, t.TokenHash, s.d.timeArg(t.CreatedAt))
	if err != nil {
		return fmt.Errorf("put calendar token of user %d in community %d: %w", t.UserID, t.CommunityID, mapError(err))
	}
	return nil
}

// CalendarTokenByHash finds a token by its hash, in whatever community, or
// is domain.ErrNotFound: the feed's address carries only the token, and the
// service checks that its community is the one in the path.
func (s *Store) CalendarTokenByHash(ctx context.Context, hash []byte) (domain.CalendarToken, error) {
	var t domain.CalendarToken
	err := s.reader(ctx).queryRow(ctx,
		"SELECT community_id, user_id, token_hash, created_at FROM calendar_tokens WHERE token_hash = ?", hash,
	).Scan(&t.CommunityID, &t.UserID, &t.TokenHash, utc{&t.CreatedAt})
	if err != nil {
		return domain.CalendarToken{}, fmt.Errorf("calendar token: %w", mapError(err))
	}
	return t, nil
}

// DeleteCalendarToken revokes the member's token in the community. Revoking
// when there is none is not an error, so revoking twice succeeds.
func (s *Store) DeleteCalendarToken(ctx context.Context, communityID, userID int64) error {
	_, err := s.writer(ctx).exec(ctx,
		"DELETE FROM calendar_tokens WHERE community_id = ? AND user_id = ?", communityID, userID)
	if err != nil {
		return fmt.Errorf("delete calendar token of user %d in community %d: %w", userID, communityID, mapError(err))
	}
	return nil
}

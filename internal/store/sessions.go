package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

// CreateSession stores a session by its token hash. A zero CreatedAt takes the
// database's clock. A hash already stored is domain.ErrDuplicate; an unknown
// user is domain.ErrReferenced.
func (s *Store) CreateSession(ctx context.Context, sess domain.Session) error {
	var err error
	if sess.CreatedAt.IsZero() {
		_, err = s.writer(ctx).exec(ctx,
			"INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
			sess.TokenHash, sess.UserID, s.d.timeArg(sess.ExpiresAt))
	} else {
		_, err = s.writer(ctx).exec(ctx,
			"INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
			sess.TokenHash, sess.UserID, s.d.timeArg(sess.CreatedAt), s.d.timeArg(sess.ExpiresAt))
	}
	if err != nil {
		return fmt.Errorf("create session for user %d: %w", sess.UserID, mapError(err))
	}
	return nil
}

// SessionByHash returns the session whatever its expiry, or
// domain.ErrNotFound; the service decides whether it still counts.
func (s *Store) SessionByHash(ctx context.Context, hash []byte) (domain.Session, error) {
	var sess domain.Session
	err := s.reader(ctx).queryRow(ctx,
		"SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?", hash,
	).Scan(&sess.TokenHash, &sess.UserID, utc{&sess.CreatedAt}, utc{&sess.ExpiresAt})
	if err != nil {
		return domain.Session{}, fmt.Errorf("session: %w", mapError(err))
	}
	return sess, nil
}

// DeleteSession removes one session. Deleting a session that is not there is
// not an error, so that logging out twice, or after the expiry job removed the
// session, succeeds.
func (s *Store) DeleteSession(ctx context.Context, hash []byte) error {
	if _, err := s.writer(ctx).exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", hash); err != nil {
		return fmt.Errorf("delete session: %w", mapError(err))
	}
	return nil
}

// DeleteUserSessions logs a user out everywhere, as after a password change.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	if _, err := s.writer(ctx).exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID); err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, mapError(err))
	}
	return nil
}

// DeleteExpiredSessions removes the sessions that expired before now and
// returns how many. A session expiring exactly at now is kept.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.writer(ctx).exec(ctx, "DELETE FROM sessions WHERE expires_at < ?", s.d.timeArg(now))
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", mapError(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	return n, nil
}

package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

const userColumns = "id, email, name, language, password_hash, is_operator, created_at"

// CreateUser inserts u with its PasswordHash and sets its ID and CreatedAt. A
// taken email is domain.ErrDuplicate.
func (s *Store) CreateUser(ctx context.Context, u *domain.User) error {
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO users (email, name, language, password_hash, is_operator)
		VALUES (?, ?, ?, ?, ?)
		RETURNING id, created_at`,
		u.Email, u.Name, u.Language, u.PasswordHash, u.IsOperator,
	).Scan(&u.ID, utc{&u.CreatedAt})
	if err != nil {
		// The email stays out of the message: it ends up in logs.
		return fmt.Errorf("create user: %w", mapError(err))
	}
	return nil
}

// UserByID returns the account with id, or domain.ErrNotFound.
func (s *Store) UserByID(ctx context.Context, id int64) (domain.User, error) {
	row := s.reader(ctx).queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id)
	u, err := scanUser(row)
	if err != nil {
		return domain.User{}, fmt.Errorf("user %d: %w", id, mapError(err))
	}
	return u, nil
}

// UserByEmail returns the account with the normalized email, or
// domain.ErrNotFound. The comparison is exact; the service normalizes.
func (s *Store) UserByEmail(ctx context.Context, email string) (domain.User, error) {
	row := s.reader(ctx).queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE email = ?", email)
	u, err := scanUser(row)
	if err != nil {
		return domain.User{}, fmt.Errorf("user by email: %w", mapError(err))
	}
	return u, nil
}

// SetOperator grants or withdraws the instance operator flag. An unknown user
// is domain.ErrNotFound.
func (s *Store) SetOperator(ctx context.Context, userID int64, operator bool) error {
	err := notFoundIfNone(s.writer(ctx).exec(ctx, "UPDATE users SET is_operator = ? WHERE id = ?", operator, userID))
	if err != nil {
		return fmt.Errorf("set operator of user %d: %w", userID, err)
	}
	return nil
}

// SetPasswordHash replaces the user's password hash. An unknown user is
// domain.ErrNotFound.
func (s *Store) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	err := notFoundIfNone(s.writer(ctx).exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", hash, userID))
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	return nil
}

func scanUser(r scanner) (domain.User, error) {
	var u domain.User
	err := r.Scan(&u.ID, &u.Email, &u.Name, &u.Language, &u.PasswordHash, &u.IsOperator, utc{&u.CreatedAt})
	return u, err
}

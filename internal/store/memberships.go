package store

import (
	"context"
	"database/sql"
	"fmt"

	"mutua/internal/domain"
)

// PutMembership gives the user role in the community, creating the membership
// or changing its role. An unknown community or user is domain.ErrReferenced;
// a role the schema does not know is ErrConstraint.
func (s *Store) PutMembership(ctx context.Context, communityID, userID int64, role domain.Role) error {
	// excluded.updated_at is the column default, so the database's clock
	// stamps the change as it stamps the creation. An unchanged role leaves
	// the row, and its updated_at, alone.
	_, err := s.writer(ctx).exec(ctx, `
		INSERT INTO memberships (community_id, user_id, role)
		VALUES (?, ?, ?)
		ON CONFLICT (community_id, user_id) DO UPDATE
		SET role = excluded.role, updated_at = excluded.updated_at
		WHERE memberships.role <> excluded.role`,
		communityID, userID, string(role))
	if err != nil {
		return fmt.Errorf("put membership of user %d in community %d: %w", userID, communityID, mapError(err))
	}
	return nil
}

// Membership returns the user's membership in the community, or
// domain.ErrNotFound when the user is not a member of that community.
func (s *Store) Membership(ctx context.Context, communityID, userID int64) (domain.Membership, error) {
	var m domain.Membership
	err := s.reader(ctx).queryRow(ctx, `
		SELECT m.community_id, c.slug, m.user_id, m.role, m.created_at
		FROM memberships m
		JOIN communities c ON c.id = m.community_id
		WHERE m.community_id = ? AND m.user_id = ?`,
		communityID, userID,
	).Scan(&m.CommunityID, &m.CommunitySlug, &m.UserID, &m.Role, utc{&m.CreatedAt})
	if err != nil {
		return domain.Membership{}, fmt.Errorf("membership of user %d in community %d: %w", userID, communityID, mapError(err))
	}
	return m, nil
}

// MembershipsOfUser lists every community the user belongs to, with slugs,
// ordered by community name. A user without memberships gets an empty list.
func (s *Store) MembershipsOfUser(ctx context.Context, userID int64) ([]domain.Membership, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT m.community_id, c.slug, m.user_id, m.role, m.created_at
		FROM memberships m
		JOIN communities c ON c.id = m.community_id
		WHERE m.user_id = ?
		ORDER BY c.name, c.id`,
		userID)
	if err != nil {
		return nil, fmt.Errorf("memberships of user %d: %w", userID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.Membership, error) {
		var m domain.Membership
		err := r.Scan(&m.CommunityID, &m.CommunitySlug, &m.UserID, &m.Role, utc{&m.CreatedAt})
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("memberships of user %d: %w", userID, err)
	}
	return list, nil
}

// ListMembers lists a page of the community's members with their account
// details, ordered by name then user id.
func (s *Store) ListMembers(ctx context.Context, communityID int64, page domain.Page) ([]domain.Member, error) {
	limit, offset := window(page)
	rows, err := s.reader(ctx).query(ctx, `
		SELECT m.community_id, c.slug, m.user_id, m.role, m.created_at, u.email, u.name
		FROM memberships m
		JOIN users u ON u.id = m.user_id
		JOIN communities c ON c.id = m.community_id
		WHERE m.community_id = ?
		ORDER BY u.name, u.id
		LIMIT ? OFFSET ?`,
		communityID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("members of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.Member, error) {
		var m domain.Member
		err := r.Scan(&m.CommunityID, &m.CommunitySlug, &m.UserID, &m.Role, utc{&m.CreatedAt}, &m.Email, &m.Name)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("members of community %d: %w", communityID, err)
	}
	return list, nil
}

// CountMembersWithRole counts the community's members holding role, so the
// service can refuse to demote the last admin.
func (s *Store) CountMembersWithRole(ctx context.Context, communityID int64, role domain.Role) (int, error) {
	var n int
	err := s.reader(ctx).queryRow(ctx,
		"SELECT count(*) FROM memberships WHERE community_id = ? AND role = ?", communityID, string(role),
	).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count %s members of community %d: %w", role, communityID, mapError(err))
	}
	return n, nil
}

// collect scans every row with scan and closes rows. The result is empty but
// not nil when there are no rows, so it encodes as [] in JSON.
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	list := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	return list, nil
}

package store

import (
	"context"
	"fmt"
	"slices"

	"mutua/internal/domain"
)

// CreateMessage appends m to its assignment's thread and sets its ID and
// CreatedAt. An assignment of another community is domain.ErrReferenced.
func (s *Store) CreateMessage(ctx context.Context, m *domain.Message) error {
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO messages (community_id, assignment_id, author_id, body)
		VALUES (?, ?, ?, ?)
		RETURNING id, created_at`,
		m.CommunityID, m.AssignmentID, m.AuthorID, m.Body,
	).Scan(&m.ID, utc{&m.CreatedAt})
	if err != nil {
		return fmt.Errorf("create message in assignment %d: %w", m.AssignmentID, mapError(err))
	}
	return nil
}

// ListMessages returns the newest p.Limit (0: 50, at most 200) messages of
// the assignment with an id below p.Before (all when 0), oldest first, with
// the author's name. Paging by id rather than offset keeps pages stable while
// new messages arrive: the next older page is Before = the first id shown.
func (s *Store) ListMessages(ctx context.Context, communityID, assignmentID int64, p domain.MessagePage) ([]domain.Message, error) {
	limit, _ := window(domain.Page{Limit: p.Limit})
	before := p.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	// Newest first so LIMIT keeps the newest; reversed below.
	rows, err := s.reader(ctx).query(ctx, listMessagesQuery, communityID, assignmentID, before, limit)
	if err != nil {
		return nil, fmt.Errorf("messages of assignment %d: %w", assignmentID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.Message, error) {
		var m domain.Message
		err := r.Scan(&m.ID, &m.CommunityID, &m.AssignmentID, &m.AuthorID, &m.AuthorName, &m.Body, utc{&m.CreatedAt})
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("messages of assignment %d: %w", assignmentID, err)
	}
	slices.Reverse(list)
	return list, nil
}

const listMessagesQuery = `
	SELECT m.id, m.community_id, m.assignment_id, m.author_id, u.name, m.body, m.created_at
	FROM messages m JOIN users u ON u.id = m.author_id
	WHERE m.community_id = ? AND m.assignment_id = ? AND m.id < ?
	ORDER BY m.id DESC
	LIMIT ?`

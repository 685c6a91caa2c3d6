package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

// AddRequestEvent appends e to its request's history and sets its ID, and its
// At when that was zero (the database's clock then stamps it). A request of
// another community is domain.ErrReferenced.
func (s *Store) AddRequestEvent(ctx context.Context, e *domain.RequestEvent) error {
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO request_events (community_id, request_id, actor_id, kind, status, note, at)
		VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, `+s.d.now+`))
		RETURNING id, at`,
		e.CommunityID, e.RequestID, idArg(e.ActorID), e.Kind, e.Status, e.Note, s.d.optionalTimeArg(e.At),
	).Scan(&e.ID, utc{&e.At})
	if err != nil {
		return fmt.Errorf("add event to request %d: %w", e.RequestID, mapError(err))
	}
	return nil
}

// RequestHistory lists the request's events, oldest first (by time, then by
// the order they were added). A request of another community has no history
// here: the list is empty.
func (s *Store) RequestHistory(ctx context.Context, communityID, requestID int64) ([]domain.RequestEvent, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT id, community_id, request_id, actor_id, kind, status, note, at
		FROM request_events
		WHERE community_id = ? AND request_id = ?
		ORDER BY at, id`,
		communityID, requestID)
	if err != nil {
		return nil, fmt.Errorf("history of request %d: %w", requestID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.RequestEvent, error) {
		var e domain.RequestEvent
		err := r.Scan(&e.ID, &e.CommunityID, &e.RequestID, optionalID{&e.ActorID}, &e.Kind, &e.Status, &e.Note, utc{&e.At})
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("history of request %d: %w", requestID, err)
	}
	return list, nil
}

package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

// AssignmentsOfRequests lists the assignments of several requests of the
// community at once, by request and then oldest first: a page of a member's
// requests reads them in one query instead of one per request. Ids of other
// communities find nothing.
func (s *Store) AssignmentsOfRequests(ctx context.Context, communityID int64, requestIDs []int64) ([]domain.Assignment, error) {
	if len(requestIDs) == 0 {
		return []domain.Assignment{}, nil
	}
	marks, args := inList(requestIDs)
	rows, err := s.reader(ctx).query(ctx, "SELECT "+assignmentColumns+` FROM assignments
		WHERE community_id = ? AND request_id IN (`+marks+`)
		ORDER BY request_id, created_at, id`,
		append([]any{communityID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("assignments of %d requests: %w", len(requestIDs), mapError(err))
	}
	list, err := collect(rows, scanAssignment)
	if err != nil {
		return nil, fmt.Errorf("assignments of %d requests: %w", len(requestIDs), err)
	}
	return list, nil
}

// HistoryOfRequests lists the events of several requests of the community
// at once, by request and then oldest first, like RequestHistory does for
// one.
func (s *Store) HistoryOfRequests(ctx context.Context, communityID int64, requestIDs []int64) ([]domain.RequestEvent, error) {
	if len(requestIDs) == 0 {
		return []domain.RequestEvent{}, nil
	}
	marks, args := inList(requestIDs)
	rows, err := s.reader(ctx).query(ctx, `
		SELECT id, community_id, request_id, actor_id, kind, status, note, at
		FROM request_events
		WHERE community_id = ? AND request_id IN (`+marks+`)
		ORDER BY request_id, at, id`,
		append([]any{communityID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("history of %d requests: %w", len(requestIDs), mapError(err))
	}
	list, err := collect(rows, scanRequestEvent)
	if err != nil {
		return nil, fmt.Errorf("history of %d requests: %w", len(requestIDs), err)
	}
	return list, nil
}

func scanRequestEvent(r scanner) (domain.RequestEvent, error) {
	var e domain.RequestEvent
	err := r.Scan(&e.ID, &e.CommunityID, &e.RequestID, optionalID{&e.ActorID}, &e.Kind, &e.Status, &e.Note, utc{&e.At})
	return e, err
}

package store

import (
	"context"
	"fmt"
	"strings"

	"mutua/internal/domain"
)

// QueueRequests lists a page of the community's requests for the
// coordinators' queue, ordered by needed_by (soonest first, or latest first
// with f.Latest), then by id. Every filter given must hold. A single status
// with or without a due date is a range on requests_queue, already in order.
func (s *Store) QueueRequests(ctx context.Context, communityID int64, f domain.QueueFilter) ([]domain.Request, error) {
	query, args := queueQuery(s.d, communityID, f)
	rows, err := s.reader(ctx).query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("queue of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanRequest)
	if err != nil {
		return nil, fmt.Errorf("queue of community %d: %w", communityID, err)
	}
	return list, nil
}

// queueQuery builds the query of QueueRequests.
func queueQuery(d *dialect, communityID int64, f domain.QueueFilter) (string, []any) {
	where := []string{"community_id = ?"}
	args := []any{communityID}
	if len(f.Statuses) > 0 {
		marks, values := inList(f.Statuses)
		where = append(where, "status IN ("+marks+")")
		for _, v := range values {
			args = append(args, string(v.(domain.RequestStatus)))
		}
	}
	if f.Category != "" {
		where = append(where, "category = ?")
		args = append(args, f.Category)
	}
	if f.Urgency != "" {
		where = append(where, "urgency = ?")
		args = append(args, f.Urgency)
	}
	if !f.DueBefore.IsZero() {
		where = append(where, "needed_by < ?")
		args = append(args, d.timeArg(f.DueBefore))
	}
	order := " ORDER BY needed_by, id"
	if f.Latest {
		order = " ORDER BY needed_by DESC, id DESC"
	}
	limit, offset := window(f.Page)
	query := "SELECT " + requestColumns + " FROM requests WHERE " + strings.Join(where, " AND ") + order + " LIMIT ? OFFSET ?"
	return query, append(args, limit, offset)
}

// ClientNames returns the names of the community's clients with the given
// ids; ids of other communities' clients and unknown ids are absent.
func (s *Store) ClientNames(ctx context.Context, communityID int64, ids []int64) (map[int64]string, error) {
	names := make(map[int64]string, len(ids))
	h := s.reader(ctx)
	for start := 0; start < len(ids); start += statsChunk {
		marks, args := inList(ids[start:min(start+statsChunk, len(ids))])
		rows, err := h.query(ctx, "SELECT id, name FROM clients WHERE community_id = ? AND id IN ("+marks+")",
			append([]any{communityID}, args...)...)
		if err != nil {
			return nil, fmt.Errorf("client names in community %d: %w", communityID, mapError(err))
		}
		type row struct {
			id   int64
			name string
		}
		list, err := collect(rows, func(r scanner) (row, error) {
			var x row
			return x, r.Scan(&x.id, &x.name)
		})
		if err != nil {
			return nil, fmt.Errorf("client names in community %d: %w", communityID, err)
		}
		for _, x := range list {
			names[x.id] = x.name
		}
	}
	return names, nil
}

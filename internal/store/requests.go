package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"mutua/internal/domain"
)

// requestStatuses are every status the schema allows.
var requestStatuses = []domain.RequestStatus{
	domain.RequestOpen, domain.RequestAssigned, domain.RequestDone, domain.RequestCancelled, domain.RequestExpired,
}

const requestColumns = "id, community_id, category, title, description, needed_from, needed_by, expires_at, urgency, languages, " +
	"lat, lng, address, approx_lat, approx_lng, client_id, requester_id, created_by, recurrence, status, " +
	"created_at, updated_at"

// CreateRequest inserts r with the s2 leaf cell of its location and sets its
// ID, CreatedAt and UpdatedAt. An empty Status is stored as open and set on
// r. A client of another community, or an unknown user, is
// domain.ErrReferenced.
func (s *Store) CreateRequest(ctx context.Context, r *domain.Request, cell int64) error {
	languages, err := jsonText(r.Languages)
	if err != nil {
		return fmt.Errorf("create request: %w", err)
	}
	recurrence, err := jsonArg(r.Recurrence)
	if err != nil {
		return fmt.Errorf("create request: %w", err)
	}
	if r.Status == "" {
		r.Status = domain.RequestOpen
	}
	err = s.writer(ctx).queryRow(ctx, `
		INSERT INTO requests (community_id, category, title, description, needed_from, needed_by, expires_at, urgency,
			languages, lat, lng, address, approx_lat, approx_lng, cell, client_id, requester_id, created_by, recurrence, status)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at, updated_at`,
		r.CommunityID, r.Category, r.Title, r.Description, s.d.timeArg(r.NeededFrom), s.d.timeArg(r.NeededBy),
		s.d.timeArg(expiresAt(*r)), r.Urgency, languages, r.Location.Lat, r.Location.Lng, r.Address, r.Approx.Lat, r.Approx.Lng, cell,
		idArg(r.ClientID), idArg(r.RequesterID), r.CreatedBy, recurrence, string(r.Status),
	).Scan(&r.ID, utc{&r.CreatedAt}, utc{&r.UpdatedAt})
	if err != nil {
		return fmt.Errorf("create request in community %d: %w", r.CommunityID, mapError(err))
	}
	return nil
}

// RequestByID returns the community's request with id, or
// domain.ErrNotFound, also when it belongs to another community.
func (s *Store) RequestByID(ctx context.Context, communityID, id int64) (domain.Request, error) {
	row := s.reader(ctx).queryRow(ctx,
		"SELECT "+requestColumns+" FROM requests WHERE community_id = ? AND id = ?", communityID, id)
	r, err := scanRequest(row)
	if err != nil {
		return domain.Request{}, fmt.Errorf("request %d: %w", id, mapError(err))
	}
	return r, nil
}

// TransitionRequest moves the request from status from to status to in one
// conditional UPDATE, so of several concurrent attempts exactly one finds
// the request still in from. The others get domain.ErrStateChanged; an
// unknown request is domain.ErrNotFound.
func (s *Store) TransitionRequest(ctx context.Context, communityID, id int64, from, to domain.RequestStatus) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, `UPDATE requests SET status = ?, updated_at = `+s.d.now+`
		WHERE community_id = ? AND id = ? AND status = ?`,
		string(to), communityID, id, string(from))
	if err != nil {
		return fmt.Errorf("request %d from %s to %s: %w", id, from, to, mapError(err))
	}
	err = changedIfNone(ctx, h, res, "SELECT 1 FROM requests WHERE community_id = ? AND id = ?", communityID, id)
	if err != nil {
		return fmt.Errorf("request %d from %s to %s: %w", id, from, to, err)
	}
	return nil
}

// FindRequests lists a page of the community's requests matching f, newest
// first. Every filter given must hold; Categories means any of them. With
// f.Cells only requests whose cell lies in one of the ranges are listed: the
// feed near a volunteer. That searches requests_feed once per range and
// status (see cellUnion) and sorts the few requests found.
func (s *Store) FindRequests(ctx context.Context, communityID int64, f domain.RequestFilter) ([]domain.Request, error) {
	query, args := findRequestsQuery(communityID, f)
	rows, err := s.reader(ctx).query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("find requests in community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanRequest)
	if err != nil {
		return nil, fmt.Errorf("find requests in community %d: %w", communityID, err)
	}
	return list, nil
}

// findRequestsQuery builds the query of FindRequests.
func findRequestsQuery(communityID int64, f domain.RequestFilter) (string, []any) {
	var where []string
	var args []any
	switch {
	case f.Status != "":
		where = append(where, "status = ?")
		args = append(args, string(f.Status))
	case len(f.Cells) > 0:
		// Every status, named so that requests_feed, which has status
		// before cell, still serves the ranges: a few seeks per range
		// instead of a scan of the community per range.
		where = append(where, "status IN ("+placeholders(len(requestStatuses))+")")
		for _, st := range requestStatuses {
			args = append(args, string(st))
		}
	}
	if f.Category != "" {
		where = append(where, "category = ?")
		args = append(args, f.Category)
	}
	if len(f.Categories) > 0 {
		marks, values := inList(f.Categories)
		where = append(where, "category IN ("+marks+")")
		args = append(args, values...)
	}
	if f.RequesterID != 0 {
		where = append(where, "requester_id = ?")
		args = append(args, f.RequesterID)
	}
	if f.ClientID != 0 {
		where = append(where, "client_id = ?")
		args = append(args, f.ClientID)
	}
	var query string
	if len(f.Cells) > 0 {
		var branches string
		branches, args = cellUnion("requests", communityID, f.Cells, strings.Join(where, " AND "), args...)
		// id + 0 is id to both databases, but no index holds it, so SQLite
		// sorts the few rows the branches find instead of merging branches
		// that each walk the community through requests_created to come
		// out in order.
		query = "SELECT " + requestColumns + " FROM (" + branches + ") r ORDER BY created_at DESC, id + 0 DESC"
	} else {
		query = "SELECT " + requestColumns + " FROM requests WHERE " +
			strings.Join(append([]string{"community_id = ?"}, where...), " AND ") + " ORDER BY created_at DESC, id DESC"
		args = append([]any{communityID}, args...)
	}
	limit, offset := window(f.Page)
	return query + " LIMIT ? OFFSET ?", append(args, limit, offset)
}

// expiresAt is when the request lapses: ExpiresAt when the caller set it,
// else needed_by.
func expiresAt(r domain.Request) time.Time {
	if r.ExpiresAt.Before(r.NeededBy) {
		return r.NeededBy
	}
	return r.ExpiresAt
}

// ExpireRequests marks every open request of every community whose expires_at
// is before now as expired, in one statement, and returns them with their new
// status, ordered by community and id. It is the one store method that
// crosses communities: the job runs once for the whole instance, through the
// requests_expiry index.
func (s *Store) ExpireRequests(ctx context.Context, now time.Time) ([]domain.Request, error) {
	rows, err := s.writer(ctx).query(ctx, expireRequestsQuery(s.d), s.d.timeArg(now))
	if err != nil {
		return nil, fmt.Errorf("expire requests: %w", mapError(err))
	}
	list, err := collect(rows, scanRequest)
	if err != nil {
		return nil, fmt.Errorf("expire requests: %w", err)
	}
	slices.SortFunc(list, func(a, b domain.Request) int {
		return cmp.Or(cmp.Compare(a.CommunityID, b.CommunityID), cmp.Compare(a.ID, b.ID))
	})
	return list, nil
}

func expireRequestsQuery(d *dialect) string {
	return `UPDATE requests SET status = 'expired', updated_at = ` + d.now + `
		WHERE status = 'open' AND expires_at < ?
		RETURNING ` + requestColumns
}

func scanRequest(r scanner) (domain.Request, error) {
	var q domain.Request
	err := r.Scan(&q.ID, &q.CommunityID, &q.Category, &q.Title, &q.Description, utc{&q.NeededFrom}, utc{&q.NeededBy},
		utc{&q.ExpiresAt}, &q.Urgency, jsonList{&q.Languages}, &q.Location.Lat, &q.Location.Lng, &q.Address, &q.Approx.Lat, &q.Approx.Lng,
		optionalID{&q.ClientID}, optionalID{&q.RequesterID}, &q.CreatedBy, jsonValue{&q.Recurrence}, &q.Status,
		utc{&q.CreatedAt}, utc{&q.UpdatedAt})
	return q, err
}

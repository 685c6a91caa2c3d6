package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

const assignmentColumns = "id, community_id, request_id, volunteer_id, status, proposed_by, hours, " +
	"created_at, updated_at, completed_at"

// CreateAssignment inserts a and sets its ID, CreatedAt and UpdatedAt. A
// second live (proposed, offered or accepted) assignment of the volunteer to
// the request is domain.ErrDuplicate, which the partial unique index
// assignments_live decides, so two coordinators proposing the same person at
// once cannot both succeed. A request of another community is
// domain.ErrReferenced.
func (s *Store) CreateAssignment(ctx context.Context, a *domain.Assignment) error {
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO assignments (community_id, request_id, volunteer_id, status, proposed_by, hours, completed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at, updated_at`,
		a.CommunityID, a.RequestID, a.VolunteerID, string(a.Status), a.ProposedBy, a.Hours,
		s.d.optionalTimeArg(a.CompletedAt),
	).Scan(&a.ID, utc{&a.CreatedAt}, utc{&a.UpdatedAt})
	if err != nil {
		return fmt.Errorf("create assignment of volunteer %d to request %d: %w", a.VolunteerID, a.RequestID, mapError(err))
	}
	return nil
}

// AssignmentByID returns the community's assignment with id, or
// domain.ErrNotFound, also when it belongs to another community.
func (s *Store) AssignmentByID(ctx context.Context, communityID, id int64) (domain.Assignment, error) {
	row := s.reader(ctx).queryRow(ctx,
		"SELECT "+assignmentColumns+" FROM assignments WHERE community_id = ? AND id = ?", communityID, id)
	a, err := scanAssignment(row)
	if err != nil {
		return domain.Assignment{}, fmt.Errorf("assignment %d: %w", id, mapError(err))
	}
	return a, nil
}

// TransitionAssignment moves the assignment from status from to to in one
// conditional UPDATE, storing hours and completedAt when to is completed (and
// ignoring them otherwise). domain.ErrStateChanged means it was no longer in
// from; an unknown assignment is domain.ErrNotFound. It does not touch the
// volunteer's active count: the service adjusts that in the same transaction.
func (s *Store) TransitionAssignment(ctx context.Context, communityID, id int64, from, to domain.AssignmentStatus, hours float64, completedAt time.Time) error {
	h := s.writer(ctx)
	set, args := "status = ?", []any{string(to)}
	if to == domain.AssignCompleted {
		set += ", hours = ?, completed_at = ?"
		args = append(args, hours, s.d.optionalTimeArg(completedAt))
	}
	args = append(args, communityID, id, string(from))
	res, err := h.exec(ctx, "UPDATE assignments SET "+set+", updated_at = "+s.d.now+
		" WHERE community_id = ? AND id = ? AND status = ?", args...)
	if err != nil {
		return fmt.Errorf("assignment %d from %s to %s: %w", id, from, to, mapError(err))
	}
	err = changedIfNone(ctx, h, res, "SELECT 1 FROM assignments WHERE community_id = ? AND id = ?", communityID, id)
	if err != nil {
		return fmt.Errorf("assignment %d from %s to %s: %w", id, from, to, err)
	}
	return nil
}

// AssignmentsOfRequest lists the request's assignments, oldest first.
func (s *Store) AssignmentsOfRequest(ctx context.Context, communityID, requestID int64) ([]domain.Assignment, error) {
	rows, err := s.reader(ctx).query(ctx, "SELECT "+assignmentColumns+` FROM assignments
		WHERE community_id = ? AND request_id = ?
		ORDER BY created_at, id`,
		communityID, requestID)
	if err != nil {
		return nil, fmt.Errorf("assignments of request %d: %w", requestID, mapError(err))
	}
	list, err := collect(rows, scanAssignment)
	if err != nil {
		return nil, fmt.Errorf("assignments of request %d: %w", requestID, err)
	}
	return list, nil
}

// AssignmentsOfVolunteer lists a page of the volunteer's assignments in the
// community, newest first.
func (s *Store) AssignmentsOfVolunteer(ctx context.Context, communityID, userID int64, page domain.Page) ([]domain.Assignment, error) {
	limit, offset := window(page)
	rows, err := s.reader(ctx).query(ctx, "SELECT "+assignmentColumns+` FROM assignments
		WHERE community_id = ? AND volunteer_id = ?
		ORDER BY created_at DESC, id DESC
		LIMIT ? OFFSET ?`,
		communityID, userID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("assignments of volunteer %d: %w", userID, mapError(err))
	}
	list, err := collect(rows, scanAssignment)
	if err != nil {
		return nil, fmt.Errorf("assignments of volunteer %d: %w", userID, err)
	}
	return list, nil
}

// DeclinedVolunteers lists, in id order and once each, the volunteers who
// declined or withdrew from the request, so matching leaves them out.
func (s *Store) DeclinedVolunteers(ctx context.Context, communityID, requestID int64) ([]int64, error) {
	rows, err := s.reader(ctx).query(ctx, `SELECT DISTINCT volunteer_id FROM assignments
		WHERE community_id = ? AND request_id = ? AND status IN ('declined', 'withdrawn')
		ORDER BY volunteer_id`,
		communityID, requestID)
	if err != nil {
		return nil, fmt.Errorf("declined volunteers of request %d: %w", requestID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (int64, error) {
		var id int64
		err := r.Scan(&id)
		return id, err
	})
	if err != nil {
		return nil, fmt.Errorf("declined volunteers of request %d: %w", requestID, err)
	}
	return list, nil
}

// CreateContribution records a completed gift of time and sets its ID, and
// its At when that was zero (the database's clock then stamps it). An
// assignment has at most one contribution: a second is domain.ErrDuplicate.
func (s *Store) CreateContribution(ctx context.Context, c *domain.Contribution) error {
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO contributions (community_id, giver_id, receiver_user_id, receiver_client_id, hours,
			request_id, assignment_id, category, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, `+s.d.now+`))
		RETURNING id, at`,
		c.CommunityID, c.GiverID, idArg(c.ReceiverUserID), idArg(c.ReceiverClientID), c.Hours,
		c.RequestID, c.AssignmentID, c.Category, s.d.optionalTimeArg(c.At),
	).Scan(&c.ID, utc{&c.At})
	if err != nil {
		return fmt.Errorf("create contribution for assignment %d: %w", c.AssignmentID, mapError(err))
	}
	return nil
}

func scanAssignment(r scanner) (domain.Assignment, error) {
	var a domain.Assignment
	err := r.Scan(&a.ID, &a.CommunityID, &a.RequestID, &a.VolunteerID, &a.Status, &a.ProposedBy, &a.Hours,
		utc{&a.CreatedAt}, utc{&a.UpdatedAt}, optionalUTC{&a.CompletedAt})
	return a, err
}

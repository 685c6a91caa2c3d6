package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

// shiftColumns reads a shift with its fill: the people holding places and
// the length of the waiting list, counted through shift_signups_shift.
const shiftColumns = `s.id, s.community_id, s.opportunity_id, s.starts_at, s.ends_at, s.capacity, s.status, s.from_rule,
	COALESCE((SELECT SUM(g.team_size) FROM shift_signups g WHERE g.community_id = s.community_id AND g.shift_id = s.id
		AND g.status IN ('confirmed', 'checked_in', 'no_show')), 0),
	(SELECT COUNT(*) FROM shift_signups g WHERE g.community_id = s.community_id AND g.shift_id = s.id
		AND g.status = 'waitlisted'),
	s.cancelled_at IS NOT NULL`

// CreateShift inserts sh and sets its ID.
func (s *Store) CreateShift(ctx context.Context, sh *domain.Shift) error {
	if sh.Status == "" {
		sh.Status = domain.ShiftOpen
	}
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO shifts (community_id, opportunity_id, starts_at, ends_at, capacity, status, from_rule)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		sh.CommunityID, sh.OpportunityID, s.d.timeArg(sh.Start), s.d.timeArg(sh.End), sh.Capacity, string(sh.Status), sh.FromRule,
	).Scan(&sh.ID)
	if err != nil {
		return fmt.Errorf("create shift of opportunity %d: %w", sh.OpportunityID, mapError(err))
	}
	sh.Free = sh.Capacity
	return nil
}

// AddRuleShifts inserts the shifts a weekly rule generated, skipping starts
// the rule already has a shift for, and returns how many it added.
func (s *Store) AddRuleShifts(ctx context.Context, communityID, opportunityID int64, shifts []domain.Shift) (int, error) {
	h := s.writer(ctx)
	added := 0
	for _, sh := range shifts {
		res, err := h.exec(ctx, `
			INSERT INTO shifts (community_id, opportunity_id, starts_at, ends_at, capacity, status, from_rule)
			VALUES (?, ?, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING`,
			communityID, opportunityID, s.d.timeArg(sh.Start), s.d.timeArg(sh.End), sh.Capacity, true)
		if err != nil {
			return added, fmt.Errorf("rule shifts of opportunity %d: %w", opportunityID, mapError(err))
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	return added, nil
}

// DeleteRuleShiftsAfter removes the opportunity's rule-generated shifts
// starting after t that nobody ever signed up for, and returns how many.
func (s *Store) DeleteRuleShiftsAfter(ctx context.Context, communityID, opportunityID int64, t time.Time) (int, error) {
	res, err := s.writer(ctx).exec(ctx, `DELETE FROM shifts
		WHERE community_id = ? AND opportunity_id = ? AND from_rule = ? AND starts_at > ?
		AND NOT EXISTS (SELECT 1 FROM shift_signups g WHERE g.community_id = shifts.community_id AND g.shift_id = shifts.id)
		AND NOT EXISTS (SELECT 1 FROM shift_events e WHERE e.community_id = shifts.community_id AND e.shift_id = shifts.id)`,
		communityID, opportunityID, true, s.d.timeArg(t))
	if err != nil {
		return 0, fmt.Errorf("delete rule shifts of opportunity %d: %w", opportunityID, mapError(err))
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// ShiftByID returns the community's shift with its fill, or domain.ErrNotFound.
func (s *Store) ShiftByID(ctx context.Context, communityID, id int64) (domain.Shift, error) {
	row := s.reader(ctx).queryRow(ctx, "SELECT "+shiftColumns+" FROM shifts s WHERE s.community_id = ? AND s.id = ?",
		communityID, id)
	sh, err := scanShift(row)
	if err != nil {
		return domain.Shift{}, fmt.Errorf("shift %d: %w", id, mapError(err))
	}
	return sh, nil
}

// LockShift returns the shift with its fill for a change of its sign-ups,
// inside the caller's transaction. On PostgreSQL it locks the shift's row
// first, so concurrent sign-ups for one shift count places one after the
// other; on SQLite the write transaction is already the only writer.
func (s *Store) LockShift(ctx context.Context, communityID, id int64) (domain.Shift, error) {
	if s.d.name == dialectPostgres {
		var one int
		err := s.writer(ctx).queryRow(ctx, "SELECT 1 FROM shifts WHERE community_id = ? AND id = ? FOR UPDATE",
			communityID, id).Scan(&one)
		if err != nil {
			return domain.Shift{}, fmt.Errorf("lock shift %d: %w", id, mapError(err))
		}
	}
	row := s.writer(ctx).queryRow(ctx, "SELECT "+shiftColumns+" FROM shifts s WHERE s.community_id = ? AND s.id = ?",
		communityID, id)
	sh, err := scanShift(row)
	if err != nil {
		return domain.Shift{}, fmt.Errorf("shift %d: %w", id, mapError(err))
	}
	return sh, nil
}

// ShiftsOfOpportunity lists the opportunity's shifts with their fill, by start.
func (s *Store) ShiftsOfOpportunity(ctx context.Context, communityID, opportunityID int64) ([]domain.Shift, error) {
	rows, err := s.reader(ctx).query(ctx, "SELECT "+shiftColumns+
		" FROM shifts s WHERE s.community_id = ? AND s.opportunity_id = ? ORDER BY s.starts_at, s.id",
		communityID, opportunityID)
	if err != nil {
		return nil, fmt.Errorf("shifts of opportunity %d: %w", opportunityID, mapError(err))
	}
	list, err := collect(rows, scanShift)
	if err != nil {
		return nil, fmt.Errorf("shifts of opportunity %d: %w", opportunityID, err)
	}
	return list, nil
}

// OrganisationShifts lists the open shifts of the organisation's
// opportunities starting in [from, to), with their fill, by start.
func (s *Store) OrganisationShifts(ctx context.Context, communityID, orgID int64, from, to time.Time) ([]domain.Shift, error) {
	rows, err := s.reader(ctx).query(ctx, "SELECT "+shiftColumns+` FROM shifts s
		JOIN opportunities o ON o.community_id = s.community_id AND o.id = s.opportunity_id
		WHERE s.community_id = ? AND o.organisation_id = ? AND s.status = 'open' AND s.starts_at >= ? AND s.starts_at < ?
		ORDER BY s.starts_at, s.id LIMIT 1000`,
		communityID, orgID, s.d.timeArg(from), s.d.timeArg(to))
	if err != nil {
		return nil, fmt.Errorf("shifts of organisation %d: %w", orgID, mapError(err))
	}
	list, err := collect(rows, scanShift)
	if err != nil {
		return nil, fmt.Errorf("shifts of organisation %d: %w", orgID, err)
	}
	return list, nil
}

// CloseShift moves an open shift to closed; a shift already closed is
// domain.ErrStateChanged.
func (s *Store) CloseShift(ctx context.Context, communityID, id int64) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, "UPDATE shifts SET status = 'closed' WHERE community_id = ? AND id = ? AND status = 'open'",
		communityID, id)
	if err != nil {
		return fmt.Errorf("close shift %d: %w", id, mapError(err))
	}
	if err := changedIfNone(ctx, h, res, "SELECT 1 FROM shifts WHERE community_id = ? AND id = ?", communityID, id); err != nil {
		return fmt.Errorf("close shift %d: %w", id, err)
	}
	return nil
}

// CancelShift closes an open shift as cancelled at the given time; a shift
// already closed is domain.ErrStateChanged.
func (s *Store) CancelShift(ctx context.Context, communityID, id int64, at time.Time) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, `UPDATE shifts SET status = 'closed', cancelled_at = ?
		WHERE community_id = ? AND id = ? AND status = 'open'`, s.d.timeArg(at), communityID, id)
	if err != nil {
		return fmt.Errorf("cancel shift %d: %w", id, mapError(err))
	}
	if err := changedIfNone(ctx, h, res, "SELECT 1 FROM shifts WHERE community_id = ? AND id = ?", communityID, id); err != nil {
		return fmt.Errorf("cancel shift %d: %w", id, err)
	}
	return nil
}

func scanShift(r scanner) (domain.Shift, error) {
	var sh domain.Shift
	err := r.Scan(&sh.ID, &sh.CommunityID, &sh.OpportunityID, utc{&sh.Start}, utc{&sh.End}, &sh.Capacity, &sh.Status,
		&sh.FromRule, &sh.Confirmed, &sh.Waiting, &sh.Cancelled)
	sh.Free = max(0, sh.Capacity-sh.Confirmed)
	return sh, err
}

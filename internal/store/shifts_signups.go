package store

import (
	"context"
	"fmt"
	"time"

	"mutua/internal/domain"
)

const signupColumns = "id, community_id, shift_id, user_id, team_size, team_contact, status, created_at, updated_at"

// CreateSignup inserts sg and sets ID, CreatedAt and UpdatedAt. A second
// sign-up of one person for one shift that is not cancelled is
// domain.ErrDuplicate.
func (s *Store) CreateSignup(ctx context.Context, sg *domain.Signup) error {
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO shift_signups (community_id, shift_id, user_id, team_size, team_contact, status)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id, created_at, updated_at`,
		sg.CommunityID, sg.ShiftID, sg.UserID, sg.TeamSize, sg.TeamContact, string(sg.Status),
	).Scan(&sg.ID, utc{&sg.CreatedAt}, utc{&sg.UpdatedAt})
	if err != nil {
		return fmt.Errorf("sign %d up for shift %d: %w", sg.UserID, sg.ShiftID, mapError(err))
	}
	return nil
}

// LiveSignup returns the user's sign-up for the shift that is not
// cancelled, or domain.ErrNotFound.
func (s *Store) LiveSignup(ctx context.Context, communityID, shiftID, userID int64) (domain.Signup, error) {
	row := s.reader(ctx).queryRow(ctx, "SELECT "+signupColumns+` FROM shift_signups
		WHERE community_id = ? AND shift_id = ? AND user_id = ? AND status <> 'cancelled'`, communityID, shiftID, userID)
	sg, err := scanSignup(row)
	if err != nil {
		return domain.Signup{}, fmt.Errorf("sign-up of %d for shift %d: %w", userID, shiftID, mapError(err))
	}
	return sg, nil
}

// SignupsOfShift lists the shift's sign-ups that are not cancelled in
// order of sign-up, which for the waitlisted ones is the waiting list.
func (s *Store) SignupsOfShift(ctx context.Context, communityID, shiftID int64) ([]domain.Signup, error) {
	rows, err := s.reader(ctx).query(ctx, "SELECT "+signupColumns+` FROM shift_signups
		WHERE community_id = ? AND shift_id = ? AND status <> 'cancelled' ORDER BY id`, communityID, shiftID)
	if err != nil {
		return nil, fmt.Errorf("sign-ups of shift %d: %w", shiftID, mapError(err))
	}
	list, err := collect(rows, scanSignup)
	if err != nil {
		return nil, fmt.Errorf("sign-ups of shift %d: %w", shiftID, err)
	}
	return list, nil
}

// SetSignupStatus moves the sign-up from status from to to;
// domain.ErrStateChanged when it is not in from.
func (s *Store) SetSignupStatus(ctx context.Context, communityID, id int64, from, to domain.SignupStatus) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, `UPDATE shift_signups SET status = ?, updated_at = `+s.d.now+`
		WHERE community_id = ? AND id = ? AND status = ?`, string(to), communityID, id, string(from))
	if err != nil {
		return fmt.Errorf("sign-up %d from %s to %s: %w", id, from, to, mapError(err))
	}
	err = changedIfNone(ctx, h, res, "SELECT 1 FROM shift_signups WHERE community_id = ? AND id = ?", communityID, id)
	if err != nil {
		return fmt.Errorf("sign-up %d from %s to %s: %w", id, from, to, err)
	}
	return nil
}

// MarkNoShows turns the shift's confirmed sign-ups that were never checked
// in into no-shows and returns how many.
func (s *Store) MarkNoShows(ctx context.Context, communityID, shiftID int64) (int, error) {
	res, err := s.writer(ctx).exec(ctx, `UPDATE shift_signups SET status = 'no_show', updated_at = `+s.d.now+`
		WHERE community_id = ? AND shift_id = ? AND status = 'confirmed'`, communityID, shiftID)
	if err != nil {
		return 0, fmt.Errorf("no-shows of shift %d: %w", shiftID, mapError(err))
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// AddShiftEvent records e and sets its ID and At.
func (s *Store) AddShiftEvent(ctx context.Context, communityID int64, e *domain.ShiftEvent) error {
	err := s.writer(ctx).queryRow(ctx, `INSERT INTO shift_events (community_id, shift_id, user_id, kind)
		VALUES (?, ?, ?, ?) RETURNING id, at`, communityID, e.ShiftID, e.UserID, e.Kind).Scan(&e.ID, utc{&e.At})
	if err != nil {
		return fmt.Errorf("event of shift %d: %w", e.ShiftID, mapError(err))
	}
	return nil
}

// ShiftEvents lists the shift's events, oldest first.
func (s *Store) ShiftEvents(ctx context.Context, communityID, shiftID int64) ([]domain.ShiftEvent, error) {
	rows, err := s.reader(ctx).query(ctx, `SELECT id, shift_id, user_id, kind, at FROM shift_events
		WHERE community_id = ? AND shift_id = ? ORDER BY id`, communityID, shiftID)
	if err != nil {
		return nil, fmt.Errorf("events of shift %d: %w", shiftID, mapError(err))
	}
	list, err := collect(rows, func(r scanner) (domain.ShiftEvent, error) {
		var e domain.ShiftEvent
		err := r.Scan(&e.ID, &e.ShiftID, &e.UserID, &e.Kind, utc{&e.At})
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("events of shift %d: %w", shiftID, err)
	}
	return list, nil
}

// LogShiftHours writes one contribution per checked-in sign-up of the
// shift: hours times the team's size, given by the sign-up's person, in
// category, at at. It returns how many rows it wrote; a shift logged twice
// is domain.ErrDuplicate.
func (s *Store) LogShiftHours(ctx context.Context, communityID, shiftID int64, hours float64, category string, at time.Time) (int, error) {
	res, err := s.writer(ctx).exec(ctx, `
		INSERT INTO contributions (community_id, giver_id, hours, shift_id, category, at)
		SELECT community_id, user_id, CAST(? AS DOUBLE PRECISION) * team_size, shift_id, ?, ? FROM shift_signups
		WHERE community_id = ? AND shift_id = ? AND status = 'checked_in'`,
		hours, category, s.d.timeArg(at), communityID, shiftID)
	if err != nil {
		return 0, fmt.Errorf("log hours of shift %d: %w", shiftID, mapError(err))
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// ShiftContributions returns, per giver, the hours contributions record for
// the shift.
func (s *Store) ShiftContributions(ctx context.Context, communityID, shiftID int64) (map[int64]float64, error) {
	rows, err := s.reader(ctx).query(ctx, `SELECT giver_id, hours FROM contributions
		WHERE community_id = ? AND shift_id = ?`, communityID, shiftID)
	if err != nil {
		return nil, fmt.Errorf("contributions of shift %d: %w", shiftID, mapError(err))
	}
	defer rows.Close()
	out := map[int64]float64{}
	for rows.Next() {
		var giver int64
		var hours float64
		if err := rows.Scan(&giver, &hours); err != nil {
			return nil, fmt.Errorf("contributions of shift %d: %w", shiftID, err)
		}
		out[giver] = hours
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("contributions of shift %d: %w", shiftID, err)
	}
	return out, nil
}

func scanSignup(r scanner) (domain.Signup, error) {
	var sg domain.Signup
	err := r.Scan(&sg.ID, &sg.CommunityID, &sg.ShiftID, &sg.UserID, &sg.TeamSize, &sg.TeamContact, &sg.Status,
		utc{&sg.CreatedAt}, utc{&sg.UpdatedAt})
	return sg, err
}

// CancelLiveSignups cancels every confirmed and waiting sign-up of a shift,
// as when the shift itself is cancelled, and returns them as they were.
func (s *Store) CancelLiveSignups(ctx context.Context, communityID, shiftID int64) ([]domain.Signup, error) {
	live, err := s.SignupsOfShift(ctx, communityID, shiftID)
	if err != nil {
		return nil, err
	}
	_, err = s.writer(ctx).exec(ctx, `UPDATE shift_signups SET status = 'cancelled', updated_at = `+s.d.now+`
		WHERE community_id = ? AND shift_id = ? AND status IN ('confirmed', 'waitlisted')`, communityID, shiftID)
	if err != nil {
		return nil, fmt.Errorf("cancel the sign-ups of shift %d: %w", shiftID, mapError(err))
	}
	out := live[:0]
	for _, sg := range live {
		if sg.Status == domain.SignupConfirmed || sg.Status == domain.SignupWaitlisted {
			out = append(out, sg)
		}
	}
	return out, nil
}

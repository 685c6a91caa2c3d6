package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
)

// CancelShift calls off a shift that has not begun, for those who run
// its organisation: it closes without hours, every place and every spot
// on the waiting list is cancelled, their reminders are taken out of the
// queue, and each person is told, whatever their preferences, since they
// would otherwise come for nothing.
func (s *Service) CancelShift(ctx context.Context, slug string, shiftID int64) (domain.Shift, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return domain.Shift{}, err
	}
	var out domain.Shift
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		sh, o, err := s.lockShift(ctx, a, shiftID)
		if err != nil {
			return err
		}
		if err := s.coordinatesOrganisation(ctx, a, o.OrganisationID); err != nil {
			return err
		}
		if err := s.checkOpenShift(sh); err != nil {
			return err
		}
		if err := s.store.CancelShift(ctx, a.community.ID, sh.ID, s.now().UTC()); err != nil {
			if errors.Is(err, domain.ErrStateChanged) {
				return fieldError(domain.KindConflict, "shift_id", "closed", "this shift is closed")
			}
			return err
		}
		cancelled, err := s.store.CancelLiveSignups(ctx, a.community.ID, sh.ID)
		if err != nil {
			return err
		}
		for _, sg := range cancelled {
			if _, err := s.store.SkipNotifications(ctx, sg.UserID, domain.NotifyShiftReminder, sh.ID); err != nil {
				return err
			}
			if err := s.notifyCancelledShift(ctx, a, sg.UserID, sh, o); err != nil {
				return err
			}
		}
		out, err = s.store.ShiftByID(ctx, a.community.ID, sh.ID)
		return err
	})
	if err != nil {
		return domain.Shift{}, err
	}
	s.log.InfoContext(ctx, "shift cancelled", "community", slug, "shift_id", shiftID)
	return out, nil
}

// notifyCancelledShift tells one person their shift is off, with a link
// to the opportunity's other shifts.
func (s *Service) notifyCancelledShift(ctx context.Context, a access, userID int64, sh domain.Shift, o domain.Opportunity) error {
	n := domain.Notification{CommunityID: a.community.ID, UserID: userID, Kind: domain.NotifyShiftCancelled,
		SubjectID: sh.ID, Data: shiftData(a, sh, o)}
	return s.enqueue(ctx, n)
}

package service

import (
	"context"

	"mutua/internal/domain"
)

// Thread participants: the volunteer, the person who asked (for a client,
// the coordinators speak for them) and the community's coordinators. Phone
// numbers never need to change hands.

// Messages returns a page of an assignment's thread, oldest first.
func (s *Service) Messages(ctx context.Context, slug string, assignmentID int64, p domain.MessagePage) ([]domain.Message, error) {
	a, as, err := s.threadAccess(ctx, slug, assignmentID)
	if err != nil {
		return nil, err
	}
	if p.Limit <= 0 || p.Limit > 200 {
		p.Limit = 50
	}
	return s.store.ListMessages(ctx, a.community.ID, as.ID, p)
}

// PostMessage adds a message to an assignment's thread.
func (s *Service) PostMessage(ctx context.Context, slug string, assignmentID int64, body string) (domain.Message, error) {
	body, err := domain.ValidateMessage(body)
	if err != nil {
		return domain.Message{}, err
	}
	a, as, err := s.threadAccess(ctx, slug, assignmentID)
	if err != nil {
		return domain.Message{}, err
	}
	m := domain.Message{CommunityID: a.community.ID, AssignmentID: as.ID, AuthorID: a.user.ID, AuthorName: a.user.Name, Body: body}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.CreateMessage(ctx, &m); err != nil {
			return err
		}
		r, err := s.request(ctx, a, as.RequestID)
		if err != nil {
			return err
		}
		return s.notifyMessage(ctx, a, as, r)
	})
	if err != nil {
		return domain.Message{}, err
	}
	return m, nil
}

// threadAccess checks that the actor takes part in the assignment's thread.
func (s *Service) threadAccess(ctx context.Context, slug string, assignmentID int64) (access, domain.Assignment, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return a, domain.Assignment{}, err
	}
	as, err := s.assignment(ctx, a, assignmentID)
	if err != nil {
		return a, as, err
	}
	if a.can(domain.PermCoordinate) || as.VolunteerID == a.user.ID {
		return a, as, nil
	}
	r, err := s.request(ctx, a, as.RequestID)
	if err != nil {
		return a, as, err
	}
	if r.RequesterID != nil && *r.RequesterID == a.user.ID {
		return a, as, nil
	}
	return a, as, domain.Forbidden("not_in_thread", "only the volunteer, the person helped and the coordinators read this thread")
}

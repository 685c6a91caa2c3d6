package service

import (
	"context"
	"errors"

	"mutua/internal/domain"
)

// CreateClient records a person without an account, with their consent,
// for a coordinator taking a phone call.
func (s *Service) CreateClient(ctx context.Context, slug string, c domain.Client) (domain.Client, error) {
	a, err := s.authorize(ctx, slug, domain.PermManageClients)
	if err != nil {
		return domain.Client{}, err
	}
	c.Normalize()
	c.CommunityID = a.community.ID
	c.Consent.RecordedBy = a.user.ID
	if c.Consent.GivenAt.IsZero() {
		c.Consent.GivenAt = s.now().UTC()
	}
	if len(c.Languages) == 0 {
		c.Languages = []string{a.community.DefaultLanguage()}
	}
	if err := c.Validate(); err != nil {
		return domain.Client{}, err
	}
	if err := s.store.CreateClient(ctx, &c); err != nil {
		return domain.Client{}, err
	}
	s.log.InfoContext(ctx, "client created", "community", slug, "client_id", c.ID, "by", a.user.ID)
	return c, nil
}

// UpdateClient changes a client's details; the consent record stays as it
// was recorded.
func (s *Service) UpdateClient(ctx context.Context, slug string, c domain.Client) (domain.Client, error) {
	a, err := s.authorize(ctx, slug, domain.PermManageClients)
	if err != nil {
		return domain.Client{}, err
	}
	old, err := s.client(ctx, a, c.ID)
	if err != nil {
		return domain.Client{}, err
	}
	c.Normalize()
	c.CommunityID = a.community.ID
	// Consent is recorded once, when the client is created: it is a
	// statement about that moment, not a field to edit.
	c.CreatedAt, c.Consent = old.CreatedAt, old.Consent
	if c.Languages == nil {
		c.Languages = old.Languages
	}
	if err := c.Validate(); err != nil {
		return domain.Client{}, err
	}
	if err := s.store.UpdateClient(ctx, &c); err != nil {
		return domain.Client{}, err
	}
	return c, nil
}

// Client returns one client to a coordinator.
func (s *Service) Client(ctx context.Context, slug string, id int64) (domain.Client, error) {
	a, err := s.authorize(ctx, slug, domain.PermManageClients)
	if err != nil {
		return domain.Client{}, err
	}
	return s.client(ctx, a, id)
}

func (s *Service) client(ctx context.Context, a access, id int64) (domain.Client, error) {
	c, err := s.store.ClientByID(ctx, a.community.ID, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Client{}, domain.NotFound("client")
	}
	return c, err
}

// FindClients looks clients up by the end of their phone number or part of
// their name, the two things a caller says first.
func (s *Service) FindClients(ctx context.Context, slug string, q domain.ClientQuery) ([]domain.Client, error) {
	a, err := s.authorize(ctx, slug, domain.PermManageClients)
	if err != nil {
		return nil, err
	}
	q.Phone = domain.PhoneDigits(q.Phone)
	q.Page = clampPage(q.Page)
	if q.Phone == "" && q.Name == "" {
		var p domain.Problems
		p.Add("phone", "required", "search by phone or by name")
		return nil, p.Err()
	}
	return s.store.FindClients(ctx, a.community.ID, q)
}

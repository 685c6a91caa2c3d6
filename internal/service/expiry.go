package service

import (
	"context"

	"mutua/internal/domain"
)

// ExpireRequests closes every open request whose needed_by has passed, in
// all communities, writing a history line for each. A scheduled job calls
// it; it returns how many requests expired.
func (s *Service) ExpireRequests(ctx context.Context) (int, error) {
	var n int
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		expired, err := s.store.ExpireRequests(ctx, s.now())
		if err != nil {
			return err
		}
		n = len(expired)
		for _, r := range expired {
			if err := s.endLiveAssignments(ctx, access{community: domain.Community{ID: r.CommunityID}}, r.ID); err != nil {
				return err
			}
			if err := s.releaseOfferLinks(ctx, r.CommunityID, r.ID); err != nil {
				return err
			}
			if err := s.event(ctx, access{}, r, "expired", domain.RequestExpired, ""); err != nil {
				return err
			}
			if err := s.notifyRequestChange(ctx, access{}, r, nil, "expired"); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

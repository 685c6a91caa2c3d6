package service

import (
	"context"
	"math"
	"time"

	"mutua/internal/domain"
)

// Impact is what a community's front page says about the help given this
// month. Anyone who can see the community may read it, so every figure
// below domain.MinPublicCount is hidden: "1 request" in a small village
// could point at one neighbour.
type Impact struct {
	// Since is the first moment of this month in the community's time.
	Since        time.Time   `json:"since"`
	RequestsMade PublicCount `json:"requests_made"`
	RequestsDone PublicCount `json:"requests_done"`
	Volunteers   PublicCount `json:"volunteers"`
	// Hours are rounded to whole hours.
	Hours PublicCount `json:"hours"`
}

// PublicCount is a figure safe to publish: the number, or only that it is
// smaller than domain.MinPublicCount.
type PublicCount struct {
	// Value is 0 when Hidden, so the real number never leaves the service.
	Value int `json:"value"`
	// Hidden means "fewer than domain.MinPublicCount".
	Hidden bool `json:"hidden"`
}

func publicCount(n int) PublicCount {
	if n < domain.MinPublicCount {
		return PublicCount{Hidden: true}
	}
	return PublicCount{Value: n}
}

// ImpactThisMonth returns the community's figures since the start of the
// month in its own time zone. Communities are public, so it needs no login.
func (s *Service) ImpactThisMonth(ctx context.Context, slug string) (Impact, error) {
	c, err := s.communityBySlug(ctx, slug)
	if err != nil {
		return Impact{}, err
	}
	now := s.now().In(c.Location())
	since := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	n, err := s.store.ImpactCounts(ctx, c.ID, since)
	if err != nil {
		return Impact{}, err
	}
	return Impact{
		Since:        since,
		RequestsMade: publicCount(n.RequestsMade),
		RequestsDone: publicCount(n.RequestsDone),
		Volunteers:   publicCount(n.Volunteers),
		Hours:        publicCount(int(math.Round(n.Hours))),
	}, nil
}

package service

import (
	"context"

	"mutua/internal/domain"
)

// DeskStore is what the coordinators' desk reads beyond the other stores.
type DeskStore interface {
	// QueueRequests lists requests matching f ordered by needed_by
	// (soonest first, or latest first with f.Latest), then id.
	QueueRequests(ctx context.Context, communityID int64, f domain.QueueFilter) ([]domain.Request, error)
	// ClientNames returns the names of the community's clients with ids;
	// unknown ids and other communities' clients are absent.
	ClientNames(ctx context.Context, communityID int64, ids []int64) (map[int64]string, error)
}

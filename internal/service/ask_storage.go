package service

import (
	"context"
	"time"

	"mutua/internal/domain"
)

// AskStore is what the pages for people asking for help read beyond the
// single-request methods: a page of requests' assignments and histories in
// one query each, and a community's impact figures.
type AskStore interface {
	// AssignmentsOfRequests lists the assignments of the community's
	// requests with the given ids, by request and then oldest first.
	AssignmentsOfRequests(ctx context.Context, communityID int64, requestIDs []int64) ([]domain.Assignment, error)
	// HistoryOfRequests lists the events of the community's requests with
	// the given ids, by request and then oldest first.
	HistoryOfRequests(ctx context.Context, communityID int64, requestIDs []int64) ([]domain.RequestEvent, error)
	// ImpactCounts returns the community's raw figures since since.
	ImpactCounts(ctx context.Context, communityID int64, since time.Time) (domain.ImpactCounts, error)
}

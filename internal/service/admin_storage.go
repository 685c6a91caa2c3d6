package service

import (
	"context"
	"time"

	"mutua/internal/domain"
)

// AdminStore is what the community admin, operator and account pages need
// from storage beyond the other stores.
type AdminStore interface {
	// UpdateCommunity stores name, languages, area, categories and
	// settings of c.ID; the slug stays.
	UpdateCommunity(ctx context.Context, c domain.Community) error
	// SetUserLanguage stores the account's preferred language.
	SetUserLanguage(ctx context.Context, userID int64, lang string) error
	// VolunteerVetting reports, for those of userIDs with a volunteer
	// profile in the community, whether they are vetted.
	VolunteerVetting(ctx context.Context, communityID int64, userIDs []int64) (map[int64]bool, error)

	// CreateInvitation inserts inv and sets ID and CreatedAt.
	CreateInvitation(ctx context.Context, inv *domain.Invitation) error
	// InvitationByHash finds an invitation by the hash of its token,
	// whatever its state.
	InvitationByHash(ctx context.Context, hash []byte) (domain.Invitation, error)
	// OpenInvitations lists unused invitations, newest first.
	OpenInvitations(ctx context.Context, communityID int64, page domain.Page) ([]domain.Invitation, error)
	// DeleteInvitation withdraws an unused invitation.
	DeleteInvitation(ctx context.Context, communityID, id int64) error
	// UseInvitation marks an unused, unexpired invitation as used;
	// domain.ErrStateChanged when it was used or expired meanwhile.
	UseInvitation(ctx context.Context, communityID, id, userID int64, at time.Time) error
}

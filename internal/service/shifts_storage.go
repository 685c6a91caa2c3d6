package service

import (
	"context"
	"time"

	"mutua/internal/domain"
)

// ShiftStore keeps organisations, their opportunities, shifts, sign-ups
// and shift events. Every "not there" is domain.ErrNotFound.
type ShiftStore interface {
	// CreateOrganisation inserts o; a name taken in the community is
	// domain.ErrDuplicate.
	CreateOrganisation(ctx context.Context, o *domain.Organisation) error
	OrganisationByID(ctx context.Context, communityID, id int64) (domain.Organisation, error)
	// ListOrganisations lists approved organisations by name, and with
	// withProposed those waiting for approval too.
	ListOrganisations(ctx context.Context, communityID int64, withProposed bool, page domain.Page) ([]domain.Organisation, error)
	// ApproveOrganisation is domain.ErrStateChanged unless it was proposed.
	ApproveOrganisation(ctx context.Context, communityID, id, by int64) error
	PutOrganisationMember(ctx context.Context, communityID, orgID, userID int64, role domain.OrgRole) error
	OrganisationRole(ctx context.Context, communityID, orgID, userID int64) (domain.OrgRole, error)

	// CreateOpportunity inserts o without its shifts; cell indexes its location.
	CreateOpportunity(ctx context.Context, o *domain.Opportunity, cell int64) error
	OpportunityByID(ctx context.Context, communityID, id int64) (domain.Opportunity, error)
	FindOpportunities(ctx context.Context, communityID int64, f domain.OpportunityFilter) ([]domain.Opportunity, error)
	SetRecurrence(ctx context.Context, communityID, id int64, rule domain.ShiftRule) error
	// RecurringOpportunities lists every community's opportunities with a
	// weekly rule, for the scheduler.
	RecurringOpportunities(ctx context.Context) ([]domain.Opportunity, error)

	CreateShift(ctx context.Context, sh *domain.Shift) error
	// AddRuleShifts inserts generated shifts, skipping starts the rule
	// already has, and returns how many it added.
	AddRuleShifts(ctx context.Context, communityID, opportunityID int64, shifts []domain.Shift) (int, error)
	// DeleteRuleShiftsAfter removes generated shifts starting after t that
	// nobody signed up for.
	DeleteRuleShiftsAfter(ctx context.Context, communityID, opportunityID int64, t time.Time) (int, error)
	ShiftByID(ctx context.Context, communityID, id int64) (domain.Shift, error)
	// LockShift reads the shift with its fill so that, inside a
	// transaction, no other transaction changes its sign-ups until this
	// one ends.
	LockShift(ctx context.Context, communityID, id int64) (domain.Shift, error)
	ShiftsOfOpportunity(ctx context.Context, communityID, opportunityID int64) ([]domain.Shift, error)
	// OrganisationShifts lists the organisation's open shifts starting in [from, to).
	OrganisationShifts(ctx context.Context, communityID, orgID int64, from, to time.Time) ([]domain.Shift, error)
	// CloseShift is domain.ErrStateChanged when the shift is closed already.
	CloseShift(ctx context.Context, communityID, id int64) error
	CancelShift(ctx context.Context, communityID, id int64, at time.Time) error
	CancelLiveSignups(ctx context.Context, communityID, shiftID int64) ([]domain.Signup, error)

	// CreateSignup: a second live sign-up of one person is domain.ErrDuplicate.
	CreateSignup(ctx context.Context, sg *domain.Signup) error
	LiveSignup(ctx context.Context, communityID, shiftID, userID int64) (domain.Signup, error)
	// SignupsOfShift lists live sign-ups in order of sign-up.
	SignupsOfShift(ctx context.Context, communityID, shiftID int64) ([]domain.Signup, error)
	// SetSignupStatus is domain.ErrStateChanged when the sign-up is not in from.
	SetSignupStatus(ctx context.Context, communityID, id int64, from, to domain.SignupStatus) error
	MarkNoShows(ctx context.Context, communityID, shiftID int64) (int, error)
	AddShiftEvent(ctx context.Context, communityID int64, e *domain.ShiftEvent) error
	ShiftEvents(ctx context.Context, communityID, shiftID int64) ([]domain.ShiftEvent, error)
	// LogShiftHours writes a contribution of hours × team size for each
	// checked-in sign-up and returns how many.
	LogShiftHours(ctx context.Context, communityID, shiftID int64, hours float64, category string, at time.Time) (int, error)
	// ShiftContributions returns the hours logged for the shift per giver.
	ShiftContributions(ctx context.Context, communityID, shiftID int64) (map[int64]float64, error)
}

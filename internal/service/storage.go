package service

import (
	"context"
	"time"

	"mutua/internal/domain"
)

// Store is everything the service layer needs from storage. Package store
// implements it for SQLite and PostgreSQL; the service never sees SQL.
//
// Every method that reads or writes community data takes the community id, and
// every "not there" answer is domain.ErrNotFound, never a zero value.
type Store interface {
	// InTx runs fn in one transaction carried by the context it passes on;
	// store methods called with that context join the transaction.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error

	CommunityStore
	UserStore
	MembershipStore
	SessionStore
	ClientStore
	RequestStore
	VolunteerStore
	AssignmentStore
	MessageStore
	AskStore
	PlaceStore
	AdminStore
	DeskStore
	CalendarStore
	ShiftStore
	ShiftPagesStore
	OfferStore
	OrgPagesStore
	NotificationStore
	NotificationPrefStore
	ScheduleStore
	NoticesAdminStore
	LoginLinkStore
	ImpactStore
	InitiativeStore
	MapDataStore
}

// CalendarStore keeps the tokens of members' private calendar feeds by
// their hash.
type CalendarStore interface {
	// PutCalendarToken stores the member's one token in the community,
	// replacing an earlier one.
	PutCalendarToken(ctx context.Context, t domain.CalendarToken) error
	// CalendarTokenByHash finds a token in any community, or is
	// domain.ErrNotFound.
	CalendarTokenByHash(ctx context.Context, hash []byte) (domain.CalendarToken, error)
	// DeleteCalendarToken revokes the member's token; none is no error.
	DeleteCalendarToken(ctx context.Context, communityID, userID int64) error
	// UserShifts lists the shifts the user holds a place on (confirmed or
	// checked in) that end after since, soonest first.
	UserShifts(ctx context.Context, communityID, userID int64, since time.Time) ([]domain.UserShift, error)
}

// PlaceStore keeps the named places of communities.
type PlaceStore interface {
	// CreatePlace inserts p and sets its ID; a name taken in the community
	// is domain.ErrDuplicate.
	CreatePlace(ctx context.Context, p *domain.Place) error
	// DeletePlace removes a place of the community, or is domain.ErrNotFound.
	DeletePlace(ctx context.Context, communityID, id int64) error
	// Places lists the community's places in name order.
	Places(ctx context.Context, communityID int64) ([]domain.Place, error)
}

// CommunityStore keeps communities.
type CommunityStore interface {
	// CreateCommunity inserts c and sets its ID and CreatedAt. A taken slug
	// is domain.ErrDuplicate.
	CreateCommunity(ctx context.Context, c *domain.Community) error
	CommunityBySlug(ctx context.Context, slug string) (domain.Community, error)
	CommunityByID(ctx context.Context, id int64) (domain.Community, error)
	// UpdateSettings stores the community's settings.
	UpdateSettings(ctx context.Context, communityID int64, s domain.Settings) error
	// ListCommunities returns communities ordered by name.
	ListCommunities(ctx context.Context, page domain.Page) ([]domain.Community, error)
}

// UserStore keeps accounts.
type UserStore interface {
	// CreateUser inserts u (with its PasswordHash) and sets its ID and
	// CreatedAt. A taken email is domain.ErrDuplicate.
	CreateUser(ctx context.Context, u *domain.User) error
	UserByID(ctx context.Context, id int64) (domain.User, error)
	// UserByEmail looks an account up by its normalized email.
	UserByEmail(ctx context.Context, email string) (domain.User, error)
	SetOperator(ctx context.Context, userID int64, operator bool) error
	// UserNames returns the names of the accounts with ids; unknown ids
	// are absent.
	UserNames(ctx context.Context, ids []int64) (map[int64]string, error)
	SetPasswordHash(ctx context.Context, userID int64, hash string) error
}

// MembershipStore keeps who belongs to which community with which role.
type MembershipStore interface {
	// PutMembership creates the membership or changes its role.
	PutMembership(ctx context.Context, communityID, userID int64, role domain.Role) error
	// Membership returns the user's membership in the community.
	Membership(ctx context.Context, communityID, userID int64) (domain.Membership, error)
	// MembershipsOfUser lists every community the user belongs to, with slugs.
	MembershipsOfUser(ctx context.Context, userID int64) ([]domain.Membership, error)
	// ListMembers lists a community's members ordered by name.
	ListMembers(ctx context.Context, communityID int64, page domain.Page) ([]domain.Member, error)
	// CountMembersWithRole counts the community's members holding role.
	CountMembersWithRole(ctx context.Context, communityID int64, role domain.Role) (int, error)
}

// SessionStore keeps login sessions and API tokens by the hash of their token.
type SessionStore interface {
	CreateSession(ctx context.Context, s domain.Session) error
	// SessionByHash returns the session whatever its expiry; the service
	// decides whether it still counts.
	SessionByHash(ctx context.Context, hash []byte) (domain.Session, error)
	DeleteSession(ctx context.Context, hash []byte) error
	// DeleteUserSessions logs a user out everywhere.
	DeleteUserSessions(ctx context.Context, userID int64) error
	// DeleteExpiredSessions removes sessions that expired before now and
	// returns how many.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
}

// ClientStore keeps clients: people helped without an account.
type ClientStore interface {
	// CreateClient inserts c and sets ID, CreatedAt and UpdatedAt.
	CreateClient(ctx context.Context, c *domain.Client) error
	// UpdateClient overwrites the client's fields (not its consent's
	// recorder or creation time) and sets UpdatedAt.
	UpdateClient(ctx context.Context, c *domain.Client) error
	ClientByID(ctx context.Context, communityID, id int64) (domain.Client, error)
	// FindClients matches q.Phone against the end of the stored digits
	// (domain.PhoneDigits) and q.Name case-insensitively anywhere in the
	// name; both given means both must match. Ordered by name, then id.
	FindClients(ctx context.Context, communityID int64, q domain.ClientQuery) ([]domain.Client, error)
}

// RequestStore keeps help requests and their history.
type RequestStore interface {
	// CreateRequest inserts r (with its s2 cell, see CellID) and sets ID,
	// CreatedAt and UpdatedAt.
	CreateRequest(ctx context.Context, r *domain.Request, cell int64) error
	RequestByID(ctx context.Context, communityID, id int64) (domain.Request, error)
	// TransitionRequest moves the request from status from to status to.
	// It returns domain.ErrNotFound for an unknown request and
	// domain.ErrStateChanged when the request is not in status from, so
	// of several concurrent attempts exactly one wins.
	TransitionRequest(ctx context.Context, communityID, id int64, from, to domain.RequestStatus) error
	// FindRequests lists requests matching f, newest first; with f.Cells,
	// only those whose cell lies in one of the ranges.
	FindRequests(ctx context.Context, communityID int64, f domain.RequestFilter) ([]domain.Request, error)
	// ExpireRequests marks every open request of every community whose
	// needed_by is before now as expired and returns them.
	ExpireRequests(ctx context.Context, now time.Time) ([]domain.Request, error)
	AddRequestEvent(ctx context.Context, e *domain.RequestEvent) error
	// RequestHistory lists a request's events, oldest first.
	RequestHistory(ctx context.Context, communityID, requestID int64) ([]domain.RequestEvent, error)
}

// VolunteerStore keeps volunteer profiles.
type VolunteerStore interface {
	// PutVolunteer creates or replaces the profile of v.UserID in
	// v.CommunityID, keeping Vetted*, Active and CreatedAt of an existing
	// profile. cell is the s2 cell of v.Home.
	PutVolunteer(ctx context.Context, v *domain.Volunteer, cell int64) error
	// Volunteer returns a profile with the person's name.
	Volunteer(ctx context.Context, communityID, userID int64) (domain.Volunteer, error)
	SetVetted(ctx context.Context, communityID, userID int64, vetted bool, by int64, at time.Time) error
	// AdjustActive adds delta to the volunteer's count of live
	// assignments.
	AdjustActive(ctx context.Context, communityID, userID int64, delta int) error
	// NearbyVolunteers returns at most q.Limit volunteers whose home cell
	// lies in q.Cells, who list q.Category among their skills, have
	// Active < MaxActive and, with q.RequireVetted, are vetted. Only the
	// fields matching needs are filled: not Name, vetting details or times.
	NearbyVolunteers(ctx context.Context, communityID int64, q domain.VolunteerQuery) ([]domain.Volunteer, error)
	// MaxVolunteerRadius is the largest radius_km of the community's
	// volunteers (0 without volunteers): how far a search must reach.
	MaxVolunteerRadius(ctx context.Context, communityID int64) (float64, error)
	// VolunteerStats returns, per volunteer, assignments created since
	// since, completed ones and declined or withdrawn ones.
	VolunteerStats(ctx context.Context, communityID int64, userIDs []int64, since time.Time) (map[int64]domain.VolunteerStats, error)
}

// AssignmentStore keeps assignments of volunteers to requests and the
// contributions completed ones record.
type AssignmentStore interface {
	// CreateAssignment inserts a and sets ID, CreatedAt and UpdatedAt. A
	// second live (proposed, offered or accepted) assignment of the same
	// volunteer to the same request is domain.ErrDuplicate.
	CreateAssignment(ctx context.Context, a *domain.Assignment) error
	AssignmentByID(ctx context.Context, communityID, id int64) (domain.Assignment, error)
	// TransitionAssignment moves the assignment from status from to to,
	// storing hours and completedAt when to is completed.
	// domain.ErrStateChanged when it is not in status from.
	TransitionAssignment(ctx context.Context, communityID, id int64, from, to domain.AssignmentStatus, hours float64, completedAt time.Time) error
	// AssignmentsOfRequest lists the request's assignments, oldest first.
	AssignmentsOfRequest(ctx context.Context, communityID, requestID int64) ([]domain.Assignment, error)
	// AssignmentsOfVolunteer lists a volunteer's assignments, newest first.
	AssignmentsOfVolunteer(ctx context.Context, communityID, userID int64, page domain.Page) ([]domain.Assignment, error)
	// DeclinedVolunteers lists volunteers who declined or withdrew from
	// the request.
	DeclinedVolunteers(ctx context.Context, communityID, requestID int64) ([]int64, error)
	CreateContribution(ctx context.Context, c *domain.Contribution) error
}

// MessageStore keeps the message threads of assignments.
type MessageStore interface {
	// CreateMessage inserts m and sets ID and CreatedAt.
	CreateMessage(ctx context.Context, m *domain.Message) error
	// ListMessages returns up to p.Limit messages of the assignment with
	// id < p.Before (all when 0), the newest of those, ordered oldest
	// first, with AuthorName filled.
	ListMessages(ctx context.Context, communityID, assignmentID int64, p domain.MessagePage) ([]domain.Message, error)
}

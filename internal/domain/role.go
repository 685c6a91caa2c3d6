package domain

import "time"

// Role is what a member may do in one community. A user has at most one role
// per community; the role → permission table in package auth says what each
// role allows.
type Role string

// The roles, from least to most trusted.
const (
	RoleMember      Role = "member"
	RoleVolunteer   Role = "volunteer"
	RoleCoordinator Role = "coordinator"
	RoleAdmin       Role = "admin"
)

// Roles lists every role from least to most trusted.
var Roles = []Role{RoleMember, RoleVolunteer, RoleCoordinator, RoleAdmin}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Permission names one thing a role may do in a community. The instance
// operator holds every permission in every community.
type Permission string

// Permissions. Later capabilities add theirs here and in auth's table.
const (
	PermViewCommunity Permission = "community.view"
	PermEditCommunity Permission = "community.edit"
	PermViewMembers   Permission = "members.view"
	PermGrantRoles    Permission = "members.grant"
	// PermAskHelp: make requests for oneself.
	PermAskHelp Permission = "requests.create"
	// PermVolunteer: keep a volunteer profile, offer help, see the feed.
	PermVolunteer Permission = "volunteer.profile"
	// PermCoordinate: see every request with its private details, make
	// requests for clients, see candidates, propose and approve volunteers.
	PermCoordinate Permission = "requests.coordinate"
	// PermManageClients: create, find and update clients.
	PermManageClients Permission = "clients.manage"
	// PermVet: mark volunteers as vetted.
	PermVet Permission = "volunteers.vet"
)

// Membership ties a user to a community with a role.
type Membership struct {
	CommunityID   int64     `json:"community_id"`
	CommunitySlug string    `json:"community"`
	UserID        int64     `json:"user_id"`
	Role          Role      `json:"role"`
	CreatedAt     time.Time `json:"created_at"`
}

// Member is a membership with the person's public account details, as a
// community's admins see it.
type Member struct {
	Membership
	Email string `json:"email"`
	Name  string `json:"name"`
}

// Grant is a request to give a role in a community to the account with Email.
type Grant struct {
	Email string
	Role  Role
}

// Validate checks a grant.
func (g Grant) Validate() error {
	var p Problems
	if !ValidEmail(g.Email) {
		p.Add("email", "format", "enter a valid email address")
	}
	if !g.Role.Valid() {
		p.Add("role", "unknown", "the role must be member, volunteer, coordinator or admin")
	}
	return p.Err()
}

// Page selects a window of a list. Limit is clamped by the service.
type Page struct {
	Limit  int
	Offset int
}

package auth

import "mutua/internal/domain"

// rolePermissions is the one table of what each role may do in its
// community. It is written out in full, not derived from a hierarchy, so a
// reviewer sees every grant at a glance.
var rolePermissions = map[domain.Role][]domain.Permission{
	domain.RoleMember: {
		domain.PermViewCommunity,
		domain.PermAskHelp,
		domain.PermVolunteer,
	},
	domain.RoleVolunteer: {
		domain.PermViewCommunity,
		domain.PermAskHelp,
		domain.PermVolunteer,
	},
	domain.RoleCoordinator: {
		domain.PermViewCommunity,
		domain.PermAskHelp,
		domain.PermVolunteer,
		domain.PermViewMembers,
		domain.PermGrantRoles,
		domain.PermCoordinate,
		domain.PermManageClients,
		domain.PermVet,
	},
	domain.RoleAdmin: {
		domain.PermViewCommunity,
		domain.PermAskHelp,
		domain.PermVolunteer,
		domain.PermEditCommunity,
		domain.PermViewMembers,
		domain.PermGrantRoles,
		domain.PermCoordinate,
		domain.PermManageClients,
		domain.PermVet,
	},
}

// grantableRoles says which roles a holder of PermGrantRoles may hand out:
// coordinators onboard volunteers, only admins make coordinators and admins.
var grantableRoles = map[domain.Role][]domain.Role{
	domain.RoleCoordinator: {domain.RoleMember, domain.RoleVolunteer},
	domain.RoleAdmin:       {domain.RoleMember, domain.RoleVolunteer, domain.RoleCoordinator, domain.RoleAdmin},
}

// Can reports whether a member with role may do perm.
func Can(role domain.Role, perm domain.Permission) bool {
	for _, p := range rolePermissions[role] {
		if p == perm {
			return true
		}
	}
	return false
}

// CanGrant reports whether a member with role may give (or take away) target.
func CanGrant(role, target domain.Role) bool {
	for _, r := range grantableRoles[role] {
		if r == target {
			return true
		}
	}
	return false
}

// PermissionsOf lists what role may do, for display (the "me" endpoint).
func PermissionsOf(role domain.Role) []domain.Permission {
	return append([]domain.Permission(nil), rolePermissions[role]...)
}

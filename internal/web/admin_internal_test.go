package web

import (
	"testing"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// TestAdminKeysBuiltAtRunTimeExist checks the keys the admin pages pick at
// run time, which the unused-key scan counts by their prefix only.
func TestAdminKeysBuiltAtRunTimeExist(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	var keys []string
	for name := range notices {
		keys = append(keys, "admin.notice."+name)
	}
	for _, r := range domain.Roles {
		keys = append(keys, "admin.invite.role."+string(r))
	}
	// Codes the admin area's use cases return.
	for _, code := range []string{"last_admin", "role_not_grantable", "user_not_found", "already_member", "invitation_not_found",
		"invitation_used", "invitation_expired", "wrong_password", "operator_only"} {
		keys = append(keys, "error."+code)
	}
	// Field errors of domain.Community.Validate, UpdateCommunity,
	// CreateCommunity, AddPlace, Invite and ChangePassword, under the
	// names the forms give them.
	for _, f := range []string{"community_name.length", "community_languages.length", "community_languages.format",
		"community_radius.range", "community_center.range", "categories.required", "categories.unknown",
		"vetting_categories.unknown", "timezone.unknown", "offer_mode.unknown", "slug.format", "slug.reserved", "slug.taken",
		"place_name.length", "place_name.taken", "place_point.range", "place_point.outside_area", "current_password.wrong",
		"new_password.too_short", "new_password.too_long", "email.member", "invite_role.unknown"} {
		keys = append(keys, "field."+f)
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("en lacks %q", k)
		}
	}
	for field, service := range map[string]string{"community_name": "name", "community_radius": "radius_km"} {
		if communityFields[service] != field {
			t.Errorf("the service's %q should be the form's %q", service, field)
		}
	}
}

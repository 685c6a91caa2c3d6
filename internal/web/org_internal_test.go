package web

import (
	"testing"

	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// TestOrgKeysBuiltAtRunTimeExist checks the keys the organisation pages
// pick at run time, which the unused-key scan counts by their prefix only.
func TestOrgKeysBuiltAtRunTimeExist(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Translator("en")
	var keys []string
	for _, ty := range domain.OrgTypes {
		keys = append(keys, "org.type."+ty)
	}
	for _, r := range []domain.OrgRole{domain.OrgAdmin, domain.OrgCoordinator} {
		keys = append(keys, "org.role."+string(r))
	}
	for name := range orgNotices {
		keys = append(keys, "org.notice."+name)
	}
	// Field errors of domain.Organisation.Validate, ProposeOrganisation
	// and AddOrganisationMemberByEmail, under the names the forms give them.
	for _, f := range []string{"name.length", "name.taken", "type.unknown", "sector.length", "description.length",
		"website.format", "contact.length", "email.format", "email.not_a_member", "role.unknown"} {
		keys = append(keys, "org.field."+f)
	}
	for _, code := range []string{"not_a_member", "not_organisation_admin", "organisation_not_found", "wrong_status"} {
		keys = append(keys, "org.error."+code)
	}
	for _, k := range keys {
		if !en.Has(k) {
			t.Errorf("en lacks %q", k)
		}
	}
	for field := range orgFieldLimits {
		if !en.Has("org.field." + field) {
			t.Errorf("en lacks the limited message %q", field)
		}
	}
}

func TestOrgWebsiteIsCompleted(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"  ":                      "",
		"www.example.org":         "https://www.example.org",
		" example.org/a?b=c ":     "https://example.org/a?b=c",
		"http://example.org":      "http://example.org",
		"https://example.org":     "https://example.org",
		"javascript:alert(1)":     "javascript:alert(1)",
		"mailto:info@example.org": "mailto:info@example.org",
	} {
		if got := orgWebsite(in); got != want {
			t.Errorf("orgWebsite(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOrgShortDescription(t *testing.T) {
	pg := &orgListPage{}
	if got := pg.Short("Short and sweet."); got != "Short and sweet." {
		t.Errorf("a short description changed: %q", got)
	}
	long := ""
	for len([]rune(long)) < 400 {
		long += "žlica in vilica "
	}
	got := pg.Short(long)
	if n := len([]rune(got)); n > orgShortLen+1 || n < orgShortLen/2 {
		t.Errorf("the short description has %d characters", n)
	}
	if got[len(got)-len("…"):] != "…" || got[len(got)-len(" …"):len(got)-len("…")] == " " {
		t.Errorf("the short description does not end with a word and …: %q", got)
	}
}

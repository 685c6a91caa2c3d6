package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mutua/internal/demo"
	"mutua/internal/domain"
	"mutua/internal/i18n"
)

// The admin area in a real browser: a community admin changes the
// settings, adds a place, changes roles and invites a coordinator, who
// joins through the link in a browser of their own; the account page
// changes language and password and logs out everywhere; the operator
// opens a community. Texts come from the catalogues, in whatever language
// each page is in.

// adminLogIn logs in from the login page and returns the translator of the
// page it leads to, which is in the person's own language.
func adminLogIn(t *testing.T, ctx context.Context, cat *i18n.Catalog, base, email, password string) *i18n.Translator {
	t.Helper()
	navigate(t, ctx, base+"/login")
	tr := pageTranslator(t, ctx, cat)
	fill(t, ctx, tr.T("form.email.label"), email)
	fill(t, ctx, tr.T("form.password.label"), password)
	if status := submit(t, ctx, button(tr.T("login.submit"))); status != http.StatusOK {
		t.Fatalf("log in as %s: %d\n%s", email, status, pageText(ctx))
	}
	return pageTranslator(t, ctx, cat)
}

// adminHidden reports whether the element sel selects is not shown.
func adminHidden(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	return read(t, ctx, "look at "+sel, chromedp.Evaluate[bool](`(s => {
		const e = document.querySelector(s);
		return e === null || e.offsetParent === null;
	})(`+jsString(sel)+`)`))
}

func TestBrowserAdmin(t *testing.T) {
	ctx := newBrowser(t)
	base := startDemo(t)
	cat := catalog(t)
	admin := demoWithRole(t, domain.RoleAdmin)
	tr := adminLogIn(t, ctx, cat, base, admin.Email, demo.Password)
	adminSettingsSteps(t, ctx, base, tr, "admin-settings")
	adminPlaceSteps(t, ctx, base, tr, "Vrbje", true)
	adminRoleSteps(t, ctx, base, tr, admin)
	link := adminInviteSteps(t, ctx, base, tr, "petra.novak@example.org", true)

	// Someone else, in a browser of their own, joins through the link.
	other := newBrowser(t)
	adminJoinByInvitation(t, other, cat, link, "Petra Novak")

	// The admin's account: Dutch, a new password, a session elsewhere that
	// ends when the admin logs out everywhere.
	newPassword := adminAccountSteps(t, ctx, base, cat)
	adminLogIn(t, other, cat, base, admin.Email, newPassword)
	nl := cat.Translator("nl")
	navigate(t, ctx, base+"/account")
	if status := submit(t, ctx, button(nl.T("admin.account.everywhere.submit"))); status != http.StatusOK {
		t.Fatalf("log out everywhere: %d", status)
	}
	if got := location(t, ctx); got != "/" {
		t.Errorf("after logging out everywhere the browser is on %s", got)
	}
	waitText(t, ctx, nl.T("nav.login"))
	navigate(t, other, base+"/account")
	if got := location(t, other); !strings.HasPrefix(got, "/login") {
		t.Errorf("the other browser's session survived logging out everywhere: it is on %s", got)
	}

	adminOperatorSteps(t, ctx, base, cat)
}

func TestBrowserAdminWithoutJavaScript(t *testing.T) {
	ctx := newBrowser(t, withoutJavaScript)
	base := startDemo(t)
	cat := catalog(t)
	admin := demoWithRole(t, domain.RoleAdmin)
	tr := adminLogIn(t, ctx, cat, base, admin.Email, demo.Password)
	adminSettingsSteps(t, ctx, base, tr, "")
	adminPlaceSteps(t, ctx, base, tr, "Arja vas", false)
	link := adminInviteSteps(t, ctx, base, tr, "marko.vidmar@example.org", false)
	if !strings.Contains(link, "/invite/") {
		t.Errorf("the invitation link is %q", link)
	}
}

// adminSettingsSteps: a mistake comes back next to its field with the input
// kept, and the corrected form is saved.
func adminSettingsSteps(t *testing.T, ctx context.Context, base string, tr *i18n.Translator, shot string) {
	t.Helper()
	navigate(t, ctx, base+"/c/"+demo.Slug+"/admin/settings")
	waitText(t, ctx, tr.T("admin.settings.title"))
	checkPage(t, ctx, shot)

	nameLabel, radiusLabel := tr.T("admin.settings.name.label"), tr.T("admin.settings.radius.label")
	fill(t, ctx, nameLabel, "")
	fill(t, ctx, radiusLabel, "-3")
	if status := submit(t, ctx, button(tr.T("admin.settings.submit"))); status != http.StatusUnprocessableEntity {
		t.Errorf("settings with mistakes answer %d, want 422", status)
	}
	waitText(t, ctx, tr.T("form.summary.title"))
	expectFieldError(t, ctx, nameLabel, tr.T("field.community_name.length", "Count", domain.MaxNameLen))
	expectFieldError(t, ctx, radiusLabel, tr.T("field.community_radius.range", "Count", domain.MaxRadiusKM))
	if got := fieldValue(t, ctx, radiusLabel); got != "-3" {
		t.Errorf("after the errors the radius holds %q", got)
	}
	if shot != "" {
		checkPage(t, ctx, shot+"-errors")
	}

	fill(t, ctx, nameLabel, "Žalec pomaga")
	fill(t, ctx, radiusLabel, "12,5")
	if status := submit(t, ctx, button(tr.T("admin.settings.submit"))); status != http.StatusOK {
		t.Fatalf("save the settings: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("admin.notice.settings"))
	if got := fieldValue(t, ctx, radiusLabel); got != "12.5" {
		t.Errorf("the saved radius reads %q", got)
	}
	checkPage(t, ctx, "")
}

// adminPlaceSteps adds a named place: with JavaScript by clicking the map,
// without by typing its coordinates.
func adminPlaceSteps(t *testing.T, ctx context.Context, base string, tr *i18n.Translator, name string, scripts bool) {
	t.Helper()
	navigate(t, ctx, base+"/c/"+demo.Slug+"/admin/places")
	waitText(t, ctx, tr.T("admin.places.title"))
	lat, lon := tr.T("location.lat.label"), tr.T("location.lon.label")
	fill(t, ctx, tr.T("admin.places.name.label"), name)
	if scripts {
		if adminHidden(t, ctx, "[data-point-map]") {
			t.Fatal("the map does not show with JavaScript on")
		}
		// The middle of the map is the community's centre.
		step(t, ctx, "click the map", chromedp.Click(chromedp.CSS("[data-point-map]")))
		if fieldValue(t, ctx, lat) == "" || fieldValue(t, ctx, lon) == "" {
			t.Fatal("clicking the map did not fill the coordinates")
		}
	} else {
		if !adminHidden(t, ctx, "[data-point-map]") {
			t.Error("the map shows without JavaScript")
		}
		fill(t, ctx, lat, "46,2486")
		fill(t, ctx, lon, "15.2136")
	}
	checkPage(t, ctx, adminShot(scripts, "admin-places"))
	if status := submit(t, ctx, button(tr.T("admin.places.add.submit"))); status != http.StatusOK {
		t.Fatalf("add the place: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("admin.notice.place_added"))
	waitText(t, ctx, name)
	checkPage(t, ctx, "")
}

// adminRoleSteps makes a member a volunteer, then tries to demote the
// community's only admin and is told why that cannot be.
func adminRoleSteps(t *testing.T, ctx context.Context, base string, tr *i18n.Translator, admin demo.Person) {
	t.Helper()
	member := demoWithRole(t, domain.RoleMember)
	navigate(t, ctx, base+"/c/"+demo.Slug+"/admin/members")
	waitText(t, ctx, member.Name)
	checkPage(t, ctx, "admin-members")

	chooseValue(t, ctx, tr.T("admin.members.role.label", "Name", member.Name), string(domain.RoleVolunteer))
	if status := submit(t, ctx, button(tr.T("admin.members.role.submit")+" "+member.Name)); status != http.StatusOK {
		t.Fatalf("change the role of %s: %d", member.Name, status)
	}
	waitText(t, ctx, tr.T("admin.notice.role"))
	if got := fieldValue(t, ctx, tr.T("admin.members.role.label", "Name", member.Name)); got != string(domain.RoleVolunteer) {
		t.Errorf("%s's role reads %q after the change", member.Name, got)
	}

	label := tr.T("admin.members.role.label", "Name", admin.Name)
	chooseValue(t, ctx, label, string(domain.RoleMember))
	if status := submit(t, ctx, button(tr.T("admin.members.role.submit")+" "+admin.Name)); status != http.StatusConflict {
		t.Errorf("demoting the last admin answers %d, want 409", status)
	}
	waitText(t, ctx, tr.T("admin.members.role.failed"))
	expectFieldError(t, ctx, label, tr.T("error.last_admin"))
	checkPage(t, ctx, "admin-members-last-admin")
}

// adminInviteSteps invites someone as coordinator and returns the link the
// page shows to copy.
func adminInviteSteps(t *testing.T, ctx context.Context, base string, tr *i18n.Translator, email string, scripts bool) string {
	t.Helper()
	navigate(t, ctx, base+"/c/"+demo.Slug+"/admin/invitations")
	waitText(t, ctx, tr.T("admin.invitations.title"))
	emailLabel := tr.T("admin.invitations.email.label")
	fill(t, ctx, emailLabel, "not an address")
	if status := submit(t, ctx, button(tr.T("admin.invitations.submit"))); status != http.StatusUnprocessableEntity {
		t.Errorf("an invitation to a bad address answers %d, want 422", status)
	}
	expectFieldError(t, ctx, emailLabel, tr.T("field.email.format"))

	fill(t, ctx, emailLabel, email)
	chooseValue(t, ctx, tr.T("admin.invitations.role.label"), string(domain.RoleCoordinator))
	if status := submit(t, ctx, button(tr.T("admin.invitations.submit"))); status != http.StatusOK {
		t.Fatalf("invite %s: %d\n%s", email, status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("admin.invitations.link.heading"))
	waitText(t, ctx, email)
	if copyHidden := adminHidden(t, ctx, "[data-copy-tools]"); copyHidden == scripts {
		t.Errorf("the copy button hidden: %v, with JavaScript on: %v", copyHidden, scripts)
	}
	checkPage(t, ctx, adminShot(scripts, "admin-invitations"))
	link := read(t, ctx, "read the link", chromedp.Value(chromedp.ID("invite-link")))
	if !strings.HasPrefix(link, base+"/invite/") {
		t.Fatalf("the invitation link is %q", link)
	}
	return link
}

// adminJoinByInvitation opens an account through the link in a fresh browser
// and checks that it lands in the community as coordinator.
func adminJoinByInvitation(t *testing.T, ctx context.Context, cat *i18n.Catalog, invitation, name string) {
	t.Helper()
	if status := navigate(t, ctx, invitation); status != http.StatusOK {
		t.Fatalf("open the invitation: %d", status)
	}
	tr := pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("admin.invite.role.coordinator"))
	checkPage(t, ctx, "invite")
	fill(t, ctx, tr.T("form.name.label"), name)
	fill(t, ctx, tr.T("form.password.label"), "a long enough password")
	if status := submit(t, ctx, button(tr.T("admin.invite.register.submit"))); status != http.StatusOK {
		t.Fatalf("register through the invitation: %d\n%s", status, pageText(ctx))
	}
	if got := location(t, ctx); got != "/c/"+demo.Slug {
		t.Errorf("after registering the browser is on %s, want the community", got)
	}
	checkPage(t, ctx, "")
	tr = pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("nav.logged_in_as", "Name", name))
	submit(t, ctx, link(tr.T("admin.nav.account")))
	waitText(t, ctx, tr.T("admin.account.communities.role", "Role", tr.T("role.coordinator")))
	checkPage(t, ctx, "")
}

// adminAccountSteps turns the account Dutch, gets a wrong current
// password back as a field error, changes the password and returns it.
func adminAccountSteps(t *testing.T, ctx context.Context, base string, cat *i18n.Catalog) string {
	t.Helper()
	navigate(t, ctx, base+"/account")
	tr := pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("admin.account.title"))
	checkPage(t, ctx, "account")
	chooseValue(t, ctx, tr.T("form.language.label"), "nl")
	if status := submit(t, ctx, button(tr.T("admin.account.language.submit"))); status != http.StatusOK {
		t.Fatalf("save the language: %d", status)
	}
	if lang := htmlLang(t, ctx); lang != "nl" {
		t.Fatalf("after choosing Dutch the page is in %q", lang)
	}
	nl := cat.Translator("nl")
	waitText(t, ctx, nl.T("admin.notice.language"))

	current, next := nl.T("admin.account.password.current"), nl.T("admin.account.password.new")
	fill(t, ctx, current, "not my password")
	fill(t, ctx, next, "een heel nieuw wachtwoord")
	if status := submit(t, ctx, button(nl.T("admin.account.password.submit"))); status != http.StatusUnprocessableEntity {
		t.Errorf("a wrong current password answers %d, want 422", status)
	}
	expectFieldError(t, ctx, current, nl.T("field.current_password.wrong"))
	if got := fieldValue(t, ctx, next); got != "" {
		t.Errorf("the page echoes the new password: %q", got)
	}
	checkPage(t, ctx, "account-password-error")

	fill(t, ctx, current, demo.Password)
	fill(t, ctx, next, "een heel nieuw wachtwoord")
	if status := submit(t, ctx, button(nl.T("admin.account.password.submit"))); status != http.StatusOK {
		t.Fatalf("change the password: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, nl.T("admin.notice.password"))
	return "een heel nieuw wachtwoord"
}

// adminOperatorSteps: the operator opens a community, putting its centre on
// the map, and is shown how to give it its first admin.
func adminOperatorSteps(t *testing.T, ctx context.Context, base string, cat *i18n.Catalog) {
	t.Helper()
	op := demoWithRole(t, "")
	adminLogIn(t, ctx, cat, base, op.Email, demo.Password)
	navigate(t, ctx, base+"/operator")
	tr := pageTranslator(t, ctx, cat)
	waitText(t, ctx, tr.T("admin.operator.list.heading"))
	waitText(t, ctx, "/c/"+demo.Slug)
	checkPage(t, ctx, "operator")

	fill(t, ctx, tr.T("admin.settings.name.label"), "Celje pomaga")
	fill(t, ctx, tr.T("admin.operator.slug.label"), "celje")
	chooseValue(t, ctx, tr.T("admin.settings.default_language.label"), "sl")
	step(t, ctx, "tick English", chromedp.Click(chromedp.ID("f-community_languages-en")))
	step(t, ctx, "click the map", chromedp.Click(chromedp.CSS("[data-point-map]")))
	fill(t, ctx, tr.T("admin.settings.radius.label"), "8")
	if status := submit(t, ctx, button(tr.T("admin.operator.create.submit"))); status != http.StatusOK {
		t.Fatalf("open a community: %d\n%s", status, pageText(ctx))
	}
	waitText(t, ctx, tr.T("admin.operator.created.heading", "Name", "Celje pomaga"))
	checkPage(t, ctx, "operator-created")
	submit(t, ctx, link(tr.T("admin.operator.created.link")))
	if got := location(t, ctx); got != "/c/celje/admin/invitations" {
		t.Errorf("the first admin is invited from %s", got)
	}
	waitText(t, ctx, tr.T("admin.invitations.title"))
	checkPage(t, ctx, "")
}

// adminShot names a screenshot only when take is true.
func adminShot(take bool, name string) string {
	if take {
		return name
	}
	return ""
}

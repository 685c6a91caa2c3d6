// Package demo fills a fresh instance with the community "demo": a small
// town with people in every role, so that anyone can try mutua minutes after
// cloning it. The logins are documented in the README and printed at start.
package demo

import (
	"context"
	"fmt"
	"io"

	"mutua/internal/domain"
	"mutua/internal/service"
)

// Slug is the demo community's slug.
const Slug = "demo"

// Password is the password of every demo account. It is public on purpose:
// never run --demo on an instance with real people's data.
const Password = "demo-password"

// Person is one demo account.
type Person struct {
	Name  string
	Email string
	Role  domain.Role // "" for the instance operator
	About string
}

// People are the demo accounts, one or more per role.
var People = []Person{
	{"Irena Operator", "operator@example.org", "", "runs this mutua instance"},
	{"Mojca Kovač", "mojca.kovac@example.org", domain.RoleAdmin, "community admin at the municipality"},
	{"Tomaž Zupan", "tomaz.zupan@example.org", domain.RoleCoordinator, "helpdesk coordinator, takes phone calls"},
	{"Nina Horvat", "nina.horvat@example.org", domain.RoleVolunteer, "student, drives, speaks Slovenian and English"},
	{"Luka Novak", "luka.novak@example.org", domain.RoleVolunteer, "retired electrician, good with repairs"},
	{"Eva Krajnc", "eva.krajnc@example.org", domain.RoleVolunteer, "nurse, helps with pharmacy runs"},
	{"Marija Potočnik", "marija.potocnik@example.org", domain.RoleMember, "81, lives alone, asks for help with shopping"},
	{"Janez Kos", "janez.kos@example.org", domain.RoleMember, "new neighbour"},
}

// Community is the demo community: Žalec, a town in the Savinja valley.
var Community = domain.Community{
	Slug: Slug, Name: "Žalec pomaga – demo", Languages: []string{"sl", "en"},
	Center: domain.Point{Lat: 46.2514, Lng: 15.1650}, RadiusKM: 12,
}

// Settings of the demo community: Slovenian time, vetting for childcare,
// offers wait for a coordinator.
var Settings = domain.Settings{Timezone: "Europe/Ljubljana", VettingCategories: []string{"childcare"}, OfferMode: domain.OfferApproval}

// Seed creates the demo community and its people unless it exists already.
// It reports whether it created anything.
func Seed(ctx context.Context, svc *service.Service) (bool, error) {
	_, err := svc.Community(ctx, Slug)
	if err == nil {
		return false, nil
	}
	if domain.KindOf(err) != domain.KindNotFound {
		return false, err
	}
	op, err := svc.CreateOperator(ctx, People[0].Email, Password, People[0].Name)
	if err != nil {
		return false, fmt.Errorf("demo operator: %w", err)
	}
	opCtx := service.WithActor(ctx, op)
	if _, err := svc.CreateCommunity(opCtx, Community); err != nil {
		return false, fmt.Errorf("demo community: %w", err)
	}
	if _, err := svc.UpdateSettings(opCtx, Slug, Settings); err != nil {
		return false, fmt.Errorf("demo settings: %w", err)
	}
	if err := seedPlaces(opCtx, svc); err != nil {
		return false, fmt.Errorf("demo places: %w", err)
	}
	users := map[string]domain.User{}
	for _, p := range People[1:] {
		u, err := addPerson(ctx, opCtx, svc, p)
		if err != nil {
			return false, fmt.Errorf("demo person %s: %w", p.Email, err)
		}
		users[p.Email] = u
	}
	if err := seedExchange(ctx, svc, users); err != nil {
		return false, fmt.Errorf("demo requests: %w", err)
	}
	if err := seedShifts(ctx, svc, users); err != nil {
		return false, fmt.Errorf("demo shifts: %w", err)
	}
	if err := seedOffers(ctx, svc, users); err != nil {
		return false, fmt.Errorf("demo offers: %w", err)
	}
	if err := seedInitiatives(ctx, svc, users); err != nil {
		return false, fmt.Errorf("demo initiatives: %w", err)
	}
	return true, nil
}

func addPerson(ctx, opCtx context.Context, svc *service.Service, p Person) (domain.User, error) {
	u, err := svc.Register(ctx, domain.Registration{
		Community: Slug, Email: p.Email, Password: Password, Name: p.Name, Language: "sl",
	})
	if err != nil {
		return u, err
	}
	if p.Role == domain.RoleMember {
		return u, nil
	}
	_, _, err = svc.GrantRole(opCtx, Slug, domain.Grant{Email: p.Email, Role: p.Role})
	return u, err
}

// PrintLogins writes the demo logins as a table, for the console.
func PrintLogins(w io.Writer, baseURL string) {
	fmt.Fprintf(w, "\nDemo community %q is at %s/c/%s\n", Community.Name, baseURL, Slug)
	fmt.Fprintf(w, "Every demo account uses the password %q:\n\n", Password)
	for _, p := range People {
		role := string(p.Role)
		if role == "" {
			role = "operator"
		}
		fmt.Fprintf(w, "  %-12s %-30s %s — %s\n", role, p.Email, p.Name, p.About)
	}
	fmt.Fprintln(w)
}

package service_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// impactNow is the service's clock in the impact tests: 20 March 2026, so
// that February and March 2026 are the last two of the twelve months.
var impactNow = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)

// impactWorld is a community with a known history over February and March
// 2026 in three categories (groceries and transport requests, food shifts),
// and a second community whose figures must not leak into the first.
type impactWorld struct {
	svc                                 *service.Service
	st                                  *store.Store
	raw                                 *sql.DB
	town, elsewhere                     domain.Community
	operator, admin, coordinator, plain domain.User
	requesters, volunteers              []domain.User
}

func on(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, time.UTC)
}

// newImpactWorld builds the history. Rows whose creation time the store
// stamps itself (requests, volunteer profiles) are moved back in time with
// a plain UPDATE on a second connection to the same database.
func newImpactWorld(t *testing.T) *impactWorld {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	st, err := store.Open(ctx, dsn, store.Options{ReadConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	w := &impactWorld{st: st}
	if st.Dialect() == "postgres" {
		w.raw, err = sql.Open("pgx", dsn)
	} else {
		w.raw, err = sql.Open("sqlite", dsn+"?_pragma=busy_timeout(10000)")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.raw.Close() })
	now := impactNow
	w.svc = service.New(st, service.Options{Argon2: auth.FastArgon2, Now: func() time.Time { return now }})

	w.town = w.community(t, "town", "Town")
	w.elsewhere = w.community(t, "elsewhere", "Elsewhere")
	w.operator = w.user(t, "op")
	w.operator.IsOperator = true
	ok(t, st.SetOperator(ctx, w.operator.ID, true))
	w.admin = w.member(t, "admin", domain.RoleAdmin)
	w.coordinator = w.member(t, "coord", domain.RoleCoordinator)
	w.plain = w.member(t, "plain", domain.RoleMember)
	for i := 1; i <= 6; i++ {
		w.requesters = append(w.requesters, w.member(t, "r"+string(rune('0'+i)), domain.RoleMember))
		v := w.member(t, "v"+string(rune('0'+i)), domain.RoleVolunteer)
		prof := domain.Volunteer{UserID: v.ID, CommunityID: w.town.ID, Skills: []string{"groceries"}, Languages: []string{"en"},
			Home: w.town.Center, RadiusKM: 3, MaxActive: 2}
		ok(t, st.PutVolunteer(ctx, &prof, geo.CellID(w.town.Center)))
		joined := on(time.February, 10, 12, 0)
		if i == 6 {
			joined = on(time.March, 5, 12, 0)
		}
		w.backdate(t, "volunteers", "created_at", joined, "community_id = "+itoa(w.town.ID)+" AND user_id = "+itoa(v.ID))
		w.volunteers = append(w.volunteers, v)
	}
	w.history(t)
	return w
}

func (w *impactWorld) community(t *testing.T, slug, name string) domain.Community {
	t.Helper()
	c := domain.Community{Slug: slug, Name: name, Languages: []string{"en"}, Center: domain.Point{Lat: 46.25, Lng: 15.16},
		RadiusKM: 10, Categories: []string{"groceries", "transport"}, Settings: domain.Settings{Timezone: "Europe/Ljubljana"}}
	ok(t, w.st.CreateCommunity(context.Background(), &c))
	return c
}

func (w *impactWorld) user(t *testing.T, name string) domain.User {
	t.Helper()
	u := domain.User{Email: name + "@example.org", Name: name, Language: "en", PasswordHash: "x"}
	ok(t, w.st.CreateUser(context.Background(), &u))
	return u
}

func (w *impactWorld) member(t *testing.T, name string, role domain.Role) domain.User {
	t.Helper()
	u := w.user(t, name)
	ok(t, w.st.PutMembership(context.Background(), w.town.ID, u.ID, role))
	return u
}

func (w *impactWorld) backdate(t *testing.T, table, column string, to time.Time, where string) {
	t.Helper()
	var arg any = to.UTC().Format("2006-01-02 15:04:05.000000+00:00")
	q := "UPDATE " + table + " SET " + column + " = ? WHERE " + where
	if w.st.Dialect() == "postgres" {
		arg, q = to, "UPDATE "+table+" SET "+column+" = $1 WHERE "+where
	}
	res, err := w.raw.Exec(q, arg)
	ok(t, err)
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("backdate %s: %d rows", table, n)
	}
}

// request stores a request made at created in category with status,
// for requester (or client when requester is nil).
func (w *impactWorld) request(t *testing.T, c domain.Community, category string, created time.Time, status domain.RequestStatus, requester *domain.User, client *domain.Client) domain.Request {
	t.Helper()
	r := domain.Request{CommunityID: c.ID, Category: category, Title: "Help", NeededFrom: created.Add(24 * time.Hour),
		NeededBy: created.Add(26 * time.Hour), Urgency: "normal", Languages: []string{"en"}, Location: c.Center,
		Approx: geo.Approximate(c.Center), CreatedBy: w.admin.ID, Recurrence: domain.Recurrence{Kind: domain.RecurOnce}, Status: status}
	if requester != nil {
		r.RequesterID = &requester.ID
	}
	if client != nil {
		r.ClientID = &client.ID
	}
	ok(t, w.st.CreateRequest(context.Background(), &r, geo.CellID(r.Location)))
	w.backdate(t, "requests", "created_at", created, "id = "+itoa(r.ID))
	r.CreatedAt = created
	return r
}

func (w *impactWorld) event(t *testing.T, r domain.Request, kind string, status domain.RequestStatus, when time.Time) {
	t.Helper()
	e := domain.RequestEvent{CommunityID: r.CommunityID, RequestID: r.ID, Kind: kind, Status: string(status), At: when}
	ok(t, w.st.AddRequestEvent(context.Background(), &e))
}

// give records a completed assignment of r to giver and its hours.
func (w *impactWorld) give(t *testing.T, r domain.Request, giver domain.User, hours float64, when time.Time) {
	t.Helper()
	ctx := context.Background()
	a := domain.Assignment{CommunityID: r.CommunityID, RequestID: r.ID, VolunteerID: giver.ID, Status: domain.AssignCompleted, ProposedBy: w.admin.ID}
	ok(t, w.st.CreateAssignment(ctx, &a))
	ok(t, w.st.CreateContribution(ctx, &domain.Contribution{CommunityID: r.CommunityID, GiverID: giver.ID,
		ReceiverUserID: r.RequesterID, ReceiverClientID: r.ClientID, Hours: hours, RequestID: r.ID, AssignmentID: a.ID,
		Category: r.Category, At: when}))
}

func (w *impactWorld) client(t *testing.T, name string) domain.Client {
	t.Helper()
	cl := domain.Client{CommunityID: w.town.ID, Name: name, Location: w.town.Center, Languages: []string{"en"},
		Consent: domain.Consent{GivenAt: on(time.January, 5, 9, 0), Method: "phone", RecordedBy: w.admin.ID}}
	ok(t, w.st.CreateClient(context.Background(), &cl))
	return cl
}

type signup struct {
	who    domain.User
	team   int
	status domain.SignupStatus
}

func (w *impactWorld) shift(t *testing.T, opp domain.Opportunity, start time.Time, capacity int, signups ...signup) domain.Shift {
	t.Helper()
	ctx := context.Background()
	sh := domain.Shift{CommunityID: w.town.ID, OpportunityID: opp.ID, Start: start, End: start.Add(3 * time.Hour), Capacity: capacity}
	ok(t, w.st.CreateShift(ctx, &sh))
	for _, s := range signups {
		sg := domain.Signup{CommunityID: w.town.ID, ShiftID: sh.ID, UserID: s.who.ID, TeamSize: s.team, Status: s.status}
		ok(t, w.st.CreateSignup(ctx, &sg))
	}
	return sh
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

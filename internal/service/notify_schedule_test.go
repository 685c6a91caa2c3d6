package service_test

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mutua/internal/auth"
	"mutua/internal/domain"
	"mutua/internal/service"
	"mutua/internal/store"
	"mutua/internal/store/storetest"
)

// schedule is a community with staff, volunteers and people asking, a
// service on a clock the test moves, and the store to read the outbox.
// The clock starts at the real time, because rows such as requests take
// their creation time from the database.
type schedule struct {
	svc   *service.Service
	st    *store.Store
	now   *time.Time
	t0    time.Time
	as    map[string]context.Context
	wakes *atomic.Int32
}

var centre = domain.Point{Lat: 52.37, Lng: 4.9}

func newSchedule(t *testing.T) *schedule {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Second)
	s := &schedule{st: storetest.Open(t), now: &now, t0: now, wakes: new(atomic.Int32)}
	s.svc = service.New(s.st, service.Options{Argon2: auth.FastArgon2, Now: func() time.Time { return *s.now },
		MailHost: "town.example", Wake: func() { s.wakes.Add(1) }})
	ctx := context.Background()
	op, err := s.svc.CreateOperator(ctx, "op@example.org", pw, "Op")
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Community{Slug: "town", Name: "Town", Languages: []string{"nl"}, Center: centre, RadiusKM: 5}
	if _, err := s.svc.CreateCommunity(service.WithActor(ctx, op), c); err != nil {
		t.Fatal(err)
	}
	s.as = staff(t, s.svc, ctx, map[string]domain.Role{"coord": domain.RoleCoordinator, "adm": domain.RoleAdmin,
		"vol": domain.RoleVolunteer, "off": domain.RoleVolunteer, "quiet": domain.RoleVolunteer,
		"asker": domain.RoleMember})
	return s
}

// profile gives a volunteer a profile available all week.
func (s *schedule) profile(t *testing.T, who string, home domain.Point, km float64, skills ...string) {
	t.Helper()
	week := make([]domain.Slot, 0, 7)
	for _, d := range domain.Weekdays {
		week = append(week, domain.Slot{Day: d, From: "00:00", To: "24:00"})
	}
	_, err := s.svc.PutMyVolunteer(s.as[who], "town", domain.Volunteer{Skills: skills, Languages: []string{"nl"},
		Home: home, RadiusKM: km, Availability: week, MaxActive: 3})
	if err != nil {
		t.Fatal(err)
	}
}

// ask makes a request of the asker, needed from..by after the start.
func (s *schedule) ask(t *testing.T, title string, where domain.Point, from, by time.Duration) service.RequestView {
	t.Helper()
	r, err := s.svc.CreateRequest(s.as["asker"], "town", domain.Request{Category: "groceries", Title: title,
		Location: where, Address: "Street 1", NeededFrom: s.t0.Add(from), NeededBy: s.t0.Add(by)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// outbox lists one person's notifications of kind.
func (s *schedule) outbox(t *testing.T, who string, kind domain.NotificationKind) []domain.Notification {
	t.Helper()
	return outboxOf(t, s.st, s.as[who])[kind]
}

func (s *schedule) alert(t *testing.T) int {
	t.Helper()
	n, err := s.svc.AlertUnassigned(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestUnassignedRequestsAlertTheStaffOnce: a request nobody has taken
// alerts the coordinators and admins when its time comes (halfway to a
// deadline less than two days away, a day ahead of a later one), once;
// not a request someone offered to take, not one whose deadline passed,
// and nobody else.
func TestUnassignedRequestsAlertTheStaffOnce(t *testing.T) {
	s := newSchedule(t)
	s.profile(t, "vol", centre, 5, "groceries")
	soon := s.ask(t, "Medicine from the pharmacy", centre, time.Hour, 10*time.Hour)
	far := s.ask(t, "Shopping on Friday", centre, 70*time.Hour, 72*time.Hour)
	taken := s.ask(t, "Bread", centre, time.Hour, 10*time.Hour)
	if _, err := s.svc.Offer(s.as["vol"], "town", taken.ID); err != nil {
		t.Fatal(err)
	}

	*s.now = s.t0.Add(4 * time.Hour)
	if n := s.alert(t); n != 0 {
		t.Fatalf("%d alerts five hours before a deadline ten hours after the request", n)
	}
	*s.now = s.t0.Add(5*time.Hour + time.Minute)
	wakes := s.wakes.Load()
	if n := s.alert(t); n != 2 {
		t.Fatalf("%d alerts halfway to the deadline, want one each to the coordinator and the admin", n)
	}
	if s.wakes.Load() == wakes {
		t.Error("the dispatcher was not woken")
	}
	for _, who := range []string{"coord", "adm"} {
		got := s.outbox(t, who, domain.NotifyUnassigned)
		if len(got) != 1 {
			t.Fatalf("%s got %d alerts, want 1", who, len(got))
		}
		n := got[0]
		if n.SubjectID != soon.ID || n.Status != domain.NotificationPending || !n.DueAt.Equal(*s.now) ||
			n.Data["request_title"] != soon.Title || n.Data["needed_by_at"] != soon.NeededBy.UTC().Format(time.RFC3339) ||
			n.Data["path"] != "/c/town/desk/requests/"+strconv.FormatInt(soon.ID, 10) {
			t.Errorf("%s's alert: %+v", who, n)
		}
	}
	for _, who := range []string{"vol", "asker", "off"} {
		if got := s.outbox(t, who, domain.NotifyUnassigned); len(got) != 0 {
			t.Errorf("%s, neither coordinator nor admin, got %d alerts", who, len(got))
		}
	}
	if n := s.alert(t); n != 0 {
		t.Errorf("a second run queued %d alerts again", n)
	}

	*s.now = s.t0.Add(47 * time.Hour)
	if n := s.alert(t); n != 0 {
		t.Errorf("%d alerts more than a day before a deadline, or after one passed", n)
	}
	*s.now = s.t0.Add(48*time.Hour + time.Minute)
	if n := s.alert(t); n != 2 {
		t.Fatalf("%d alerts a day before the deadline, want 2", n)
	}
	for _, who := range []string{"coord", "adm"} {
		subjects := map[int64]int{}
		for _, n := range s.outbox(t, who, domain.NotifyUnassigned) {
			subjects[n.SubjectID]++
		}
		if len(subjects) != 2 || subjects[soon.ID] != 1 || subjects[far.ID] != 1 || subjects[taken.ID] != 0 {
			t.Errorf("%s's alerts by request: %v", who, subjects)
		}
	}
}

// TestUnassignedAlertsAreNotDoubledByConcurrentRuns: jobs of several
// replicas running at the same moment write each alert once.
func TestUnassignedAlertsAreNotDoubledByConcurrentRuns(t *testing.T) {
	s := newSchedule(t)
	var ids []int64
	for i := range 20 {
		ids = append(ids, s.ask(t, "Help "+strconv.Itoa(i), centre, time.Hour, 4*time.Hour).ID)
	}
	*s.now = s.t0.Add(3 * time.Hour)
	var total atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			n, err := s.svc.AlertUnassigned(context.Background())
			if err != nil {
				t.Error(err)
			}
			total.Add(int32(n))
		}()
	}
	close(start)
	wg.Wait()
	if got := total.Load(); got != 40 {
		t.Errorf("eight concurrent runs queued %d alerts, want 40 (20 requests × 2 staff)", got)
	}
	for _, who := range []string{"coord", "adm"} {
		per := map[int64]int{}
		for _, n := range s.outbox(t, who, domain.NotifyUnassigned) {
			per[n.SubjectID]++
		}
		for _, id := range ids {
			if per[id] != 1 {
				t.Errorf("%s got %d alerts about request %d", who, per[id], id)
			}
		}
	}
}

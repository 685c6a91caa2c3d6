package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/store"
)

// shiftCases cover organisations, opportunities, shifts, sign-ups and the
// hours closed shifts log.
var shiftCases = []testCase{
	{"organisations: propose, list, approve", testOrganisations},
	{"opportunities: find by place, category and window", testFindOpportunities},
	{"shifts: fill, waiting list and no-shows", testShiftFill},
	{"shifts: locked sign-ups never exceed capacity", testShiftLock},
	{"shifts: closing logs hours as contributions", testShiftHours},
	{"shifts: weekly rule shifts", testRuleShifts},
	{"shifts: isolation between communities", testShiftIsolation},
}

// shiftFixture is a community with an approved organisation, an
// opportunity and one shift starting tomorrow.
type shiftFixture struct {
	c     domain.Community
	owner domain.User
	org   domain.Organisation
	opp   domain.Opportunity
	shift domain.Shift
}

func newShiftFixture(t *testing.T, s *store.Store, slug string, capacity int) shiftFixture {
	t.Helper()
	ctx := testContext(t)
	f := shiftFixture{c: newCommunity(t, s, slug, slug)}
	f.owner = newUser(t, s, "owner@"+slug+".example", "Owner")
	f.org = domain.Organisation{CommunityID: f.c.ID, Name: "Food bank", Type: "ngo", Location: f.c.Center, ProposedBy: f.owner.ID}
	wantOK(t, s.CreateOrganisation(ctx, &f.org))
	wantOK(t, s.ApproveOrganisation(ctx, f.c.ID, f.org.ID, f.owner.ID))
	f.opp = domain.Opportunity{CommunityID: f.c.ID, OrganisationID: f.org.ID, Title: "Distribution", Category: "food",
		Skills: []string{"lifting"}, Location: f.c.Center, Languages: []string{"nl"}, CreatedBy: f.owner.ID}
	wantOK(t, s.CreateOpportunity(ctx, &f.opp, geo.CellID(f.opp.Location)))
	start := time.Now().UTC().Add(24 * time.Hour).Truncate(time.Second)
	f.shift = domain.Shift{CommunityID: f.c.ID, OpportunityID: f.opp.ID, Start: start, End: start.Add(2 * time.Hour), Capacity: capacity}
	wantOK(t, s.CreateShift(ctx, &f.shift))
	return f
}

func (f shiftFixture) signUp(t *testing.T, s *store.Store, u domain.User, team int, status domain.SignupStatus) domain.Signup {
	t.Helper()
	sg := domain.Signup{CommunityID: f.c.ID, ShiftID: f.shift.ID, UserID: u.ID, TeamSize: team, Status: status}
	wantOK(t, s.CreateSignup(testContext(t), &sg))
	return sg
}

func testOrganisations(t *testing.T, s *store.Store) {
	ctx := testContext(t)
	f := newShiftFixture(t, s, "orgs", 1)
	proposed := domain.Organisation{CommunityID: f.c.ID, Name: "Park friends", Type: "informal", Location: f.c.Center, ProposedBy: f.owner.ID}
	wantOK(t, s.CreateOrganisation(ctx, &proposed))
	if proposed.Status != domain.OrgProposed || proposed.ID == 0 {
		t.Fatalf("created %+v", proposed)
	}
	dup := domain.Organisation{CommunityID: f.c.ID, Name: "Food bank", Type: "ngo", Location: f.c.Center, ProposedBy: f.owner.ID}
	wantErr(t, s.CreateOrganisation(ctx, &dup), domain.ErrDuplicate)
	approved, err := s.ListOrganisations(ctx, f.c.ID, false, domain.Page{})
	wantOK(t, err)
	all, err := s.ListOrganisations(ctx, f.c.ID, true, domain.Page{})
	wantOK(t, err)
	if len(approved) != 1 || approved[0].Name != "Food bank" || len(all) != 2 || all[1].Name != "Park friends" {
		t.Fatalf("approved %v, all %v", approved, all)
	}
	got, err := s.OrganisationByID(ctx, f.c.ID, f.org.ID)
	wantOK(t, err)
	if got.Status != domain.OrgApproved || got.ApprovedBy == nil || *got.ApprovedBy != f.owner.ID {
		t.Fatalf("approved organisation %+v", got)
	}
	wantErr(t, s.ApproveOrganisation(ctx, f.c.ID, f.org.ID, f.owner.ID), domain.ErrStateChanged)
	wantErr(t, s.ApproveOrganisation(ctx, f.c.ID, 999999, f.owner.ID), domain.ErrNotFound)
	_, err = s.OrganisationRole(ctx, f.c.ID, f.org.ID, f.owner.ID)
	wantErr(t, err, domain.ErrNotFound)
	wantOK(t, s.PutOrganisationMember(ctx, f.c.ID, f.org.ID, f.owner.ID, domain.OrgCoordinator))
	wantOK(t, s.PutOrganisationMember(ctx, f.c.ID, f.org.ID, f.owner.ID, domain.OrgAdmin))
	if role, err := s.OrganisationRole(ctx, f.c.ID, f.org.ID, f.owner.ID); err != nil || role != domain.OrgAdmin {
		t.Fatalf("role %q, %v", role, err)
	}
}

func testFindOpportunities(t *testing.T, s *store.Store) {
	ctx := testContext(t)
	f := newShiftFixture(t, s, "find", 3)
	far := domain.Opportunity{CommunityID: f.c.ID, OrganisationID: f.org.ID, Title: "Far", Category: "garden",
		Location: offset(f.c.Center, 8, 0), CreatedBy: f.owner.ID}
	wantOK(t, s.CreateOpportunity(ctx, &far, geo.CellID(far.Location)))
	got, err := s.OpportunityByID(ctx, f.c.ID, f.opp.ID)
	wantOK(t, err)
	if got.Title != "Distribution" || len(got.Skills) != 1 || got.Languages[0] != "nl" || !got.Recurrence.Empty() {
		t.Fatalf("read back %+v", got)
	}
	find := func(flt domain.OpportunityFilter) []int64 {
		list, err := s.FindOpportunities(ctx, f.c.ID, flt)
		wantOK(t, err)
		return ids(list, func(o domain.Opportunity) int64 { return o.ID })
	}
	near := find(domain.OpportunityFilter{Cells: geo.Covering(f.c.Center, 1)})
	byCategory := find(domain.OpportunityFilter{Category: "garden"})
	inWindow := find(domain.OpportunityFilter{From: f.shift.Start, To: f.shift.Start.Add(time.Minute)})
	beforeShift := find(domain.OpportunityFilter{To: f.shift.Start})
	if len(near) != 1 || near[0] != f.opp.ID || len(byCategory) != 1 || byCategory[0] != far.ID ||
		len(inWindow) != 1 || inWindow[0] != f.opp.ID || len(beforeShift) != 0 {
		t.Fatalf("near %v, garden %v, window %v, before %v", near, byCategory, inWindow, beforeShift)
	}
	if all := find(domain.OpportunityFilter{}); len(all) != 2 || all[0] != far.ID {
		t.Fatalf("all, newest first: %v", all)
	}
}

func testShiftFill(t *testing.T, s *store.Store) {
	ctx := testContext(t)
	f := newShiftFixture(t, s, "fill", 5)
	a, b, c := newUser(t, s, "a@fill.example", "A"), newUser(t, s, "b@fill.example", "B"), newUser(t, s, "c@fill.example", "C")
	sa := f.signUp(t, s, a, 3, domain.SignupConfirmed)
	f.signUp(t, s, b, 1, domain.SignupConfirmed)
	f.signUp(t, s, c, 2, domain.SignupWaitlisted)
	dup := domain.Signup{CommunityID: f.c.ID, ShiftID: f.shift.ID, UserID: a.ID, TeamSize: 1, Status: domain.SignupWaitlisted}
	wantErr(t, s.CreateSignup(ctx, &dup), domain.ErrDuplicate)
	sh, err := s.ShiftByID(ctx, f.c.ID, f.shift.ID)
	wantOK(t, err)
	if sh.Confirmed != 4 || sh.Waiting != 1 || sh.Free != 1 || sh.Status != domain.ShiftOpen || !sh.Start.Equal(f.shift.Start) {
		t.Fatalf("fill %+v", sh)
	}
	wantOK(t, s.SetSignupStatus(ctx, f.c.ID, sa.ID, domain.SignupConfirmed, domain.SignupCancelled))
	wantErr(t, s.SetSignupStatus(ctx, f.c.ID, sa.ID, domain.SignupConfirmed, domain.SignupCancelled), domain.ErrStateChanged)
	// Cancelled, a can sign up again.
	again := f.signUp(t, s, a, 1, domain.SignupWaitlisted)
	list, err := s.SignupsOfShift(ctx, f.c.ID, f.shift.ID)
	wantOK(t, err)
	if len(list) != 3 || list[2].ID != again.ID {
		t.Fatalf("live sign-ups %+v", list)
	}
	if live, err := s.LiveSignup(ctx, f.c.ID, f.shift.ID, a.ID); err != nil || live.ID != again.ID {
		t.Fatalf("live sign-up of a: %+v, %v", live, err)
	}
	if n, err := s.MarkNoShows(ctx, f.c.ID, f.shift.ID); err != nil || n != 1 {
		t.Fatalf("no-shows %d, %v", n, err)
	}
	e := domain.ShiftEvent{ShiftID: f.shift.ID, UserID: c.ID, Kind: domain.EventPromoted}
	wantOK(t, s.AddShiftEvent(ctx, f.c.ID, &e))
	events, err := s.ShiftEvents(ctx, f.c.ID, f.shift.ID)
	wantOK(t, err)
	if len(events) != 1 || events[0].UserID != c.ID {
		t.Fatalf("events %+v", events)
	}
	wantRecent(t, "event", events[0].At)
}

// testShiftLock holds the place count open for a moment in each of many
// concurrent transactions: only the lock keeps them from all seeing the
// same free places.
func testShiftLock(t *testing.T, s *store.Store) {
	f := newShiftFixture(t, s, "lock", 3)
	const n = 12
	users := make([]domain.User, n)
	for i := range users {
		users[i] = newUser(t, s, "u"+string(rune('a'+i))+"@lock.example", "U")
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = s.InTx(testContext(t), func(ctx context.Context) error {
				sh, err := s.LockShift(ctx, f.c.ID, f.shift.ID)
				if err != nil {
					return err
				}
				time.Sleep(5 * time.Millisecond)
				status := domain.SignupWaitlisted
				if sh.Free > 0 {
					status = domain.SignupConfirmed
				}
				sg := domain.Signup{CommunityID: f.c.ID, ShiftID: f.shift.ID, UserID: users[i].ID, TeamSize: 1, Status: status}
				return s.CreateSignup(ctx, &sg)
			})
		})
	}
	wg.Wait()
	for _, err := range errs {
		wantOK(t, err)
	}
	sh, err := s.ShiftByID(testContext(t), f.c.ID, f.shift.ID)
	wantOK(t, err)
	if sh.Confirmed != 3 || sh.Waiting != n-3 {
		t.Fatalf("after %d locked sign-ups for 3 places: %+v", n, sh)
	}
	_, err = s.LockShift(testContext(t), f.c.ID, 999999)
	wantErr(t, err, domain.ErrNotFound)
}

func testShiftHours(t *testing.T, s *store.Store) {
	ctx := testContext(t)
	f := newShiftFixture(t, s, "hours", 10)
	a, b := newUser(t, s, "a@hours.example", "A"), newUser(t, s, "b@hours.example", "B")
	sa := f.signUp(t, s, a, 1, domain.SignupConfirmed)
	sb := f.signUp(t, s, b, 4, domain.SignupConfirmed)
	wantOK(t, s.SetSignupStatus(ctx, f.c.ID, sa.ID, domain.SignupConfirmed, domain.SignupCheckedIn))
	wantOK(t, s.SetSignupStatus(ctx, f.c.ID, sb.ID, domain.SignupConfirmed, domain.SignupCheckedIn))
	wantOK(t, s.CloseShift(ctx, f.c.ID, f.shift.ID))
	wantErr(t, s.CloseShift(ctx, f.c.ID, f.shift.ID), domain.ErrStateChanged)
	at := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)
	n, err := s.LogShiftHours(ctx, f.c.ID, f.shift.ID, 2.5, "food", at)
	wantOK(t, err)
	hours, err := s.ShiftContributions(ctx, f.c.ID, f.shift.ID)
	wantOK(t, err)
	if n != 2 || hours[a.ID] != 2.5 || hours[b.ID] != 10 {
		t.Fatalf("logged %d: %v", n, hours)
	}
	_, err = s.LogShiftHours(ctx, f.c.ID, f.shift.ID, 2.5, "food", at)
	wantErr(t, err, domain.ErrDuplicate)
	// The impact figures count shift hours with the rest.
	impact, err := s.ImpactCounts(ctx, f.c.ID, at.Add(-time.Hour))
	wantOK(t, err)
	if impact.Hours != 12.5 || impact.Volunteers != 2 || impact.RequestsDone != 0 {
		t.Fatalf("impact %+v", impact)
	}
	sh, err := s.ShiftByID(ctx, f.c.ID, f.shift.ID)
	wantOK(t, err)
	if sh.Status != domain.ShiftClosed || sh.Confirmed != 5 {
		t.Fatalf("closed shift %+v", sh)
	}
}

func testRuleShifts(t *testing.T, s *store.Store) {
	ctx := testContext(t)
	f := newShiftFixture(t, s, "rule", 2)
	rule := domain.ShiftRule{Days: []string{"sat"}, Start: "09:00", End: "12:00", Capacity: 4, Until: "2099-01-01"}
	wantOK(t, s.SetRecurrence(ctx, f.c.ID, f.opp.ID, rule))
	week := f.shift.Start.Add(7 * 24 * time.Hour)
	gen := []domain.Shift{
		{Start: week, End: week.Add(time.Hour), Capacity: 4},
		{Start: week.Add(7 * 24 * time.Hour), End: week.Add(7*24*time.Hour + time.Hour), Capacity: 4},
	}
	added, err := s.AddRuleShifts(ctx, f.c.ID, f.opp.ID, gen)
	wantOK(t, err)
	again, err := s.AddRuleShifts(ctx, f.c.ID, f.opp.ID, gen)
	wantOK(t, err)
	if added != 2 || again != 0 {
		t.Fatalf("added %d, then %d", added, again)
	}
	recurring, err := s.RecurringOpportunities(ctx)
	wantOK(t, err)
	if len(recurring) != 1 || recurring[0].ID != f.opp.ID || recurring[0].Recurrence.Capacity != 4 {
		t.Fatalf("recurring %+v", recurring)
	}
	shifts, err := s.ShiftsOfOpportunity(ctx, f.c.ID, f.opp.ID)
	wantOK(t, err)
	if len(shifts) != 3 || shifts[0].FromRule || !shifts[1].FromRule {
		t.Fatalf("shifts %+v", shifts)
	}
	// A sign-up keeps the first generated shift when the rule changes;
	// the hand-made shift is never touched.
	u := newUser(t, s, "u@rule.example", "U")
	sg := domain.Signup{CommunityID: f.c.ID, ShiftID: shifts[1].ID, UserID: u.ID, TeamSize: 1, Status: domain.SignupConfirmed}
	wantOK(t, s.CreateSignup(ctx, &sg))
	deleted, err := s.DeleteRuleShiftsAfter(ctx, f.c.ID, f.opp.ID, time.Now())
	wantOK(t, err)
	left, err := s.ShiftsOfOpportunity(ctx, f.c.ID, f.opp.ID)
	wantOK(t, err)
	if deleted != 1 || len(left) != 2 || left[1].ID != shifts[1].ID {
		t.Fatalf("deleted %d, left %+v", deleted, left)
	}
	wantOK(t, s.SetRecurrence(ctx, f.c.ID, f.opp.ID, domain.ShiftRule{}))
	if recurring, err = s.RecurringOpportunities(ctx); err != nil || len(recurring) != 0 {
		t.Fatalf("recurring after stopping: %+v, %v", recurring, err)
	}
}

func testShiftIsolation(t *testing.T, s *store.Store) {
	ctx := testContext(t)
	a := newShiftFixture(t, s, "iso-a", 2)
	b := newShiftFixture(t, s, "iso-b", 2)
	_, err := s.OrganisationByID(ctx, b.c.ID, a.org.ID)
	wantErr(t, err, domain.ErrNotFound)
	_, err = s.OpportunityByID(ctx, b.c.ID, a.opp.ID)
	wantErr(t, err, domain.ErrNotFound)
	_, err = s.ShiftByID(ctx, b.c.ID, a.shift.ID)
	wantErr(t, err, domain.ErrNotFound)
	wantErr(t, s.ApproveOrganisation(ctx, b.c.ID, a.org.ID, b.owner.ID), domain.ErrNotFound)
	wantErr(t, s.CloseShift(ctx, b.c.ID, a.shift.ID), domain.ErrNotFound)
	wantErr(t, s.SetRecurrence(ctx, b.c.ID, a.opp.ID, domain.ShiftRule{}), domain.ErrNotFound)
	// Rows of b cannot point at a's organisation or shift.
	o := domain.Opportunity{CommunityID: b.c.ID, OrganisationID: a.org.ID, Title: "X", Category: "x", Location: b.c.Center, CreatedBy: b.owner.ID}
	wantErr(t, s.CreateOpportunity(ctx, &o, 0), domain.ErrReferenced)
	sg := domain.Signup{CommunityID: b.c.ID, ShiftID: a.shift.ID, UserID: b.owner.ID, TeamSize: 1, Status: domain.SignupConfirmed}
	wantErr(t, s.CreateSignup(ctx, &sg), domain.ErrReferenced)
	a.signUp(t, s, a.owner, 1, domain.SignupConfirmed)
	if list, err := s.SignupsOfShift(ctx, b.c.ID, a.shift.ID); err != nil || len(list) != 0 {
		t.Fatalf("a's sign-ups seen from b: %v, %v", list, err)
	}
	if list, err := s.FindOpportunities(ctx, b.c.ID, domain.OpportunityFilter{Cells: geo.Covering(a.c.Center, 5)}); err != nil || len(list) != 1 || list[0].ID != b.opp.ID {
		t.Fatalf("b's opportunities near a's place: %v, %v", list, err)
	}
	if list, err := s.OrganisationShifts(ctx, b.c.ID, a.org.ID, time.Now(), time.Now().Add(48*time.Hour)); err != nil || len(list) != 0 {
		t.Fatalf("a's shifts seen from b: %v, %v", list, err)
	}
	if n, err := s.LogShiftHours(ctx, b.c.ID, a.shift.ID, 1, "food", time.Now()); err != nil || n != 0 {
		t.Fatalf("logging a's shift from b: %d, %v", n, err)
	}
}

package store_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store/storetest"
)

// TestCommunityOutbox: a community's figures and failures count only its
// own rows, only dead ones as failures and only due ones as waiting; a
// message is sent again only when it is dead and the community's.
func TestCommunityOutbox(t *testing.T) {
	s := storetest.Open(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	var a, b domain.Community
	for i, c := range []*domain.Community{&a, &b} {
		*c = domain.Community{Slug: "c" + strconv.Itoa(i), Name: "C", Languages: []string{"en"}, Center: domain.Point{Lat: 46, Lng: 14}, RadiusKM: 5}
		if err := s.CreateCommunity(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	u := domain.User{Email: "ana@example.org", Name: "Ana", PasswordHash: "x"}
	if err := s.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	n := 0
	queue := func(c domain.Community, due time.Time, status domain.NotificationStatus) int64 {
		t.Helper()
		n++
		x := domain.Notification{CommunityID: c.ID, UserID: u.ID, Kind: domain.NotifyMessage, MessageID: "m" + strconv.Itoa(n) + "@test", DueAt: due}
		if err := s.EnqueueNotification(ctx, &x); err != nil {
			t.Fatal(err)
		}
		if status != domain.NotificationPending {
			if err := s.EndNotification(ctx, x.ID, status, "550 gone"); err != nil {
				t.Fatal(err)
			}
		}
		return x.ID
	}
	waiting := queue(a, now.Add(-time.Hour), domain.NotificationPending)
	queue(a, now.Add(-time.Minute), domain.NotificationPending)
	queue(a, now.Add(time.Hour), domain.NotificationPending) // a reminder, not due
	queue(a, now, domain.NotificationSkipped)
	deadA := queue(a, now, domain.NotificationDead)
	deadB := queue(b, now, domain.NotificationDead)
	queue(b, now.Add(-2*time.Hour), domain.NotificationPending)

	st, err := s.CommunityOutboxStats(ctx, a.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pending != 2 || !st.OldestPending.Equal(now.Add(-time.Hour)) || st.Dead != 1 {
		t.Errorf("figures of a: %+v", st)
	}
	list, err := s.DeadNotifications(ctx, a.ID, domain.Page{})
	if err != nil || len(list) != 1 || list[0].ID != deadA || list[0].RecipientEmail != "ana@example.org" || list[0].LastError != "550 gone" {
		t.Fatalf("failures of a: %+v, %v", list, err)
	}
	for what, id := range map[string]int64{"b's": deadB, "a pending one": waiting, "none": 9999} {
		if err := s.RequeueDeadNotification(ctx, a.ID, id, now); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("requeue %s through a: %v", what, err)
		}
	}
	if err := s.RequeueDeadNotification(ctx, a.ID, deadA, now); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.ClaimNotifications(ctx, now, now.Add(time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range claimed {
		if c.ID == deadA {
			found = c.Attempts == 1 && c.Status == domain.NotificationPending
		}
	}
	if !found {
		t.Errorf("the requeued message was not claimed afresh: %+v", claimed)
	}
	if st, _ := s.CommunityOutboxStats(ctx, b.ID, now); st.Dead != 1 || st.Pending != 1 {
		t.Errorf("figures of b: %+v", st)
	}
}

package storetest

import (
	"bytes"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var calendarTokenCases = []testCase{
	{"put, find by hash, rotate, revoke", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "zalec", "Žalec")
		u := newUser(t, s, "ana@example.org", "Ana")
		at := time.Date(2026, 11, 23, 3, 4, 5, 0, time.UTC)
		first := domain.CalendarToken{CommunityID: c.ID, UserID: u.ID, TokenHash: tokenHash("first"), CreatedAt: at}
		wantOK(t, s.PutCalendarToken(testContext(t), first))
		got, err := s.CalendarTokenByHash(testContext(t), tokenHash("first"))
		wantOK(t, err)
		if got.CommunityID != c.ID || got.UserID != u.ID || !bytes.Equal(got.TokenHash, tokenHash("first")) ||
			!got.CreatedAt.Equal(at) || got.CreatedAt.Location() != time.UTC {
			t.Fatalf("read back %+v, want %+v", got, first)
		}

		// Rotating replaces the token: the old one stops working.
		second := first
		second.TokenHash, second.CreatedAt = tokenHash("second"), at.Add(time.Hour)
		wantOK(t, s.PutCalendarToken(testContext(t), second))
		_, err = s.CalendarTokenByHash(testContext(t), tokenHash("first"))
		wantErr(t, err, domain.ErrNotFound)
		got, err = s.CalendarTokenByHash(testContext(t), tokenHash("second"))
		wantOK(t, err)
		if !got.CreatedAt.Equal(at.Add(time.Hour)) {
			t.Errorf("rotated token created at %v, want %v", got.CreatedAt, at.Add(time.Hour))
		}

		wantOK(t, s.DeleteCalendarToken(testContext(t), c.ID, u.ID))
		_, err = s.CalendarTokenByHash(testContext(t), tokenHash("second"))
		wantErr(t, err, domain.ErrNotFound)
		// Revoking again is no error.
		wantOK(t, s.DeleteCalendarToken(testContext(t), c.ID, u.ID))
	}},
	{"one token per member and community", func(t *testing.T, s *store.Store) {
		a := newCommunity(t, s, "a", "A")
		b := newCommunity(t, s, "b", "B")
		u := newUser(t, s, "ana@example.org", "Ana")
		v := newUser(t, s, "bo@example.org", "Bo")
		now := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
		for _, tok := range []domain.CalendarToken{
			{CommunityID: a.ID, UserID: u.ID, TokenHash: tokenHash("ua"), CreatedAt: now},
			{CommunityID: b.ID, UserID: u.ID, TokenHash: tokenHash("ub"), CreatedAt: now},
			{CommunityID: a.ID, UserID: v.ID, TokenHash: tokenHash("va"), CreatedAt: now},
		} {
			wantOK(t, s.PutCalendarToken(testContext(t), tok))
		}
		// Revoking in community a leaves the token of community b and the
		// other member's token alone.
		wantOK(t, s.DeleteCalendarToken(testContext(t), a.ID, u.ID))
		_, err := s.CalendarTokenByHash(testContext(t), tokenHash("ua"))
		wantErr(t, err, domain.ErrNotFound)
		for seed, want := range map[string]int64{"ub": b.ID, "va": a.ID} {
			got, err := s.CalendarTokenByHash(testContext(t), tokenHash(seed))
			wantOK(t, err)
			if got.CommunityID != want {
				t.Errorf("token %s is in community %d, want %d", seed, got.CommunityID, want)
			}
		}
		// One hash cannot serve two feeds.
		dup := domain.CalendarToken{CommunityID: b.ID, UserID: v.ID, TokenHash: tokenHash("va"), CreatedAt: now}
		wantErr(t, s.PutCalendarToken(testContext(t), dup), domain.ErrDuplicate)
	}},
	{"unknown community or user is refused", func(t *testing.T, s *store.Store) {
		c := newCommunity(t, s, "a", "A")
		u := newUser(t, s, "ana@example.org", "Ana")
		now := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
		wantErr(t, s.PutCalendarToken(testContext(t),
			domain.CalendarToken{CommunityID: c.ID + 100, UserID: u.ID, TokenHash: tokenHash("x"), CreatedAt: now}), domain.ErrReferenced)
		wantErr(t, s.PutCalendarToken(testContext(t),
			domain.CalendarToken{CommunityID: c.ID, UserID: u.ID + 100, TokenHash: tokenHash("y"), CreatedAt: now}), domain.ErrReferenced)
	}},
}

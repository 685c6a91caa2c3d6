package storetest

import (
	"bytes"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

// brussels is a zone other than UTC, to check that times come back in UTC
// and still mean the same instant.
var brussels = time.FixedZone("CET", 3600)

var sessionCases = []testCase{
	{"create and get keeps times to the microsecond, in UTC", func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "ma@example.org", "Ma")
		in := domain.Session{
			TokenHash: tokenHash("ma"),
			UserID:    u.ID,
			CreatedAt: time.Date(2031, 3, 4, 5, 6, 7, 123456789, brussels),
			ExpiresAt: time.Date(2031, 4, 4, 5, 6, 7, 999999999, brussels),
		}
		wantOK(t, s.CreateSession(testContext(t), in))

		got, err := s.SessionByHash(testContext(t), in.TokenHash)
		wantOK(t, err)
		if !bytes.Equal(got.TokenHash, in.TokenHash) || got.UserID != u.ID {
			t.Errorf("session = %+v", got)
		}
		for _, tc := range []struct {
			name      string
			got, sent time.Time
		}{{"CreatedAt", got.CreatedAt, in.CreatedAt}, {"ExpiresAt", got.ExpiresAt, in.ExpiresAt}} {
			// Both databases keep microseconds; the store truncates so that
			// neither rounds.
			want := tc.sent.UTC().Truncate(time.Microsecond)
			if !tc.got.Equal(want) || tc.got.Location() != time.UTC {
				t.Errorf("%s = %v, want %v", tc.name, tc.got, want)
			}
		}
	}},
	{"zero creation time takes the database clock", func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "ne@example.org", "Ne")
		in := domain.Session{TokenHash: tokenHash("ne"), UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}
		wantOK(t, s.CreateSession(testContext(t), in))
		got, err := s.SessionByHash(testContext(t), in.TokenHash)
		wantOK(t, err)
		wantRecent(t, "CreatedAt", got.CreatedAt)
	}},
	{"duplicate hash and unknown user", func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "ol@example.org", "Ol")
		in := domain.Session{TokenHash: tokenHash("ol"), UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}
		wantOK(t, s.CreateSession(testContext(t), in))
		wantErr(t, s.CreateSession(testContext(t), in), domain.ErrDuplicate)
		in.TokenHash, in.UserID = tokenHash("ghost"), 4040
		wantErr(t, s.CreateSession(testContext(t), in), domain.ErrReferenced)
	}},
	{"unknown hash", func(t *testing.T, s *store.Store) {
		_, err := s.SessionByHash(testContext(t), tokenHash("nobody"))
		wantErr(t, err, domain.ErrNotFound)
	}},
	{"delete one, and deleting again is fine", func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "pa@example.org", "Pa")
		keep, drop := tokenHash("keep"), tokenHash("drop")
		for _, h := range [][]byte{keep, drop} {
			wantOK(t, s.CreateSession(testContext(t), domain.Session{TokenHash: h, UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}))
		}
		wantOK(t, s.DeleteSession(testContext(t), drop))
		wantOK(t, s.DeleteSession(testContext(t), drop))
		_, err := s.SessionByHash(testContext(t), drop)
		wantErr(t, err, domain.ErrNotFound)
		_, err = s.SessionByHash(testContext(t), keep)
		wantOK(t, err)
	}},
	{"delete a user's sessions", func(t *testing.T, s *store.Store) {
		out := newUser(t, s, "qi@example.org", "Qi")
		other := newUser(t, s, "ro@example.org", "Ro")
		exp := time.Now().Add(time.Hour)
		for _, sess := range []domain.Session{
			{TokenHash: tokenHash("qi1"), UserID: out.ID, ExpiresAt: exp},
			{TokenHash: tokenHash("qi2"), UserID: out.ID, ExpiresAt: exp},
			{TokenHash: tokenHash("ro"), UserID: other.ID, ExpiresAt: exp},
		} {
			wantOK(t, s.CreateSession(testContext(t), sess))
		}
		wantOK(t, s.DeleteUserSessions(testContext(t), out.ID))
		for _, h := range [][]byte{tokenHash("qi1"), tokenHash("qi2")} {
			_, err := s.SessionByHash(testContext(t), h)
			wantErr(t, err, domain.ErrNotFound)
		}
		_, err := s.SessionByHash(testContext(t), tokenHash("ro"))
		wantOK(t, err)
	}},
	{"delete expired compares to the microsecond", func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "su@example.org", "Su")
		now := time.Date(2030, 6, 1, 12, 0, 0, 500_000_000, time.UTC)
		expiries := map[string]time.Time{
			"long ago":        now.Add(-24 * time.Hour),
			"a second before": now.Add(-time.Second),
			"a µs before":     now.Add(-time.Microsecond),
			"exactly now":     now,
			"a µs after":      now.Add(time.Microsecond),
			"whole second":    now.Add(500 * time.Millisecond),
			"tomorrow":        now.Add(24 * time.Hour),
		}
		for name, exp := range expiries {
			sess := domain.Session{TokenHash: tokenHash(name), UserID: u.ID, ExpiresAt: exp.In(brussels)}
			wantOK(t, s.CreateSession(testContext(t), sess))
		}
		n, err := s.DeleteExpiredSessions(testContext(t), now.In(brussels))
		wantOK(t, err)
		if n != 3 {
			t.Errorf("deleted %d sessions, want 3", n)
		}
		for name, exp := range expiries {
			_, err := s.SessionByHash(testContext(t), tokenHash(name))
			if gone := err != nil; gone != exp.Before(now) {
				t.Errorf("session expiring %s: gone = %v (err %v)", name, gone, err)
			}
		}
	}},
}

package storetest

import (
	"context"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/store"
)

// Run runs the conformance suite: every Store method, transactions, time
// handling and cross-community isolation. Each case gets its own database
// from open, which must therefore return an independent, migrated store on
// every call; cases run in parallel.
func Run(t *testing.T, open func(t *testing.T) *store.Store) {
	groups := []struct {
		name  string
		cases []testCase
	}{
		{"communities", communityCases},
		{"users", userCases},
		{"memberships", membershipCases},
		{"sessions", sessionCases},
		{"transactions", txCases},
		{"clients", clientCases},
		{"requests", requestCases},
		{"volunteers", volunteerCases},
		{"assignments", assignmentCases},
		{"messages", messageCases},
		{"ask: my requests and impact", askCases},
		{"places", placeCases},
		{"community admin and invitations", adminCases},
		{"desk", deskCases},
		{"offers", offerCases},
		{"calendar tokens", calendarTokenCases},
		{"organisations and shifts", shiftCases},
		{"isolation", isolationCases},
		{"isolation of the help exchange", exchangeIsolationCases},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, tc := range g.cases {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					tc.run(t, open(t))
				})
			}
		})
	}
}

// testCase is one scenario against a fresh database.
type testCase struct {
	name string
	run  func(t *testing.T, s *store.Store)
}

// testContext bounds every case: on SQLite a connection leaked by a transaction shows
// up as a hang, which the deadline turns into a failure.
func testContext(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func newCommunity(t *testing.T, s *store.Store, slug, name string) domain.Community {
	t.Helper()
	c := domain.Community{
		Slug:       slug,
		Name:       name,
		Languages:  []string{"en", "nl"},
		Center:     domain.Point{Lat: 50.85, Lng: 4.35},
		RadiusKM:   12.5,
		Categories: []string{"groceries", "transport"},
	}
	if err := s.CreateCommunity(testContext(t), &c); err != nil {
		t.Fatalf("create community %q: %v", slug, err)
	}
	return c
}

func newUser(t *testing.T, s *store.Store, email, name string) domain.User {
	t.Helper()
	u := domain.User{Email: email, Name: name, Language: "en", PasswordHash: "hash:" + email}
	if err := s.CreateUser(testContext(t), &u); err != nil {
		t.Fatalf("create user %q: %v", email, err)
	}
	return u
}

func putMember(t *testing.T, s *store.Store, c domain.Community, u domain.User, role domain.Role) {
	t.Helper()
	if err := s.PutMembership(testContext(t), c.ID, u.ID, role); err != nil {
		t.Fatalf("put %s in %s as %s: %v", u.Email, c.Slug, role, err)
	}
}

// tokenHash stands in for the hash of a session token: 32 bytes, as SHA-256
// gives.
func tokenHash(seed string) []byte {
	h := sha256.Sum256([]byte(seed))
	return h[:]
}

// wantErr fails unless errors.Is(err, target).
func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error = %v, want %v", err, target)
	}
}

// wantOK fails on any error.
func wantOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// wantRecent fails unless tm is in UTC and within a minute of now: times made
// by the database's clock cannot be predicted more closely than that.
func wantRecent(t *testing.T, what string, tm time.Time) {
	t.Helper()
	if tm.Location() != time.UTC {
		t.Errorf("%s location = %v, want UTC", what, tm.Location())
	}
	if d := time.Since(tm); d < -time.Minute || d > time.Minute {
		t.Errorf("%s = %v, not within a minute of now", what, tm)
	}
}

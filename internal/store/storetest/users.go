package storetest

import (
	"testing"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var userCases = []testCase{
	{"create and get by id and email", func(t *testing.T, s *store.Store) {
		created := newUser(t, s, "ana@example.org", "Ana")
		if created.ID == 0 {
			t.Fatal("CreateUser did not set the ID")
		}
		wantRecent(t, "CreatedAt", created.CreatedAt)

		byID, err := s.UserByID(testContext(t), created.ID)
		wantOK(t, err)
		byEmail, err := s.UserByEmail(testContext(t), "ana@example.org")
		wantOK(t, err)
		for _, got := range []domain.User{byID, byEmail} {
			if got.ID != created.ID || got.Email != created.Email || got.Name != "Ana" ||
				got.Language != "en" || got.PasswordHash != "hash:ana@example.org" ||
				got.IsOperator || !got.CreatedAt.Equal(created.CreatedAt) {
				t.Errorf("user = %+v\nwant %+v", got, created)
			}
		}
	}},
	{"operator flag is stored at creation", func(t *testing.T, s *store.Store) {
		u := domain.User{Email: "op@example.org", Name: "Op", IsOperator: true}
		wantOK(t, s.CreateUser(testContext(t), &u))
		got, err := s.UserByID(testContext(t), u.ID)
		wantOK(t, err)
		if !got.IsOperator {
			t.Error("IsOperator = false, want true")
		}
	}},
	{"duplicate email", func(t *testing.T, s *store.Store) {
		newUser(t, s, "bo@example.org", "Bo")
		dup := domain.User{Email: "bo@example.org", Name: "Other Bo"}
		wantErr(t, s.CreateUser(testContext(t), &dup), domain.ErrDuplicate)
	}},
	{"email is compared exactly", func(t *testing.T, s *store.Store) {
		newUser(t, s, "cy@example.org", "Cy")
		_, err := s.UserByEmail(testContext(t), "CY@example.org")
		wantErr(t, err, domain.ErrNotFound)
	}},
	{"unknown id and email", func(t *testing.T, s *store.Store) {
		_, err := s.UserByID(testContext(t), 777)
		wantErr(t, err, domain.ErrNotFound)
		_, err = s.UserByEmail(testContext(t), "nobody@example.org")
		wantErr(t, err, domain.ErrNotFound)
	}},
	{"set operator", func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "di@example.org", "Di")
		for _, want := range []bool{true, false} {
			wantOK(t, s.SetOperator(testContext(t), u.ID, want))
			got, err := s.UserByID(testContext(t), u.ID)
			wantOK(t, err)
			if got.IsOperator != want {
				t.Errorf("IsOperator = %v, want %v", got.IsOperator, want)
			}
		}
	}},
	{"set password hash", func(t *testing.T, s *store.Store) {
		u := newUser(t, s, "ed@example.org", "Ed")
		wantOK(t, s.SetPasswordHash(testContext(t), u.ID, "new-hash"))
		got, err := s.UserByID(testContext(t), u.ID)
		wantOK(t, err)
		if got.PasswordHash != "new-hash" {
			t.Errorf("PasswordHash = %q, want new-hash", got.PasswordHash)
		}
	}},
	{"updating an unknown user", func(t *testing.T, s *store.Store) {
		wantErr(t, s.SetOperator(testContext(t), 999, true), domain.ErrNotFound)
		wantErr(t, s.SetPasswordHash(testContext(t), 999, "x"), domain.ErrNotFound)
	}},
}

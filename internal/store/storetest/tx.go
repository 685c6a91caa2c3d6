package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"mutua/internal/domain"
	"mutua/internal/store"
)

var errAbort = errors.New("abort")

var txCases = []testCase{
	{"commit", func(t *testing.T, s *store.Store) {
		err := s.InTx(testContext(t), func(ctx context.Context) error {
			c := domain.Community{Slug: "kept", Name: "Kept", Languages: []string{"en"}, RadiusKM: 1}
			if err := s.CreateCommunity(ctx, &c); err != nil {
				return err
			}
			// A read inside the transaction sees its own write.
			_, err := s.CommunityBySlug(ctx, "kept")
			return err
		})
		wantOK(t, err)
		_, err = s.CommunityBySlug(testContext(t), "kept")
		wantOK(t, err)
	}},
	{"an error rolls everything back", func(t *testing.T, s *store.Store) {
		err := s.InTx(testContext(t), func(ctx context.Context) error {
			u := domain.User{Email: "gone@example.org", Name: "Gone"}
			if err := s.CreateUser(ctx, &u); err != nil {
				return err
			}
			c := domain.Community{Slug: "gone", Name: "Gone", Languages: []string{"en"}, RadiusKM: 1}
			if err := s.CreateCommunity(ctx, &c); err != nil {
				return err
			}
			if err := s.PutMembership(ctx, c.ID, u.ID, domain.RoleAdmin); err != nil {
				return err
			}
			return errAbort
		})
		wantErr(t, err, errAbort)
		wantNothingLeft(t, s, "gone")
		// The writer is free again: this would hang on SQLite otherwise.
		newCommunity(t, s, "after", "After")
	}},
	{"a panic rolls back and goes on", func(t *testing.T, s *store.Store) {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("the panic did not reach the caller")
				}
			}()
			s.InTx(testContext(t), func(ctx context.Context) error {
				u := domain.User{Email: "gone@example.org", Name: "Gone"}
				if err := s.CreateUser(ctx, &u); err != nil {
					return err
				}
				panic("boom")
			})
		}()
		wantNothingLeft(t, s, "gone")
		newUser(t, s, "after@example.org", "After")
	}},
	{"a failed statement inside rolls back", func(t *testing.T, s *store.Store) {
		newCommunity(t, s, "taken", "Taken")
		err := s.InTx(testContext(t), func(ctx context.Context) error {
			u := domain.User{Email: "gone@example.org", Name: "Gone"}
			if err := s.CreateUser(ctx, &u); err != nil {
				return err
			}
			dup := domain.Community{Slug: "taken", Name: "Again", Languages: []string{"en"}, RadiusKM: 1}
			return s.CreateCommunity(ctx, &dup)
		})
		wantErr(t, err, domain.ErrDuplicate)
		wantNothingLeft(t, s, "gone")
	}},
	{"nested InTx joins the outer transaction", func(t *testing.T, s *store.Store) {
		for round, outerErr := range []error{nil, errAbort} {
			slug, email := fmt.Sprintf("outer%d", round), fmt.Sprintf("inner%d@example.org", round)
			err := s.InTx(testContext(t), func(ctx context.Context) error {
				c := domain.Community{Slug: slug, Name: "Outer", Languages: []string{"en"}, RadiusKM: 1}
				if err := s.CreateCommunity(ctx, &c); err != nil {
					return err
				}
				err := s.InTx(ctx, func(ctx context.Context) error {
					// The outer, uncommitted write is visible: same transaction.
					if _, err := s.CommunityBySlug(ctx, slug); err != nil {
						return err
					}
					u := domain.User{Email: email, Name: "Inner"}
					return s.CreateUser(ctx, &u)
				})
				if err != nil {
					return err
				}
				return outerErr
			})
			wantErr(t, err, outerErr)
			_, userErr := s.UserByEmail(testContext(t), email)
			_, communityErr := s.CommunityBySlug(testContext(t), slug)
			if outerErr == nil {
				wantOK(t, userErr)
				wantOK(t, communityErr)
				continue
			}
			// The inner InTx returned nil, but its write goes with the
			// outer rollback.
			wantErr(t, userErr, domain.ErrNotFound)
			wantErr(t, communityErr, domain.ErrNotFound)
		}
	}},
}

// wantNothingLeft checks that a rolled-back transaction left no user
// <name>@example.org and no community <name>.
func wantNothingLeft(t *testing.T, s *store.Store, name string) {
	t.Helper()
	_, err := s.UserByEmail(testContext(t), name+"@example.org")
	wantErr(t, err, domain.ErrNotFound)
	_, err = s.CommunityBySlug(testContext(t), name)
	wantErr(t, err, domain.ErrNotFound)
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"mutua/internal/domain"
	"mutua/internal/match"
)

// volunteerFields are the volunteers columns in the order scanVolunteer
// reads them after the name, for queries aliasing volunteers as v.
const volunteerFields = "v.user_id, v.community_id, v.skills, v.languages, v.lat, v.lng, v.radius_km, v.availability, " +
	"v.max_active, v.vetted, v.vetted_at, v.vetted_by, v.active, v.created_at, v.updated_at"

// PutVolunteer creates or replaces the profile of v.UserID in v.CommunityID
// with its home in cell. Vetting, the count of active assignments and the
// creation time of an existing profile are kept; v is updated with them and
// with the person's name. A user who is not a member of the community is
// domain.ErrReferenced.
func (s *Store) PutVolunteer(ctx context.Context, v *domain.Volunteer, cell int64) error {
	skills, err := jsonText(v.Skills)
	if err != nil {
		return fmt.Errorf("put volunteer %d: %w", v.UserID, err)
	}
	languages, err := jsonText(v.Languages)
	if err != nil {
		return fmt.Errorf("put volunteer %d: %w", v.UserID, err)
	}
	slots := v.Availability
	if slots == nil {
		slots = []domain.Slot{}
	}
	availability, err := jsonArg(slots)
	if err != nil {
		return fmt.Errorf("put volunteer %d: %w", v.UserID, err)
	}
	// excluded.updated_at is the column default: the database's clock, as
	// for the creation.
	err = s.writer(ctx).queryRow(ctx, `
		INSERT INTO volunteers (community_id, user_id, skills, skill_mask, languages, lang_mask, lat, lng, cell, radius_km,
			availability, avail_mask, max_active)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (community_id, user_id) DO UPDATE SET
			skills = excluded.skills, skill_mask = excluded.skill_mask, languages = excluded.languages,
			lang_mask = excluded.lang_mask, avail_mask = excluded.avail_mask,
			lat = excluded.lat, lng = excluded.lng, cell = excluded.cell, radius_km = excluded.radius_km,
			availability = excluded.availability, max_active = excluded.max_active, updated_at = excluded.updated_at
		RETURNING (SELECT name FROM users WHERE id = user_id), vetted, vetted_at, vetted_by, active, created_at, updated_at`,
		v.CommunityID, v.UserID, skills, skillMask(v.Skills), languages, match.LanguageMask(v.Languages),
		v.Home.Lat, v.Home.Lng, cell, v.RadiusKM, availability, match.SlotsMask(v.Availability), v.MaxActive,
	).Scan(&v.Name, &v.Vetted, optionalUTC{&v.VettedAt}, zeroID{&v.VettedBy}, &v.Active, utc{&v.CreatedAt}, utc{&v.UpdatedAt})
	if err != nil {
		return fmt.Errorf("put volunteer %d in community %d: %w", v.UserID, v.CommunityID, mapError(err))
	}
	return nil
}

// Volunteer returns the user's profile in the community with their name, or
// domain.ErrNotFound.
func (s *Store) Volunteer(ctx context.Context, communityID, userID int64) (domain.Volunteer, error) {
	row := s.reader(ctx).queryRow(ctx, `
		SELECT u.name, `+volunteerFields+`
		FROM volunteers v JOIN users u ON u.id = v.user_id
		WHERE v.community_id = ? AND v.user_id = ?`,
		communityID, userID)
	v, err := scanVolunteer(row)
	if err != nil {
		return domain.Volunteer{}, fmt.Errorf("volunteer %d: %w", userID, mapError(err))
	}
	return v, nil
}

// SetVetted records that by vetted the volunteer at at, or, with vetted
// false, withdraws the vetting and clears who and when. An unknown profile is
// domain.ErrNotFound.
func (s *Store) SetVetted(ctx context.Context, communityID, userID int64, vetted bool, by int64, at time.Time) error {
	var vettedAt, vettedBy any
	if vetted {
		vettedAt = s.d.optionalTimeArg(at)
		if by != 0 {
			vettedBy = by
		}
	}
	err := notFoundIfNone(s.writer(ctx).exec(ctx, `
		UPDATE volunteers SET vetted = ?, vetted_at = ?, vetted_by = ?, updated_at = `+s.d.now+`
		WHERE community_id = ? AND user_id = ?`,
		vetted, vettedAt, vettedBy, communityID, userID))
	if err != nil {
		return fmt.Errorf("set vetting of volunteer %d: %w", userID, err)
	}
	return nil
}

// AdjustActive adds delta to the volunteer's count of live assignments. The
// service calls it in the transaction that changes the assignment. A count
// that would go below zero is refused by the schema (ErrConstraint), an
// unknown profile is domain.ErrNotFound. updated_at is left alone: it dates
// the profile, not the bookkeeping.
func (s *Store) AdjustActive(ctx context.Context, communityID, userID int64, delta int) error {
	err := notFoundIfNone(s.writer(ctx).exec(ctx,
		"UPDATE volunteers SET active = active + ? WHERE community_id = ? AND user_id = ?",
		delta, communityID, userID))
	if err != nil {
		return fmt.Errorf("adjust active tasks of volunteer %d by %d: %w", userID, delta, err)
	}
	return nil
}

// MaxVolunteerRadius is the largest radius_km of the community's volunteers,
// 0 when it has none: how far from a request a search must reach. It runs
// before every search for candidates, so it is one index lookup.
func (s *Store) MaxVolunteerRadius(ctx context.Context, communityID int64) (float64, error) {
	// A bare MAX, not COALESCE(MAX(…), 0): SQLite reads a lone min or max
	// from the end of volunteers_radius, but not one inside an expression.
	var km sql.NullFloat64
	err := s.reader(ctx).queryRow(ctx, maxRadiusQuery, communityID).Scan(&km)
	if err != nil {
		return 0, fmt.Errorf("largest volunteer radius in community %d: %w", communityID, mapError(err))
	}
	return km.Float64, nil
}

const maxRadiusQuery = "SELECT MAX(radius_km) FROM volunteers WHERE community_id = ?"

func scanVolunteer(r scanner) (domain.Volunteer, error) {
	var v domain.Volunteer
	err := r.Scan(&v.Name, &v.UserID, &v.CommunityID, jsonList{&v.Skills}, jsonList{&v.Languages}, &v.Home.Lat, &v.Home.Lng,
		&v.RadiusKM, slotList{&v.Availability}, &v.MaxActive, &v.Vetted, optionalUTC{&v.VettedAt}, zeroID{&v.VettedBy},
		&v.Active, utc{&v.CreatedAt}, utc{&v.UpdatedAt})
	return v, err
}

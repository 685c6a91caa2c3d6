package store

import (
	"context"
	"fmt"
	"strings"

	"mutua/internal/domain"
)

// mapSource is where one kind of map feature comes from: the table, its
// columns for the sector and the public location, and the conditions that
// make a row public.
type mapSource struct {
	kind, table, sector, lat, lng string
	where                         []string
}

// mapSources reads each kind with one query over only the columns the map
// needs. Requests are read at their approximate place: approx_lat and
// approx_lng, the snapped point public lists show, never lat and lng.
func (s *Store) mapSources(now any) ([]mapSource, [][]any) {
	sources := []mapSource{
		{kind: domain.MapInitiative, table: "initiatives", sector: "sector", lat: "lat", lng: "lng",
			where: []string{"status = 'approved'"}},
		{kind: domain.MapOrganisation, table: "organisations", sector: orgSectorSQL, lat: "lat", lng: "lng",
			where: []string{"status = 'approved'"}},
		{kind: domain.MapOpportunity, table: "opportunities", sector: "category", lat: "lat", lng: "lng",
			where: []string{`EXISTS (SELECT 1 FROM shifts h WHERE h.community_id = opportunities.community_id
				AND h.opportunity_id = opportunities.id AND h.status = 'open' AND h.starts_at >= ?)`}},
		{kind: domain.MapRequest, table: "requests", sector: "category", lat: "approx_lat", lng: "approx_lng",
			where: []string{"status = 'open'"}},
	}
	args := [][]any{nil, nil, {now}, nil}
	return sources, args
}

// MapFeatures calls fn with every public point of f: approved initiatives
// and organisations, opportunities with an open shift starting at f.Now or
// later, and open requests at their approximate location, kind by kind in
// that order and by id within a kind. fn may keep nothing it receives
// beyond the call: the feature is reused.
func (s *Store) MapFeatures(ctx context.Context, f domain.MapFilter, fn func(*domain.MapFeature) error) error {
	slugs, err := s.mapSlugs(ctx, f.CommunityID)
	if err != nil {
		return err
	}
	sources, extra := s.mapSources(s.d.timeArg(f.Now))
	var feat domain.MapFeature
	for i, src := range sources {
		if f.Kind != "" && f.Kind != src.kind {
			continue
		}
		where := append([]string(nil), src.where...)
		args := append([]any(nil), extra[i]...)
		if f.CommunityID != 0 {
			where = append([]string{"community_id = ?"}, where...)
			args = append([]any{f.CommunityID}, args...)
		}
		if f.Sector != "" {
			where = append(where, src.sector+" = ?")
			args = append(args, f.Sector)
		}
		if b := f.BBox; b != nil {
			where = append(where, src.lat+" BETWEEN ? AND ?", src.lng+" BETWEEN ? AND ?")
			args = append(args, b.MinLat, b.MaxLat, b.MinLng, b.MaxLng)
		}
		name := "name"
		if src.table == "opportunities" || src.table == "requests" {
			name = "title"
		}
		query := "SELECT community_id, id, " + name + ", " + src.sector + ", " + src.lat + ", " + src.lng +
			" FROM " + src.table + " WHERE " + strings.Join(where, " AND ") + " ORDER BY id"
		if err := s.eachMapRow(ctx, query, args, src.kind, slugs, &feat, fn); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) eachMapRow(ctx context.Context, query string, args []any, kind string, slugs map[int64]string,
	feat *domain.MapFeature, fn func(*domain.MapFeature) error) error {
	rows, err := s.reader(ctx).query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("map of %ss: %w", kind, mapError(err))
	}
	defer rows.Close()
	var communityID int64
	for rows.Next() {
		*feat = domain.MapFeature{Kind: kind}
		if err := rows.Scan(&communityID, &feat.ID, &feat.Name, &feat.Sector, &feat.Location.Lat, &feat.Location.Lng); err != nil {
			return fmt.Errorf("map of %ss: %w", kind, err)
		}
		feat.CommunitySlug = slugs[communityID]
		if err := fn(feat); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("map of %ss: %w", kind, mapError(err))
	}
	return nil
}

// mapSlugs reads the slug of the community, or of every community when
// communityID is 0.
func (s *Store) mapSlugs(ctx context.Context, communityID int64) (map[int64]string, error) {
	query, args := "SELECT id, slug FROM communities", []any(nil)
	if communityID != 0 {
		query, args = query+" WHERE id = ?", []any{communityID}
	}
	rows, err := s.reader(ctx).query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("community slugs: %w", mapError(err))
	}
	defer rows.Close()
	slugs := map[int64]string{}
	for rows.Next() {
		var id int64
		var slug string
		if err := rows.Scan(&id, &slug); err != nil {
			return nil, fmt.Errorf("community slugs: %w", err)
		}
		slugs[id] = slug
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("community slugs: %w", mapError(err))
	}
	return slugs, nil
}

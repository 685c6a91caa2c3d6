package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

const communityColumns = "id, slug, name, languages, center_lat, center_lng, radius_km, categories, " +
	"timezone, vetting_categories, offer_mode, created_at"

// CreateCommunity inserts c and sets its ID and CreatedAt. A taken slug is
// domain.ErrDuplicate. Settings left empty get the defaults existing
// communities got from the migration (domain.DefaultTimezone, approval, no
// vetting), and c is updated to show them.
func (s *Store) CreateCommunity(ctx context.Context, c *domain.Community) error {
	languages, err := jsonText(c.Languages)
	if err != nil {
		return fmt.Errorf("create community: %w", err)
	}
	categories, err := jsonText(c.Categories)
	if err != nil {
		return fmt.Errorf("create community: %w", err)
	}
	if c.Timezone == "" {
		c.Timezone = domain.DefaultTimezone
	}
	if c.OfferMode == "" {
		c.OfferMode = domain.OfferApproval
	}
	if c.VettingCategories == nil {
		c.VettingCategories = []string{}
	}
	vetting, err := jsonText(c.VettingCategories)
	if err != nil {
		return fmt.Errorf("create community: %w", err)
	}
	err = s.writer(ctx).queryRow(ctx, `
		INSERT INTO communities (slug, name, languages, center_lat, center_lng, radius_km, categories,
			timezone, vetting_categories, offer_mode)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at`,
		c.Slug, c.Name, languages, c.Center.Lat, c.Center.Lng, c.RadiusKM, categories,
		c.Timezone, vetting, c.OfferMode,
	).Scan(&c.ID, utc{&c.CreatedAt})
	if err != nil {
		return fmt.Errorf("create community %q: %w", c.Slug, mapError(err))
	}
	return nil
}

// CommunityBySlug returns the community with slug, or domain.ErrNotFound.
func (s *Store) CommunityBySlug(ctx context.Context, slug string) (domain.Community, error) {
	row := s.reader(ctx).queryRow(ctx, "SELECT "+communityColumns+" FROM communities WHERE slug = ?", slug)
	c, err := scanCommunity(row)
	if err != nil {
		return domain.Community{}, fmt.Errorf("community %q: %w", slug, mapError(err))
	}
	return c, nil
}

// CommunityByID returns the community with id, or domain.ErrNotFound.
func (s *Store) CommunityByID(ctx context.Context, id int64) (domain.Community, error) {
	row := s.reader(ctx).queryRow(ctx, "SELECT "+communityColumns+" FROM communities WHERE id = ?", id)
	c, err := scanCommunity(row)
	if err != nil {
		return domain.Community{}, fmt.Errorf("community %d: %w", id, mapError(err))
	}
	return c, nil
}

// UpdateSettings replaces the community's settings. An unknown community is
// domain.ErrNotFound; an offer mode the schema does not know, or an empty
// time zone, is ErrConstraint (the service validates the zone itself).
func (s *Store) UpdateSettings(ctx context.Context, communityID int64, set domain.Settings) error {
	vetting, err := jsonText(set.VettingCategories)
	if err != nil {
		return fmt.Errorf("update settings of community %d: %w", communityID, err)
	}
	err = notFoundIfNone(s.writer(ctx).exec(ctx,
		"UPDATE communities SET timezone = ?, vetting_categories = ?, offer_mode = ? WHERE id = ?",
		set.Timezone, vetting, set.OfferMode, communityID))
	if err != nil {
		return fmt.Errorf("update settings of community %d: %w", communityID, err)
	}
	return nil
}

// ListCommunities returns a page of communities ordered by name (then id, so
// that pages do not overlap when names repeat). A zero limit means 50; at most
// 200 are returned.
func (s *Store) ListCommunities(ctx context.Context, page domain.Page) ([]domain.Community, error) {
	limit, offset := window(page)
	rows, err := s.reader(ctx).query(ctx,
		"SELECT "+communityColumns+" FROM communities ORDER BY name, id LIMIT ? OFFSET ?", limit, offset)
	if err != nil {
		return nil, fmt.Errorf("list communities: %w", mapError(err))
	}
	list, err := collect(rows, scanCommunity)
	if err != nil {
		return nil, fmt.Errorf("list communities: %w", err)
	}
	return list, nil
}

// scanner is what *sql.Row and *sql.Rows have in common.
type scanner interface {
	Scan(dest ...any) error
}

func scanCommunity(r scanner) (domain.Community, error) {
	var c domain.Community
	err := r.Scan(&c.ID, &c.Slug, &c.Name, jsonList{&c.Languages}, &c.Center.Lat, &c.Center.Lng,
		&c.RadiusKM, jsonList{&c.Categories}, &c.Timezone, jsonList{&c.VettingCategories}, &c.OfferMode,
		utc{&c.CreatedAt})
	return c, err
}

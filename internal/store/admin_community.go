package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

// UpdateCommunity stores everything an admin may change about a community:
// name, languages, area, categories and settings. The slug and creation
// time stay. An unknown community is domain.ErrNotFound.
func (s *Store) UpdateCommunity(ctx context.Context, c domain.Community) error {
	lists := make([]string, 3)
	for i, l := range [][]string{c.Languages, c.Categories, c.VettingCategories} {
		text, err := jsonText(l)
		if err != nil {
			return fmt.Errorf("update community %d: %w", c.ID, err)
		}
		lists[i] = text
	}
	err := notFoundIfNone(s.writer(ctx).exec(ctx, `
		UPDATE communities
		SET name = ?, languages = ?, center_lat = ?, center_lng = ?, radius_km = ?, categories = ?,
			timezone = ?, vetting_categories = ?, offer_mode = ?
		WHERE id = ?`,
		c.Name, lists[0], c.Center.Lat, c.Center.Lng, c.RadiusKM, lists[1],
		c.Timezone, lists[2], c.OfferMode, c.ID))
	if err != nil {
		return fmt.Errorf("update community %d: %w", c.ID, err)
	}
	return nil
}

// SetUserLanguage stores the language an account's pages and messages use.
// An unknown user is domain.ErrNotFound.
func (s *Store) SetUserLanguage(ctx context.Context, userID int64, lang string) error {
	err := notFoundIfNone(s.writer(ctx).exec(ctx, "UPDATE users SET language = ? WHERE id = ?", lang, userID))
	if err != nil {
		return fmt.Errorf("set language of user %d: %w", userID, err)
	}
	return nil
}

// VolunteerVetting reports, for those of userIDs who have a volunteer
// profile in the community, whether they are vetted. The members page asks
// for one page of members at once instead of one profile per row.
func (s *Store) VolunteerVetting(ctx context.Context, communityID int64, userIDs []int64) (map[int64]bool, error) {
	out := make(map[int64]bool, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	marks, ids := inList(userIDs)
	rows, err := s.reader(ctx).query(ctx,
		"SELECT user_id, vetted FROM volunteers WHERE community_id = ? AND user_id IN ("+marks+")",
		append([]any{communityID}, ids...)...)
	if err != nil {
		return nil, fmt.Errorf("vetting in community %d: %w", communityID, mapError(err))
	}
	type row struct {
		id     int64
		vetted bool
	}
	list, err := collect(rows, func(r scanner) (row, error) {
		var x row
		err := r.Scan(&x.id, &x.vetted)
		return x, err
	})
	if err != nil {
		return nil, fmt.Errorf("vetting in community %d: %w", communityID, err)
	}
	for _, x := range list {
		out[x.id] = x.vetted
	}
	return out, nil
}

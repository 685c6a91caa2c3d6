package store

import (
	"context"
	"fmt"
	"strings"

	"mutua/internal/domain"
)

const initiativeColumns = "id, community_id, name, sector, description, address, lat, lng, website, contact, " +
	"opening_times, languages, status, proposed_by, approved_by, created_at, updated_at"

// initiativeSearchText is what the directory's full-text index holds for
// an initiative: the words of its name, description and address, folded.
func initiativeSearchText(in *domain.Initiative) string {
	return strings.Join(searchTerms(in.Name+" "+in.Description+" "+in.Address), " ")
}

// CreateInitiative inserts in and sets its ID, Status (proposed when
// empty), CreatedAt and UpdatedAt. The full-text index follows by trigger
// on SQLite and by the indexed search_text column on PostgreSQL.
func (s *Store) CreateInitiative(ctx context.Context, in *domain.Initiative) error {
	if in.Status == "" {
		in.Status = domain.InitiativeProposed
	}
	langs, err := jsonText(in.Languages)
	if err != nil {
		return fmt.Errorf("create initiative: %w", err)
	}
	err = s.writer(ctx).queryRow(ctx, `
		INSERT INTO initiatives (community_id, name, sector, description, address, lat, lng, website, contact,
			opening_times, languages, status, proposed_by, approved_by, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at, updated_at`,
		in.CommunityID, in.Name, in.Sector, in.Description, in.Address, in.Location.Lat, in.Location.Lng,
		in.Website, in.Contact, in.OpeningTimes, langs, string(in.Status), in.ProposedBy, idArg(in.ApprovedBy),
		initiativeSearchText(in),
	).Scan(&in.ID, utc{&in.CreatedAt}, utc{&in.UpdatedAt})
	if err != nil {
		return fmt.Errorf("create initiative in community %d: %w", in.CommunityID, mapError(err))
	}
	return nil
}

// UpdateInitiative overwrites the initiative's descriptive fields (not its
// status or who proposed and approved it) and sets UpdatedAt; the search
// index follows. domain.ErrNotFound when the community has no such one.
func (s *Store) UpdateInitiative(ctx context.Context, in *domain.Initiative) error {
	langs, err := jsonText(in.Languages)
	if err != nil {
		return fmt.Errorf("update initiative %d: %w", in.ID, err)
	}
	err = s.writer(ctx).queryRow(ctx, `
		UPDATE initiatives SET name = ?, sector = ?, description = ?, address = ?, lat = ?, lng = ?, website = ?,
			contact = ?, opening_times = ?, languages = ?, search_text = ?, updated_at = `+s.d.now+`
		WHERE community_id = ? AND id = ?
		RETURNING updated_at`,
		in.Name, in.Sector, in.Description, in.Address, in.Location.Lat, in.Location.Lng, in.Website,
		in.Contact, in.OpeningTimes, langs, initiativeSearchText(in), in.CommunityID, in.ID,
	).Scan(utc{&in.UpdatedAt})
	if err != nil {
		return fmt.Errorf("update initiative %d: %w", in.ID, mapError(err))
	}
	return nil
}

// DeleteInitiative removes an initiative and its index entry, or is
// domain.ErrNotFound.
func (s *Store) DeleteInitiative(ctx context.Context, communityID, id int64) error {
	res, err := s.writer(ctx).exec(ctx, "DELETE FROM initiatives WHERE community_id = ? AND id = ?", communityID, id)
	if err != nil {
		return fmt.Errorf("delete initiative %d: %w", id, mapError(err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("delete initiative %d: %w", id, orNotFound(err))
	}
	return nil
}

func orNotFound(err error) error {
	if err != nil {
		return mapError(err)
	}
	return domain.ErrNotFound
}

// InitiativeByID returns the community's initiative with id, or
// domain.ErrNotFound, also when it belongs to another community.
func (s *Store) InitiativeByID(ctx context.Context, communityID, id int64) (domain.Initiative, error) {
	row := s.reader(ctx).queryRow(ctx,
		"SELECT "+initiativeColumns+" FROM initiatives WHERE community_id = ? AND id = ?", communityID, id)
	in, err := scanInitiative(row)
	if err != nil {
		return domain.Initiative{}, fmt.Errorf("initiative %d: %w", id, mapError(err))
	}
	return in, nil
}

// ApproveInitiative moves a proposed initiative to approved. One that is
// approved already is domain.ErrStateChanged.
func (s *Store) ApproveInitiative(ctx context.Context, communityID, id, by int64) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, `UPDATE initiatives SET status = 'approved', approved_by = ?, updated_at = `+s.d.now+`
		WHERE community_id = ? AND id = ? AND status = 'proposed'`, by, communityID, id)
	if err != nil {
		return fmt.Errorf("approve initiative %d: %w", id, mapError(err))
	}
	err = changedIfNone(ctx, h, res, "SELECT 1 FROM initiatives WHERE community_id = ? AND id = ?", communityID, id)
	if err != nil {
		return fmt.Errorf("approve initiative %d: %w", id, err)
	}
	return nil
}

func scanInitiative(r scanner) (domain.Initiative, error) {
	var in domain.Initiative
	err := r.Scan(&in.ID, &in.CommunityID, &in.Name, &in.Sector, &in.Description, &in.Address, &in.Location.Lat,
		&in.Location.Lng, &in.Website, &in.Contact, &in.OpeningTimes, jsonList{&in.Languages}, &in.Status,
		&in.ProposedBy, optionalID{&in.ApprovedBy}, utc{&in.CreatedAt}, utc{&in.UpdatedAt})
	return in, err
}

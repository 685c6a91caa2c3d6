package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

const organisationColumns = "id, community_id, name, type, sector, description, website, lat, lng, contact, status, " +
	"proposed_by, approved_by, created_at"

// CreateOrganisation inserts o and sets its ID, Status (proposed when empty)
// and CreatedAt. A name taken in the community is domain.ErrDuplicate.
func (s *Store) CreateOrganisation(ctx context.Context, o *domain.Organisation) error {
	if o.Status == "" {
		o.Status = domain.OrgProposed
	}
	err := s.writer(ctx).queryRow(ctx, `
		INSERT INTO organisations (community_id, name, type, sector, description, website, lat, lng, contact, status, proposed_by, approved_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at`,
		o.CommunityID, o.Name, o.Type, o.Sector, o.Description, o.Website, o.Location.Lat, o.Location.Lng,
		o.Contact, string(o.Status), o.ProposedBy, idArg(o.ApprovedBy),
	).Scan(&o.ID, utc{&o.CreatedAt})
	if err != nil {
		return fmt.Errorf("create organisation in community %d: %w", o.CommunityID, mapError(err))
	}
	return nil
}

// OrganisationByID returns the community's organisation with id, or
// domain.ErrNotFound, also when it belongs to another community.
func (s *Store) OrganisationByID(ctx context.Context, communityID, id int64) (domain.Organisation, error) {
	row := s.reader(ctx).queryRow(ctx,
		"SELECT "+organisationColumns+" FROM organisations WHERE community_id = ? AND id = ?", communityID, id)
	o, err := scanOrganisation(row)
	if err != nil {
		return domain.Organisation{}, fmt.Errorf("organisation %d: %w", id, mapError(err))
	}
	return o, nil
}

// ListOrganisations lists a page of the community's approved organisations
// by name; withProposed adds those still waiting for approval.
func (s *Store) ListOrganisations(ctx context.Context, communityID int64, withProposed bool, page domain.Page) ([]domain.Organisation, error) {
	limit, offset := window(page)
	statuses := []any{string(domain.OrgApproved), string(domain.OrgApproved)}
	if withProposed {
		statuses[1] = string(domain.OrgProposed)
	}
	rows, err := s.reader(ctx).query(ctx, "SELECT "+organisationColumns+` FROM organisations
		WHERE community_id = ? AND status IN (?, ?) ORDER BY name, id LIMIT ? OFFSET ?`,
		communityID, statuses[0], statuses[1], limit, offset)
	if err != nil {
		return nil, fmt.Errorf("organisations of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanOrganisation)
	if err != nil {
		return nil, fmt.Errorf("organisations of community %d: %w", communityID, err)
	}
	return list, nil
}

// ApproveOrganisation moves a proposed organisation to approved. One that
// is not proposed any more is domain.ErrStateChanged.
func (s *Store) ApproveOrganisation(ctx context.Context, communityID, id, by int64) error {
	h := s.writer(ctx)
	res, err := h.exec(ctx, `UPDATE organisations SET status = 'approved', approved_by = ?
		WHERE community_id = ? AND id = ? AND status = 'proposed'`, by, communityID, id)
	if err != nil {
		return fmt.Errorf("approve organisation %d: %w", id, mapError(err))
	}
	err = changedIfNone(ctx, h, res, "SELECT 1 FROM organisations WHERE community_id = ? AND id = ?", communityID, id)
	if err != nil {
		return fmt.Errorf("approve organisation %d: %w", id, err)
	}
	return nil
}

// PutOrganisationMember gives userID role in the organisation, replacing a
// role they had.
func (s *Store) PutOrganisationMember(ctx context.Context, communityID, orgID, userID int64, role domain.OrgRole) error {
	_, err := s.writer(ctx).exec(ctx, `
		INSERT INTO organisation_members (community_id, organisation_id, user_id, role) VALUES (?, ?, ?, ?)
		ON CONFLICT (community_id, organisation_id, user_id) DO UPDATE SET role = excluded.role`,
		communityID, orgID, userID, string(role))
	if err != nil {
		return fmt.Errorf("member %d of organisation %d: %w", userID, orgID, mapError(err))
	}
	return nil
}

// OrganisationRole returns the user's role in the organisation, or
// domain.ErrNotFound when they have none.
func (s *Store) OrganisationRole(ctx context.Context, communityID, orgID, userID int64) (domain.OrgRole, error) {
	var role domain.OrgRole
	err := s.reader(ctx).queryRow(ctx, `SELECT role FROM organisation_members
		WHERE community_id = ? AND organisation_id = ? AND user_id = ?`, communityID, orgID, userID).Scan(&role)
	if err != nil {
		return "", fmt.Errorf("role of %d in organisation %d: %w", userID, orgID, mapError(err))
	}
	return role, nil
}

func scanOrganisation(r scanner) (domain.Organisation, error) {
	var o domain.Organisation
	err := r.Scan(&o.ID, &o.CommunityID, &o.Name, &o.Type, &o.Sector, &o.Description, &o.Website,
		&o.Location.Lat, &o.Location.Lng, &o.Contact, &o.Status, &o.ProposedBy, optionalID{&o.ApprovedBy}, utc{&o.CreatedAt})
	return o, err
}

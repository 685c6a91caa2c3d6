package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mutua/internal/domain"
)

const opportunityColumns = "id, community_id, organisation_id, title, description, category, skills, online, lat, lng, " +
	"address, min_age, vetting_required, languages, recurrence, created_by, created_at"

// CreateOpportunity inserts o (not its shifts) with the s2 cell of its
// location and sets ID and CreatedAt. An organisation of another community
// is domain.ErrReferenced.
func (s *Store) CreateOpportunity(ctx context.Context, o *domain.Opportunity, cell int64) error {
	skills, err := jsonText(o.Skills)
	if err != nil {
		return fmt.Errorf("create opportunity: %w", err)
	}
	languages, err := jsonText(o.Languages)
	if err != nil {
		return fmt.Errorf("create opportunity: %w", err)
	}
	rule, err := jsonArg(o.Recurrence)
	if err != nil {
		return fmt.Errorf("create opportunity: %w", err)
	}
	err = s.writer(ctx).queryRow(ctx, `
		INSERT INTO opportunities (community_id, organisation_id, title, description, category, skills, online, lat, lng, cell,
			address, min_age, vetting_required, languages, recurrence, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at`,
		o.CommunityID, o.OrganisationID, o.Title, o.Description, o.Category, skills, o.Online, o.Location.Lat, o.Location.Lng, cell,
		o.Address, o.MinAge, o.VettingRequired, languages, rule, o.CreatedBy,
	).Scan(&o.ID, utc{&o.CreatedAt})
	if err != nil {
		return fmt.Errorf("create opportunity in community %d: %w", o.CommunityID, mapError(err))
	}
	return nil
}

// OpportunityByID returns the community's opportunity with id, without its
// shifts, or domain.ErrNotFound.
func (s *Store) OpportunityByID(ctx context.Context, communityID, id int64) (domain.Opportunity, error) {
	row := s.reader(ctx).queryRow(ctx,
		"SELECT "+opportunityColumns+" FROM opportunities WHERE community_id = ? AND id = ?", communityID, id)
	o, err := scanOpportunity(row)
	if err != nil {
		return domain.Opportunity{}, fmt.Errorf("opportunity %d: %w", id, mapError(err))
	}
	return o, nil
}

// FindOpportunities lists a page of the community's opportunities matching
// f, newest first, without their shifts. With f.From or f.To only those
// with an open shift starting in [From, To) are listed.
func (s *Store) FindOpportunities(ctx context.Context, communityID int64, f domain.OpportunityFilter) ([]domain.Opportunity, error) {
	var where []string
	var args []any
	if f.Category != "" {
		where = append(where, "category = ?")
		args = append(args, f.Category)
	}
	if f.OrganisationID != 0 {
		where = append(where, "organisation_id = ?")
		args = append(args, f.OrganisationID)
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		to := f.To
		if to.IsZero() {
			to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		where = append(where, `EXISTS (SELECT 1 FROM shifts h WHERE h.community_id = opportunities.community_id
			AND h.opportunity_id = opportunities.id AND h.status = 'open' AND h.starts_at >= ? AND h.starts_at < ?)`)
		args = append(args, s.d.timeArg(f.From), s.d.timeArg(to))
	}
	var query string
	if len(f.Cells) > 0 {
		var branches string
		branches, args = cellUnion("opportunities", communityID, f.Cells, strings.Join(where, " AND "), args...)
		query = "SELECT " + opportunityColumns + " FROM (" + branches + ") opportunities ORDER BY created_at DESC, id + 0 DESC"
	} else {
		query = "SELECT " + opportunityColumns + " FROM opportunities WHERE " +
			strings.Join(append([]string{"community_id = ?"}, where...), " AND ") + " ORDER BY created_at DESC, id DESC"
		args = append([]any{communityID}, args...)
	}
	limit, offset := window(f.Page)
	rows, err := s.reader(ctx).query(ctx, query+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("find opportunities in community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanOpportunity)
	if err != nil {
		return nil, fmt.Errorf("find opportunities in community %d: %w", communityID, err)
	}
	return list, nil
}

// SetRecurrence replaces the opportunity's weekly rule.
func (s *Store) SetRecurrence(ctx context.Context, communityID, id int64, rule domain.ShiftRule) error {
	arg, err := jsonArg(rule)
	if err != nil {
		return fmt.Errorf("recurrence of opportunity %d: %w", id, err)
	}
	res, err := s.writer(ctx).exec(ctx, "UPDATE opportunities SET recurrence = ? WHERE community_id = ? AND id = ?",
		arg, communityID, id)
	if err := notFoundIfNone(res, err); err != nil {
		return fmt.Errorf("recurrence of opportunity %d: %w", id, err)
	}
	return nil
}

// RecurringOpportunities lists the opportunities of every community that
// have a weekly rule, by community and id. Like ExpireRequests it crosses
// communities on purpose: the scheduler extends all rules in one run.
func (s *Store) RecurringOpportunities(ctx context.Context) ([]domain.Opportunity, error) {
	rows, err := s.reader(ctx).query(ctx, "SELECT "+opportunityColumns+
		" FROM opportunities WHERE recurrence <> '{}' ORDER BY community_id, id")
	if err != nil {
		return nil, fmt.Errorf("recurring opportunities: %w", mapError(err))
	}
	list, err := collect(rows, scanOpportunity)
	if err != nil {
		return nil, fmt.Errorf("recurring opportunities: %w", err)
	}
	return list, nil
}

func scanOpportunity(r scanner) (domain.Opportunity, error) {
	var o domain.Opportunity
	err := r.Scan(&o.ID, &o.CommunityID, &o.OrganisationID, &o.Title, &o.Description, &o.Category, jsonList{&o.Skills},
		&o.Online, &o.Location.Lat, &o.Location.Lng, &o.Address, &o.MinAge, &o.VettingRequired, jsonList{&o.Languages},
		jsonValue{&o.Recurrence}, &o.CreatedBy, utc{&o.CreatedAt})
	return o, err
}

package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"mutua/internal/domain"
)

// Bounds on NearbyVolunteers: a zero limit means defaultCandidates, and no
// search reads more than maxCandidates profiles.
const (
	defaultCandidates = 200
	maxCandidates     = 1000
)

// statsChunk is how many volunteer ids VolunteerStats binds per query, far
// below either database's limit on parameters.
const statsChunk = 512

// NearbyVolunteers returns at most q.Limit (0: 200, at most 1000) of the
// community's volunteers whose home cell lies in one of q.Cells, who list
// q.Category among their skills, have fewer active assignments than their
// max_active, share a bit with q.LanguageMask and q.WeekMask where those are
// set and, with q.RequireVetted, are vetted. No cells, or a category that is
// not in domain.Categories, match nobody.
//
// It is one query on volunteers_cell: a search per cell range (see
// cellUnion). SQLite answers the skill, mask, load and vetting tests from
// the index entry, so that only the rows returned are read from the table. The rows
// come in cell order, which is not distance order: when more volunteers
// qualify than the limit, which of them come back is arbitrary, so callers
// wanting the nearest should search a small covering first and widen it.
//
// Only what matching needs is read: Name, vetting details and timestamps are
// left empty. Reading the name alone doubled the time of the query (the
// users row of every volunteer read), while the caller shows the names of
// twenty at most and looks those up with UserNames.
func (s *Store) NearbyVolunteers(ctx context.Context, communityID int64, q domain.VolunteerQuery) ([]domain.Volunteer, error) {
	query, args, ok := nearbyQuery(communityID, q)
	if !ok {
		return []domain.Volunteer{}, nil
	}
	rows, err := s.reader(ctx).query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("volunteers near in community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanMatchVolunteer)
	if err != nil {
		return nil, fmt.Errorf("volunteers near in community %d: %w", communityID, err)
	}
	return list, nil
}

// nearbyQuery builds the query of NearbyVolunteers, or reports that it
// would match nobody.
func nearbyQuery(communityID int64, q domain.VolunteerQuery) (query string, args []any, ok bool) {
	mask := skillMask([]string{q.Category})
	if len(q.Cells) == 0 || mask == 0 {
		return "", nil, false
	}
	limit := q.Limit
	switch {
	case limit <= 0:
		limit = defaultCandidates
	case limit > maxCandidates:
		limit = maxCandidates
	}
	// Numbers, not parameters, for the same reason as in cellUnion: the
	// statement then has no parameter whose value SQLite would re-plan for.
	where := "(skill_mask & " + itoa(mask) + ") <> 0 AND active < max_active"
	if q.LanguageMask != 0 {
		where += " AND (lang_mask & " + itoa(q.LanguageMask) + ") <> 0"
	}
	if q.WeekMask != 0 {
		where += " AND (avail_mask & " + itoa(q.WeekMask) + ") <> 0"
	}
	if q.RequireVetted {
		where += " AND vetted"
	}
	branches, args := cellUnion("volunteers", communityID, q.Cells, where)
	query = "SELECT " + matchFields + " FROM (" + branches + ") v LIMIT " + strconv.Itoa(limit)
	return query, args, true
}

func itoa(x int64) string { return strconv.FormatInt(x, 10) }

// matchFields are the columns of a volunteer that matching reads.
const matchFields = "v.user_id, v.community_id, v.skills, v.languages, v.lat, v.lng, v.radius_km, v.availability, " +
	"v.max_active, v.vetted, v.active"

func scanMatchVolunteer(r scanner) (domain.Volunteer, error) {
	var v domain.Volunteer
	err := r.Scan(&v.UserID, &v.CommunityID, jsonList{&v.Skills}, jsonList{&v.Languages}, &v.Home.Lat, &v.Home.Lng,
		&v.RadiusKM, slotList{&v.Availability}, &v.MaxActive, &v.Vetted, &v.Active)
	return v, err
}

// UserNames returns the names of the accounts with the given ids, in one
// query per 512 ids; unknown ids are absent.
func (s *Store) UserNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	names := make(map[int64]string, len(ids))
	h := s.reader(ctx)
	for start := 0; start < len(ids); start += statsChunk {
		marks, args := inList(ids[start:min(start+statsChunk, len(ids))])
		rows, err := h.query(ctx, "SELECT id, name FROM users WHERE id IN ("+marks+")", args...)
		if err != nil {
			return nil, fmt.Errorf("user names: %w", mapError(err))
		}
		type row struct {
			id   int64
			name string
		}
		list, err := collect(rows, func(r scanner) (row, error) {
			var x row
			return x, r.Scan(&x.id, &x.name)
		})
		if err != nil {
			return nil, fmt.Errorf("user names: %w", err)
		}
		for _, x := range list {
			names[x.id] = x.name
		}
	}
	return names, nil
}

// VolunteerStats returns, for each of the volunteers that has assignments in
// the community, how many were created since since, how many were completed
// and how many declined or withdrawn (all time). Volunteers without any are
// absent, which reads as zero figures. It is one grouped query per 512 ids,
// answered from assignments_volunteer alone.
func (s *Store) VolunteerStats(ctx context.Context, communityID int64, userIDs []int64, since time.Time) (map[int64]domain.VolunteerStats, error) {
	stats := make(map[int64]domain.VolunteerStats, len(userIDs))
	h := s.reader(ctx)
	for start := 0; start < len(userIDs); start += statsChunk {
		marks, ids := inList(userIDs[start:min(start+statsChunk, len(userIDs))])
		rows, err := h.query(ctx, statsQuery(marks), append([]any{s.d.timeArg(since), communityID}, ids...)...)
		if err != nil {
			return nil, fmt.Errorf("volunteer stats in community %d: %w", communityID, mapError(err))
		}
		type row struct {
			id int64
			st domain.VolunteerStats
		}
		list, err := collect(rows, func(r scanner) (row, error) {
			var x row
			err := r.Scan(&x.id, &x.st.Recent, &x.st.Completed, &x.st.Declined)
			return x, err
		})
		if err != nil {
			return nil, fmt.Errorf("volunteer stats in community %d: %w", communityID, err)
		}
		for _, x := range list {
			stats[x.id] = x.st
		}
	}
	return stats, nil
}

// statsQuery is the query of VolunteerStats with the placeholders of the
// ids; its arguments are since, the community and the ids.
func statsQuery(marks string) string {
	return `SELECT volunteer_id,
			SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END),
			SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END),
			SUM(CASE WHEN status IN ('declined', 'withdrawn') THEN 1 ELSE 0 END)
		FROM assignments
		WHERE community_id = ? AND volunteer_id IN (` + marks + `)
		GROUP BY volunteer_id`
}

// skillMask has bit i set when domain.Categories[i] is among skills; free
// tags set nothing. The bits are stored, so categories may be appended to
// domain.Categories but not reordered or removed without a migration that
// recomputes skill_mask. Only the first 63 categories get a bit, keeping the
// mask a positive int64.
func skillMask(skills []string) int64 {
	var mask int64
	for i, c := range domain.Categories {
		if i >= 63 {
			break
		}
		for _, s := range skills {
			if s == c {
				mask |= 1 << i
				break
			}
		}
	}
	return mask
}

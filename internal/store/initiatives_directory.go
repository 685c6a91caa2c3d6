package store

import (
	"context"
	"fmt"
	"math"
	"strings"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// kmPerDegree is the length of a degree of latitude, near enough for the
// directory's radii of at most 100 km.
const kmPerDegree = 111.32

// orgSectorSQL is domain.OrganisationSector in SQL: an organisation's
// free-text sector counts as the fixed sector whose key it equals ignoring
// case, surrounding spaces and space or dash for underscore; anything else
// is other. The keys are ASCII, so SQLite's ASCII-only lower() suffices.
var orgSectorSQL = func() string {
	key := "replace(replace(lower(trim(sector)), ' ', '_'), '-', '_')"
	return "CASE WHEN " + key + " IN ('" + strings.Join(domain.InitiativeSectors, "', '") + "') THEN " + key +
		" ELSE 'other' END"
}()

// directoryPart is one side of the directory's UNION: its select list and
// the conditions and arguments that narrow it.
type directoryPart struct {
	kind   string
	sel    string
	sector string
	where  []string
	args   []any
}

// FindDirectory lists a page of the community's directory: its
// initiatives and its approved organisations, read from their own table.
// Without f.Near entries come in name order; with it only those within
// f.RadiusKM, nearest first. f.Text matches every word of the search, with
// case and diacritics ignored, through FTS5 on SQLite and a tsvector on
// PostgreSQL; a search without any word matches nothing.
func (s *Store) FindDirectory(ctx context.Context, communityID int64, f domain.DirectoryFilter) ([]domain.DirectoryEntry, error) {
	terms := searchTerms(f.Text)
	if strings.TrimSpace(f.Text) != "" && len(terms) == 0 {
		return []domain.DirectoryEntry{}, nil
	}
	query, args := s.directoryQuery(communityID, f, terms)
	rows, err := s.reader(ctx).query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("directory of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanDirectoryEntry)
	if err != nil {
		return nil, fmt.Errorf("directory of community %d: %w", communityID, err)
	}
	if f.Near != nil {
		for i := range list {
			d := geo.Distance(*f.Near, list[i].Location)
			list[i].DistanceKM = &d
		}
	}
	return list, nil
}

func (s *Store) directoryQuery(communityID int64, f domain.DirectoryFilter, terms []string) (string, []any) {
	initiatives := directoryPart{kind: domain.EntryInitiative, sector: "sector",
		sel: "SELECT 'initiative' AS kind, id, name, sector, description, address, lat, lng, website, contact, " +
			"opening_times, languages, status FROM initiatives",
		where: []string{"community_id = ?"}, args: []any{communityID}}
	switch {
	case f.ProposedOnly:
		initiatives.where = append(initiatives.where, "status = 'proposed'")
	case !f.WithProposed:
		initiatives.where = append(initiatives.where, "status = 'approved'")
	}
	orgs := directoryPart{kind: domain.EntryOrganisation, sector: orgSectorSQL,
		sel: "SELECT 'organisation' AS kind, id, name, " + orgSectorSQL + " AS sector, description, '' AS address, " +
			"lat, lng, website, contact, '' AS opening_times, '[]' AS languages, 'approved' AS status FROM organisations",
		where: []string{"community_id = ?", "status = 'approved'"}, args: []any{communityID}}
	parts := []*directoryPart{&initiatives}
	if !f.ProposedOnly {
		parts = append(parts, &orgs)
	}
	for _, p := range parts {
		if f.Sector != "" {
			p.where = append(p.where, p.sector+" = ?")
			p.args = append(p.args, f.Sector)
		}
		if len(terms) > 0 {
			s.textCondition(p, communityID, terms)
		}
		if f.Near != nil {
			nearCondition(p, *f.Near, f.RadiusKM)
		}
	}
	branches := make([]string, len(parts))
	var args []any
	for i, p := range parts {
		branches[i] = p.sel + " WHERE " + strings.Join(p.where, " AND ")
		args = append(args, p.args...)
	}
	query := "SELECT kind, id, name, sector, description, address, lat, lng, website, contact, opening_times, " +
		"languages, status FROM (" + strings.Join(branches, " UNION ALL ") + ") e ORDER BY "
	if f.Near != nil {
		expr, dargs := squaredKM(*f.Near)
		query += expr + ", "
		args = append(args, dargs...)
	}
	limit, offset := window(f.Page)
	return query + "name, kind, id LIMIT ? OFFSET ?", append(args, limit, offset)
}

// textCondition narrows p to entries holding every term. On SQLite the
// directory_fts index answers; on PostgreSQL plainto_tsquery reads the
// terms as plain words, and organisations' words are folded by
// directory_fold as initiatives' were in Go.
func (s *Store) textCondition(p *directoryPart, communityID int64, terms []string) {
	if s.d.name == dialectSQLite {
		p.where = append(p.where, "id IN (SELECT ref_id FROM directory_fts WHERE directory_fts MATCH ? AND kind = ? AND community_id = ?)")
		p.args = append(p.args, fts5Query(terms), p.kind, communityID)
		return
	}
	doc := "search_text"
	if p.kind == domain.EntryOrganisation {
		doc = "directory_fold(name || ' ' || sector || ' ' || description)"
	}
	p.where = append(p.where, "to_tsvector('simple', "+doc+") @@ plainto_tsquery('simple', ?)")
	p.args = append(p.args, strings.Join(terms, " "))
}

// nearCondition keeps entries within radiusKM of c: a band of latitude
// the index can use, then the circle on a plane tangent at c, which is
// within a fraction of a percent of the distance on the sphere at these
// radii and needs no trigonometry in SQL.
func nearCondition(p *directoryPart, c domain.Point, radiusKM float64) {
	band := radiusKM / kmPerDegree
	expr, args := squaredKM(c)
	p.where = append(p.where, "lat BETWEEN ? AND ?", expr+" <= ?")
	p.args = append(p.args, c.Lat-band, c.Lat+band)
	p.args = append(p.args, args...)
	p.args = append(p.args, radiusKM*radiusKM)
}

// squaredKM is the SQL for the squared distance in km² from c on the plane
// tangent at c.
func squaredKM(c domain.Point) (string, []any) {
	kx := kmPerDegree * math.Cos(c.Lat*math.Pi/180)
	return "((lat - ?) * ?) * ((lat - ?) * ?) + ((lng - ?) * ?) * ((lng - ?) * ?)",
		[]any{c.Lat, kmPerDegree, c.Lat, kmPerDegree, c.Lng, kx, c.Lng, kx}
}

func scanDirectoryEntry(r scanner) (domain.DirectoryEntry, error) {
	var e domain.DirectoryEntry
	err := r.Scan(&e.Kind, &e.ID, &e.Name, &e.Sector, &e.Description, &e.Address, &e.Location.Lat, &e.Location.Lng,
		&e.Website, &e.Contact, &e.OpeningTimes, jsonList{&e.Languages}, &e.Status)
	return e, err
}

package store

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mutua/internal/domain"
)

// Page sizes for lists. A zero limit means "the default", and no caller gets
// more than maxPageLimit rows at once, so a list cannot be used to dump a table.
const (
	defaultPageLimit = 50
	maxPageLimit     = 200
)

// window returns the LIMIT and OFFSET for page.
func window(p domain.Page) (limit, offset int) {
	limit, offset = p.Limit, p.Offset
	switch {
	case limit <= 0:
		limit = defaultPageLimit
	case limit > maxPageLimit:
		limit = maxPageLimit
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// sqliteReadLayouts are the text forms a SQLite time column may hold: ours
// (sqliteTimeLayout, which this layout also parses) and CURRENT_TIMESTAMP's,
// for rows written by hand.
var sqliteReadLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
}

// utc scans a time column into *t in UTC. pgx returns timestamptz in the local
// zone and SQLite returns text or a parsed time depending on whether the
// driver can see the column's declared type (it cannot through some
// expressions), so every time read goes through here to come out the same.
type utc struct{ t *time.Time }

// Scan implements sql.Scanner.
func (u utc) Scan(v any) error {
	switch x := v.(type) {
	case time.Time:
		*u.t = x.UTC()
		return nil
	case string:
		return u.parse(x)
	case []byte:
		return u.parse(string(x))
	}
	return fmt.Errorf("cannot scan %T into a time", v)
}

func (u utc) parse(s string) error {
	if t, ok := parseStoreTime(s); ok {
		*u.t = t
		return nil
	}
	for _, layout := range sqliteReadLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			*u.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("cannot parse %q as a time", s)
}

// parseStoreTime reads sqliteTimeLayout in UTC, the form of every time the
// store and the column defaults write, several times faster than time.Parse:
// the candidates query reads hundreds per call. Anything else is left to
// time.Parse.
func parseStoreTime(s string) (time.Time, bool) {
	// 2006-01-02 15:04:05.000000+00:00
	if len(s) != 32 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' ||
		s[19] != '.' || s[26:] != "+00:00" {
		return time.Time{}, false
	}
	var n [7]int
	for i, f := range [7][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}, {20, 26}} {
		for _, c := range []byte(s[f[0]:f[1]]) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	if n[1] < 1 || n[1] > 12 || n[2] < 1 || n[3] > 23 || n[4] > 59 || n[5] > 59 {
		return time.Time{}, false
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], n[6]*1000, time.UTC)
	if t.Day() != n[2] { // 31 April and the like: refuse, as time.Parse does
		return time.Time{}, false
	}
	return t, true
}

// optionalUTC scans a nullable time column; NULL becomes the zero time, which
// the domain uses for "never" (VettedAt, CompletedAt).
type optionalUTC struct{ t *time.Time }

// Scan implements sql.Scanner.
func (o optionalUTC) Scan(v any) error {
	if v == nil {
		*o.t = time.Time{}
		return nil
	}
	return utc(o).Scan(v)
}

// optionalID scans a nullable reference into a pointer that stays nil for
// NULL, as the domain marks an absent client or requester.
type optionalID struct{ p **int64 }

// Scan implements sql.Scanner.
func (o optionalID) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*o.p = nil
	if n.Valid {
		id := n.Int64
		*o.p = &id
	}
	return nil
}

// zeroID scans a nullable reference into an int64 that is 0 for NULL, for
// the fields where the domain uses 0 as "nobody" (VettedBy).
type zeroID struct{ p *int64 }

// Scan implements sql.Scanner.
func (z zeroID) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*z.p = n.Int64
	return nil
}

// idArg binds an optional reference: nil is NULL.
func idArg(id *int64) any {
	if id == nil {
		return nil
	}
	return *id
}

// placeholders returns "?, ?, …" with n marks, for IN lists.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// inList returns the placeholders and arguments of an IN list of values,
// which must not be empty. The list is padded to a power of two by repeating
// its last value, which changes nothing for IN, so that lists of any length
// share a handful of query texts: PostgreSQL's driver keeps a prepared
// statement per text, and a text per length would crowd its cache.
func inList[T any](values []T) (string, []any) {
	n := 1
	for n < len(values) {
		n *= 2
	}
	args := make([]any, n)
	for i := range args {
		args[i] = values[min(i, len(values)-1)]
	}
	return placeholders(n), args
}

// cellUnion returns a UNION ALL of one "SELECT * FROM table" per cell
// range, each with "community_id = <id> AND cell BETWEEN <min> AND <max>"
// and where (if any), and the arguments: whereArgs once per range. The
// spatial queries select from it as a subquery.
//
// One simple query per range is the shape both planners get right without
// help. The obvious "(cell BETWEEN ? AND ?) OR …" often made SQLite, lacking
// statistics on a new database, scan the whole community instead; joining a
// VALUES list of ranges hid the bounds from PostgreSQL, which then guessed and
// read the community sequentially; and PostgreSQL turns an OR into a bitmap
// that reads every entry of every range before the LIMIT can stop it. Each
// branch here searches the cell index over one range with its real bounds,
// and both databases stop reading branches once the LIMIT is met.
//
// The community and the bounds are written into the SQL as numbers rather
// than bound: SQLite plans a range by the values of its parameters, so it
// prepared every such statement a second time when it first ran it, which
// cost a tenth of a whole search. They are integers computed here, never
// text from a request.
func cellUnion(table string, communityID int64, ranges []domain.CellRange, where string, whereArgs ...any) (string, []any) {
	var b strings.Builder
	args := make([]any, 0, len(ranges)*len(whereArgs))
	community := strconv.FormatInt(communityID, 10)
	for i, r := range ranges {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		b.WriteString("SELECT * FROM " + table + " WHERE community_id = " + community +
			" AND cell BETWEEN " + strconv.FormatInt(r.Min, 10) + " AND " + strconv.FormatInt(r.Max, 10))
		if where != "" {
			b.WriteString(" AND " + where)
		}
		args = append(args, whereArgs...)
	}
	return b.String(), args
}

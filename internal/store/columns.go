package store

import (
	"encoding/json"
	"fmt"
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
	for _, layout := range sqliteReadLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			*u.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("cannot parse %q as a time", s)
}

// jsonList scans a JSON array of strings, as communities keep their languages
// and categories: one column instead of a table per list, since the lists are
// short and always read whole.
type jsonList struct{ list *[]string }

// Scan implements sql.Scanner.
func (j jsonList) Scan(v any) error {
	var b []byte
	switch x := v.(type) {
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return fmt.Errorf("cannot scan %T into a JSON list", v)
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("scan JSON list: %w", err)
	}
	*j.list = list
	return nil
}

// jsonText encodes list for a JSON array column; nil becomes [] because the
// schema only accepts arrays.
func jsonText(list []string) (string, error) {
	if list == nil {
		list = []string{}
	}
	b, err := json.Marshal(list)
	return string(b), err
}

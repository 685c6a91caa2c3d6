package store

import (
	"context"
	"fmt"
	"strings"

	"mutua/internal/domain"
)

const clientColumns = "id, community_id, name, phone, address, lat, lng, languages, notes, " +
	"consent_given_at, consent_method, consent_recorded_by, created_at, updated_at"

// minPhoneSuffix is the fewest digits a stored number must have to be found
// as the end of a longer number searched for. Shorter numbers would turn up
// for many unrelated searches.
const minPhoneSuffix = 6

// CreateClient inserts c and sets its ID, CreatedAt and UpdatedAt. A consent
// recorder who is no user is domain.ErrReferenced.
func (s *Store) CreateClient(ctx context.Context, c *domain.Client) error {
	languages, err := jsonText(c.Languages)
	if err != nil {
		return fmt.Errorf("create client: %w", err)
	}
	err = s.writer(ctx).queryRow(ctx, `
		INSERT INTO clients (community_id, name, name_key, phone, phone_rev, address, lat, lng, languages, notes,
			consent_given_at, consent_method, consent_recorded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id, created_at, updated_at`,
		c.CommunityID, c.Name, nameKey(c.Name), c.Phone, phoneKey(c.Phone), c.Address, c.Location.Lat, c.Location.Lng,
		languages, c.Notes, s.d.timeArg(c.Consent.GivenAt), c.Consent.Method, c.Consent.RecordedBy,
	).Scan(&c.ID, utc{&c.CreatedAt}, utc{&c.UpdatedAt})
	if err != nil {
		return fmt.Errorf("create client in community %d: %w", c.CommunityID, mapError(err))
	}
	return nil
}

// UpdateClient overwrites the client's fields, including when and how
// consent was given but not who recorded it nor the creation time, and sets
// UpdatedAt. c comes back with the recorder and creation time as stored, so
// that it shows what the database holds. A client not in c.CommunityID is
// domain.ErrNotFound.
func (s *Store) UpdateClient(ctx context.Context, c *domain.Client) error {
	languages, err := jsonText(c.Languages)
	if err != nil {
		return fmt.Errorf("update client %d: %w", c.ID, err)
	}
	err = s.writer(ctx).queryRow(ctx, `
		UPDATE clients SET name = ?, name_key = ?, phone = ?, phone_rev = ?, address = ?, lat = ?, lng = ?,
			languages = ?, notes = ?, consent_given_at = ?, consent_method = ?, updated_at = `+s.d.now+`
		WHERE community_id = ? AND id = ?
		RETURNING consent_recorded_by, created_at, updated_at`,
		c.Name, nameKey(c.Name), c.Phone, phoneKey(c.Phone), c.Address, c.Location.Lat, c.Location.Lng,
		languages, c.Notes, s.d.timeArg(c.Consent.GivenAt), c.Consent.Method,
		c.CommunityID, c.ID,
	).Scan(&c.Consent.RecordedBy, utc{&c.CreatedAt}, utc{&c.UpdatedAt})
	if err != nil {
		return fmt.Errorf("update client %d: %w", c.ID, mapError(err))
	}
	return nil
}

// ClientByID returns the community's client with id, or domain.ErrNotFound,
// also when the client belongs to another community.
func (s *Store) ClientByID(ctx context.Context, communityID, id int64) (domain.Client, error) {
	row := s.reader(ctx).queryRow(ctx,
		"SELECT "+clientColumns+" FROM clients WHERE community_id = ? AND id = ?", communityID, id)
	c, err := scanClient(row)
	if err != nil {
		return domain.Client{}, fmt.Errorf("client %d: %w", id, mapError(err))
	}
	return c, nil
}

// FindClients lists a page of the community's clients ordered by name, then
// id. Both q.Phone and q.Name given means both must match; neither lists
// every client.
//
// Phone numbers are compared by their digits without leading zeros, so the
// trunk "0" of "041 123 456" and the "00" of "00386…" do not count. A number
// matches when it ends in the digits searched for ("123456" finds
// "041 123 456"), or when the number searched for ends in the stored one and
// the stored one has at least minPhoneSuffix digits ("+386 41 123 456" finds
// "041 123 456", as a caller id shows it). Both are index lookups on
// phone_rev: the first a range, the second a handful of exact matches. A
// phone without any digit but zeros matches nothing.
//
// The name matches case-insensitively anywhere; it scans the community's
// clients, which are few enough.
func (s *Store) FindClients(ctx context.Context, communityID int64, q domain.ClientQuery) ([]domain.Client, error) {
	query, args, ok := findClientsQuery(communityID, q)
	if !ok {
		return []domain.Client{}, nil
	}
	rows, err := s.reader(ctx).query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("find clients in community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanClient)
	if err != nil {
		return nil, fmt.Errorf("find clients in community %d: %w", communityID, err)
	}
	return list, nil
}

// findClientsQuery builds the query of FindClients, or reports that it would
// match nobody.
func findClientsQuery(communityID int64, q domain.ClientQuery) (query string, args []any, ok bool) {
	var b strings.Builder
	b.WriteString("SELECT " + clientColumns + " FROM clients WHERE ")
	if q.Phone != "" {
		key := phoneKey(q.Phone)
		if key == "" {
			return "", nil, false
		}
		// community_id is repeated inside each branch so that SQLite plans
		// each as its own search of clients_phone.
		b.WriteString("((community_id = ? AND phone_rev >= ? AND phone_rev < ?)")
		args = append(args, communityID, key, key+":") // ':' sorts right after '9'
		if tails := phoneTails(key); len(tails) > 0 {
			b.WriteString(" OR (community_id = ? AND phone_rev IN (" + placeholders(len(tails)) + "))")
			args = append(args, communityID)
			for _, t := range tails {
				args = append(args, t)
			}
		}
		b.WriteString(")")
	} else {
		b.WriteString("community_id = ?")
		args = append(args, communityID)
	}
	if q.Name != "" {
		b.WriteString(` AND name_key LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(nameKey(q.Name))+"%")
	}
	limit, offset := window(q.Page)
	b.WriteString(" ORDER BY name, id LIMIT ? OFFSET ?")
	return b.String(), append(args, limit, offset), true
}

func scanClient(r scanner) (domain.Client, error) {
	var c domain.Client
	err := r.Scan(&c.ID, &c.CommunityID, &c.Name, &c.Phone, &c.Address, &c.Location.Lat, &c.Location.Lng,
		jsonList{&c.Languages}, &c.Notes, utc{&c.Consent.GivenAt}, &c.Consent.Method, &c.Consent.RecordedBy,
		utc{&c.CreatedAt}, utc{&c.UpdatedAt})
	return c, err
}

// phoneKey is the form phone_rev keeps: the digits without leading zeros,
// reversed, so that a suffix of the number is a prefix of the key.
func phoneKey(phone string) string {
	d := []byte(strings.TrimLeft(domain.PhoneDigits(phone), "0"))
	for i, j := 0, len(d)-1; i < j; i, j = i+1, j-1 {
		d[i], d[j] = d[j], d[i]
	}
	return string(d)
}

// phoneTails lists the keys of the stored numbers a searched key may end
// in: its proper prefixes of at least minPhoneSuffix digits. The key itself
// is left to the range, which already covers it.
func phoneTails(key string) []string {
	var tails []string
	for n := minPhoneSuffix; n < len(key); n++ {
		tails = append(tails, key[:n])
	}
	return tails
}

// nameKey is the form name_key keeps and name searches compare with:
// lowered by Go, which knows every alphabet, since SQLite's lower() only
// knows ASCII.
func nameKey(name string) string { return strings.ToLower(name) }

// escapeLike makes s match itself inside a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

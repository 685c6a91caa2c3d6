package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"mutua/internal/domain"
	"mutua/internal/match"
)

// importBatch is how many rows one INSERT of an import carries. Each
// statement costs a round trip and, through database/sql, some bookkeeping
// whatever its size. Loading 200,000 volunteers (600,000 rows) took 19 s on
// SQLite and 83 s on PostgreSQL one row per statement, 9.7 s and 11.4 s a
// hundred rows per statement; 500 rows gained another 15% on SQLite only.
// The widest batch (requests: 20 columns) binds 2,000 parameters, far
// below either database's limit.
const importBatch = 100

// unusableHash is the password hash of an imported account without one. It
// is no hash the auth package makes, so verifying any password against it
// fails as malformed and the log-in is refused like a wrong password; the
// person sets a password through a reset.
const unusableHash = "!"

// ImportedVolunteer is one person ImportVolunteers brings in: an account, a
// volunteer membership and a profile whose home lies in Cell.
type ImportedVolunteer struct {
	// User needs a unique, normalized Email; Name may be empty, and an
	// empty PasswordHash stores one that never verifies.
	User      domain.User
	Volunteer domain.Volunteer
	Cell      int64
}

// ImportedRequest is one request ImportRequests stores: Request as the
// service would pass it to CreateRequest (Approx, ExpiresAt, CreatedBy and
// RequesterID or ClientID filled), with Cell the cell of its approximate
// location.
type ImportedRequest struct {
	Request domain.Request
	Cell    int64
}

// ImportVolunteers creates, in one transaction, an account, a volunteer
// membership of the community and a profile for each person: the bulk
// version of CreateUser, PutMembership and PutVolunteer, for spreadsheet
// imports and the benchmark. It sets User.ID and User.CreatedAt, and the
// profile's UserID, CommunityID and Name. Vetted, VettedAt and VettedBy are
// stored as given; Active is not, since an imported volunteer has no
// assignments yet.
//
// A taken email, in the database or twice in people, is domain.ErrDuplicate
// and an unknown community domain.ErrReferenced; either way nothing is
// stored. The rows go in through prepared INSERTs of importBatch rows, so a
// million take about a minute on SQLite.
func (s *Store) ImportVolunteers(ctx context.Context, communityID int64, people []ImportedVolunteer) error {
	err := s.InTx(ctx, func(ctx context.Context) error {
		tx, _ := s.txFrom(ctx)
		users := s.newBulkInsert(tx, "users", "email, name, language, password_hash, is_operator", "id, email, created_at")
		members := s.newBulkInsert(tx, "memberships", "community_id, user_id, role", "")
		profiles := s.newBulkInsert(tx, "volunteers", "community_id, user_id, skills, skill_mask, languages, lang_mask, lat, lng, cell, "+
			"radius_km, availability, avail_mask, max_active, vetted, vetted_at, vetted_by", "")
		defer users.close()
		defer members.close()
		defer profiles.close()
		for start := 0; start < len(people); start += importBatch {
			chunk := people[start:min(start+importBatch, len(people))]
			if err := s.importUsers(ctx, users, chunk); err != nil {
				return err
			}
			if err := s.importProfiles(ctx, members, profiles, communityID, chunk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import %d volunteers into community %d: %w", len(people), communityID, err)
	}
	return nil
}

// importUsers inserts the accounts of chunk and sets their ids, found by
// email because neither database promises the order of RETURNING rows.
func (s *Store) importUsers(ctx context.Context, users *bulkInsert, chunk []ImportedVolunteer) error {
	args := make([]any, 0, len(chunk)*5)
	at := make(map[string]int, len(chunk))
	for i := range chunk {
		u := &chunk[i].User
		hash := u.PasswordHash
		if hash == "" {
			hash = unusableHash
		}
		args = append(args, u.Email, u.Name, u.Language, hash, u.IsOperator)
		at[u.Email] = i
	}
	return users.insert(ctx, len(chunk), args, func(r scanner) error {
		var id int64
		var email string
		var created time.Time
		if err := r.Scan(&id, &email, utc{&created}); err != nil {
			return err
		}
		i, ok := at[email]
		if !ok {
			return fmt.Errorf("an inserted account came back with an email not imported")
		}
		chunk[i].User.ID, chunk[i].User.CreatedAt = id, created
		return nil
	})
}

// importProfiles inserts the memberships and the profiles of chunk, whose
// accounts exist.
func (s *Store) importProfiles(ctx context.Context, members, profiles *bulkInsert, communityID int64, chunk []ImportedVolunteer) error {
	memberArgs := make([]any, 0, len(chunk)*3)
	profileArgs := make([]any, 0, len(chunk)*14)
	for i := range chunk {
		p := &chunk[i]
		v := &p.Volunteer
		v.UserID, v.CommunityID, v.Name = p.User.ID, communityID, p.User.Name
		memberArgs = append(memberArgs, communityID, v.UserID, string(domain.RoleVolunteer))
		skills, err := jsonText(v.Skills)
		if err != nil {
			return err
		}
		languages, err := jsonText(v.Languages)
		if err != nil {
			return err
		}
		slots := v.Availability
		if slots == nil {
			slots = []domain.Slot{}
		}
		availability, err := jsonArg(slots)
		if err != nil {
			return err
		}
		var vettedAt, vettedBy any
		if v.Vetted {
			vettedAt = s.d.optionalTimeArg(v.VettedAt)
			if v.VettedBy != 0 {
				vettedBy = v.VettedBy
			}
		}
		profileArgs = append(profileArgs, communityID, v.UserID, skills, skillMask(v.Skills), languages,
			match.LanguageMask(v.Languages), v.Home.Lat, v.Home.Lng, p.Cell, v.RadiusKM, availability,
			match.SlotsMask(v.Availability), v.MaxActive, v.Vetted, vettedAt, vettedBy)
	}
	if err := members.insert(ctx, len(chunk), memberArgs, nil); err != nil {
		return err
	}
	return profiles.insert(ctx, len(chunk), profileArgs, nil)
}

// ImportRequests stores reqs in the community in one transaction: the bulk
// version of CreateRequest, which it follows in everything else (an empty
// Status is open; expires_at is ExpiresAt or NeededBy). It sets each
// request's ID, CreatedAt and UpdatedAt. A client of another community or an
// unknown user is domain.ErrReferenced, and then nothing is stored.
func (s *Store) ImportRequests(ctx context.Context, communityID int64, reqs []ImportedRequest) error {
	err := s.InTx(ctx, func(ctx context.Context) error {
		tx, _ := s.txFrom(ctx)
		ins := s.newBulkInsert(tx, "requests", "community_id, category, title, description, needed_from, needed_by, "+
			"expires_at, urgency, languages, lat, lng, address, approx_lat, approx_lng, cell, client_id, requester_id, "+
			"created_by, recurrence, status", "id, created_at, updated_at")
		defer ins.close()
		for start := 0; start < len(reqs); start += importBatch {
			if err := s.importRequestChunk(ctx, ins, communityID, reqs[start:min(start+importBatch, len(reqs))]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import %d requests into community %d: %w", len(reqs), communityID, err)
	}
	return nil
}

// importRequestChunk inserts one statement's worth of requests. Their ids
// come back in no promised order, but both databases draw them in the order
// of the VALUES rows (SQLite's next rowid, PostgreSQL's identity sequence,
// which only grows), so the sorted ids belong to the rows in order.
func (s *Store) importRequestChunk(ctx context.Context, ins *bulkInsert, communityID int64, chunk []ImportedRequest) error {
	args := make([]any, 0, len(chunk)*20)
	for i := range chunk {
		r := &chunk[i].Request
		r.CommunityID = communityID
		if r.Status == "" {
			r.Status = domain.RequestOpen
		}
		languages, err := jsonText(r.Languages)
		if err != nil {
			return err
		}
		recurrence, err := jsonArg(r.Recurrence)
		if err != nil {
			return err
		}
		args = append(args, communityID, r.Category, r.Title, r.Description, s.d.timeArg(r.NeededFrom), s.d.timeArg(r.NeededBy),
			s.d.timeArg(expiresAt(*r)), r.Urgency, languages, r.Location.Lat, r.Location.Lng, r.Address, r.Approx.Lat, r.Approx.Lng,
			chunk[i].Cell, idArg(r.ClientID), idArg(r.RequesterID), r.CreatedBy, recurrence, string(r.Status))
	}
	type stamp struct {
		id               int64
		created, updated time.Time
	}
	stamps := make([]stamp, 0, len(chunk))
	err := ins.insert(ctx, len(chunk), args, func(r scanner) error {
		var st stamp
		err := r.Scan(&st.id, utc{&st.created}, utc{&st.updated})
		stamps = append(stamps, st)
		return err
	})
	if err != nil {
		return err
	}
	if len(stamps) != len(chunk) {
		return fmt.Errorf("%d requests inserted, %d ids returned", len(chunk), len(stamps))
	}
	slices.SortFunc(stamps, func(a, b stamp) int { return cmp.Compare(a.id, b.id) })
	for i, st := range stamps {
		r := &chunk[i].Request
		r.ID, r.CreatedAt, r.UpdatedAt = st.id, st.created, st.updated
	}
	return nil
}

// EachVolunteer calls fn with every volunteer of the community, with names,
// in user id order, stopping at fn's first error, which it returns. There
// is no spatial filter and no limit: it exists for exports and for the
// brute-force baseline of `mutua bench match`, never for matching. The rows
// stream, so memory stays flat however many there are; fn runs while a read
// is open, so it should not take long.
func (s *Store) EachVolunteer(ctx context.Context, communityID int64, fn func(domain.Volunteer) error) error {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT u.name, `+volunteerFields+`
		FROM volunteers v JOIN users u ON u.id = v.user_id
		WHERE v.community_id = ?
		ORDER BY v.user_id`,
		communityID)
	if err != nil {
		return fmt.Errorf("every volunteer of community %d: %w", communityID, mapError(err))
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scanVolunteer(rows)
		if err != nil {
			return fmt.Errorf("every volunteer of community %d: %w", communityID, err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("every volunteer of community %d: %w", communityID, mapError(err))
	}
	return nil
}

// AllVolunteers returns every volunteer of the community in user id order:
// EachVolunteer collected into a list, for exports and the benchmark's
// baseline. A large community makes a large list.
func (s *Store) AllVolunteers(ctx context.Context, communityID int64) ([]domain.Volunteer, error) {
	list := []domain.Volunteer{}
	err := s.EachVolunteer(ctx, communityID, func(v domain.Volunteer) error {
		list = append(list, v)
		return nil
	})
	return list, err
}

// bulkInsert inserts rows into one table with multi-row INSERTs inside a
// transaction, keeping the statement of a full batch prepared.
type bulkInsert struct {
	tx        *sql.Tx
	d         *dialect
	table     string
	columns   string
	width     int
	returning string
	full      *sql.Stmt
}

func (s *Store) newBulkInsert(tx *sql.Tx, table, columns, returning string) *bulkInsert {
	return &bulkInsert{tx: tx, d: s.d, table: table, columns: columns, width: strings.Count(columns, ",") + 1, returning: returning}
}

// insert inserts n rows whose arguments, width per row, are args. With a
// RETURNING list, read is called with each row returned.
func (b *bulkInsert) insert(ctx context.Context, n int, args []any, read func(scanner) error) error {
	if len(args) != n*b.width {
		return fmt.Errorf("insert into %s: %d arguments for %d rows of %d columns", b.table, len(args), n, b.width)
	}
	st, err := b.statement(ctx, n)
	if err != nil {
		return err
	}
	if st != b.full {
		defer st.Close()
	}
	if read == nil {
		_, err := st.ExecContext(ctx, args...)
		return mapError(err)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return mapError(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := read(rows); err != nil {
			return err
		}
	}
	return mapError(rows.Err())
}

// statement returns the prepared INSERT of n rows: the kept one for a full
// batch, a fresh one, which the caller closes, for the last and shorter one.
func (b *bulkInsert) statement(ctx context.Context, n int) (*sql.Stmt, error) {
	if n == importBatch && b.full != nil {
		return b.full, nil
	}
	row := "(" + placeholders(b.width) + ")"
	query := "INSERT INTO " + b.table + " (" + b.columns + ") VALUES " + strings.Repeat(row+", ", n-1) + row
	if b.returning != "" {
		query += " RETURNING " + b.returning
	}
	if n == importBatch {
		query = b.d.rebind(query)
	} else if b.d.numbered {
		// Not through rebind, whose cache would keep a text per length.
		query = numberPlaceholders(query)
	}
	st, err := b.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare insert into %s: %w", b.table, mapError(err))
	}
	if n == importBatch {
		b.full = st
	}
	return st, nil
}

func (b *bulkInsert) close() {
	if b.full != nil {
		b.full.Close()
	}
}

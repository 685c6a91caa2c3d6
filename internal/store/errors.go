package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"mutua/internal/domain"
)

// ErrConstraint reports a row the database refused because it breaks a CHECK
// or NOT NULL rule of the schema. The service validates before it stores, so
// seeing this means a validation is missing; it is of kind invalid so that the
// caller still gets a 4xx rather than a 500.
var ErrConstraint = &domain.Error{Kind: domain.KindInvalid, Code: "constraint", Message: "the data breaks a rule of the database"}

// PostgreSQL SQLSTATE codes of integrity constraint violations.
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
	pgCheckViolation      = "23514"
	pgNotNullViolation    = "23502"
)

// mapError turns a driver error into the domain sentinel it stands for, by the
// driver's error code and never by its message (messages change between
// versions and languages). The result is a copy of the sentinel carrying err as
// its cause, so errors.Is(result, domain.ErrDuplicate) holds and the log still
// shows the driver's words. Errors without a meaning for the domain are
// returned unchanged.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return withCause(domain.ErrNotFound, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		if sentinel := sqliteSentinel(se.Code()); sentinel != nil {
			return withCause(sentinel, err)
		}
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if sentinel := postgresSentinel(pe.Code); sentinel != nil {
			return withCause(sentinel, err)
		}
	}
	return err
}

// sqliteSentinel maps an extended result code. The driver turns extended
// codes on for every connection, so a bare SQLITE_CONSTRAINT never arrives.
func sqliteSentinel(code int) *domain.Error {
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return domain.ErrDuplicate
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return domain.ErrReferenced
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return ErrConstraint
	}
	return nil
}

func postgresSentinel(sqlstate string) *domain.Error {
	switch sqlstate {
	case pgUniqueViolation:
		return domain.ErrDuplicate
	case pgForeignKeyViolation:
		return domain.ErrReferenced
	case pgCheckViolation, pgNotNullViolation:
		return ErrConstraint
	}
	return nil
}

// withCause copies sentinel so that the shared value is never mutated, and
// attaches cause for the log.
func withCause(sentinel *domain.Error, cause error) error {
	e := *sentinel
	e.Err = cause
	return &e
}

// notFoundIfNone turns a write that touched no row into domain.ErrNotFound, so
// updating something that does not exist is not a silent success.
func notFoundIfNone(res sql.Result, err error) error {
	if err != nil {
		return mapError(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

// changedIfNone interprets a conditional UPDATE (… WHERE id = ? AND status
// = ?): a write that touched no row is domain.ErrStateChanged when the row
// exists, because someone else moved it first, and domain.ErrNotFound when
// it does not. exists is a query answering a row when the row exists; it runs
// on h so that inside a transaction it sees the transaction's own writes.
func changedIfNone(ctx context.Context, h handle, res sql.Result, exists string, args ...any) error {
	n, err := res.RowsAffected()
	if err != nil || n > 0 {
		return err
	}
	var one int
	if err := h.queryRow(ctx, exists, args...).Scan(&one); err != nil {
		return mapError(err)
	}
	return domain.ErrStateChanged
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// querier is what *sql.DB and *sql.Tx have in common, so a store method runs
// the same code inside and outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// handle is a querier that rebinds placeholders for its dialect, so that the
// store methods write every query once with ?. With stmts, reads run as
// cached prepared statements.
type handle struct {
	q     querier
	d     *dialect
	stmts *stmtCache
}

func (h handle) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return h.q.ExecContext(ctx, h.d.rebind(query), args...)
}

func (h handle) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query = h.d.rebind(query)
	if h.stmts != nil {
		st, err := h.stmts.get(ctx, query)
		if err != nil {
			return nil, err
		}
		if st != nil {
			return st.QueryContext(ctx, args...)
		}
	}
	return h.q.QueryContext(ctx, query, args...)
}

func (h handle) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	query = h.d.rebind(query)
	if h.stmts != nil {
		// A *sql.Row cannot carry an error of its own, so a statement that
		// fails to prepare runs unprepared and reports the error there.
		if st, err := h.stmts.get(ctx, query); err == nil && st != nil {
			return st.QueryRowContext(ctx, args...)
		}
	}
	return h.q.QueryRowContext(ctx, query, args...)
}

// txKey finds a store's transaction in a context. It holds the store so that a
// transaction of one store is never used by another (tests open several).
type txKey struct{ s *Store }

func (s *Store) txFrom(ctx context.Context) (*sql.Tx, bool) {
	tx, ok := ctx.Value(txKey{s}).(*sql.Tx)
	return tx, ok
}

// reader returns where a read should run: the context's transaction, so it
// sees that transaction's own writes, or else the reader pool.
func (s *Store) reader(ctx context.Context) handle {
	if tx, ok := s.txFrom(ctx); ok {
		return handle{q: tx, d: s.d}
	}
	return handle{q: s.read, d: s.d, stmts: s.readStmts}
}

// writer returns where a write should run: the context's transaction or else
// the writer.
func (s *Store) writer(ctx context.Context) handle {
	if tx, ok := s.txFrom(ctx); ok {
		return handle{q: tx, d: s.d}
	}
	return handle{q: s.write, d: s.d}
}

// InTx runs fn in one transaction and commits it when fn returns nil. It rolls
// back when fn returns an error (which InTx returns unchanged) or panics (the
// panic goes on after the rollback). Store methods called with the context fn
// receives join the transaction; an InTx inside fn joins it too, so a use case
// may call another without caring who opened the transaction. An error of the
// inner fn only rolls back if the outer fn returns it as well.
//
// On SQLite the transaction holds the only writer connection until it ends: a
// write made inside fn with a context other than the one fn received waits for
// that connection, forever. Always pass fn's context on.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := s.txFrom(ctx); ok {
		return fn(ctx)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", mapError(err))
	}
	committed := false
	defer func() {
		// Runs on error and on panic; after a commit Rollback is a no-op
		// that we skip to keep the log quiet.
		if committed {
			return
		}
		if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
			s.log.ErrorContext(ctx, "rollback failed", "err", err)
		}
	}()
	if err := fn(context.WithValue(ctx, txKey{s}, tx)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", mapError(err))
	}
	committed = true
	return nil
}

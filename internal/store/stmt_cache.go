package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxCachedStatements bounds stmtCache. The store's queries are constants or
// built from a few shapes, so a few dozen texts are in use; the bound only
// keeps a mistake from growing the cache without end.
const maxCachedStatements = 256

// stmtCache keeps prepared statements of the SQLite reader pool by query
// text. Neither database/sql nor the SQLite driver keeps them, so every query
// was parsed and planned again on every call: a fifth of the candidates
// query's time, whose text has a branch per cell range. PostgreSQL needs no
// cache here: pgx keeps prepared statements per connection itself.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}}
}

// get returns the prepared statement for query, preparing it on first use,
// or nil when the cache is full and the query should run unprepared. A
// *sql.Stmt prepares itself again on each pooled connection it runs on.
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	if len(c.m) >= maxCachedStatements {
		return nil, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.m[query] = st
	return st, nil
}

// close closes every cached statement.
func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	for q, st := range c.m {
		err = errors.Join(err, st.Close())
		delete(c.m, q)
	}
	return err
}

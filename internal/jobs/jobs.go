// Package jobs runs mutua's background work on a schedule. Each job is a
// function of the service layer; a failed run is logged and tried again at
// the next tick, never fatal to the server.
package jobs

import (
	"context"
	"log/slog"
	"time"
)

// Job is one piece of background work.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) error
}

// Start runs every job once at start and then on its interval until ctx is
// cancelled. It returns at once; the jobs run on their own goroutines.
func Start(ctx context.Context, log *slog.Logger, list ...Job) {
	for _, j := range list {
		go loop(ctx, log, j)
	}
}

func loop(ctx context.Context, log *slog.Logger, j Job) {
	t := time.NewTicker(j.Every)
	defer t.Stop()
	for {
		runOnce(ctx, log, j)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// runOnce bounds a run to its interval so a stuck run cannot pile up.
func runOnce(ctx context.Context, log *slog.Logger, j Job) {
	ctx, cancel := context.WithTimeout(ctx, j.Every)
	defer cancel()
	start := time.Now()
	if err := j.Run(ctx); err != nil && ctx.Err() == nil {
		log.ErrorContext(ctx, "job failed", "job", j.Name, "err", err)
		return
	}
	log.DebugContext(ctx, "job done", "job", j.Name, "duration", time.Since(start))
}

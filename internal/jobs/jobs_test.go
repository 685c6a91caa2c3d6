package jobs

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

func TestJobsRunRepeatedlyAndSurviveErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var runs atomic.Int32
	done := make(chan struct{})
	Start(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), Job{
		Name: "flaky", Every: 5 * time.Millisecond,
		Run: func(context.Context) error {
			if runs.Add(1) == 3 {
				close(done)
			}
			return errors.New("fails every time")
		},
	})
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("job ran %d times in 5s, want 3 despite errors", runs.Load())
	}
	cancel()
	time.Sleep(20 * time.Millisecond)
	after := runs.Load()
	time.Sleep(30 * time.Millisecond)
	if runs.Load() != after {
		t.Fatal("job kept running after its context ended")
	}
}

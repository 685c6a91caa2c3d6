package notify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"mutua/internal/domain"
)

// BenchmarkDispatch measures one dispatcher sending to the in-process SMTP
// server: each round queues 200 messages (not timed), then sends them
// all, rendered as text and HTML, over one connection per claimed batch.
// It reports messages per second of sending.
func BenchmarkDispatch(b *testing.B) {
	o := newOutbox(b)
	const round = 200
	sent, sending := 0, time.Duration(0)
	for b.Loop() {
		b.StopTimer()
		for i := range round {
			o.queue(b, o.janez, domain.NotifyShiftConfirmed, promoted(fmt.Sprintf("/c/zalec/opportunities/%d", i)))
		}
		b.StartTimer()
		start := time.Now()
		for {
			n, err := o.d.RunOnce(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			if n == 0 {
				break
			}
			sent += n
		}
		sending += time.Since(start)
	}
	if sent < round*b.N {
		b.Fatalf("sent %d of %d", sent, round*b.N)
	}
	b.ReportMetric(float64(sent)/sending.Seconds(), "msgs/s")
}

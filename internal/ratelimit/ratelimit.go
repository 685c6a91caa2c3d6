// Package ratelimit keeps token buckets per key (an IP address, an account)
// so that guessing passwords or mass-registering costs an attacker time.
// Buckets live in memory: behind several replicas each replica limits on its
// own, which still bounds an attacker to N times the rate.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter hands out one token bucket per key.
type Limiter struct {
	every time.Duration
	burst int
	now   func() time.Time

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// New allows burst events at once per key, refilled at one per every.
// now is the clock; pass time.Now outside tests.
func New(burst int, every time.Duration, now func() time.Time) *Limiter {
	return &Limiter{every: every, burst: burst, now: now, buckets: map[string]*bucket{}}
}

// Allow takes a token for key. When none is left it reports how long until
// one is, for a Retry-After header.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	if l == nil || l.burst <= 0 {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// sweep forgets buckets idle long enough to be full again, so memory stays
// bounded by the number of recently active keys.
func (l *Limiter) sweep(now time.Time) {
	full := l.every * time.Duration(l.burst)
	if now.Sub(l.lastSweep) < full {
		return
	}
	l.lastSweep = now
	for k, b := range l.buckets {
		if now.Sub(b.seen) > full {
			delete(l.buckets, k)
		}
	}
}

// Len reports how many keys are tracked (for tests and metrics).
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

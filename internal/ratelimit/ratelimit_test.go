package ratelimit

import (
	"testing"
	"time"
)

func TestAllowPerKey(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := New(3, time.Minute, func() time.Time { return now })
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("attempt %d refused within burst", i+1)
		}
	}
	ok, wait := l.Allow("a")
	if ok {
		t.Fatal("fourth attempt allowed past a burst of 3")
	}
	if wait <= 0 || wait > time.Minute {
		t.Fatalf("retry after %v, want within (0, 1m]", wait)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("another key was limited by the first one's use")
	}
	now = now.Add(time.Minute)
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("a token was not refilled after a minute")
	}
}

func TestSweepForgetsIdleKeys(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := New(2, time.Second, func() time.Time { return now })
	for _, k := range []string{"a", "b", "c"} {
		l.Allow(k)
	}
	if l.Len() != 3 {
		t.Fatalf("tracking %d keys, want 3", l.Len())
	}
	now = now.Add(time.Hour)
	l.Allow("d")
	if l.Len() != 1 {
		t.Fatalf("after an idle hour tracking %d keys, want 1", l.Len())
	}
}

func TestDisabled(t *testing.T) {
	l := New(0, time.Second, time.Now)
	for i := 0; i < 100; i++ {
		if ok, _ := l.Allow("x"); !ok {
			t.Fatal("a limiter with burst 0 must not limit")
		}
	}
}

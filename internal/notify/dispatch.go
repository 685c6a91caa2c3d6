package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"mutua/internal/domain"
	"mutua/internal/mail"
)

// Store is what the dispatcher needs from storage.
type Store interface {
	ClaimNotifications(ctx context.Context, now, leaseUntil time.Time, limit int) ([]domain.Notification, error)
	MarkNotificationSent(ctx context.Context, id int64, at time.Time) error
	RetryNotification(ctx context.Context, id int64, due time.Time, lastError string) error
	EndNotification(ctx context.Context, id int64, status domain.NotificationStatus, lastError string) error
	NotificationPref(ctx context.Context, userID int64, kind domain.NotificationKind) (domain.NotifyMode, error)
	UserByID(ctx context.Context, id int64) (domain.User, error)
	CommunityByID(ctx context.Context, id int64) (domain.Community, error)
}

// Defaults of the dispatcher.
const (
	DefaultBatch = 50
	// DefaultLease must outlast sending one batch, timeouts included; a
	// row whose lease ran out is sent again by whoever claims it next.
	DefaultLease = 2 * time.Minute
	// DefaultMaxAttempts with DefaultFirstRetry and DefaultMaxRetry keeps
	// a message trying for about three hours: a mail server that is down
	// for an hour loses nothing.
	DefaultMaxAttempts = 10
	DefaultFirstRetry  = 30 * time.Second
	DefaultMaxRetry    = time.Hour
	DefaultPoll        = time.Second
)

// Dispatcher sends what falls due in the outbox. Several may run at once,
// in one process or in several: each claims its own rows.
type Dispatcher struct {
	Store    Store
	Sender   mail.Sender
	Renderer Renderer
	Log      *slog.Logger
	Metrics  *Metrics // optional
	Now      func() time.Time

	Batch       int
	Lease       time.Duration
	MaxAttempts int
	FirstRetry  time.Duration
	MaxRetry    time.Duration
	Poll        time.Duration

	wake chan struct{}
}

// NewDispatcher returns a dispatcher with the default settings.
func NewDispatcher(st Store, sender mail.Sender, r Renderer, log *slog.Logger) *Dispatcher {
	return &Dispatcher{
		Store: st, Sender: sender, Renderer: r, Log: log, Now: time.Now,
		Batch: DefaultBatch, Lease: DefaultLease, MaxAttempts: DefaultMaxAttempts,
		FirstRetry: DefaultFirstRetry, MaxRetry: DefaultMaxRetry, Poll: DefaultPoll,
		wake: make(chan struct{}, 1),
	}
}

// Wake tells the dispatcher that something was queued, so it need not wait
// for its next poll. It never blocks.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends: a full batch is followed at once by the next,
// otherwise it waits for the poll interval or a Wake.
func (d *Dispatcher) Run(ctx context.Context) {
	for ctx.Err() == nil {
		n, err := d.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			d.Log.ErrorContext(ctx, "notification dispatch failed", "err", err)
		}
		if n == d.Batch && err == nil {
			continue
		}
		t := time.NewTimer(d.Poll)
		select {
		case <-ctx.Done():
		case <-d.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// RunOnce claims one batch of due messages, sends them, and records each
// outcome. It returns how many it claimed.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	now := d.Now()
	claimed, err := d.Store.ClaimNotifications(ctx, now, now.Add(d.Lease), d.Batch)
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	var out []domain.Notification
	var msgs []mail.Message
	for _, n := range claimed {
		m, send, err := d.prepare(ctx, n)
		if err != nil {
			return len(claimed), err
		}
		if send {
			out, msgs = append(out, n), append(msgs, m)
		}
	}
	if len(msgs) == 0 {
		return len(claimed), nil
	}
	// Sending must not stop halfway because the caller is shutting down:
	// what the server accepted has to be recorded as sent.
	results := d.Sender.Send(context.WithoutCancel(ctx), msgs)
	for i, n := range out {
		if err := d.record(context.WithoutCancel(ctx), n, results[i]); err != nil {
			return len(claimed), err
		}
	}
	return len(claimed), nil
}

// prepare decides what happens to a claimed message: rendered and sent,
// or put aside because of the person's preferences. An account deleted
// since (ErrNotFound) ends the message.
func (d *Dispatcher) prepare(ctx context.Context, n domain.Notification) (mail.Message, bool, error) {
	u, err := d.Store.UserByID(ctx, n.UserID)
	if errors.Is(err, domain.ErrNotFound) {
		return mail.Message{}, false, d.end(ctx, n, domain.NotificationSkipped, "the account no longer exists")
	}
	if err != nil {
		return mail.Message{}, false, err
	}
	if !n.Kind.Critical() {
		mode, err := d.Store.NotificationPref(ctx, n.UserID, n.Kind)
		if err != nil {
			return mail.Message{}, false, err
		}
		switch mode {
		case domain.NotifyOff:
			return mail.Message{}, false, d.end(ctx, n, domain.NotificationSkipped, "turned off by the recipient")
		case domain.NotifyInDigest:
			return mail.Message{}, false, d.end(ctx, n, domain.NotificationDigest, "")
		}
	}
	var c domain.Community
	if n.CommunityID != 0 {
		if c, err = d.Store.CommunityByID(ctx, n.CommunityID); err != nil {
			return mail.Message{}, false, err
		}
	}
	m, err := d.Renderer.Render(n, u, c)
	if err != nil {
		// A message that cannot be written never will be: dead, and shown.
		return mail.Message{}, false, d.end(ctx, n, domain.NotificationDead, err.Error())
	}
	return m, true, nil
}

func (d *Dispatcher) end(ctx context.Context, n domain.Notification, status domain.NotificationStatus, reason string) error {
	if status == domain.NotificationDead {
		d.Log.WarnContext(ctx, "notification is dead", "id", n.ID, "kind", n.Kind, "reason", reason)
		d.Metrics.count(statusDead)
	}
	return d.Store.EndNotification(ctx, n.ID, status, reason)
}

// record stores the outcome of one send.
func (d *Dispatcher) record(ctx context.Context, n domain.Notification, sendErr error) error {
	switch {
	case sendErr == nil:
		d.Metrics.count(statusSent)
		return d.Store.MarkNotificationSent(ctx, n.ID, d.Now())
	case !mail.IsTemporary(sendErr) || n.Attempts >= d.MaxAttempts:
		return d.end(ctx, n, domain.NotificationDead, sendErr.Error())
	}
	d.Metrics.count(statusFailed)
	retry := d.Now().Add(d.backoff(n.Attempts))
	d.Log.InfoContext(ctx, "notification will be retried", "id", n.ID, "attempt", n.Attempts, "at", retry, "err", sendErr)
	return d.Store.RetryNotification(ctx, n.ID, retry, fmt.Sprint(sendErr))
}

// backoff is the wait after the given failed attempt: doubling from
// FirstRetry up to MaxRetry, give or take a fifth at random so that
// messages that failed together do not all come back together.
func (d *Dispatcher) backoff(attempt int) time.Duration {
	wait := d.FirstRetry
	for i := 1; i < attempt && wait < d.MaxRetry; i++ {
		wait *= 2
	}
	wait = min(wait, d.MaxRetry)
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(wait) * jitter)
}

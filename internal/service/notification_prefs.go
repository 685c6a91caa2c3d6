package service

import (
	"context"

	"mutua/internal/domain"
)

// NotificationPrefStore keeps how each person wants each kind of message.
type NotificationPrefStore interface {
	NotificationPrefs(ctx context.Context, userID int64) (map[domain.NotificationKind]domain.NotifyMode, error)
	PutNotificationPref(ctx context.Context, userID int64, kind domain.NotificationKind, mode domain.NotifyMode) error
}

// NotificationPref is one kind of message with how the person wants it.
// Critical kinds always come at once, whatever is stored.
type NotificationPref struct {
	Kind     domain.NotificationKind `json:"kind"`
	Mode     domain.NotifyMode       `json:"mode" enum:"immediate,digest,off"`
	Critical bool                    `json:"critical" doc:"always sent at once: a task given to you, a change to your shift, a link you asked for"`
}

// MyNotificationPrefs lists every kind of message with the acting
// person's choice, immediately where they made none.
func (s *Service) MyNotificationPrefs(ctx context.Context) ([]NotificationPref, error) {
	u, err := s.actor(ctx)
	if err != nil {
		return nil, err
	}
	chosen, err := s.store.NotificationPrefs(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	out := make([]NotificationPref, 0, len(domain.NotificationKinds))
	for _, k := range domain.NotificationKinds {
		p := NotificationPref{Kind: k, Mode: domain.NotifyImmediate, Critical: k.Critical()}
		if m, ok := chosen[k]; ok && !p.Critical {
			p.Mode = m
		}
		out = append(out, p)
	}
	return out, nil
}

// SetNotificationPrefs stores the acting person's choices. A kind that
// must always arrive accepts only "immediate"; the digest itself cannot
// go in the digest.
func (s *Service) SetNotificationPrefs(ctx context.Context, prefs map[domain.NotificationKind]domain.NotifyMode) error {
	u, err := s.actor(ctx)
	if err != nil {
		return err
	}
	var p domain.Problems
	for k, m := range prefs {
		field := "prefs." + string(k)
		switch {
		case !k.Known():
			p.Add(field, "unknown", "there is no such kind of message")
		case m != domain.NotifyImmediate && m != domain.NotifyInDigest && m != domain.NotifyOff:
			p.Add(field, "unknown_mode", "choose immediate, digest or off")
		case k.Critical() && m != domain.NotifyImmediate:
			p.Add(field, "critical", "this message always comes at once")
		case k == domain.NotifyDigest && m == domain.NotifyInDigest:
			p.Add(field, "unknown_mode", "the digest cannot go in the digest; choose immediate or off")
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		for k, m := range prefs {
			if err := s.store.PutNotificationPref(ctx, u.ID, k, m); err != nil {
				return err
			}
		}
		return nil
	})
}

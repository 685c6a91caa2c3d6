// Package mail sends email: over SMTP when a server is configured, and to
// the log when none is, so that a demo or a development instance still
// shows what it would have sent.
package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"strings"
	"time"
)

// TLS is how the connection to the SMTP server is protected.
type TLS string

// The TLS modes of MUTUA_SMTP_TLS.
const (
	// TLSNone sends in the clear: only for a relay on the same machine or
	// network.
	TLSNone TLS = "none"
	// TLSStartTLS upgrades a plain connection and refuses to go on when
	// the server cannot (usually port 587).
	TLSStartTLS TLS = "starttls"
	// TLSImplicit speaks TLS from the first byte (usually port 465).
	TLSImplicit TLS = "tls"
)

// DefaultTimeout bounds every conversation with the SMTP server, so that
// a server that hangs delays one batch, never the dispatcher for good.
const DefaultTimeout = 20 * time.Second

// Config says where and how to send. An empty Host means "log instead".
type Config struct {
	Host     string
	Port     int
	TLS      TLS
	Username string
	Password string
	// From is the sender, "Name <address>" or a bare address.
	From    string
	Timeout time.Duration
}

// Enabled reports whether an SMTP server is configured.
func (c Config) Enabled() bool { return c.Host != "" }

// Validate checks a configuration before the server starts, so that a
// typo is reported at startup instead of at the first email.
func (c Config) Validate() error {
	if !c.Enabled() {
		return nil
	}
	var errs []error
	if c.Port < 1 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("SMTP port %d: want 1 to 65535", c.Port))
	}
	switch c.TLS {
	case TLSNone, TLSStartTLS, TLSImplicit:
	default:
		errs = append(errs, fmt.Errorf("SMTP TLS %q: want none, starttls or tls", c.TLS))
	}
	if _, err := netmail.ParseAddress(c.From); err != nil {
		errs = append(errs, fmt.Errorf("mail from %q: %v", c.From, err))
	}
	if c.Password != "" && c.Username == "" {
		errs = append(errs, errors.New("an SMTP password without a username"))
	}
	return errors.Join(errs...)
}

// Message is one email to one person.
type Message struct {
	// ID is the Message-ID without angle brackets, "local@domain". It
	// stays the same when a message is sent again after a failure, so a
	// duplicate is recognisable as one.
	ID      string
	To      string
	ToName  string
	Subject string
	Text    string
	// HTML is the alternative rich body; empty sends text only.
	HTML string
	// Language is the body's language, for Content-Language.
	Language string
	// Unsubscribe is the address of the recipient's notification
	// preferences, sent as List-Unsubscribe.
	Unsubscribe string
}

// Validate checks what the SMTP conversation would otherwise refuse
// halfway, or worse, accept and garble.
func (m Message) Validate() error {
	var errs []error
	if _, err := netmail.ParseAddress(m.To); err != nil {
		errs = append(errs, fmt.Errorf("recipient %q: %v", m.To, err))
	}
	if at := strings.LastIndexByte(m.ID, '@'); at < 1 || at == len(m.ID)-1 || strings.ContainsAny(m.ID, "<> \r\n") {
		errs = append(errs, fmt.Errorf("message id %q: want local@domain", m.ID))
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		errs = append(errs, errors.New("a line break in the subject"))
	}
	if m.Text == "" {
		errs = append(errs, errors.New("no text body"))
	}
	return errors.Join(errs...)
}

// Error is why one message was not sent. Temporary failures (the server
// is down, busy or hangs) are worth retrying; permanent ones (a malformed
// or rejected address) are not.
type Error struct {
	Temporary bool
	Err       error
}

func (e *Error) Error() string {
	kind := "permanent"
	if e.Temporary {
		kind = "temporary"
	}
	return kind + " failure: " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// IsTemporary reports whether err, from Send, is worth retrying. Errors
// that are not an *Error (a cancelled context, say) are.
func IsTemporary(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return e.Temporary
	}
	return err != nil
}

// Sender delivers messages. Send returns one error per message, in order,
// nil for each message the server accepted.
type Sender interface {
	Send(ctx context.Context, msgs []Message) []error
}

// New returns the SMTP sender for cfg, or the log sender when no server
// is configured.
func New(cfg Config, log *slog.Logger) (Sender, error) {
	if !cfg.Enabled() {
		return Log{Logger: log}, nil
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	return &SMTP{cfg: cfg}, nil
}

// Log is the sender used without an SMTP server: it writes each message
// to the log, so that on a demo or development instance the links a
// message carries (a login link, say) can still be followed.
type Log struct{ Logger *slog.Logger }

// Send logs every valid message and reports the invalid ones.
func (l Log) Send(ctx context.Context, msgs []Message) []error {
	errs := make([]error, len(msgs))
	for i, m := range msgs {
		if err := m.Validate(); err != nil {
			errs[i] = &Error{Err: err}
			continue
		}
		l.Logger.InfoContext(ctx, "email not sent: no SMTP server is configured",
			"message_id", m.ID, "to", m.To, "subject", m.Subject, "language", m.Language, "text", m.Text)
	}
	return errs
}

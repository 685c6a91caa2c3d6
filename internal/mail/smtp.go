package mail

import (
	"context"
	"errors"

	gomail "github.com/wneessen/go-mail"
)

// SMTP sends over one connection per batch.
type SMTP struct{ cfg Config }

// Send delivers msgs over one connection. Messages that are malformed fail
// permanently without being offered to the server; when the connection
// cannot be made or breaks, every message not yet accepted fails
// temporarily.
func (s *SMTP) Send(ctx context.Context, msgs []Message) []error {
	errs := make([]error, len(msgs))
	built := make([]*gomail.Msg, 0, len(msgs))
	index := make([]int, 0, len(msgs))
	for i, m := range msgs {
		gm, err := s.build(m)
		if err != nil {
			errs[i] = &Error{Err: err}
			continue
		}
		built, index = append(built, gm), append(index, i)
	}
	if len(built) == 0 {
		return errs
	}
	client, err := s.client()
	if err != nil {
		for _, i := range index {
			errs[i] = &Error{Err: err}
		}
		return errs
	}
	sendErr := client.DialAndSendWithContext(ctx, built...)
	for k, gm := range built {
		i := index[k]
		switch {
		case gm.HasSendError():
			errs[i] = &Error{Temporary: !rejected(gm.SendError()), Err: gm.SendError()}
		case sendErr != nil && !gm.IsDelivered():
			errs[i] = &Error{Temporary: true, Err: sendErr}
		}
	}
	return errs
}

// build turns a message into go-mail's form, checking it first.
func (s *SMTP) build(m Message) (*gomail.Msg, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	gm := gomail.NewMsg()
	if err := gm.From(s.cfg.From); err != nil {
		return nil, err
	}
	if err := gm.AddToFormat(m.ToName, m.To); err != nil {
		return nil, err
	}
	gm.SetMessageIDWithValue(m.ID)
	gm.SetDate()
	gm.Subject(m.Subject)
	// Automatic mail: out-of-office replies should not answer it.
	gm.SetGenHeader("Auto-Submitted", "auto-generated")
	if m.Language != "" {
		gm.SetGenHeader(gomail.HeaderContentLang, m.Language)
	}
	if m.Unsubscribe != "" {
		gm.SetGenHeader(gomail.HeaderListUnsubscribe, "<"+m.Unsubscribe+">")
	}
	gm.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		gm.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return gm, nil
}

// client configures a go-mail client for one batch.
func (s *SMTP) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, errors.New("mail: unknown TLS mode " + string(s.cfg.TLS))
	}
	if s.cfg.Username != "" {
		// Over an encrypted connection go-mail picks the best mechanism
		// the server offers. Without TLS it would refuse to send a
		// password at all; "none" is meant for a relay on the same host
		// or network, where PLAIN in the clear is what such relays take.
		auth := gomail.SMTPAuthAutoDiscover
		if s.cfg.TLS == TLSNone {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return gomail.NewClient(s.cfg.Host, opts...)
}

// rejected reports whether the server refused a message for good, with a
// 5xx reply. Everything else, a 4xx reply or a connection that broke or
// timed out, may go through on a later try.
func rejected(err error) bool {
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return false
	}
	code := se.ErrorCode()
	return code >= 500 && code < 600
}

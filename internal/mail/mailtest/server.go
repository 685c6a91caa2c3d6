// Package mailtest runs a real SMTP server in the test process, on
// 127.0.0.1, that keeps what it receives. It can refuse mail for a while,
// bounce chosen recipients and hang, so that tests can see what mutua does
// when a mail server misbehaves.
package mailtest

import (
	"bytes"
	"errors"
	"io"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message as the server got it.
type Received struct {
	From   string
	To     []string
	Header netmail.Header
	// Raw is the whole message as sent, headers and MIME parts.
	Raw []byte
}

// MessageID is the Message-ID header without its angle brackets.
func (r Received) MessageID() string {
	return strings.Trim(r.Header.Get("Message-Id"), "<>")
}

// Server is the SMTP server. The zero value is not usable; call Start.
type Server struct {
	// Addr is host:port; Host and Port split it for configurations.
	Addr string
	Host string
	Port int

	mu       sync.Mutex
	received []Received
	refusing bool
	hang     time.Duration
	bounce   map[string]bool
	user     string
	password string
	arrived  chan struct{}
}

// Start listens on a free port of 127.0.0.1 until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{bounce: map[string]bool{}, arrived: make(chan struct{}, 1)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := smtp.NewServer(smtp.BackendFunc(s.session))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.MaxMessageBytes = 1 << 20
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	addr := ln.Addr().(*net.TCPAddr)
	s.Addr, s.Host, s.Port = addr.String(), addr.IP.String(), addr.Port
	return s
}

// RequireAuth makes the server accept mail only after AUTH PLAIN with
// these credentials.
func (s *Server) RequireAuth(user, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.password = user, password
}

// Refuse makes the server answer every MAIL command with a temporary
// failure (451) while on is true, as a server does that is overloaded.
func (s *Server) Refuse(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refusing = on
}

// Hang makes the server wait d before it answers each message's data, as a
// server does that is stuck.
func (s *Server) Hang(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hang = d
}

// Bounce makes the server reject mail to address for good (550).
func (s *Server) Bounce(address string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bounce[strings.ToLower(address)] = true
}

// Messages returns a copy of everything received so far, in order.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// WaitFor waits until at least n messages have arrived or timeout has
// passed, and returns what has arrived.
func (s *Server) WaitFor(n int, timeout time.Duration) []Received {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		if got := s.Messages(); len(got) >= n {
			return got
		}
		select {
		case <-s.arrived:
		case <-deadline.C:
			return s.Messages()
		}
	}
}

func (s *Server) session(*smtp.Conn) (smtp.Session, error) {
	return &session{srv: s}, nil
}

// session is one SMTP conversation.
type session struct {
	srv    *Server
	authed bool
	from   string
	to     []string
}

var (
	errBusy    = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "try again later"}
	errBounce  = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	errNoLogin = smtp.ErrAuthRequired
)

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		ss.srv.mu.Lock()
		defer ss.srv.mu.Unlock()
		if ss.srv.user == "" || user != ss.srv.user || password != ss.srv.password {
			return errors.New("wrong user or password")
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.srv.mu.Lock()
	defer ss.srv.mu.Unlock()
	if ss.srv.user != "" && !ss.authed {
		return errNoLogin
	}
	if ss.srv.refusing {
		return errBusy
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.srv.mu.Lock()
	defer ss.srv.mu.Unlock()
	if ss.srv.bounce[strings.ToLower(to)] {
		return errBounce
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.srv.mu.Lock()
	hang := ss.srv.hang
	ss.srv.mu.Unlock()
	time.Sleep(hang)
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "malformed message: " + err.Error()}
	}
	ss.srv.mu.Lock()
	ss.srv.received = append(ss.srv.received, Received{From: ss.from, To: ss.to, Header: msg.Header, Raw: raw})
	ss.srv.mu.Unlock()
	select {
	case ss.srv.arrived <- struct{}{}:
	default:
	}
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }

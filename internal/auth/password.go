// Package auth holds the security primitives: password hashing, session and
// API tokens, and the table of what each role may do. It makes no decisions
// about requests; the service layer asks it.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2Params tunes argon2id. Production uses DefaultArgon2; tests use
// cheap parameters so suites stay fast. The parameters are stored inside every
// hash, so changing them never locks anyone out.
type Argon2Params struct {
	Time    uint32 // passes over memory
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultArgon2 follows the RFC 9106 second recommended option (64 MiB, 3
// passes), which takes roughly 50–100 ms on one modest core.
var DefaultArgon2 = Argon2Params{Time: 3, Memory: 64 * 1024, Threads: 2}

// FastArgon2 is for tests and the demo only.
var FastArgon2 = Argon2Params{Time: 1, Memory: 64, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

// ErrMalformedHash means a stored hash could not be parsed.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// Hasher hashes and verifies passwords with fixed parameters.
type Hasher struct {
	p Argon2Params
	// slots bounds concurrent hashes. Each takes Memory KiB, so without a
	// bound a burst of logins could take gigabytes; with it, memory stays
	// near cores × Memory and extra logins wait their turn.
	slots chan struct{}
}

// NewHasher returns a Hasher using p.
func NewHasher(p Argon2Params) *Hasher {
	return &Hasher{p: p, slots: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

func (h *Hasher) key(password string, salt []byte, p Argon2Params, n uint32) []byte {
	h.slots <- struct{}{}
	defer func() { <-h.slots }()
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, n)
}

// Hash returns the PHC-style encoding of an argon2id hash of password.
func (h *Hasher) Hash(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := h.key(password, salt, h.p, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, h.p.Memory, h.p.Time, h.p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether password matches encoded, in constant time with
// respect to the key comparison.
func (h *Hasher) Verify(password, encoded string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := h.key(password, salt, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// Dummy burns the same time as a real verification. Login calls it for
// unknown emails so response times do not reveal which accounts exist.
func (h *Hasher) Dummy(password string) {
	h.key(password, make([]byte, saltLen), h.p, keyLen)
}

func decodeHash(s string) (Argon2Params, []byte, []byte, error) {
	var p Argon2Params
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, ErrMalformedHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, ErrMalformedHash
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 || p.Time == 0 || p.Threads == 0 {
		return p, nil, nil, ErrMalformedHash
	}
	return p, salt, key, nil
}

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
type Hasher struct{ p Argon2Params }

// NewHasher returns a Hasher using p.
func NewHasher(p Argon2Params) *Hasher { return &Hasher{p: p} }

// Hash returns the PHC-style encoding of an argon2id hash of password.
func (h *Hasher) Hash(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, h.p.Time, h.p.Memory, h.p.Threads, keyLen)
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
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// Dummy burns the same time as a real verification. Login calls it for
// unknown emails so response times do not reveal which accounts exist.
func (h *Hasher) Dummy(password string) {
	argon2.IDKey([]byte(password), make([]byte, saltLen), h.p.Time, h.p.Memory, h.p.Threads, keyLen)
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

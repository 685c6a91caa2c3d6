package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// tokenBytes of randomness make a token unguessable (256 bits).
const tokenBytes = 32

// NewToken returns a fresh random token for a session cookie or API bearer
// header, and the hash under which it is stored. The token itself is shown to
// its owner once and never stored.
func NewToken() (token string, hash []byte, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the lookup key for a token. A plain SHA-256 is enough: tokens
// carry 256 random bits, so there is nothing to brute-force.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

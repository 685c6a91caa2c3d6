// Package domain is mutua's vocabulary: the entities every other package speaks,
// their validation, the error codes and the permission names. It imports nothing
// of ours, so every layer can depend on it without cycles.
package domain

import (
	"errors"
	"fmt"
	"time"
)

// Kind groups errors by what the caller can do about them. The HTTP layer maps a
// Kind to a status code; nothing below it knows about HTTP.
type Kind string

// The kinds of error the service layer reports.
const (
	KindInvalid         Kind = "invalid"
	KindNotFound        Kind = "not_found"
	KindConflict        Kind = "conflict"
	KindForbidden       Kind = "forbidden"
	KindUnauthenticated Kind = "unauthenticated"
	KindRateLimited     Kind = "rate_limited"
	KindInternal        Kind = "internal"
)

// Error is an error that is safe to show: Code is a stable machine-readable
// string clients may switch on, Message is a sentence for people, and Err is the
// internal cause, kept for the log only.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	Fields  []FieldError
	Err     error
	// RetryAfter is set on rate-limited errors: when the caller may try again.
	RetryAfter time.Duration
}

// FieldError names one invalid input field.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	msg := e.Code + ": " + e.Message
	for _, f := range e.Fields {
		msg += "; " + f.Field + ": " + f.Message
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap exposes the internal cause to errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is match two domain errors by their code, so a wrapped
// ErrNotFound still is ErrNotFound.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Kind == e.Kind
}

// Sentinel errors. Storage returns these (wrapped or not) so the layers above
// never look at driver errors.
var (
	ErrNotFound   = &Error{Kind: KindNotFound, Code: "not_found", Message: "not found"}
	ErrDuplicate  = &Error{Kind: KindConflict, Code: "duplicate", Message: "already exists"}
	ErrReferenced = &Error{Kind: KindConflict, Code: "reference", Message: "refers to something that does not exist or is still in use"}
	// ErrStateChanged means a conditional update found the row in another
	// state than expected: someone else acted first.
	ErrStateChanged    = &Error{Kind: KindConflict, Code: "state_changed", Message: "this was changed by someone else in the meantime"}
	ErrUnauthenticated = &Error{Kind: KindUnauthenticated, Code: "unauthenticated", Message: "please log in"}
	ErrForbidden       = &Error{Kind: KindForbidden, Code: "forbidden", Message: "you may not do this"}
)

// Errorf builds a domain error of the given kind and code.
func Errorf(kind Kind, code, format string, args ...any) *Error {
	return &Error{Kind: kind, Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound reports that a named thing does not exist (or is not visible to the
// caller, which must look the same).
func NotFound(what string) *Error {
	return &Error{Kind: KindNotFound, Code: what + "_not_found", Message: what + " not found"}
}

// Forbidden reports a missing permission with a stable code.
func Forbidden(code, msg string) *Error {
	return &Error{Kind: KindForbidden, Code: code, Message: msg}
}

// KindOf returns the Kind of err, KindInternal for anything that is not a domain error.
func KindOf(err error) Kind {
	var de *Error
	if errors.As(err, &de) {
		return de.Kind
	}
	return KindInternal
}

// Problems collects field errors during validation.
type Problems []FieldError

// Add records one invalid field.
func (p *Problems) Add(field, code, msg string) {
	*p = append(*p, FieldError{Field: field, Code: code, Message: msg})
}

// Err returns nil when nothing was added, otherwise an invalid-input error
// listing every field, so a form can show all mistakes at once.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Kind: KindInvalid, Code: "invalid", Message: "some fields are not valid", Fields: p}
}

package store

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"mutua/internal/domain"
)

// Short lists and small records (languages, skills, availability slots, a
// recurrence) are JSON columns: one column instead of a table per list, since
// they are short and always read whole.
//
// Reading them is on the hot path: the candidates query returns up to a few
// hundred profiles with three lists each, and encoding/json spent more time on
// those than SQLite spent finding the rows. The lists the store writes are
// plain, though: strings without escapes, in arrays and flat objects, which
// PostgreSQL's jsonb hands back with spaces added. plainJSON reads exactly
// that form, several times faster; anything else (escapes, numbers, unknown
// keys) goes to encoding/json, so the result never differs.

// jsonList scans a JSON array of strings.
type jsonList struct{ list *[]string }

// Scan implements sql.Scanner.
func (j jsonList) Scan(v any) error {
	b, err := jsonBytes(v)
	if err != nil {
		return err
	}
	if list, ok := plainStrings(b); ok {
		*j.list = list
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("scan JSON list: %w", err)
	}
	*j.list = list
	return nil
}

// slotList scans a JSON array of availability slots.
type slotList struct{ slots *[]domain.Slot }

// Scan implements sql.Scanner.
func (s slotList) Scan(v any) error {
	b, err := jsonBytes(v)
	if err != nil {
		return err
	}
	if slots, ok := plainSlots(b); ok {
		*s.slots = slots
		return nil
	}
	var slots []domain.Slot
	if err := json.Unmarshal(b, &slots); err != nil {
		return fmt.Errorf("scan JSON slots: %w", err)
	}
	*s.slots = slots
	return nil
}

// jsonValue scans a JSON column into any value, through encoding/json.
type jsonValue struct{ v any }

// Scan implements sql.Scanner.
func (j jsonValue) Scan(v any) error {
	b, err := jsonBytes(v)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, j.v); err != nil {
		return fmt.Errorf("scan JSON value: %w", err)
	}
	return nil
}

func jsonBytes(v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return []byte(x), nil
	case []byte:
		return x, nil
	}
	return nil, fmt.Errorf("cannot scan %T as JSON", v)
}

// jsonText encodes list for a JSON array column; nil becomes [] because the
// schema only accepts arrays.
func jsonText(list []string) (string, error) {
	if list == nil {
		list = []string{}
	}
	b, err := json.Marshal(list)
	return string(b), err
}

// jsonArg encodes v for a JSON column. It is bound as text, which SQLite
// keeps and PostgreSQL converts to jsonb.
func jsonArg(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// plainStrings reads a plain array of strings, reporting false for anything
// it does not handle.
func plainStrings(b []byte) ([]string, bool) {
	p := plainJSON{b: b}
	if !p.next('[') {
		return nil, false
	}
	list := []string{}
	if p.next(']') {
		return list, p.end()
	}
	for {
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		list = append(list, s)
		if p.next(']') {
			return list, p.end()
		}
		if !p.next(',') {
			return nil, false
		}
	}
}

// plainSlots reads a plain array of {"day", "from", "to"} objects.
func plainSlots(b []byte) ([]domain.Slot, bool) {
	p := plainJSON{b: b}
	if !p.next('[') {
		return nil, false
	}
	slots := []domain.Slot{}
	if p.next(']') {
		return slots, p.end()
	}
	for {
		var s domain.Slot
		if !p.next('{') {
			return nil, false
		}
		for {
			key, ok := p.str()
			if !ok || !p.next(':') {
				return nil, false
			}
			val, ok := p.str()
			if !ok {
				return nil, false
			}
			switch key {
			case "day":
				s.Day = val
			case "from":
				s.From = val
			case "to":
				s.To = val
			default:
				return nil, false
			}
			if p.next('}') {
				break
			}
			if !p.next(',') {
				return nil, false
			}
		}
		slots = append(slots, s)
		if p.next(']') {
			return slots, p.end()
		}
		if !p.next(',') {
			return nil, false
		}
	}
}

// plainJSON reads JSON made only of arrays, flat objects and strings without
// escapes.
type plainJSON struct {
	b []byte
	i int
}

func (p *plainJSON) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next consumes c after optional white space, if it is there.
func (p *plainJSON) next(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// end reports whether only white space is left.
func (p *plainJSON) end() bool {
	p.space()
	return p.i == len(p.b)
}

// str reads a string without escapes, control characters or invalid UTF-8
// (which encoding/json would replace).
func (p *plainJSON) str() (string, bool) {
	if !p.next('"') {
		return "", false
	}
	start := p.i
	for ; p.i < len(p.b); p.i++ {
		switch c := p.b[p.i]; {
		case c == '"':
			raw := p.b[start:p.i]
			p.i++
			if s, ok := knownStrings[string(raw)]; ok {
				return s, true // no allocation for the usual words
			}
			if !utf8.Valid(raw) {
				return "", false
			}
			return string(raw), true
		case c == '\\' || c < 0x20:
			return "", false
		}
	}
	return "", false
}

// knownStrings are the words that fill most lists: categories, languages and
// weekdays. Looking a []byte up converted to string does not allocate, so
// these come back as the shared constants.
var knownStrings = func() map[string]string {
	m := map[string]string{}
	for _, list := range [][]string{domain.Categories, domain.Languages, domain.Weekdays} {
		for _, s := range list {
			m[s] = s
		}
	}
	return m
}()

package ical

import (
	"bufio"
	"unicode/utf8"
)

// maxOctets is the longest a content line may be, line break excluded
// (RFC 5545 3.1).
const maxOctets = 75

// writeLine writes one content line ending in CRLF, folded into several
// physical lines when it is longer than maxOctets. A continuation starts
// with a space, which counts towards its length. Folds fall between
// characters, never inside a UTF-8 sequence, so every physical line is
// valid UTF-8 on its own.
func writeLine(w *bufio.Writer, line string) {
	limit := maxOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.WriteString(line[:cut])
		w.WriteString("\r\n ")
		line = line[cut:]
		limit = maxOctets - 1
	}
	w.WriteString(line)
	w.WriteString("\r\n")
}

package canada

import (
	"fmt"
	"io"
	"log/slog"
)

// SIN is a Canadian Social Insurance Number (numéro d'assurance sociale).
//
// A SIN never shows its digits when printed: String, GoString, the
// fmt.Formatter implementation (every verb and flag: %v, %+v, %#v, %s, %q,
// %x, %d...) and slog.LogValuer all give the redacted form "***-***-***".
// Digits returns the digits for the one legitimate use, computing a keyed
// hash (for example HMAC-SHA-256 under a secret key) to enforce one account
// per SIN without storing it; never log, store or display its result.
//
// The digits are kept masked in memory, so that printers which bypass
// String (fmt on an unexported struct field, reflection-based dumpers)
// show neither the digits nor their plain bytes; the mask is a safeguard
// against accidents, not encryption. encoding/json and encoding/gob see no
// exported field and encode nothing.
//
// Obtain a SIN with ParseSIN. The zero value is not valid (IsZero reports
// it). SIN values are comparable with ==.
type SIN struct {
	m [9]byte // digits XOR sinMask
}

// sinMask is XORed with the ASCII digits of a SIN.
const sinMask = "\x5a\xa3\x17\xc4\x68\x2f\x91\x3b\xe6"

// sinRedacted is the only text a SIN ever prints.
const sinRedacted = "***-***-***"

// ParseSIN checks a Social Insurance Number. White space and hyphens are
// ignored wherever they stand, no-break spaces and the Unicode hyphens,
// dashes and minus sign included ("123 456 782", "123-456-782",
// " 123 456 782 "); any other character, and an input longer than 256
// bytes, is ErrSINFormat.
//
// It returns ErrSINFormat unless exactly nine digits remain, then
// ErrSINChecksum when the Luhn check fails (a mistyped number is told it is
// mistyped, whatever its first digit), then ErrSINPrefix when the first
// digit is 0 or 8 (never assigned to individuals: Service Canada's
// first-digit table lists both as not used, 8 being the range of business
// numbers). A SIN starting with 9 (temporary resident) is valid; see
// IsTemporary and CheckNotTemporary. The returned errors never contain the
// input, nor any digit.
func ParseSIN(s string) (SIN, error) {
	d, ok := sinDigits(s)
	if !ok {
		return SIN{}, ErrSINFormat
	}
	if !luhnValid(d[:]) {
		return SIN{}, ErrSINChecksum
	}
	if d[0] == '0' || d[0] == '8' {
		return SIN{}, ErrSINPrefix
	}
	var out SIN
	for i := range d {
		out.m[i] = d[i] ^ sinMask[i]
	}
	return out, nil
}

// ValidSINChecksum reports whether s is nine digits (with the separators
// ParseSIN ignores) whose last digit is the Luhn check digit of the first eight. It
// checks nothing else: a number starting with 0 or 8 may pass it and still
// be refused by ParseSIN. A form can use it to tell a mistyped number as
// the user types.
func ValidSINChecksum(s string) bool {
	d, ok := sinDigits(s)
	return ok && luhnValid(d[:])
}

// sinDigits returns the nine ASCII digits of s, ignoring surrounding white
// space and spaces or hyphens between digits; ok is false unless exactly
// nine digits and nothing else remain.
func sinDigits(s string) (d [9]byte, ok bool) {
	if len(s) > maxInput {
		return d, false
	}
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if n < len(d) {
				d[n] = byte(r)
			}
			n++
		case isSpaceOrHyphen(r):
		default:
			return d, false
		}
	}
	return d, n == len(d)
}

// IsZero reports whether s is the zero value (no SIN).
func (s SIN) IsZero() bool { return s == SIN{} }

// IsTemporary reports whether s was issued to a temporary resident (first
// digit 9). Such a SIN expires with the holder's immigration document.
func (s SIN) IsTemporary() bool {
	return !s.IsZero() && s.m[0]^sinMask[0] == '9'
}

// CheckNotTemporary returns ErrSINTemporary when s is a temporary SIN, as
// when a board only opens accounts to holders of a non-temporary SIN, and
// nil otherwise.
func (s SIN) CheckNotTemporary() error {
	if s.IsTemporary() {
		return ErrSINTemporary
	}
	return nil
}

// Digits returns the nine digits without separators, or "" for the zero
// value. It exists only to feed a keyed hash: never log, store, display or
// put the result in an error.
func (s SIN) Digits() string {
	if s.IsZero() {
		return ""
	}
	var d [9]byte
	for i := range d {
		d[i] = s.m[i] ^ sinMask[i]
	}
	return string(d[:])
}

// String returns the redacted form "***-***-***", never the digits.
func (s SIN) String() string { return sinRedacted }

// GoString returns `canada.SIN("***-***-***")`, never the digits.
func (s SIN) GoString() string { return `canada.SIN("` + sinRedacted + `")` }

// Format implements fmt.Formatter so that no verb or flag prints the
// digits: %#v prints GoString, %q the quoted redacted form, every other
// verb the redacted form (width and precision are honoured).
func (s SIN) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, s.GoString())
	case verb == 'q':
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, 'q'), sinRedacted)
	default:
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, 's'), sinRedacted)
	}
}

// LogValue implements slog.LogValuer: a SIN logs as "***-***-***".
func (s SIN) LogValue() slog.Value { return slog.StringValue(sinRedacted) }

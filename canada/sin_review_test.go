package canada_test

import (
	"bytes"
	"encoding/gob"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/babillard/babillard/canada"
)

// TestParseSINSeparators: white space and hyphens are ignored wherever
// they stand, Unicode dashes and no-break spaces too; anything else, and
// an input beyond 256 bytes, is ErrSINFormat.
func TestParseSINSeparators(t *testing.T) {
	for _, in := range []string{"-123456782-", "1-2-3-4-5-6-7-8-2", "123\t456\n782", "123\u00a0456\u202f782",
		"123\u2013456\u2212782", "123--456  782", strings.Repeat(" ", 247) + "123456782"} {
		s, err := canada.ParseSIN(in)
		if err != nil || s.Digits() != "123456782" {
			t.Errorf("ParseSIN(%q) = %q, %v", in, s.Digits(), err)
		}
		if !canada.ValidSINChecksum(in) {
			t.Errorf("ValidSINChecksum(%q) = false", in)
		}
	}
	for _, in := range []string{strings.Repeat(" ", 248) + "123456782", "123_456_782", "123/456/782", "+123456782", "123456782\x00"} {
		if _, err := canada.ParseSIN(in); !errors.Is(err, canada.ErrSINFormat) {
			t.Errorf("ParseSIN(%q) error = %v, want ErrSINFormat", in, err)
		}
		if canada.ValidSINChecksum(in) {
			t.Errorf("ValidSINChecksum(%q) = true", in)
		}
	}
}

// TestSINEncodesNothing: gob refuses a SIN (no exported field), the zero
// SIN has no digits, and the digits are not kept in plain bytes.
func TestSINEncodesNothing(t *testing.T) {
	s, err := canada.ParseSIN("464 542 869")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(s); err == nil || bytes.Contains(buf.Bytes(), []byte("464542869")) {
		t.Errorf("gob encoded a SIN: %v, %q", err, buf.Bytes())
	}
	if err != nil && strings.ContainsAny(err.Error(), "0123456789") {
		t.Errorf("gob's error %q holds a digit", err)
	}
	v := reflect.ValueOf(s).Field(0)
	raw := make([]byte, v.Len())
	for i := range raw {
		raw[i] = byte(v.Index(i).Uint())
	}
	if bytes.Contains(raw, []byte("464")) || bytes.Contains(raw, []byte("869")) || bytes.Equal(raw, []byte{4, 6, 4, 5, 4, 2, 8, 6, 9}) {
		t.Errorf("the SIN keeps its digits in plain bytes: %v", raw)
	}
	var zero canada.SIN
	if !zero.IsZero() || zero.Digits() != "" || zero.IsTemporary() || zero.CheckNotTemporary() != nil || zero.String() != "***-***-***" {
		t.Error("the zero SIN is not empty")
	}
	if s.IsZero() {
		t.Error("a parsed SIN is zero")
	}
}

package canada_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/babillard/babillard/canada"
)

func TestParseSIN(t *testing.T) {
	ok := map[string]string{
		"123456782":     "123456782",
		"123-456-782":   "123456782",
		" 123 456 782 ": "123456782",
		"130000003":     "130000003",
		"278 345 616":   "278345616",
		"464542869":     "464542869",
		"923456784":     "923456784",
	}
	for in, want := range ok {
		s, err := canada.ParseSIN(in)
		if err != nil || s.Digits() != want || s.IsZero() {
			t.Errorf("ParseSIN(%q) digits %q, %v", in, s.Digits(), err)
		}
	}
	cases := []struct {
		in   string
		want error
	}{
		{"", canada.ErrSINFormat},
		{"12345678", canada.ErrSINFormat},
		{"1234567820", canada.ErrSINFormat},
		{"12345678a", canada.ErrSINFormat},
		{"123.456.782", canada.ErrSINFormat},
		{"１23456782", canada.ErrSINFormat},
		{"046 454 286", canada.ErrSINPrefix}, // the textbook example: Luhn-valid but starts with 0
		{"000000000", canada.ErrSINPrefix},
		{"823456785", canada.ErrSINPrefix}, // Luhn-valid, 8 is never an individual's
		{"123456789", canada.ErrSINChecksum},
		{"923456785", canada.ErrSINChecksum},
	}
	for _, c := range cases {
		_, err := canada.ParseSIN(c.in)
		if !errors.Is(err, c.want) {
			t.Errorf("ParseSIN(%q) error = %v, want %v", c.in, err, c.want)
		}
		if err != nil && strings.ContainsAny(err.Error(), "0123456789") {
			t.Errorf("ParseSIN(%q) error %q contains a digit", c.in, err)
		}
	}
}

func TestSINTemporary(t *testing.T) {
	tmp, err := canada.ParseSIN("923 456 784")
	if err != nil {
		t.Fatal(err)
	}
	if !tmp.IsTemporary() || !errors.Is(tmp.CheckNotTemporary(), canada.ErrSINTemporary) {
		t.Error("923456784 should be temporary")
	}
	perm, _ := canada.ParseSIN("123456782")
	if perm.IsTemporary() || perm.CheckNotTemporary() != nil {
		t.Error("123456782 should not be temporary")
	}
	var zero canada.SIN
	if !zero.IsZero() || zero.IsTemporary() || zero.Digits() != "" {
		t.Error("zero SIN")
	}
	a, _ := canada.ParseSIN("123-456-782")
	if a != perm {
		t.Error("equal SINs compare unequal")
	}
}

// TestSINNeverPrints checks every way a SIN could be printed or encoded.
func TestSINNeverPrints(t *testing.T) {
	s, err := canada.ParseSIN("464 542 869")
	if err != nil {
		t.Fatal(err)
	}
	type inner struct {
		sin canada.SIN
	}
	type account struct {
		Name string
		SIN  canada.SIN
		Ptr  *canada.SIN
		in   inner
	}
	acc := account{Name: "x", SIN: s, Ptr: &s, in: inner{sin: s}}
	var outs []string
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s", "%T", "%#q", "%+q", "%08v"} {
		outs = append(outs, fmt.Sprintf(f, s), fmt.Sprintf(f, &s), fmt.Sprintf(f, acc), fmt.Sprintf(f, []canada.SIN{s}),
			fmt.Sprintf(f, map[string]any{"k": s}))
	}
	outs = append(outs, s.String(), s.GoString(), fmt.Sprint(s), fmt.Sprintln(s, acc))
	js, _ := json.Marshal(acc)
	outs = append(outs, string(js))
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	log.Info("signup", "sin", s, "acc", acc)
	jlog := slog.New(slog.NewJSONHandler(&buf, nil))
	jlog.Info("signup", "sin", s, slog.Any("acc", acc))
	outs = append(outs, buf.String())
	for _, o := range outs {
		// Full forms only: pointer addresses printed in hex may contain
		// any short run of digits.
		for _, leak := range []string{"464542869", "464 542 869", "464-542-869", "4 6 4 5 4 2 8 6 9", "52 54 52 53"} {
			if strings.Contains(o, leak) {
				t.Errorf("output %q contains %q", o, leak)
			}
		}
	}
	if got := fmt.Sprintf("%v|%s|%q|%#v", s, s, s, s); got != `***-***-***|***-***-***|"***-***-***"|canada.SIN("***-***-***")` {
		t.Errorf("redacted forms = %s", got)
	}
}

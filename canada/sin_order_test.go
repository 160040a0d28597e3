package canada_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/babillard/babillard/canada"
)

// TestParseSINChecksumBeforePrefix: a mistyped number is told it is
// mistyped, whatever its first digit; the first-digit rule is only told of
// numbers whose check digit holds.
func TestParseSINChecksumBeforePrefix(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{"046 454 287", canada.ErrSINChecksum}, // 046 454 286 mistyped
		{"823 456 786", canada.ErrSINChecksum}, // 823 456 785 mistyped
		{"012345678", canada.ErrSINChecksum},
		{"046 454 286", canada.ErrSINPrefix},
		{"823-456-785", canada.ErrSINPrefix},
		{"12345678", canada.ErrSINFormat},
		{"04645428a", canada.ErrSINFormat},
	}
	for _, c := range cases {
		if _, err := canada.ParseSIN(c.in); !errors.Is(err, c.want) {
			t.Errorf("ParseSIN(%q) error = %v, want %v", c.in, err, c.want)
		}
	}
}

func TestValidSINChecksum(t *testing.T) {
	cases := map[string]bool{
		"123456782":     true,
		"123-456-782":   true,
		" 123 456 782 ": true,
		"923 456 784":   true,
		"046 454 286":   true, // Luhn-valid; refused by ParseSIN for its first digit only
		"823456785":     true,
		"000000000":     true,
		"123456789":     false,
		"046454287":     false,
		"12345678":      false,
		"1234567820":    false,
		"123.456.782":   false,
		"12345678a":     false,
		"":              false,
	}
	for in, want := range cases {
		if got := canada.ValidSINChecksum(in); got != want {
			t.Errorf("ValidSINChecksum(%q) = %v, want %v", in, got, want)
		}
		// ValidSINChecksum agrees with ParseSIN's checksum verdict.
		_, err := canada.ParseSIN(in)
		if want && errors.Is(err, canada.ErrSINChecksum) || !want && err == nil {
			t.Errorf("ValidSINChecksum(%q) = %v but ParseSIN says %v", in, want, err)
		}
	}
}

func ExampleValidSINChecksum() {
	fmt.Println(canada.ValidSINChecksum("123 456 782"), canada.ValidSINChecksum("123 456 728"))
	_, err := canada.ParseSIN("123 456 728")
	fmt.Println(errors.Is(err, canada.ErrSINChecksum))
	// Output:
	// true false
	// true
}

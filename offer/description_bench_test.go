package offer

import (
	"os"
	"testing"

	"github.com/microcosm-cc/bluemonday"
)

// BenchmarkSanitizeDescription sanitises a typical 3 KB French description
// (headings, lists, links, pasted word-processor markup, a mailto link and
// an apply link), beside the baseline of bluemonday's UGCPolicy alone on the
// same input:
//
//	go test -run '^$' -bench BenchmarkSanitizeDescription -benchmem ./offer
func BenchmarkSanitizeDescription(b *testing.B) {
	raw, err := os.ReadFile("testdata/description_typical.html")
	if err != nil {
		b.Fatal(err)
	}
	in := string(raw)
	opts := DescriptionOptions{ApplyURL: "https://www.acme-structures.ca/carrieres/postuler", ApplyEmail: "rh@acme-structures.ca"}

	b.Run("baseline=bluemonday-UGCPolicy", func(b *testing.B) {
		p := bluemonday.UGCPolicy()
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			p.Sanitize(in)
		}
	})
	b.Run("SanitizeDescription", func(b *testing.B) {
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			SanitizeDescription(in, opts)
		}
	})
	b.Run("SanitizeDescription/no-apply-options", func(b *testing.B) {
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			SanitizeDescription(in, DescriptionOptions{})
		}
	})
}

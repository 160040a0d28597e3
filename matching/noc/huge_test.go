package noc

import (
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hugeTitle is a 10 MB title full of HTML entities, as a broken feed or a
// hostile form may send.
var hugeTitle = "Ing&eacute;nieur civil " + strings.Repeat("R&amp;D structures ", 10<<20/19)

func TestParseErrorQuotesAShortPrefix(t *testing.T) {
	for _, in := range []string{strings.Repeat("2", 10<<20), "x" + strings.Repeat("é", 5<<20), "NOC " + strings.Repeat("9", 1<<20)} {
		_, err := Parse(in)
		var pe *ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, in, pe.Input, "the input as given stays available")
		for _, msg := range []string{err.Error(), pe.Message(FR), pe.Message(EN)} {
			assert.Less(t, len(msg), 300, "a short message")
			assert.True(t, utf8.ValidString(msg))
			assert.Contains(t, msg, "…", "the cut is shown")
			assert.Contains(t, msg, in[:10], "the start of the input is quoted")
		}
	}
	_, err := Parse("21309")
	assert.Equal(t, `noc: unknown NOC 2021 unit group: "21309"`, err.Error(), "short inputs are quoted whole")
}

// allocated returns the bytes allocated by f.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestCodeCutsAHugeTitleBeforeWorkingOnIt(t *testing.T) {
	if raceEnabled {
		t.Skip("under the race detector, sync.Pool drops items on purpose")
	}
	c := Default()
	c.Code("Ingénieur civil", FR) // warm the pools
	c.Code(hugeTitle, FR)
	var normal, huge Result
	short := allocated(func() { normal = c.Code("Ing&eacute;nieur civil R&amp;D structures", FR) })
	long := allocated(func() { huge = c.Code(hugeTitle, FR) })
	t.Logf("allocated: %d B for a short title, %d B for a 10 MB one", short, long)
	assert.Less(t, long, 2*short+64<<10, "a 10 MB title allocates about what a short one does")
	require.NotEmpty(t, huge.Candidates)
	assert.Equal(t, normal.Candidates[0].UnitGroup.Code, huge.Candidates[0].UnitGroup.Code)
}

// BenchmarkCodeHugeTitle codes a 10 MB title full of entities; compare its
// B/op with BenchmarkCodeEntityTitle's (go test -bench CodeHuge|CodeEntity
// -benchmem).
func BenchmarkCodeHugeTitle(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Code(hugeTitle, FR)
	}
}

// BenchmarkCodeEntityTitle codes a normal title with entities, the baseline
// of BenchmarkCodeHugeTitle.
func BenchmarkCodeEntityTitle(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Code("Ing&eacute;nieur civil R&amp;D structures", FR)
	}
}

// BenchmarkParseHugeInput parses a 10 MB non-code and formats its error.
func BenchmarkParseHugeInput(b *testing.B) {
	in := strings.Repeat("2", 10<<20)
	b.ReportAllocs()
	for b.Loop() {
		_, err := Parse(in)
		_ = err.Error()
	}
}

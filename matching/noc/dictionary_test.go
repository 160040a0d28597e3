package noc

import (
	"bytes"
	"compress/gzip"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// learningParams are the coder's parameters with the dictionary learned from the examples given,
// as the evaluation needs (the embedded dictionary was learned from all the official titles).
func learningParams() params {
	p := defaultParams()
	p.learn = true
	return p
}

// learnedDictionary learns the dictionary from all the official titles, in the file format.
func learnedDictionary(t *testing.T) []byte {
	ex, err := officialExamples()
	require.NoError(t, err)
	c, err := newCoder(ex, learningParams())
	require.NoError(t, err)
	return c.formatDictionary(c.learned)
}

// TestGenerateDictionary rewrites the embedded dictionary. Run with NOC_GEN=1.
func TestGenerateDictionary(t *testing.T) {
	if os.Getenv("NOC_GEN") == "" {
		t.Skip("set NOC_GEN=1 to rewrite " + dictionaryFile)
	}
	text := learnedDictionary(t)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	require.NoError(t, err)
	_, err = zw.Write(text)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(dictionaryFile, buf.Bytes(), 0o644))
}

// TestEmbeddedDictionary checks that the embedded dictionary is what the analyser and the learner
// produce today from the official titles.
func TestEmbeddedDictionary(t *testing.T) {
	if testing.Short() {
		t.Skip("learning the dictionary takes a second (more under the race detector)")
	}
	raw, err := dataFS.ReadFile(dictionaryFile)
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	require.NoError(t, err)
	var embedded bytes.Buffer
	_, err = embedded.ReadFrom(zr)
	require.NoError(t, err)
	require.Equal(t, string(learnedDictionary(t)), embedded.String(),
		"the embedded dictionary is stale: NOC_GEN=1 go test -run TestGenerateDictionary")
}

package group

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryMessageCodeIsInTheCatalog reads the package's sources for the
// message codes they use and checks each exists in both languages.
func TestEveryMessageCodeIsInTheCatalog(t *testing.T) {
	files, err := os.ReadDir(".")
	assert.NoError(t, err)
	uses := regexp.MustCompile(`(?:messages\.Error\([A-Za-z]+, |\.Add\([^,]+, |\.Check\([^,]+, [^,]+, )"([a-z_.]+)"`)
	found := 0
	for _, f := range files {
		if f.IsDir() || !regexp.MustCompile(`^[a-z_]+\.go$`).MatchString(f.Name()) || regexp.MustCompile(`_test\.go$`).MatchString(f.Name()) {
			continue
		}
		src, err := os.ReadFile(f.Name())
		assert.NoError(t, err)
		for _, m := range uses.FindAllStringSubmatch(string(src), -1) {
			found++
			assert.True(t, messages.Has(m[1]), "%s uses unknown code %q", f.Name(), m[1])
		}
	}
	assert.Greater(t, found, 30)
}

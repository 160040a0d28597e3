// Package catalogtest checks, in a package's own tests, that every message
// code its sources use exists in its catalog.
package catalogtest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// uses matches the code argument of the catalog calls the project makes:
// x.Error(sentinel, "code"), v.Add(field, "code"), v.Check(bad, field,
// "code").
var uses = regexp.MustCompile(`(?:\.Error\([A-Za-z.]+, |\.Add\([^,]+, |\.Check\([^,]+, [^,]+, )"([a-z_.]+)"`)

// CheckSources reads the non-test Go files of dir and reports, through t,
// every message code that has() does not know. It fails when fewer than min
// uses are found, so that a broken pattern cannot pass silently.
func CheckSources(t *testing.T, dir string, has func(code string) bool, min int) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(src), -1) {
			found++
			if !has(m[1]) {
				t.Errorf("%s uses the unknown message code %q", filepath.Base(name), m[1])
			}
		}
	}
	if found < min {
		t.Errorf("found %d message codes in %s, want at least %d", found, dir, min)
	}
}

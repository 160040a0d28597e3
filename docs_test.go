package babillard_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// ruleID is a rule of docs/RULES.md: a package letter and a number.
var ruleID = regexp.MustCompile(`\b[A-Z]-\d+\b`)

// workingDocs matches a citation of the working documents the rules were
// written from, which are not part of the repository: the domain and design
// notes, their folder of seeds and data. The pattern is written so that
// this file does not match it.
var workingDocs = regexp.MustCompile(`\b(?:DOMAIN|DESIGN)[.]md\b|[.][.]/shared\b|\bshared[/]data\b|\bseeds[/]`)

// TestDocReferences checks that the repository's documentation resolves
// inside it: every rule that a Go comment or a Markdown file cites after
// "docs/RULES.md" (or "RULES") is defined there, every relative link of the
// Markdown files names a file that exists, and nothing cites the working
// documents the rules were written from.
func TestDocReferences(t *testing.T) {
	rules, err := os.ReadFile("docs/RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\*\*([A-Z]-\d+) `).FindAllStringSubmatch(string(rules), -1) {
		if defined[m[1]] {
			t.Errorf("docs/RULES.md defines %s twice", m[1])
		}
		defined[m[1]] = true
	}
	if len(defined) < 50 {
		t.Fatalf("docs/RULES.md defines %d rules: the pattern missed them", len(defined))
	}

	cite := regexp.MustCompile(`RULES(?:\.md)?\)?,? ((?:[A-Z]-\d+|to|and|,|\s)+)`)
	link := regexp.MustCompile(`\]\(([^)#:\s]+)(?:#[^)]*)?\)`)
	cited := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".md") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(b)
		for _, banned := range workingDocs.FindAllString(text, -1) {
			t.Errorf("%s cites %q, which is not in the repository", path, banned)
		}
		for _, m := range cite.FindAllStringSubmatch(text, -1) {
			for _, id := range ruleID.FindAllString(m[1], -1) {
				cited++
				if !defined[id] {
					t.Errorf("%s cites docs/RULES.md %s, which it does not define", path, id)
				}
			}
		}
		if strings.HasSuffix(path, ".md") {
			for _, m := range link.FindAllStringSubmatch(text, -1) {
				target := filepath.Join(filepath.Dir(path), m[1])
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s links to %s, which does not exist", path, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if cited < 10 {
		t.Errorf("found %d citations of docs/RULES.md: the pattern missed them", cited)
	}
}

// TestWorkingDocsPattern: the citations TestDocReferences refuses are found
// (built by concatenation, so that this file cites none of them).
func TestWorkingDocsPattern(t *testing.T) {
	for _, cited := range []string{"DOMAIN" + ".md", "see DESIGN" + ".md §2", ".." + "/shared/x", "shared" + "/data/tax", "the seeds" + "/ folder"} {
		if !workingDocs.MatchString(cited) {
			t.Errorf("%q is not caught", cited)
		}
	}
	for _, fine := range []string{"docs/RULES.md", "shared schemas", "seeded splits", "DOMAINS.md"} {
		if workingDocs.MatchString(fine) {
			t.Errorf("%q is caught", fine)
		}
	}
}

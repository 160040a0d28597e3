package offer_test

import (
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"

	"github.com/babillard/babillard/offer"
)

// TestDefaultVocabularyDoc checks that DefaultVocabulary's doc comment lists
// exactly the codes of its tables, in order.
func TestDefaultVocabularyDoc(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "vocabulary.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, c := range f.Comments {
		if text := c.Text(); strings.HasPrefix(text, "DefaultVocabulary returns") {
			doc = strings.Join(strings.Fields(text), " ")
		}
	}
	v := offer.DefaultVocabulary()
	for _, l := range []struct {
		name  string
		terms []offer.Term
	}{{"function types", v.FunctionTypes}, {"employment types", v.EmploymentTypes}, {"position statuses", v.PositionStatuses}} {
		var codes []string
		for _, term := range l.terms {
			codes = append(codes, term.Code)
		}
		want := l.name + " (" + strings.Join(codes, ", ") + ")"
		if !strings.Contains(doc, want) {
			t.Errorf("the doc comment of DefaultVocabulary should list %q; it says:\n%s", want, doc)
		}
	}
	if n := regexp.MustCompile(`the (\d+) engineering domains`).FindStringSubmatch(doc); n == nil || n[1] != "42" || len(v.Domains) != 42 {
		t.Errorf("the doc comment counts %v engineering domains; the table has %d", n, len(v.Domains))
	}
}

package babillard_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// notSerialised lists the exported struct types that a host never encodes
// as JSON, with the reason. Every other exported struct type of a public
// package needs a snake_case json tag (or json:"-") on each exported field.
var notSerialised = map[string]string{
	"babillard.Board":     "the wired services, not data",
	"babillard.Options":   "functions and service options, not data",
	"babillard.TickPart":  "a named function the tick runs, not data",
	"babillardtest.Ready": "a test fixture (board, clock, actors), not data",
	"page.Key":            "a keyset position between a store and the page package; hosts see only its opaque cursor",
	"page.Window":         "what a store is asked for, not data a host encodes",

	"billing.Options": "functions, not data",
	"billing.Service": "a service, not data",

	"billing/promo.Options": "functions and a time zone, not data",
	"billing/promo.Service": "a service, not data",

	"canada.Calendar": "holiday rules (functions), not data",

	"group.Options": "functions, not data",
	"group.Service": "a service, not data",

	"i18n.Catalog":   "message catalog, built in code",
	"i18n.Entry":     "message catalog entries, declared in code",
	"i18n.Validator": "collects faults while checking; its result, ValidationError, is data",

	"matching/noc.Coder":        "the title coder, not data",
	"matching/noc.ParseError":   "an error: hosts show its message",
	"matching/noc.NOC2016Error": "an error: hosts show its message",

	"offer.Options":    "functions and tables, not data",
	"offer.Service":    "a service, not data",
	"offer.Rules":      "the service's vocabularies, calendar and time zone (a *time.Location)",
	"offer.Guard":      "a named function of the transition table",
	"offer.Transition": "a row of the transition table, whose guard is a function",

	"storage/memory.Store":   "a store, not data",
	"storage/postgres.Store": "a store, not data",
}

// snakeCase is a json name the library accepts: lower-case words of
// letters and digits joined by underscores.
var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestJSONTags walks the sources of every public package (not internal,
// not examples, not tests) and checks that each exported field of each
// exported struct type carries a snake_case json tag or json:"-", unless
// its type is listed in notSerialised. Embedded fields are flattened by
// encoding/json and need no tag.
func TestJSONTags(t *testing.T) {
	fset := token.NewFileSet()
	seen := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		base := d.Name()
		if path != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") || base == "testdata" || base == "internal" || base == "examples") {
			return filepath.SkipDir
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		var files []*ast.File
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(path, name), nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			if f.Name.Name == "main" {
				return nil // a command: nothing to import
			}
			files = append(files, f)
		}
		pkg := filepath.ToSlash(path)
		if pkg == "." {
			pkg = "babillard"
		}
		marshalers := selfMarshaling(files)
		for _, f := range files {
			for _, decl := range f.Decls {
				gen, ok := decl.(*ast.GenDecl)
				if !ok || gen.Tok != token.TYPE {
					continue
				}
				for _, spec := range gen.Specs {
					ts := spec.(*ast.TypeSpec)
					st, ok := ts.Type.(*ast.StructType)
					if !ok || !ts.Name.IsExported() || ts.Assign.IsValid() {
						continue
					}
					key := pkg + "." + ts.Name.Name
					seen[key] = true
					if _, ok := notSerialised[key]; ok || marshalers[ts.Name.Name] {
						continue
					}
					checkStructTags(t, fset, key, st)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 50 {
		t.Fatalf("walked %d exported struct types: the walk missed the packages", len(seen))
	}
	var stale []string
	for key := range notSerialised {
		if !seen[key] {
			stale = append(stale, key)
		}
	}
	slices.Sort(stale)
	for _, key := range stale {
		t.Errorf("notSerialised lists %s, which is no longer an exported struct type", key)
	}
}

// selfMarshaling returns the names of the types of a package that encode
// themselves (a MarshalJSON or MarshalText method): their fields' tags do
// not matter.
func selfMarshaling(files []*ast.File) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 || fn.Name.Name != "MarshalJSON" && fn.Name.Name != "MarshalText" {
				continue
			}
			typ := fn.Recv.List[0].Type
			if star, ok := typ.(*ast.StarExpr); ok {
				typ = star.X
			}
			if id, ok := typ.(*ast.Ident); ok {
				out[id.Name] = true
			}
		}
	}
	return out
}

// checkStructTags reports the exported fields of st (and of struct types
// written inline in it) without a snake_case json tag.
func checkStructTags(t testing.TB, fset *token.FileSet, name string, st *ast.StructType) {
	t.Helper()
	for _, field := range st.Fields.List {
		if inline, ok := field.Type.(*ast.StructType); ok {
			checkStructTags(t, fset, name+".(inline)", inline)
		}
		if len(field.Names) == 0 {
			continue // embedded: encoding/json flattens it
		}
		var tag string
		if field.Tag != nil {
			raw, err := strconv.Unquote(field.Tag.Value)
			if err != nil {
				t.Errorf("%s: %s: bad tag %s", fset.Position(field.Pos()), name, field.Tag.Value)
				continue
			}
			tag = reflect.StructTag(raw).Get("json")
		}
		jsonName, _, _ := strings.Cut(tag, ",")
		for _, n := range field.Names {
			if !n.IsExported() {
				continue
			}
			switch {
			case tag == "":
				t.Errorf("%s: %s.%s has no json tag", fset.Position(n.Pos()), name, n.Name)
			case tag == "-":
			case !snakeCase.MatchString(jsonName):
				t.Errorf("%s: %s.%s: json name %q is not snake_case", fset.Position(n.Pos()), name, n.Name, jsonName)
			}
		}
	}
}

// TestJSONTagsCheck shows what checkStructTags reports, on a made-up type.
func TestJSONTagsCheck(t *testing.T) {
	const src = "package p\ntype T struct {\n" +
		"\tGood string `json:\"good_name\"`\n" +
		"\tSkipped string `json:\"-\"`\n" +
		"\tEmbedded\n" +
		"\tunexported int\n" +
		"\tMissing string\n" +
		"\tCamel string `json:\"camelCase\"`\n" +
		"\tBare string `json:\",omitempty\"`\n" +
		"\tInline struct{ Deep int }\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	st := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.TypeSpec).Type.(*ast.StructType)
	rec := &recorder{TB: t}
	checkStructTags(rec, fset, "p.T", st)
	want := []string{
		"p.go:7:2: p.T.Missing has no json tag",
		`p.go:8:2: p.T.Camel: json name "camelCase" is not snake_case`,
		`p.go:9:2: p.T.Bare: json name "" is not snake_case`,
		"p.go:10:17: p.T.(inline).Deep has no json tag",
		"p.go:10:2: p.T.Inline has no json tag",
	}
	if !slices.Equal(rec.errs, want) {
		t.Errorf("reported\n%s\nwant\n%s", strings.Join(rec.errs, "\n"), strings.Join(want, "\n"))
	}
}

// recorder keeps the errors reported to it instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

package noc

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// The embedded files: see data/NOTICE.md for their source and licence.
//
//go:embed data/noc2021_hierarchy.csv data/noc2021_example_titles.csv.gz data/engineering_disciplines.csv
//go:embed data/noc2021_translations.tsv.gz
var dataFS embed.FS

// readCSV reads a whole embedded CSV file (gzip-compressed when its name ends in .gz), header
// excluded, and checks that every record has want fields.
func readCSV(name string, want int) ([][]string, error) {
	raw, err := dataFS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var r io.Reader = bytes.NewReader(raw)
	if len(name) > 3 && name[len(name)-3:] == ".gz" {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("noc: %s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = want
	cr.ReuseRecord = false
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("noc: %s: %w", name, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("noc: %s: empty", name)
	}
	return recs[1:], nil
}

// taxonomy is the immutable, embedded classification.
type taxonomy struct {
	classes     []Class          // in code order within each level, levels in file order
	byCode      map[string]int32 // code → index in classes
	children    [][]int32        // index → children indexes, in code order
	parent      []int32          // index → parent index, -1 for broad categories
	unitGroups  []int32          // indexes of the unit groups, in code order
	ugOrdinal   map[string]int32 // unit-group code → ordinal in unitGroups
	disciplines []Discipline
}

var loadTaxonomy = sync.OnceValue(func() *taxonomy {
	t, err := buildTaxonomy()
	if err != nil {
		// The embedded files are part of the binary and checked by the tests: this cannot happen
		// in a released build.
		panic(err)
	}
	return t
})

func buildTaxonomy() (*taxonomy, error) {
	recs, err := readCSV("data/noc2021_hierarchy.csv", 5)
	if err != nil {
		return nil, err
	}
	t := &taxonomy{
		classes:   make([]Class, 0, len(recs)),
		byCode:    make(map[string]int32, len(recs)),
		ugOrdinal: make(map[string]int32, 600),
	}
	for _, r := range recs {
		lv, err := strconv.Atoi(r[0])
		if err != nil || lv < 1 || lv > 5 || len(r[1]) != lv {
			return nil, fmt.Errorf("noc: hierarchy: bad record %q", r)
		}
		c := Class{Code: r[1], Level: Level(lv), ParentCode: r[2], TitleEN: r[3], TitleFR: r[4], TEER: -1}
		if lv >= 2 {
			c.TEER = int(c.Code[1] - '0')
		}
		if _, dup := t.byCode[c.Code]; dup {
			return nil, fmt.Errorf("noc: hierarchy: duplicate code %s", c.Code)
		}
		t.byCode[c.Code] = int32(len(t.classes))
		t.classes = append(t.classes, c)
	}
	t.children = make([][]int32, len(t.classes))
	t.parent = make([]int32, len(t.classes))
	for i, c := range t.classes {
		t.parent[i] = -1
		if c.ParentCode != "" {
			p, ok := t.byCode[c.ParentCode]
			if !ok || t.classes[p].Level != c.Level-1 {
				return nil, fmt.Errorf("noc: hierarchy: bad parent %s of %s", c.ParentCode, c.Code)
			}
			t.parent[i] = p
			t.children[p] = append(t.children[p], int32(i))
		} else if c.Level != LevelBroadCategory {
			return nil, fmt.Errorf("noc: hierarchy: %s has no parent", c.Code)
		}
		if c.Level == LevelUnitGroup {
			t.ugOrdinal[c.Code] = int32(len(t.unitGroups))
			t.unitGroups = append(t.unitGroups, int32(i))
		}
	}
	if t.disciplines, err = loadDisciplines(t); err != nil {
		return nil, err
	}
	return t, nil
}

// loadExamples reads the embedded official example titles: "code,lang,title" lines, the title
// quoted when it holds a comma (a quote inside is doubled). A dedicated reader, faster than
// encoding/csv on the one file that matters for the build time.
func loadExamples() ([]Example, error) {
	raw, err := dataFS.ReadFile("data/noc2021_example_titles.csv.gz")
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("noc: example titles: %w", err)
	}
	defer zr.Close()
	text, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("noc: example titles: %w", err)
	}
	s := string(text) // one allocation; the titles are substrings of it
	out := make([]Example, 0, 54300)
	first := true
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		line = strings.TrimSuffix(line, "\r")
		s = rest
		if first || line == "" {
			first = false
			continue
		}
		code, rest, ok1 := strings.Cut(line, ",")
		lang, title, ok2 := strings.Cut(rest, ",")
		l := ParseLang(lang)
		if !ok1 || !ok2 || l == Auto || len(code) != 5 {
			return nil, fmt.Errorf("noc: example titles: bad line %q", line)
		}
		if strings.HasPrefix(title, `"`) {
			if len(title) < 2 || !strings.HasSuffix(title, `"`) {
				return nil, fmt.Errorf("noc: example titles: bad quoting in %q", line)
			}
			title = strings.ReplaceAll(title[1:len(title)-1], `""`, `"`)
		}
		out = append(out, Example{Code: code, Lang: l, Title: title})
	}
	return out, nil
}

var officialExamples = sync.OnceValues(loadExamples)

package noc

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLevels(t *testing.T) {
	want := map[Level]int{
		LevelBroadCategory: 10, LevelMajorGroup: 45, LevelSubMajorGroup: 89, LevelMinorGroup: 162, LevelUnitGroup: 516,
	}
	for lv, n := range want {
		cs := Classes(lv)
		assert.Len(t, cs, n, "%v", lv)
		for i, c := range cs {
			assert.Equal(t, lv, c.Level)
			assert.Len(t, c.Code, int(lv))
			assert.NotEmpty(t, c.TitleEN, c.Code)
			if lv == LevelUnitGroup {
				assert.NotEmpty(t, c.TitleFR, c.Code)
			} else {
				assert.Empty(t, c.TitleFR, c.Code) // the data has no French titles above unit groups
			}
			if lv == LevelBroadCategory {
				assert.Equal(t, -1, c.TEER)
				assert.Empty(t, c.ParentCode)
			} else {
				assert.Equal(t, int(c.Code[1]-'0'), c.TEER)
				assert.Equal(t, c.Code[:len(c.Code)-1], c.ParentCode, "NOC codes extend their parent's")
			}
			if i > 0 {
				assert.Less(t, cs[i-1].Code, c.Code, "code order")
			}
		}
	}
	assert.Nil(t, Classes(Level(9)))
	assert.Equal(t, "unit group", LevelUnitGroup.String())
	assert.Equal(t, "broad category", LevelBroadCategory.String())
	assert.Equal(t, "Level(9)", Level(9).String())
	assert.Len(t, UnitGroups(), 516)
}

func TestLookupCivilEngineers(t *testing.T) {
	c, ok := Lookup(" 21300 ")
	require.True(t, ok)
	assert.Equal(t, Class{Code: "21300", Level: LevelUnitGroup, TitleEN: "Civil engineers",
		TitleFR: "Ingénieurs civils/ingénieures civiles", TEER: 1, ParentCode: "2130"}, c)
	assert.Equal(t, "Civil engineers", c.Title(EN))
	assert.Equal(t, "Ingénieurs civils/ingénieures civiles", c.Title(FR))
	assert.Equal(t, c.TitleFR, c.Title(Auto))
	assert.Empty(t, c.Children())
	assert.Equal(t, []Class{c}, c.UnitGroups())

	path := c.Path()
	require.Len(t, path, 5)
	codes := make([]string, len(path))
	for i, p := range path {
		codes[i] = p.Code
	}
	assert.Equal(t, []string{"2", "21", "213", "2130", "21300"}, codes)
	assert.Equal(t, "Natural and applied sciences and related occupations", path[0].TitleEN)
	assert.Equal(t, path[0].TitleEN, path[0].Title(FR), "French falls back to English above unit groups")

	p, ok := c.Parent()
	require.True(t, ok)
	assert.Equal(t, "2130", p.Code)
	assert.Equal(t, LevelMinorGroup, p.Level)
	var kids []string
	for _, k := range p.Children() {
		kids = append(kids, k.Code)
	}
	assert.Equal(t, []string{"21300", "21301"}, kids)

	top, ok := Lookup("2")
	require.True(t, ok)
	_, ok = top.Parent()
	assert.False(t, ok)
	assert.Len(t, top.Children(), 3)
	assert.Greater(t, len(top.UnitGroups()), 40)

	_, ok = Lookup("99999")
	assert.False(t, ok)
	var zero Class
	assert.True(t, zero.IsZero())
	assert.Nil(t, zero.Children())
	assert.Nil(t, zero.Path())
	assert.Nil(t, zero.UnitGroups())
}

func TestHierarchyIsATree(t *testing.T) {
	seen := 0
	var walk func(c Class)
	walk = func(c Class) {
		seen++
		for _, k := range c.Children() {
			p, ok := k.Parent()
			require.True(t, ok)
			require.Equal(t, c.Code, p.Code)
			walk(k)
		}
	}
	for _, c := range Classes(LevelBroadCategory) {
		walk(c)
	}
	assert.Equal(t, 822, seen)
}

func TestParse(t *testing.T) {
	for _, in := range []string{"21300", " 21300\t", "NOC 21300", "noc:21300", "CNP 21300", "cnp#21300", "NOC-21300"} {
		c, err := Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, "21300", c.Code, in)
	}
	c, err := Parse("00010")
	require.NoError(t, err)
	assert.Equal(t, "Legislators", c.TitleEN)
	assert.Equal(t, 0, c.TEER)
}

func TestParseNOC2016(t *testing.T) {
	for _, in := range []string{"2131", " 2131 ", "NOC 2131", "0011", "2130"} {
		_, err := Parse(in)
		require.Error(t, err, in)
		assert.ErrorIs(t, err, ErrNOC2016, in)
		assert.NotErrorIs(t, err, ErrFormat)
		var e *NOC2016Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, strings.TrimPrefix(strings.TrimSpace(in), "NOC "), e.Code)
		assert.Contains(t, err.Error(), "NOC 2016")
		assert.Contains(t, e.Message(FR), "CNP 2016")
		assert.Contains(t, e.Message(EN), "NOC 2016")
	}
}

func TestParseErrors(t *testing.T) {
	for in, want := range map[string]error{
		"":        ErrFormat,
		"   ":     ErrFormat,
		"2130O":   ErrFormat,
		"213000":  ErrFormat,
		"21":      ErrFormat,
		"NOC":     ErrFormat,
		"21 300":  ErrFormat,
		"-21300":  ErrFormat,
		"２１３００":   ErrFormat, // full-width digits are not read
		"99999":   ErrUnknownCode,
		"21309":   ErrUnknownCode,
		"NOC 1":   ErrFormat,
		"21300.0": ErrFormat,
	} {
		_, err := Parse(in)
		require.Error(t, err, in)
		assert.ErrorIs(t, err, want, in)
		var pe *ParseError
		require.True(t, errors.As(err, &pe), in)
		assert.Equal(t, in, pe.Input)
		assert.NotEmpty(t, pe.Message(FR))
		assert.NotEmpty(t, pe.Message(EN))
	}
}

func TestDisciplines(t *testing.T) {
	ds := Disciplines()
	require.Len(t, ds, 42)
	keys := map[string]bool{}
	for _, d := range ds {
		assert.False(t, keys[d.Key], "duplicate key %s", d.Key)
		keys[d.Key] = true
		ug := d.UnitGroup()
		assert.Equal(t, LevelUnitGroup, ug.Level, d.Key)
		assert.NotEmpty(t, d.TitleEN)
		assert.True(t, strings.HasPrefix(d.TitleFR, "Génie"), d.TitleFR)
		assert.Equal(t, d.TitleFR, d.Title(FR))
		assert.Equal(t, d.TitleEN, d.Title(EN))
		assert.Contains(t, []string{"OIQ", "OIFQ"}, d.Regulator)
		// The official example titles backing the discipline belong to its unit group (some are
		// in the evaluation sample held back from the shipped file, hence absent).
		for _, e := range Examples() {
			if e.Title == d.ExampleEN || e.Title == d.ExampleFR {
				assert.Equal(t, d.Code, e.Code, "%s: %q", d.Key, e.Title)
			}
		}
	}
	civil, ok := DisciplineByKey("civil")
	require.True(t, ok)
	assert.Equal(t, "21300", civil.Code)
	assert.Equal(t, "Génie civil", civil.TitleFR)
	forest, ok := DisciplineByKey("forest")
	require.True(t, ok)
	assert.Equal(t, "21111", forest.Code)
	assert.Equal(t, "OIFQ", forest.Regulator)
	_, ok = DisciplineByKey("alchemy")
	assert.False(t, ok)

	ds[0].Key = "changed"
	assert.Equal(t, "civil", Disciplines()[0].Key, "Disciplines returns a copy")
}

func TestLang(t *testing.T) {
	for in, want := range map[string]Lang{
		"fr": FR, "FR": FR, "fr-CA": FR, "fr_CA": FR, "français": FR, "French": FR,
		"en": EN, "en-CA": EN, "EN_us": EN, "english": EN, "": Auto, "de": Auto, "auto": Auto,
	} {
		assert.Equal(t, want, ParseLang(in), in)
	}
	assert.Equal(t, "fr", FR.String())
	assert.Equal(t, "en", EN.String())
	assert.Equal(t, "auto", Auto.String())
}

func TestExamples(t *testing.T) {
	ex := Examples()
	require.Len(t, ex, 54224)
	n := map[Lang]int{}
	for _, e := range ex {
		n[e.Lang]++
		_, err := Parse(e.Code)
		require.NoError(t, err, e.Code)
		require.NotEmpty(t, e.Title)
	}
	assert.Equal(t, 26251, n[EN])
	assert.Equal(t, 27973, n[FR])
	ex[0].Title = "changed"
	assert.NotEqual(t, "changed", Examples()[0].Title, "Examples returns a copy")
}

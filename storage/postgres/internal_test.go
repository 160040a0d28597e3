package postgres

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/babillard/babillard/group"
)

func TestContainsPattern(t *testing.T) {
	for in, want := range map[string]string{
		"":         "%%",
		"cote":     "%cote%",
		`100%_a\b`: `%100\%\_a\\b%`,
		"montréal": "%montréal%",
	} {
		if got := containsPattern(in); got != want {
			t.Errorf("containsPattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegistryKeys(t *testing.T) {
	c := group.Company{NEQ: "1143 567-890", BusinessNumber: "123456782RT0001", SIRET: "732 829 320 00074"}
	got := registryKeys(&c)
	want := []string{"1143567890", "123456782", "123456782RT0001", "73282932000074"}
	if !slices.Equal(got, want) {
		t.Errorf("registryKeys = %q, want %q", got, want)
	}
	if got := registryKeys(&group.Company{}); got == nil || len(got) != 0 {
		t.Errorf("registryKeys of no numbers = %#v, want an empty, non-nil slice", got)
	}
}

func TestLoadMigrations(t *testing.T) {
	ms, err := loadMigrations(MigrationsFS())
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if m.version != i+1 {
			t.Errorf("migration %s has version %d, want %d (numbered from 1, no gaps)", m.name, m.version, i+1)
		}
	}
	for name, fsys := range map[string]fstest.MapFS{
		"unnumbered": {"groups.sql": {Data: []byte("SELECT 1")}},
		"zero":       {"0000_x.sql": {Data: []byte("SELECT 1")}},
		"twice":      {"0001_a.sql": {Data: []byte("SELECT 1")}, "01_b.sql": {Data: []byte("SELECT 1")}},
	} {
		if _, err := loadMigrations(fsys); err == nil {
			t.Errorf("%s: loadMigrations accepted %v", name, fsys)
		}
	}
	ms, err = loadMigrations(fstest.MapFS{"0002_b.sql": {}, "0010_c.sql": {}, "0001_a.sql": {}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.name)
	}
	if !slices.Equal(names, []string{"0001_a", "0002_b", "0010_c"}) {
		t.Errorf("order %q", names)
	}
}

func TestQuoteIdent(t *testing.T) {
	if got, want := quoteIdent(`a"b`), `"a""b"`; got != want {
		t.Errorf("quoteIdent = %s, want %s", got, want)
	}
}

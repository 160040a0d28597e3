package group_test

import (
	"strings"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/stretchr/testify/assert"
)

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		"  Marie.Tremblay@Genie-Conseil.QC.ca ": "marie.tremblay@genie-conseil.qc.ca",
		"rh+emplois@exemple.com":                "rh+emplois@exemple.com",
	} {
		got, code := group.NormalizeEmail(in)
		assert.Equal(t, "", code, in)
		assert.Equal(t, want, got, in)
	}
	for in, want := range map[string]string{
		"":                                       "email.required",
		"   ":                                    "email.required",
		"marie":                                  "email.format",
		"marie@":                                 "email.format",
		"@exemple.com":                           "email.format",
		"marie@exemple":                          "email.format",
		"Marie <marie@exemple.com>":              "email.format",
		"marie@exemple..com":                     "email.format",
		"marie@-exemple.com":                     "email.format",
		"marie@exemple.c0m":                      "email.format",
		"marie tremblay@exemple.com":             "email.format",
		"marie@exemple.com, x@y.com":             "email.format",
		strings.Repeat("a", 65) + "@exemple.com": "email.format",
	} {
		_, code := group.NormalizeEmail(in)
		assert.Equal(t, want, code, in)
	}
}

func TestIsFreeMailDomain(t *testing.T) {
	for _, d := range []string{"gmail.com", "GMAIL.COM", "hotmail.ca", "videotron.ca", "sympatico.ca", "yahoo.fr", "outlook.com"} {
		assert.True(t, group.IsFreeMailDomain(d), d)
	}
	for _, d := range []string{"oiq.qc.ca", "genie-conseil.ca", "hydroquebec.com", "com", "ca", ""} {
		assert.False(t, group.IsFreeMailDomain(d), d)
	}
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"a@b.ca", " Marie@Exemple.COM ", "x@y", "<a@b.c>", "a@b.c0m", "é@ü.ca", "a\"b@c.ca", "a@b..ca"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, code := group.NormalizeEmail(s)
		if code != "" {
			if got != "" {
				t.Fatalf("fault %q with a result %q", code, got)
			}
			return
		}
		if got != strings.ToLower(got) || strings.TrimSpace(got) != got || strings.Count(got, "@") != 1 {
			t.Fatalf("NormalizeEmail(%q) = %q: not a normalised address", s, got)
		}
		again, code := group.NormalizeEmail(got)
		if code != "" || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q (%s)", s, got, again, code)
		}
	})
}

func TestFold(t *testing.T) {
	assert.Equal(t, "montreal quebec", group.Fold("  Montréal  (Québec) "))
	assert.Equal(t, "ecole polytechnique de montreal", group.Fold("ÉCOLE Polytechnique-de-Montréal"))
	assert.True(t, group.MatchesKeyword(group.Fold("Génie Conseil Lévis inc."), group.Fold("levis genie")))
	assert.False(t, group.MatchesKeyword(group.Fold("Génie Conseil"), group.Fold("levis")))
}

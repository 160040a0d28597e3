package i18n_test

import (
	"errors"
	"testing"

	"github.com/babillard/babillard/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var cat = i18n.MustCatalog(
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "too_long", FR: "Au plus %d caractères.", EN: "At most %d characters."},
	i18n.Entry{Code: "amount", FR: "Montant : %d $", EN: "Amount: $%d"},
)

func TestTextFallsBackToFrench(t *testing.T) {
	tx := i18n.Text{FR: "Ingénieur", EN: "Engineer"}
	assert.Equal(t, "Engineer", tx.In(i18n.English))
	assert.Equal(t, "Ingénieur", tx.In(i18n.French))
	assert.Equal(t, "Ingénieur", i18n.Text{FR: "Ingénieur"}.In(i18n.English))
	assert.True(t, i18n.Text{}.IsZero())
	assert.Equal(t, i18n.Text{FR: "a", EN: "b"}, i18n.Text{FR: " a ", EN: "\tb\n"}.Trim())
}

func TestCatalogFormatsBothLanguages(t *testing.T) {
	got := cat.Text("too_long", 50)
	assert.Equal(t, i18n.Text{FR: "Au plus 50 caractères.", EN: "At most 50 characters."}, got)
	// Numbers follow each language's conventions.
	got = cat.Text("amount", 12000)
	assert.Equal(t, "Montant : 12\u00a0000 $", got.FR)
	assert.Equal(t, "Amount: $12,000", got.EN)
	assert.True(t, cat.Has("required"))
	assert.False(t, cat.Has("nope"))
	assert.Equal(t, 3, cat.Len())
	assert.Contains(t, cat.Text("nope").EN, "nope")
}

func TestNewCatalogRefusesMalformedEntries(t *testing.T) {
	for name, entries := range map[string][]i18n.Entry{
		"empty code": {{FR: "a", EN: "b"}},
		"duplicate":  {{Code: "a", FR: "a", EN: "a"}, {Code: "a", FR: "b", EN: "b"}},
		"no english": {{Code: "a", FR: "a"}},
		"no french":  {{Code: "a", EN: "a"}},
	} {
		_, err := i18n.NewCatalog(entries...)
		assert.Error(t, err, name)
	}
	assert.Panics(t, func() { i18n.MustCatalog(i18n.Entry{}) })
}

func TestValidatorCollectsEveryField(t *testing.T) {
	v := cat.Validator()
	assert.NoError(t, v.Err())
	v.Add("email", "required")
	assert.False(t, v.Check(false, "name", "required"))
	assert.True(t, v.Check(true, "name", "too_long", 10))
	inner := cat.Validator()
	inner.Add("postal_code", "required")
	v.Merge("address", inner.Err())
	v.Merge("x", nil)

	err := v.Err()
	require.Error(t, err)
	assert.True(t, errors.Is(err, i18n.ErrInvalid))
	var ve *i18n.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Equal(t, []string{"email:required", "name:too_long", "address.postal_code:required"}, ve.Codes())
	assert.True(t, ve.Has("name", "too_long"))
	assert.True(t, ve.Has("email", ""))
	assert.False(t, ve.Has("name", "required"))
	assert.Equal(t, "Au plus 10 caractères.", ve.Fields[1].Message.FR)
	assert.Equal(t, "invalid input: email: This field is required.; name: At most 10 characters.; address.postal_code: This field is required.", err.Error())
}

func TestErrorUnwrapsToSentinel(t *testing.T) {
	sentinel := errors.New("forbidden")
	err := cat.Error(sentinel, "required")
	assert.ErrorIs(t, err, sentinel)
	assert.Equal(t, "This field is required.", err.Error())
	assert.Equal(t, "required", err.Code)
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]i18n.Lang{"fr": i18n.French, "FR-ca": i18n.French, "en_CA": i18n.English, "English": i18n.English, "français": i18n.French} {
		got, err := i18n.ParseLang(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := i18n.ParseLang("de")
	assert.Error(t, err)
	assert.Equal(t, i18n.English, i18n.MatchAcceptLanguage("en-CA,en;q=0.9,fr;q=0.8"))
	assert.Equal(t, i18n.French, i18n.MatchAcceptLanguage("fr-CA,en;q=0.5"))
	assert.Equal(t, i18n.French, i18n.MatchAcceptLanguage("de-DE"))
	assert.Equal(t, i18n.French, i18n.MatchAcceptLanguage(""))
}

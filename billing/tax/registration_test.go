package tax_test

import (
	"encoding/json"
	"testing"

	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewRegistration(t *testing.T) {
	r, err := tax.NewRegistration(" 123456782 rt 0001 ", "1234567890-tq-0001")
	require.NoError(t, err)
	assert.Equal(t, "123456782 RT0001", r.GSTHST.String())
	assert.Equal(t, "1234567890 TQ 0001", r.QST.String())
	assert.Equal(t, "1234567890TQ0001", r.QST.Compact())

	r, err = tax.NewRegistration("123456782RT0001", "")
	require.NoError(t, err)
	assert.True(t, r.QST.IsZero(), "QST number optional")
	assert.Equal(t, "", r.QST.String())
	assert.Equal(t, "", r.QST.Compact())

	for _, c := range []struct {
		gst, qst string
		codes    []string
	}{
		{"", "", []string{"gst_hst_number:required"}},
		{"123456782", "", []string{"gst_hst_number:gst_hst_number.format"}}, // a bare BN is not an account
		{"12345678RT0001", "", []string{"gst_hst_number:gst_hst_number.format"}},
		{"123456783RT0001", "", []string{"gst_hst_number:gst_hst_number.checksum"}},
		{"123456782RP0001", "", []string{"gst_hst_number:gst_hst_number.program"}}, // payroll, not GST/HST
		{"123456782XX0001", "", []string{"gst_hst_number:gst_hst_number.program"}},
		{"123456782RT0001", "1234567890TQ001", []string{"qst_number:qst_number.format"}},
		{"123456782RT0001", "1234567890RT0001", []string{"qst_number:qst_number.format"}},
		{"123456782RT0001", "0000000000TQ0001", []string{"qst_number:qst_number.format"}},
		{"123456782RT000A", "123456789ATQ0001", []string{"gst_hst_number:gst_hst_number.format", "qst_number:qst_number.format"}},
	} {
		_, err := tax.NewRegistration(c.gst, c.qst)
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve, c.gst)
		assert.Equal(t, c.codes, ve.Codes(), "%q %q", c.gst, c.qst)
		for _, f := range ve.Fields {
			assert.NotEqual(t, f.Message.FR, f.Message.EN)
		}
	}
	_, err = tax.ParseQSTNumber(string(make([]byte, 100)))
	assert.ErrorIs(t, err, tax.ErrQSTNumberFormat)
}

func TestRegistrationJSON(t *testing.T) {
	r, err := tax.NewRegistration("123456782 RT 0001", "1234567890 TQ 0001")
	require.NoError(t, err)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"gst_hst_number":"123456782RT0001","qst_number":"1234567890TQ0001"}`, string(b))
	var back tax.Registration
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r, back)

	var bad tax.Registration
	err = json.Unmarshal([]byte(`{"gst_hst_number":"123456783RT0001","qst_number":"x"}`), &bad)
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"gst_hst_number:gst_hst_number.checksum", "qst_number:qst_number.format"}, ve.Codes())
	assert.Equal(t, tax.Registration{}, bad)

	var q tax.QSTNumber
	require.NoError(t, q.UnmarshalText([]byte("1234567890 tq 0001")))
	assert.Equal(t, r.QST, q)
	require.NoError(t, q.UnmarshalText(nil))
	assert.True(t, q.IsZero())
	assert.ErrorIs(t, q.UnmarshalText([]byte("12")), tax.ErrQSTNumberFormat)
}

func TestRegistrationCovers(t *testing.T) {
	both, err := tax.NewRegistration("123456782RT0001", "1234567890TQ0001")
	require.NoError(t, err)
	gstOnly, err := tax.NewRegistration("123456782RT0001", "")
	require.NoError(t, err)
	qc, err := tax.Default().Compute(canada.QC, day("2026-06-01"), 15000)
	require.NoError(t, err)
	on, err := tax.Default().Compute(canada.ON, day("2026-06-01"), 15000)
	require.NoError(t, err)
	bc, err := tax.Default().Compute(canada.BC, day("2026-06-01"), 15000)
	require.NoError(t, err)

	assert.NoError(t, both.Covers(qc))
	assert.NoError(t, gstOnly.Covers(on))
	assert.NoError(t, gstOnly.Covers(bc), "PST is registered with the province")
	err = gstOnly.Covers(qc)
	assert.ErrorIs(t, err, tax.ErrNotRegistered)
	var e *i18n.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "registration.qst_missing", e.Code)
	err = tax.Registration{}.Covers(on)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "registration.gst_hst_missing", e.Code)
}

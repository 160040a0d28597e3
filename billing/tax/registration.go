package tax

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/babillard/babillard/canada"
)

// ErrNotRegistered is the sentinel of the *i18n.Error Registration.Covers
// returns when a breakdown charges a tax the board has no number for.
var ErrNotRegistered = errors.New("tax: the board is not registered for a tax it charges")

// ErrQSTNumberFormat reports a QST number that is not ten digits, "TQ" and
// four digits.
var ErrQSTNumberFormat = errors.New("tax: QST number must be ten digits, TQ and four digits")

// QSTNumber is a Revenu Québec QST registration number: a ten-digit
// identification number, the program letters TQ and a four-digit file
// number ("1234567890 TQ 0001"). Obtain one with ParseQSTNumber; the zero
// value is empty. Values are comparable with ==.
type QSTNumber struct {
	id   string // ten digits
	file string // four digits
}

// ParseQSTNumber normalises and checks a QST number. Surrounding white
// space, spaces and hyphens are ignored and the letters may be in any case
// ("1234567890TQ0001", "1234567890 tq 0001"). It returns ErrQSTNumberFormat
// unless the rest is ten digits, TQ and four digits; an all-zero
// identification number is refused. Revenu Québec publishes no check-digit
// algorithm, so none is enforced.
func ParseQSTNumber(s string) (QSTNumber, error) {
	if len(s) > 64 {
		return QSTNumber{}, ErrQSTNumberFormat
	}
	c := strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(strings.TrimSpace(s)))
	if len(c) != 16 || c[10:12] != "TQ" || !digits(c[:10]) || !digits(c[12:]) || c[:10] == "0000000000" {
		return QSTNumber{}, ErrQSTNumberFormat
	}
	return QSTNumber{id: c[:10], file: c[12:]}, nil
}

// digits reports whether s is made of ASCII digits only.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String returns "1234567890 TQ 0001", or "" for the zero value.
func (q QSTNumber) String() string {
	if q.IsZero() {
		return ""
	}
	return q.id + " TQ " + q.file
}

// Compact returns the form without spaces ("1234567890TQ0001").
func (q QSTNumber) Compact() string {
	if q.IsZero() {
		return ""
	}
	return q.id + "TQ" + q.file
}

// IsZero reports whether q is the zero value.
func (q QSTNumber) IsZero() bool { return q.id == "" }

// MarshalText implements encoding.TextMarshaler: the compact form.
func (q QSTNumber) MarshalText() ([]byte, error) { return []byte(q.Compact()), nil }

// UnmarshalText implements encoding.TextUnmarshaler, accepting what
// ParseQSTNumber accepts, and "" for the zero value.
func (q *QSTNumber) UnmarshalText(b []byte) error {
	if strings.TrimSpace(string(b)) == "" {
		*q = QSTNumber{}
		return nil
	}
	v, err := ParseQSTNumber(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// Registration is the board's sales tax registration, printed on every
// invoice: its GST/HST number (a CRA business number with the RT program,
// "123456782 RT0001") and its QST number, when it is registered for QST.
// In JSON it is {"gst_hst_number": "123456782RT0001", "qst_number":
// "1234567890TQ0001"}, and decoding validates it as NewRegistration does.
type Registration struct {
	GSTHST canada.BusinessNumber `json:"gst_hst_number"`
	QST    QSTNumber             `json:"qst_number"`
}

// registrationJSON is the JSON form of a Registration.
type registrationJSON struct {
	GSTHST string `json:"gst_hst_number"`
	QST    string `json:"qst_number,omitempty"`
}

// MarshalJSON implements json.Marshaler with the numbers' compact forms.
func (r Registration) MarshalJSON() ([]byte, error) {
	return json.Marshal(registrationJSON{GSTHST: r.GSTHST.Compact(), QST: r.QST.Compact()})
}

// UnmarshalJSON implements json.Unmarshaler: it returns NewRegistration's
// *i18n.ValidationError when a number is invalid, and leaves r unchanged.
func (r *Registration) UnmarshalJSON(b []byte) error {
	var w registrationJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	v, err := NewRegistration(w.GSTHST, w.QST)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// NewRegistration validates a board's GST/HST number (required) and QST
// number (optional: "" when the board is not registered for QST) and
// returns them. Every fault is reported at once in one
// *i18n.ValidationError: field "gst_hst_number" with "required",
// "gst_hst_number.format" (not nine digits, RT and four digits),
// "gst_hst_number.checksum" (wrong check digit) or "gst_hst_number.program"
// (a program other than RT), and field "qst_number" with
// "qst_number.format".
func NewRegistration(gstHST, qst string) (Registration, error) {
	v := messages.Validator()
	var r Registration
	if strings.TrimSpace(gstHST) == "" {
		v.Add("gst_hst_number", "required")
	} else {
		bn, err := canada.ParseBusinessNumber(gstHST)
		switch {
		case errors.Is(err, canada.ErrBusinessNumberChecksum):
			v.Add("gst_hst_number", "gst_hst_number.checksum")
		case errors.Is(err, canada.ErrBusinessNumberProgram):
			v.Add("gst_hst_number", "gst_hst_number.program")
		case err != nil || !bn.IsProgramAccount():
			v.Add("gst_hst_number", "gst_hst_number.format")
		case bn.Program() != "RT":
			v.Add("gst_hst_number", "gst_hst_number.program")
		default:
			r.GSTHST = bn
		}
	}
	if strings.TrimSpace(qst) != "" {
		q, err := ParseQSTNumber(qst)
		if !v.Check(err != nil, "qst_number", "qst_number.format") {
			r.QST = q
		}
	}
	if err := v.Err(); err != nil {
		return Registration{}, err
	}
	return r, nil
}

// Covers returns nil when r has a number for every tax b charges: the
// GST/HST number for GST and HST, the QST number for QST (PST and RST are
// registered with their province, not printed here). Otherwise it returns an
// *i18n.Error wrapping ErrNotRegistered, with code
// "registration.gst_hst_missing" or "registration.qst_missing".
func (r Registration) Covers(b Breakdown) error {
	for _, l := range b.Lines {
		switch {
		case (l.Kind == GST || l.Kind == HST) && r.GSTHST.IsZero():
			return messages.Error(ErrNotRegistered, "registration.gst_hst_missing")
		case l.Kind == QST && r.QST.IsZero():
			return messages.Error(ErrNotRegistered, "registration.qst_missing")
		}
	}
	return nil
}

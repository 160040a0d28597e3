package i18n

import (
	"errors"
	"strings"
)

// ErrInvalid is the sentinel every *ValidationError unwraps to:
// errors.Is(err, i18n.ErrInvalid) tells invalid input from other failures.
var ErrInvalid = errors.New("invalid input")

// FieldError is one fault of one input field.
type FieldError struct {
	// Field names the faulty field, as the input type's JSON name or a dotted
	// path ("address.postal_code", "roles[1]").
	Field string `json:"field"`
	// Code is stable across versions: programs compare it, people read
	// Message.
	Code string `json:"code"`
	// Message explains the fault in French and English.
	Message Text `json:"message"`
}

// ValidationError lists every faulty field of an input. A function that
// returns one has written nothing.
type ValidationError struct {
	Fields []FieldError `json:"fields"`
}

// Error lists the faults in English, "field: message; field: message".
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("invalid input: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteString(": ")
		b.WriteString(f.Message.In(English))
	}
	return b.String()
}

// Unwrap returns ErrInvalid.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Has reports whether field has a fault with code ("" matches any code).
func (e *ValidationError) Has(field, code string) bool {
	for _, f := range e.Fields {
		if f.Field == field && (code == "" || f.Code == code) {
			return true
		}
	}
	return false
}

// Codes returns the "field:code" pairs of the faults, in order: handy in
// tests and logs.
func (e *ValidationError) Codes() []string {
	out := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		out[i] = f.Field + ":" + f.Code
	}
	return out
}

// Error is one refusal with a stable code and a French and English message.
// It unwraps to the sentinel error of the package that returned it (for
// example group.ErrForbidden).
type Error struct {
	Code    string `json:"code"`
	Message Text   `json:"message"`
	Err     error  `json:"-"`
}

// Error returns the English message.
func (e *Error) Error() string { return e.Message.In(English) }

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

// Validator collects the faults of one input. The zero Validator is not
// usable; get one from Catalog.Validator.
type Validator struct {
	catalog *Catalog
	fields  []FieldError
}

// Add records a fault of field with the catalog message code.
func (v *Validator) Add(field, code string, args ...any) {
	v.fields = append(v.fields, FieldError{Field: field, Code: code, Message: v.catalog.Text(code, args...)})
}

// Check records the fault when bad is true, and reports bad.
func (v *Validator) Check(bad bool, field, code string, args ...any) bool {
	if bad {
		v.Add(field, code, args...)
	}
	return bad
}

// Merge adds the faults of err, a *ValidationError, prefixing their field
// names with prefix and a dot (no prefix when it is empty). Any other non-nil
// error is recorded as a fault of prefix with code "invalid".
func (v *Validator) Merge(prefix string, err error) {
	if err == nil {
		return
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		v.fields = append(v.fields, FieldError{Field: prefix, Code: "invalid",
			Message: Text{FR: "Valeur invalide.", EN: "Invalid value."}})
		return
	}
	for _, f := range ve.Fields {
		if prefix != "" {
			f.Field = prefix + "." + f.Field
		}
		v.fields = append(v.fields, f)
	}
}

// Len returns the number of faults recorded so far.
func (v *Validator) Len() int { return len(v.fields) }

// Err returns a *ValidationError with every fault recorded, or nil when
// there is none.
func (v *Validator) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: append([]FieldError(nil), v.fields...)}
}

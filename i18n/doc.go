// Package i18n carries the library's two languages: bilingual text (French
// mandatory wherever text is published, English optional), French and English
// message catalogs built on golang.org/x/text, and the two error shapes every
// package returns to its users:
//
//   - *ValidationError lists every faulty field of an input, each with a
//     stable code and a French and an English message; it unwraps to
//     ErrInvalid.
//   - *Error is one refusal with a stable code and bilingual text (forbidden,
//     expired token, last principal…); it unwraps to the sentinel error of the
//     package that returned it, so errors.Is works as usual.
//
// A package declares its messages once, as a Catalog value:
//
//	var messages = i18n.MustCatalog(
//		i18n.Entry{Code: "email.required", FR: "L'adresse courriel est obligatoire.", EN: "The e-mail address is required."},
//	)
//
// and reports faults through a Validator:
//
//	v := messages.Validator()
//	if email == "" {
//		v.Add("email", "email.required")
//	}
//	if err := v.Err(); err != nil {
//		return err // a *ValidationError, or nil
//	}
package i18n

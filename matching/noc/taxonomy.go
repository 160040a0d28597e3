package noc

import (
	"errors"
	"fmt"
	"strings"
)

// Level is one of the five levels of the NOC 2021 hierarchy; its value is the number of digits of
// the codes at that level.
type Level uint8

const (
	// LevelBroadCategory is the first level: 10 broad occupational categories, 1-digit codes.
	LevelBroadCategory Level = 1
	// LevelMajorGroup is the second level: 45 major groups, 2-digit codes.
	LevelMajorGroup Level = 2
	// LevelSubMajorGroup is the third level: 89 sub-major groups, 3-digit codes.
	LevelSubMajorGroup Level = 3
	// LevelMinorGroup is the fourth level: 162 minor groups, 4-digit codes.
	LevelMinorGroup Level = 4
	// LevelUnitGroup is the fifth level: 516 unit groups, 5-digit codes. Jobs are coded here.
	LevelUnitGroup Level = 5
)

// String returns the English name of the level ("unit group"…).
func (l Level) String() string {
	switch l {
	case LevelBroadCategory:
		return "broad category"
	case LevelMajorGroup:
		return "major group"
	case LevelSubMajorGroup:
		return "sub-major group"
	case LevelMinorGroup:
		return "minor group"
	case LevelUnitGroup:
		return "unit group"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Class is a class of the NOC 2021 V1.0 hierarchy at any level. Classes are values: compare them
// by Code.
type Class struct {
	// Code is the class code, a string of Level digits with its leading zeros ("00010", "0").
	Code string `json:"code"`
	// Level is the level of the class; it equals len(Code).
	Level Level `json:"level"`
	// TitleEN is the official English title.
	TitleEN string `json:"title_en"`
	// TitleFR is the official French title. The embedded data has French titles for the unit
	// groups only: for the upper levels it is empty (see [Class.Title]).
	TitleFR string `json:"title_fr"`
	// TEER is the Training, Education, Experience and Responsibilities category, 0 to 5: the
	// second digit of the code. It is -1 for broad categories, whose 1-digit codes carry none.
	TEER int `json:"teer"`
	// ParentCode is the code of the parent class, "" for a broad category.
	ParentCode string `json:"parent_code"`
}

// Title returns the title in the given language; French falls back to English when the data
// has no French title (levels 1 to 4), and [Auto] means French, the board's mandatory language.
func (c Class) Title(lang Lang) string {
	if lang == EN || c.TitleFR == "" {
		return c.TitleEN
	}
	return c.TitleFR
}

// IsZero reports whether c is the zero Class (no class).
func (c Class) IsZero() bool { return c.Code == "" }

// Parent returns the parent class; ok is false for a broad category or the zero Class.
func (c Class) Parent() (parent Class, ok bool) {
	if c.ParentCode == "" {
		return Class{}, false
	}
	return Lookup(c.ParentCode)
}

// Children returns the classes one level below c, in code order (none for a unit group).
func (c Class) Children() []Class {
	t := loadTaxonomy()
	i, ok := t.byCode[c.Code]
	if !ok {
		return nil
	}
	out := make([]Class, len(t.children[i]))
	for k, ci := range t.children[i] {
		out[k] = t.classes[ci]
	}
	return out
}

// Path returns the classes from the broad category down to c included.
func (c Class) Path() []Class {
	t := loadTaxonomy()
	i, ok := t.byCode[c.Code]
	if !ok {
		return nil
	}
	out := make([]Class, c.Level)
	for k := int(c.Level) - 1; k >= 0 && i >= 0; k-- {
		out[k] = t.classes[i]
		i = t.parent[i]
	}
	return out
}

// UnitGroups returns the unit groups under c (c itself for a unit group), in code order.
func (c Class) UnitGroups() []Class {
	t := loadTaxonomy()
	if _, ok := t.byCode[c.Code]; !ok {
		return nil
	}
	var out []Class
	for _, i := range t.unitGroups {
		if strings.HasPrefix(t.classes[i].Code, c.Code) {
			out = append(out, t.classes[i])
		}
	}
	return out
}

// Lookup returns the class with the given code at any level ("2", "21", "213", "2130", "21300");
// surrounding spaces are ignored. It never guesses: a NOC 2016 code that happens to have the
// digits of a NOC 2021 minor group is that minor group — use [Parse] for unit-group codes.
func Lookup(code string) (Class, bool) {
	t := loadTaxonomy()
	i, ok := t.byCode[strings.TrimSpace(code)]
	if !ok {
		return Class{}, false
	}
	return t.classes[i], true
}

// Classes returns every class of the given level in code order (nil for an unknown level).
func Classes(level Level) []Class {
	t := loadTaxonomy()
	var out []Class
	for _, c := range t.classes {
		if c.Level == level {
			out = append(out, c)
		}
	}
	return out
}

// UnitGroups returns the 516 unit groups in code order.
func UnitGroups() []Class { return Classes(LevelUnitGroup) }

// Sentinel errors of [Parse]; test with errors.Is.
var (
	// ErrFormat: the input is not a code of 5 digits.
	ErrFormat = errors.New("noc: not a 5-digit NOC 2021 code")
	// ErrUnknownCode: 5 digits, but not a NOC 2021 V1.0 unit group.
	ErrUnknownCode = errors.New("noc: unknown NOC 2021 unit group")
	// ErrNOC2016: a 4-digit code, the format of NOC 2016 (and earlier) unit groups. NOC 2016 codes
	// are never converted: a 2016 unit group can be split among several 2021 unit groups.
	ErrNOC2016 = errors.New("noc: NOC 2016 code, not NOC 2021")
)

// ParseError reports an input that is not a NOC 2021 unit-group code; it unwraps to [ErrFormat]
// or [ErrUnknownCode].
type ParseError struct {
	Input string // the input as given (Error and Message quote a short prefix of it)
	Err   error  // ErrFormat or ErrUnknownCode
}

// Error implements error. It quotes at most the first 32 characters of the input, then "…".
func (e *ParseError) Error() string {
	return fmt.Sprintf("%v: %q", e.Err, quotable(e.Input))
}

// maxQuoted is how many characters of a faulty input an error message quotes: a code is 5
// digits, so more tells nothing, and an error must stay short whatever the input's size.
const maxQuoted = 32

// quotable returns s, or its first maxQuoted characters followed by "…" when it is longer
// (invalid UTF-8 replaced).
func quotable(s string) string {
	n := 0
	for i := range s {
		if n == maxQuoted {
			return strings.ToValidUTF8(s[:i], "\uFFFD") + "…"
		}
		n++
	}
	return s
}

// Unwrap returns the sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

// Message returns a user-facing message in the given language ([Auto]: French), quoting at most
// the first 32 characters of the input.
func (e *ParseError) Message(lang Lang) string {
	in := quotable(e.Input)
	if e.Err == ErrUnknownCode {
		if lang == EN {
			return fmt.Sprintf("%q is not a NOC 2021 unit group.", in)
		}
		return fmt.Sprintf("« %s » n'est pas un groupe de base de la CNP 2021.", in)
	}
	if lang == EN {
		return fmt.Sprintf("%q is not a NOC 2021 code: a code has 5 digits, for example 21300.", in)
	}
	return fmt.Sprintf("« %s » n'est pas un code de la CNP 2021 : un code compte 5 chiffres, par exemple 21300.", in)
}

// NOC2016Error reports a 4-digit code: the format of a NOC 2016 unit group. It unwraps to
// [ErrNOC2016]. The code is not converted because a NOC 2016 unit group maps to one or more NOC
// 2021 unit groups; the person must choose (see [Coder.Code] to code the job title instead).
type NOC2016Error struct {
	Code string // the 4 digits as read
}

// Error implements error.
func (e *NOC2016Error) Error() string {
	return fmt.Sprintf("noc: %q is a NOC 2016 code (4 digits); NOC 2021 unit groups have 5 digits and are not converted automatically", e.Code)
}

// Unwrap returns [ErrNOC2016].
func (e *NOC2016Error) Unwrap() error { return ErrNOC2016 }

// Message returns a user-facing message in the given language ([Auto]: French).
func (e *NOC2016Error) Message(lang Lang) string {
	if lang == EN {
		return fmt.Sprintf("%s is a NOC 2016 code. Enter the 5-digit NOC 2021 code of the job (for example 21300).", e.Code)
	}
	return fmt.Sprintf("%s est un code de la CNP 2016. Indiquez le code à 5 chiffres de la CNP 2021 (par exemple 21300).", e.Code)
}

// Parse reads a NOC 2021 unit-group code: 5 digits, leading zeros included ("00010"), with
// optional surrounding spaces and an optional "NOC" or "CNP" prefix ("NOC 21300", "CNP: 21300").
// A 4-digit code is a NOC 2016 code and returns a *[NOC2016Error]; other inputs return a
// *[ParseError] wrapping [ErrFormat] or [ErrUnknownCode]. Parse never guesses.
func Parse(s string) (Class, error) {
	in := s
	s = strings.TrimSpace(s)
	if len(s) > maxQuoted {
		return Class{}, &ParseError{Input: in, Err: ErrFormat} // no code is that long: read no further
	}
	if len(s) >= 3 && (strings.EqualFold(s[:3], "noc") || strings.EqualFold(s[:3], "cnp")) {
		s = strings.TrimLeft(s[3:], " \t:#-")
	}
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n != len(s) || n == 0 {
		return Class{}, &ParseError{Input: in, Err: ErrFormat}
	}
	switch n {
	case 4:
		return Class{}, &NOC2016Error{Code: s}
	case 5:
		c, ok := Lookup(s)
		if !ok || c.Level != LevelUnitGroup {
			return Class{}, &ParseError{Input: in, Err: ErrUnknownCode}
		}
		return c, nil
	}
	return Class{}, &ParseError{Input: in, Err: ErrFormat}
}

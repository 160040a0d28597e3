// Package page is how every list of the library pages: a caller asks for a
// Page (a cursor and a size) and gets a Result (the items and the cursor of
// the next page).
//
// Pages are keyset pages: each list has a documented total order (creation
// time then ID, say), and a cursor is the position of the last item of a
// page in that order. Asking for the page after a cursor returns the items
// strictly after that position, so a record inserted between two calls is
// neither skipped nor returned twice when it sorts after the cursor, and a
// page costs the same however deep it is (PostgreSQL reads an index range:
// WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT n).
//
// Cursors are opaque strings: hosts pass Result.Next back as Page.After and
// must not build or parse them. A cursor that does not decode is bad input,
// an *i18n.ValidationError on field "after".
//
// A size of 0 means DefaultLimit; a size above MaxLimit is cut to
// MaxLimit; a negative size is bad input (field "limit").
//
// Stores receive the decoded Window: the Key to start after (zero: from the
// start) and the number of records to return at most.
package page

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"iter"
	"strings"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/google/uuid"
)

// Page sizes.
const (
	// DefaultLimit is the page size when Page.Limit is 0.
	DefaultLimit = 50
	// MaxLimit is the largest page size; a larger Page.Limit is cut to it.
	MaxLimit = 500
)

// Page asks for one page of a list.
type Page struct {
	// After is the cursor of the previous page (its Result.Next); empty
	// asks for the first page.
	After string `json:"after,omitempty"`
	// Limit is the page size: 0 means DefaultLimit, more than MaxLimit
	// means MaxLimit, negative is invalid.
	Limit int `json:"limit,omitempty"`
}

// Result is one page of a list.
type Result[T any] struct {
	// Items are the page's records in the list's order; never nil.
	Items []T `json:"items"`
	// Next is the cursor of the next page, empty on the last page.
	Next string `json:"next,omitempty"`
}

// Key is a position in a list's order: the sort key of one record. Each
// list documents which fields it uses (for example Time the creation time
// and ID the record's ID); unused fields stay zero. Keys compare by Time,
// then Seq, then Text (byte-wise), then ID (byte-wise, as PostgreSQL
// compares uuid).
type Key struct {
	Time time.Time
	// Seq orders records of the same time in the order a store appended
	// them (history entries, ledger entries).
	Seq  int64
	Text string
	ID   uuid.UUID
}

// IsZero reports whether k is the zero Key: the position before the first
// record.
func (k Key) IsZero() bool { return k.Time.IsZero() && k.Seq == 0 && k.Text == "" && k.ID == uuid.Nil }

// Compare returns -1, 0 or +1 as k sorts before, with or after o.
func (k Key) Compare(o Key) int {
	return cmp.Or(k.Time.Compare(o.Time), cmp.Compare(k.Seq, o.Seq), strings.Compare(k.Text, o.Text), bytes.Compare(k.ID[:], o.ID[:]))
}

// wire is a Key's cursor form.
type wire struct {
	// T is set whenever the Key's Time is not zero (the Unix epoch is 0).
	T *int64    `json:"t,omitempty"`
	N int64     `json:"n,omitempty"`
	S string    `json:"s,omitempty"`
	I uuid.UUID `json:"i"`
}

// Cursor returns k as an opaque cursor (times kept to the microsecond, like
// every store).
func (k Key) Cursor() string {
	w := wire{N: k.Seq, S: k.Text, I: k.ID}
	if !k.Time.IsZero() {
		t := k.Time.UnixMicro()
		w.T = &t
	}
	b, _ := json.Marshal(w)
	return base64.RawURLEncoding.EncodeToString(b)
}

// MaxCursor is the length, in bytes, beyond which a cursor is refused
// unread: no cursor the library makes comes near it.
const MaxCursor = 4096

// ParseCursor decodes a cursor made by Key.Cursor; "" is the zero Key. A
// cursor that does not decode, or is longer than MaxCursor, is an
// *i18n.ValidationError on field "after" (code "page.cursor").
func ParseCursor(cursor string) (Key, error) {
	if cursor == "" {
		return Key{}, nil
	}
	var w wire
	err := errBadCursor
	if len(cursor) <= MaxCursor {
		var b []byte
		if b, err = base64.RawURLEncoding.DecodeString(cursor); err == nil {
			err = json.Unmarshal(b, &w)
		}
	}
	if err != nil || w.I == uuid.Nil && w.S == "" && w.T == nil && w.N == 0 {
		v := messages.Validator()
		v.Add("after", "page.cursor")
		return Key{}, v.Err()
	}
	k := Key{Seq: w.N, Text: w.S, ID: w.I}
	if w.T != nil {
		k.Time = time.UnixMicro(*w.T).UTC()
	}
	return k, nil
}

// errBadCursor marks a cursor refused before it is decoded.
var errBadCursor = errors.New("page: cursor too long")

// Window is a decoded Page, what a store method receives: the records
// strictly after After in the list's order, at most Limit of them (0: no
// limit, for the library's own full reads).
type Window struct {
	After Key
	Limit int
}

// Window checks p and decodes it: the cursor's Key and the page size
// (DefaultLimit for 0, at most MaxLimit). A bad cursor or a negative size
// is an *i18n.ValidationError naming each faulty field.
func (p Page) Window() (Window, error) {
	v := messages.Validator()
	v.Check(p.Limit < 0, "limit", "page.limit")
	k, err := ParseCursor(p.After)
	v.Merge("", err)
	if err := v.Err(); err != nil {
		return Window{}, err
	}
	n := p.Limit
	switch {
	case n == 0:
		n = DefaultLimit
	case n > MaxLimit:
		n = MaxLimit
	}
	return Window{After: k, Limit: n}, nil
}

// Includes reports whether a record at k belongs to the window's records: no
// cursor, or k strictly after it. In-memory stores filter with it.
func (w Window) Includes(k Key) bool { return w.After.IsZero() || k.Compare(w.After) > 0 }

// Fetch runs one page of a list: it decodes p, asks fetch for one record
// more than the page size (to know whether a next page exists), and builds
// the Result, whose Next is the Key of the page's last record when more
// follow. key returns a record's position in the list's order.
func Fetch[T any](p Page, fetch func(Window) ([]T, error), key func(T) Key) (Result[T], error) {
	w, err := p.Window()
	if err != nil {
		return Result[T]{}, err
	}
	limit := w.Limit
	w.Limit++
	items, err := fetch(w)
	if err != nil {
		return Result[T]{}, err
	}
	return Cut(items, limit, key), nil
}

// Cut builds a Result from up to limit+1 records read in order: the first
// limit are the page, and Next is set only when there was one more.
func Cut[T any](items []T, limit int, key func(T) Key) Result[T] {
	if items == nil {
		items = []T{}
	}
	if len(items) <= limit {
		return Result[T]{Items: items}
	}
	items = items[:limit]
	return Result[T]{Items: items, Next: key(items[limit-1]).Cursor()}
}

// All walks every page of a list, from the first, and yields each record
// once in the list's order; a failing page is yielded as an error and ends
// the walk. list is a list method bound to its arguments, such as
// func(p page.Page) (page.Result[group.Membership], error) { return svc.Members(ctx, a, p) }.
func All[T any](ctx context.Context, list func(Page) (Result[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		p := Page{Limit: MaxLimit}
		for {
			if err := ctx.Err(); err != nil {
				var zero T
				yield(zero, err)
				return
			}
			r, err := list(p)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range r.Items {
				if !yield(item, nil) {
					return
				}
			}
			if r.Next == "" {
				return
			}
			p.After = r.Next
		}
	}
}

// messages is the package's catalog.
var messages = i18n.MustCatalog(
	i18n.Entry{Code: "page.cursor", FR: "Le curseur de pagination n'est pas valide : recommencez à la première page.", EN: "The page cursor is not valid: start again from the first page."},
	i18n.Entry{Code: "page.limit", FR: "La taille de page ne peut pas être négative.", EN: "The page size cannot be negative."},
)

package page_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCursorRoundTrip(t *testing.T) {
	toronto, err := time.LoadLocation("America/Toronto")
	require.NoError(t, err)
	for _, k := range []page.Key{
		{Time: time.Date(2026, 3, 8, 3, 30, 0, 123456000, toronto).UTC(), ID: uuid.New()},
		{Time: time.Date(2026, 11, 1, 1, 30, 0, 0, toronto).UTC(), ID: uuid.New()},
		{Text: "Béton \"inc.\"", ID: uuid.New()},
		{Time: time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC), Text: "x", ID: uuid.New()},
		{Time: time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), Seq: 1 << 40},
		{Seq: 7},
	} {
		got, err := page.ParseCursor(k.Cursor())
		require.NoError(t, err)
		assert.True(t, k.Time.Equal(got.Time), "%v != %v", k.Time, got.Time)
		assert.Equal(t, k.Text, got.Text)
		assert.Equal(t, k.Seq, got.Seq)
		assert.Equal(t, k.ID, got.ID)
		assert.Equal(t, 0, k.Compare(got))
	}
}

func TestBadPageIsAValidationError(t *testing.T) {
	for _, p := range []page.Page{{After: "not a cursor"}, {After: "e30"}, {After: "%%%"}, {Limit: -1}} {
		_, err := p.Window()
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve, "%+v", p)
		assert.ErrorIs(t, err, i18n.ErrInvalid)
		for _, fe := range ve.Fields {
			assert.NotEmpty(t, fe.Message.FR)
			assert.NotEmpty(t, fe.Message.EN)
		}
	}
	_, err := page.Page{After: "nope", Limit: -5}.Window()
	var ve *i18n.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"limit:page.limit", "after:page.cursor"}, ve.Codes())
}

func TestPageSizes(t *testing.T) {
	for in, want := range map[int]int{0: page.DefaultLimit, 1: 1, 50: 50, page.MaxLimit: page.MaxLimit, page.MaxLimit + 1: page.MaxLimit, 1 << 40: page.MaxLimit} {
		w, err := page.Page{Limit: in}.Window()
		require.NoError(t, err)
		assert.Equal(t, want, w.Limit, "limit %d", in)
	}
}

func TestKeyOrder(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := page.Key{Time: t0, ID: uuid.MustParse("00000000-0000-0000-0000-000000000002")}
	b := page.Key{Time: t0, ID: uuid.MustParse("00000000-0000-0000-0000-000000000010")}
	c := page.Key{Time: t0.Add(time.Microsecond), ID: uuid.MustParse("00000000-0000-0000-0000-000000000001")}
	assert.Equal(t, -1, a.Compare(b))
	assert.Equal(t, -1, b.Compare(c))
	assert.Equal(t, 1, c.Compare(a))
	assert.Equal(t, -1, page.Key{Time: t0, Seq: 2, ID: b.ID}.Compare(page.Key{Time: t0, Seq: 10, ID: a.ID}), "Seq before ID")
	assert.Equal(t, -1, page.Key{Text: "Z", ID: b.ID}.Compare(page.Key{Text: "a", ID: a.ID}), "Text byte-wise, before ID")
	w := page.Window{After: b}
	assert.False(t, w.Includes(a))
	assert.False(t, w.Includes(b))
	assert.True(t, w.Includes(c))
	assert.True(t, page.Window{}.Includes(a))
}

// list is an in-memory list of ints ordered by value, paged like a store.
type list struct{ items []int }

func key(n int) page.Key { return page.Key{Text: string(rune('a' + n))} }

func (l *list) page(p page.Page) (page.Result[int], error) {
	return page.Fetch(p, func(w page.Window) ([]int, error) {
		var out []int
		for _, n := range l.items {
			if w.Includes(key(n)) && len(out) < w.Limit {
				out = append(out, n)
			}
		}
		return out, nil
	}, key)
}

func TestFetchWalksEveryItemOnceWithInsertionsBetweenPages(t *testing.T) {
	l := &list{items: []int{0, 2, 4, 6, 8, 10}}
	var got []int
	p := page.Page{Limit: 2}
	for i := 0; ; i++ {
		r, err := l.page(p)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(r.Items), 2)
		got = append(got, r.Items...)
		if i == 1 {
			// Inserted between pages: 1 sorts before the cursor (not seen),
			// 9 after it (seen once).
			l.items = append(l.items, 1, 9)
			slices.Sort(l.items)
		}
		if r.Next == "" {
			break
		}
		p.After = r.Next
	}
	assert.Equal(t, []int{0, 2, 4, 6, 8, 9, 10}, got)

	r, err := l.page(page.Page{Limit: 100})
	require.NoError(t, err)
	assert.Len(t, r.Items, 8)
	assert.Empty(t, r.Next, "the last page has no next cursor")
	r, err = (&list{}).page(page.Page{})
	require.NoError(t, err)
	assert.NotNil(t, r.Items)
	assert.Empty(t, r.Items)
}

func TestAll(t *testing.T) {
	l := &list{}
	for i := range 1200 {
		l.items = append(l.items, i)
	}
	var got []int
	for n, err := range page.All(context.Background(), l.page) {
		require.NoError(t, err)
		got = append(got, n)
	}
	assert.Equal(t, l.items, got)

	boom := errors.New("boom")
	for _, err := range page.All(context.Background(), func(page.Page) (page.Result[int], error) { return page.Result[int]{}, boom }) {
		assert.ErrorIs(t, err, boom)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range page.All(ctx, l.page) {
		assert.ErrorIs(t, err, context.Canceled)
	}
}

// TestCursorEdges: a Key at the Unix epoch keeps its time; a cursor beyond
// MaxCursor is refused unread, on field "after".
func TestCursorEdges(t *testing.T) {
	epoch := page.Key{Time: time.Unix(0, 0).UTC()}
	got, err := page.ParseCursor(epoch.Cursor())
	require.NoError(t, err)
	assert.True(t, got.Time.Equal(epoch.Time), "the epoch is a time, not the zero Time: %v", got.Time)
	assert.False(t, got.IsZero())
	assert.Equal(t, 0, epoch.Compare(got))

	long := page.Key{Text: strings.Repeat("é", 1000), ID: uuid.New()}
	got, err = page.ParseCursor(long.Cursor())
	require.NoError(t, err, "a cursor of a long key (%d bytes)", len(long.Cursor()))
	assert.Equal(t, long.Text, got.Text)
	for _, c := range []string{strings.Repeat("A", page.MaxCursor+1), strings.Repeat("e30", 1<<20)} {
		_, err = page.Page{After: c}.Window()
		var ve *i18n.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, []string{"after:page.cursor"}, ve.Codes())
	}
}

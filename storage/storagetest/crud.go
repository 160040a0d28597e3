package storagetest

import (
	"testing"

	"github.com/babillard/babillard/storage"
)

// crud describes one kind of record to the checks every kind shares:
// create, read, optimistic update, duplicates and missing records.
type crud[T any] struct {
	// build returns a valid record, not stored, whose references exist.
	build func(f *fixture) T
	// create, get and update call the store; get reads the record v
	// identifies.
	create func(f *fixture, v *T) error
	get    func(f *fixture, v T) (T, error)
	update func(f *fixture, v *T) error
	// version points at the record's Version.
	version func(v *T) *int64
	// change edits the record's mutable fields, differently at each call.
	change func(v *T)
	// sameID returns a different valid record with v's identity.
	sameID func(f *fixture, v T) T
	// missing returns v with an identity that no stored record has.
	missing func(f *fixture, v T) T
}

// runCRUD runs the shared checks as subtests of t.
func runCRUD[T any](t *testing.T, su *suite, c crud[T]) {
	// store creates a record and checks the version it gets.
	store := func(f *fixture) T {
		f.t.Helper()
		v := c.build(f)
		f.must(c.create(f, &v), "create")
		return v
	}
	t.Run("CreateAndGet", func(t *testing.T) {
		f := su.fixture(t)
		v := c.build(f)
		*c.version(&v) = 7
		if err := c.create(f, &v); err != nil {
			t.Fatalf("create: %v", err)
		}
		if got := *c.version(&v); got != 1 {
			t.Errorf("after create, the argument's Version = %d, want 1", got)
		}
		got, err := c.get(f, v)
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		wantEqual(t, "get after create", got, v)
	})
	t.Run("CreateDuplicate", func(t *testing.T) {
		f := su.fixture(t)
		v := store(f)
		d := c.sameID(f, v)
		wantErr(t, "create with a taken identity", c.create(f, &d), storage.ErrDuplicate)
		got, err := c.get(f, v)
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		wantEqual(t, "stored record after a duplicate create", got, v)
	})
	t.Run("GetNotFound", func(t *testing.T) {
		f := su.fixture(t)
		v := store(f)
		_, err := c.get(f, c.missing(f, v))
		wantErr(t, "get of a missing record", err, storage.ErrNotFound)
	})
	t.Run("Update", func(t *testing.T) {
		f := su.fixture(t)
		v := store(f)
		for want := int64(2); want <= 3; want++ {
			c.change(&v)
			if err := c.update(f, &v); err != nil {
				t.Fatalf("update to version %d: %v", want, err)
			}
			if got := *c.version(&v); got != want {
				t.Errorf("after update, the argument's Version = %d, want %d", got, want)
			}
			got, err := c.get(f, v)
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			wantEqual(t, "get after update", got, v)
		}
	})
	t.Run("UpdateStale", func(t *testing.T) {
		f := su.fixture(t)
		v := store(f)
		first := v
		c.change(&first)
		if err := c.update(f, &first); err != nil {
			t.Fatalf("first update: %v", err)
		}
		second := v
		c.change(&second)
		c.change(&second)
		wantErr(t, "update with a stale version", c.update(f, &second), storage.ErrConflict)
		if got := *c.version(&second); got != 1 {
			t.Errorf("after a stale update, the argument's Version = %d, want 1 (unchanged)", got)
		}
		got, err := c.get(f, v)
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		wantEqual(t, "stored record after a stale update (the first update only)", got, first)
	})
	t.Run("UpdateVersionAhead", func(t *testing.T) {
		f := su.fixture(t)
		v := store(f)
		ahead := v
		c.change(&ahead)
		*c.version(&ahead) = 5
		wantErr(t, "update with a version ahead of the stored one", c.update(f, &ahead), storage.ErrConflict)
		got, err := c.get(f, v)
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		wantEqual(t, "stored record after a refused update", got, v)
	})
	t.Run("UpdateNotFound", func(t *testing.T) {
		f := su.fixture(t)
		v := store(f)
		m := c.missing(f, v)
		wantErr(t, "update of a missing record", c.update(f, &m), storage.ErrNotFound)
		if got := *c.version(&m); got != 1 {
			t.Errorf("after a failed update, the argument's Version = %d, want 1 (unchanged)", got)
		}
		_, err := c.get(f, m)
		wantErr(t, "get after an update of a missing record", err, storage.ErrNotFound)
	})
}

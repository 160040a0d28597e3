package storagetest

import (
	"strings"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
)

// testErrorsNameNoAddress checks that the errors of the user lookups and
// writes keyed by an e-mail address do not repeat the address: error texts
// end up in logs, which must carry no e-mail address.
func (su *suite) testErrorsNameNoAddress(t *testing.T) {
	f := su.fixture(t)
	u := f.user()
	check := func(what string, err error, sentinel error, addresses ...string) {
		t.Helper()
		wantErr(t, what, err, sentinel)
		if err == nil {
			return
		}
		for _, a := range addresses {
			if strings.Contains(err.Error(), a) {
				t.Errorf("%s: the error %q repeats the address %q", what, err, a)
			}
		}
	}

	_, err := f.s.UserByEmail(f.ctx, "personne.inconnue@example.com")
	check("UserByEmail of an unknown address", err, storage.ErrNotFound, "personne.inconnue@example.com")

	dup := f.newUser(func(d *group.User) { d.Email = u.Email })
	check("CreateUser with a taken address", f.s.CreateUser(f.ctx, &dup), storage.ErrDuplicate, u.Email)

	other := f.user()
	changed := other
	changed.Email = u.Email
	check("UpdateUser to a taken address", f.s.UpdateUser(f.ctx, &changed), storage.ErrDuplicate, u.Email)
}

package babillardtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNewBuildsWithoutATest checks New's promises: the same ready board as
// NewBoard, the first failing step returned, and helpers that panic when
// the library refuses (there is no test to fail).
func TestNewBuildsWithoutATest(t *testing.T) {
	b, err := babillardtest.New(memory.New())
	require.NoError(t, err)
	assert.Equal(t, babillardtest.Start, b.Clock.Now())
	assert.Equal(t, offer.Published, b.Publish(babillardtest.ValidContent()).Status)

	// A second ready board over the same store: the board has staff already.
	_, err = babillardtest.New(b.Store)
	require.Error(t, err, "a store already used")
	assert.True(t, strings.HasPrefix(err.Error(), "BootstrapStaff: "), err.Error())

	defer func() {
		p := recover()
		require.NotNil(t, p, "a refused Grant panics")
		assert.Contains(t, fmt.Sprint(p), "babillardtest: Grant")
	}()
	b.Grant(billing.EngineerPosting, 0)
}

// fatalTB records Fatalf and stops the helper as testing.T does (by
// unwinding), so that the test can look at what was reported.
type fatalTB struct {
	testing.TB
	msg string
}

type stopped struct{}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	panic(stopped{})
}

// TestNewBoardHelpersFailTheTest checks that a board made by NewBoard
// fails its test, not panics, when a helper is refused.
func TestNewBoardHelpersFailTheTest(t *testing.T) {
	tb := &fatalTB{TB: t}
	b := babillardtest.NewBoard(tb, memory.New())
	func() {
		defer func() {
			if p := recover(); p != (stopped{}) {
				t.Fatalf("recovered %v, want the test stopped by Fatalf", p)
			}
		}()
		b.Grant(billing.EngineerPosting, 0)
	}()
	assert.Contains(t, tb.msg, "babillardtest: Grant")
}

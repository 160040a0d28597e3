package babillardtest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/babillard/babillard/babillardtest"
	"github.com/stretchr/testify/assert"
)

// skipTB records Skipf and Fatalf and stops the helper as testing.T does
// (by unwinding), so that the test can look at what was reported.
type skipTB struct {
	testing.TB
	skipped, fatal string
}

func (f *skipTB) Helper() {}
func (f *skipTB) Skipf(format string, args ...any) {
	f.skipped = fmt.Sprintf(format, args...)
	panic(stopped{})
}
func (f *skipTB) Fatalf(format string, args ...any) {
	f.fatal = fmt.Sprintf(format, args...)
	panic(stopped{})
}

func requireOn(tb *skipTB) (dsn string) {
	defer func() {
		if p := recover(); p != nil && p != (stopped{}) {
			panic(p)
		}
	}()
	return babillardtest.RequirePostgres(tb)
}

// TestRequirePostgresWithoutADatabase checks RequirePostgres's promises
// when the database does not answer: the test is skipped with one line,
// or fails under CI=true, and neither message shows the password.
func TestRequirePostgresWithoutADatabase(t *testing.T) {
	const unreachable = "postgres://postgres:s3cret@127.0.0.1:1/test?sslmode=disable&connect_timeout=2"
	t.Setenv("BABILLARD_POSTGRES_URL", unreachable)
	assert.Equal(t, unreachable, babillardtest.PostgresURL())

	t.Setenv("CI", "")
	tb := &skipTB{TB: t}
	requireOn(tb)
	assert.Empty(t, tb.fatal)
	assert.True(t, strings.HasPrefix(tb.skipped, "skipping PostgreSQL: no database at postgres://postgres:xxxxx@127.0.0.1:1/test"), tb.skipped)
	assert.NotContains(t, tb.skipped, "\n", "one line")

	t.Setenv("CI", "true")
	tb = &skipTB{TB: t}
	requireOn(tb)
	assert.Empty(t, tb.skipped)
	assert.Contains(t, tb.fatal, "CI=true requires the PostgreSQL tests to run")
	for _, msg := range []string{tb.skipped, tb.fatal} {
		assert.NotContains(t, msg, "s3cret")
	}
}

// TestSchemaPrefixFromTheEnvironment checks that
// BABILLARD_TEST_SCHEMA_PREFIX names the schemas.
func TestSchemaPrefixFromTheEnvironment(t *testing.T) {
	t.Setenv("BABILLARD_TEST_SCHEMA_PREFIX", "")
	assert.Equal(t, "babillardtest_", babillardtest.SchemaPrefix())
	t.Setenv("BABILLARD_TEST_SCHEMA_PREFIX", "ci_run_42_")
	assert.Equal(t, "ci_run_42_", babillardtest.SchemaPrefix())
	assert.True(t, strings.HasPrefix(babillardtest.PostgresSchema(t), "ci_run_42_"))
}

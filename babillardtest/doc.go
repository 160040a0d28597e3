// Package babillardtest helps hosts (and the library itself) test code
// built on babillard, as net/http/httptest and testing/fstest do for theirs:
//
//   - Clock, a settable clock for the services' Now options;
//   - NewBoard (New outside a test), a ready board: a moderator, a company whose group has a
//     member of each role, a complete public profile and credits, on a
//     clock of its own;
//   - ValidContent, offer content that passes submission;
//   - Postgres and PostgresSchemas, PostgreSQL stores each in a schema of
//     its own, dropped when the test ends;
//   - Recorder, which reads the outbox without consuming it.
//
// A test of a host's handler over a ready board:
//
//	func TestPostOffer(t *testing.T) {
//		b := babillardtest.NewBoard(t, memory.New())
//		o := b.Publish(babillardtest.ValidContent())
//		// … call the handler as b.PostingManager …
//	}
//
// The helpers fail the test (tb.Fatal) when the library refuses what they
// ask. Outside a test (an example, a demo), New builds the same ready board
// and returns the step that failed; its helpers then panic on a refusal.
package babillardtest

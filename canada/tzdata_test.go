package canada_test

// The tests need America/Toronto even on machines without a system zone
// database; linking time/tzdata into the test binary guarantees it. The
// package itself does not import it (programs choose).
import _ "time/tzdata"

package postgres_test

import (
	"log"
	"os"
	"testing"

	"github.com/babillard/babillard/babillardtest"
)

// schemas are the package's migrated schemas, emptied between tests and
// dropped when they all ran.
var schemas = babillardtest.NewSchemas()

func TestMain(m *testing.M) {
	code := m.Run()
	if err := schemas.Close(); err != nil {
		log.Print(err)
		code = 1
	}
	os.Exit(code)
}

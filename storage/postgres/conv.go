package postgres

import (
	"fmt"
	"strings"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// Conversions between Go values and columns: uuid.Nil, the zero time and an
// empty byte slice are NULL; times come back in UTC.

// nullID is id as a query argument: NULL for uuid.Nil.
func nullID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id
}

// nullTime is t as a query argument: NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// nullBytes is b as a query argument: NULL when empty.
func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// idScan scans a nullable uuid into a uuid.UUID, NULL as uuid.Nil.
type idScan struct{ dst *uuid.UUID }

// ScanUUID implements pgtype.UUIDScanner.
func (s idScan) ScanUUID(v pgtype.UUID) error {
	if v.Valid {
		*s.dst = v.Bytes
	} else {
		*s.dst = uuid.Nil
	}
	return nil
}

// scanID returns a scan target for a nullable uuid column.
func scanID(dst *uuid.UUID) *idScan { return &idScan{dst} }

// timeScan scans a nullable timestamptz into a time.Time in UTC, NULL as
// the zero time.
type timeScan struct{ dst *time.Time }

// ScanTimestamptz implements pgtype.TimestamptzScanner.
func (s timeScan) ScanTimestamptz(v pgtype.Timestamptz) error {
	switch {
	case !v.Valid:
		*s.dst = time.Time{}
	case v.InfinityModifier != pgtype.Finite:
		return fmt.Errorf("postgres: infinite timestamp")
	default:
		*s.dst = v.Time.UTC()
	}
	return nil
}

// scanTime returns a scan target for a timestamptz column.
func scanTime(dst *time.Time) *timeScan { return &timeScan{dst} }

// rolesArg converts roles for a text[] column, refusing unknown roles (the
// column's CHECK constraint refuses them too).
func rolesArg(roles []group.Role) ([]string, error) {
	out := make([]string, len(roles))
	for i, r := range roles {
		if !r.Valid() {
			return nil, fmt.Errorf("postgres: invalid role %q", r)
		}
		out[i] = string(r)
	}
	return out, nil
}

// rolesOf converts a text[] column to roles; an empty array is nil.
func rolesOf(s []string) []group.Role {
	if len(s) == 0 {
		return nil
	}
	out := make([]group.Role, len(s))
	for i, r := range s {
		out[i] = group.Role(r)
	}
	return out
}

// registryKey normalises a registry number for storage and search: without
// spaces and hyphens.
func registryKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, s)
}

// registryKeys returns a company's registry numbers normalised, without
// repeats and never nil (the column is NOT NULL).
func registryKeys(c *group.Company) []string {
	out := []string{}
	for _, n := range c.RegistryNumbers() {
		k := registryKey(n)
		if k == "" {
			continue
		}
		seen := false
		for _, o := range out {
			seen = seen || o == k
		}
		if !seen {
			out = append(out, k)
		}
	}
	return out
}

// containsPattern returns the LIKE pattern that matches texts containing
// word, its wildcards escaped with \ (the default escape character of LIKE).
func containsPattern(word string) string {
	var b strings.Builder
	b.Grow(len(word) + 2)
	b.WriteByte('%')
	for _, r := range word {
		if r == '\\' || r == '%' || r == '_' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('%')
	return b.String()
}

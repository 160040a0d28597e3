package babillardtest_test

import (
	"context"
	"testing"

	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage/postgres"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaExists reports whether the test database has schema.
func schemaExists(t *testing.T, schema string) bool {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, babillardtest.RequirePostgres(t))
	require.NoError(t, err)
	defer func() { _ = conn.Close(ctx) }()
	var exists bool
	require.NoError(t, conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&exists))
	return exists
}

// schemaOf returns the schema a store works in.
func schemaOf(t *testing.T, s *postgres.Store) string {
	t.Helper()
	var schema string
	require.NoError(t, s.Pool().QueryRow(context.Background(), `SELECT current_schema()`).Scan(&schema))
	return schema
}

func TestPostgresDropsItsSchema(t *testing.T) {
	var schema string
	t.Run("store", func(t *testing.T) {
		s := babillardtest.Postgres(t)
		schema = schemaOf(t, s)
		assert.Contains(t, schema, babillardtest.SchemaPrefix())
		svc := group.New(s, nil)
		admin, err := svc.BootstrapStaff(context.Background(), uuid.New())
		require.NoError(t, err)
		_, _, err = svc.CreateCompany(context.Background(), group.Moderator{ID: admin.UserID}, babillardtest.ValidCompany())
		require.NoError(t, err)
	})
	require.NotEmpty(t, schema)
	assert.False(t, schemaExists(t, schema), "the schema is dropped when its test ends")
}

func TestPostgresSchemasReusesEmptiedSchemas(t *testing.T) {
	var seen []string
	t.Run("all", func(t *testing.T) {
		pg := babillardtest.PostgresSchemas(t)
		for _, name := range []string{"first", "second", "third"} {
			t.Run(name, func(t *testing.T) {
				s := pg.Store(t)
				seen = append(seen, schemaOf(t, s))
				ctx := context.Background()
				found, err := s.SearchCompanies(ctx, group.CompanyQuery{})
				require.NoError(t, err)
				assert.Empty(t, found, "every store is empty")
				svc := group.New(s, nil)
				u, err := svc.RegisterUser(ctx, "marie@acme-genie.example", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
				require.NoError(t, err)
				_, req, err := svc.RequestCompany(ctx, u.ID, babillardtest.ValidCompany())
				require.NoError(t, err)
				admin, err := svc.BootstrapStaff(ctx, uuid.New())
				require.NoError(t, err)
				_, _, err = svc.ApproveGroupRequest(ctx, group.Moderator{ID: admin.UserID}, req.ID)
				require.NoError(t, err)
			})
		}
		assert.Equal(t, seen[0], seen[1], "a schema is reused once emptied")
		assert.Equal(t, seen[0], seen[2])
		assert.True(t, schemaExists(t, seen[0]))
	})
	require.Len(t, seen, 3)
	assert.False(t, schemaExists(t, seen[0]), "the schemas are dropped when the test that made them ends")
}

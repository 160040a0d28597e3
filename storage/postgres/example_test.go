package postgres_test

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/postgres"
	"github.com/google/uuid"
)

// Open a store (migrating the database) and write a company and its first
// group in one transaction. The example needs a database, so it has no
// Output and go test only compiles it.
func Example() {
	ctx := context.Background()
	store, err := postgres.Open(ctx, os.Getenv("BABILLARD_POSTGRES_URL"), &postgres.Options{Schema: "babillard"})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	now := time.Now()
	company := group.Company{ID: uuid.Must(uuid.NewV7()), LegalName: "Boulangerie Côté inc.",
		Status: group.CompanyActive, CreatedAt: now}
	first := group.Group{ID: uuid.Must(uuid.NewV7()), CompanyID: company.ID, Name: group.DefaultGroupName, CreatedAt: now}
	err = store.Atomic(ctx, func(ctx context.Context) error {
		if err := store.CreateCompany(ctx, &company); err != nil {
			return err
		}
		return store.CreateGroup(ctx, &first)
	})
	if err != nil {
		log.Fatal(err)
	}
	found, err := store.SearchCompanies(ctx, group.CompanyQuery{Keyword: "cote"})
	if err != nil {
		log.Fatal(err)
	}
	log.Println(len(found), "company found")
}

// The library's writes join the host's own transaction: they commit with it
// or not at all.
func ExampleStore_WithTx() {
	ctx := context.Background()
	store, err := postgres.Open(ctx, os.Getenv("BABILLARD_POSTGRES_URL"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	tx, err := store.Pool().Begin(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }() // a no-op after Commit

	// … the host's own writes through tx …
	event := storage.Event{ID: uuid.Must(uuid.NewV7()), Topic: "host.signup", OccurredAt: time.Now()}
	if err := store.AppendEvents(store.WithTx(ctx, tx), event); err != nil {
		log.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		log.Fatal(err)
	}
}

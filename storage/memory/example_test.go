package memory_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// Atomic commits a company, its first group and the event reporting them
// together, or nothing at all. Inside the function, pass its ctx to the
// store: that is what makes the calls part of the transaction.
func ExampleStore_Atomic() {
	ctx := context.Background()
	store := memory.New()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

	company := group.Company{ID: uuid.New(), LegalName: "Café Montréal inc.", Status: group.CompanyActive, CreatedAt: now}
	first := group.Group{ID: uuid.New(), CompanyID: company.ID, Name: group.DefaultGroupName, CreatedAt: now}
	err := store.Atomic(ctx, func(ctx context.Context) error {
		if err := store.CreateCompany(ctx, &company); err != nil {
			return err
		}
		if err := store.CreateGroup(ctx, &first); err != nil {
			return err
		}
		return store.AppendEvents(ctx, storage.Event{
			ID: uuid.New(), Topic: "group.company.created", GroupID: first.ID, Subject: company.ID, OccurredAt: now,
		})
	})
	fmt.Println("committed:", err == nil, "version", company.Version)

	// A function that fails leaves no trace.
	second := group.Group{ID: uuid.New(), CompanyID: company.ID, Name: "Groupe 002", CreatedAt: now}
	errRefused := errors.New("refused")
	err = store.Atomic(ctx, func(ctx context.Context) error {
		if err := store.CreateGroup(ctx, &second); err != nil {
			return err
		}
		return errRefused
	})
	fmt.Println("rolled back:", errors.Is(err, errRefused))

	groups, _ := store.GroupsOfCompany(ctx, company.ID)
	found, _ := store.SearchCompanies(ctx, group.CompanyQuery{Keyword: "montreal"})
	events, _ := store.ClaimEvents(ctx, "worker-1", 10, time.Minute, now)
	fmt.Println(len(groups), "group;", len(found), "company found;", len(events), "event:", events[0].Topic)
	// Output:
	// committed: true version 1
	// rolled back: true
	// 1 group; 1 company found; 1 event: group.company.created
}

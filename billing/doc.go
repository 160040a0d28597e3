// Package billing is the money side of a job board. Its first part, here,
// is the credit bank: the packages and optimizations a group has bought or
// been given, kept as a ledger that never double-spends. The catalogue, the
// price book, taxes, carts and orders come next and grant credits through
// the same bank. The rules it enforces, with their sources, are
// docs/RULES.md B-1 to B-9.
//
// # The credit bank
//
// A group holds credits per Product: Engineer postings, CPI postings,
// Featured and 7-day Extension. Every grant creates a Lot (a purchase
// reference or a board grant, with an optional expiry date). Submitting an
// offer Reserves one credit, keyed by a reference chosen by the caller (the
// offer's ID); the board's approval Consumes it; cancelling before approval
// Releases it to the bank, or the reservation simply stays with the draft
// ("package associated") until it is released or consumed. The board's
// finance staff may also Transfer credits between two groups. Balances and Statement read
// the bank.
//
// Every movement is an Entry of an append-only ledger, and each (group,
// product) has a Ledger of counters kept in the same transaction. They obey
// one identity, at every instant:
//
//	Granted + TransferredIn = Available + Reserved + Consumed + Expired + TransferredOut
//
// and no count is ever negative. Reserve draws from the usable lot that
// expires first (then the oldest), so the credits that expire are those
// nobody needed. At its expiry a lot's unreserved remainder is expired:
// Balances count it as expired at once, and ExpireDue records the "expire"
// entries (dated at the expiry) whenever the host runs it. A reservation
// made before its lot expired stands: the offer was submitted in time, and
// consuming it still works; released after the expiry, its credit expires
// at once.
//
// # Reservations, precisely
//
// A reservation is keyed by (Ref, Product): an offer may hold a posting and
// a Featured credit under its own ID; a second Extension of the same offer
// takes a reference of its own (the optimization's order line). The three
// calls are idempotent where a retry must be harmless:
//
//	call      none              Reserved             Released              Consumed
//	Reserve   draw a credit     the same, no credit  draw a credit again   ErrNotAllowed
//	Release   ErrNoReservation  back to the bank     the same, no change   ErrNotAllowed
//	Consume   ErrNoReservation  consumed             ErrNotAllowed         the same, no change
//
// A reference another group holds is taken: Reserve and Use refuse it
// (ErrNotAllowed, "reference.taken"), Release answers ErrNoReservation as
// for a reference nobody holds, and Reservations lists nothing of it.
// Cancelling an offer before its approval either Releases its credit or
// simply leaves the reservation with the draft ("package associated"),
// to be consumed when the offer is submitted again and approved, or
// released when the draft is discarded.
//
// # Who may do what
//
//	Grant                                      group.PowerGrantCredits (board finance, admin)
//	Transfer                                   group.PowerTransferCredits (board finance, admin)
//	BalancesOf, StatementOf                    group.PowerViewBanks (board finance, admin)
//	Consume, ReleaseByBoard                    group.PowerModerateOffers (board moderator, admin)
//	GrantPurchase                              group.BuyProducts (Principal, Finance manager)
//	Reserve, Release, Use                      group.PublishOffers (Principal, Posting manager)
//	Balances, Balance, Lots, Reservations      group.ViewDashboard (every role)
//	Statement                                  group.ViewTransactions (Principal, Finance manager)
//	ExpireDue                                  the host's scheduler (its entries name no actor)
//
// Staff powers come from the board's staff roster, looked up through the
// Authorizer at every call (see group.Service.AuthorizeStaff).
//
// Members act in their own group only. What they may not see answers as
// what does not exist: another group's reservation is "no reservation" to
// Release and absent from Reservations. An input naming another group
// (Statement's or Reservations' GroupID, GrantPurchase's) is refused
// (group.ErrForbidden, "forbidden.other_group"), whether that group exists
// or not.
//
// # Concurrency
//
// Every mutation is one store transaction that first locks the ledgers it
// changes (Store.LockCreditLedger: the memory store's transactions are
// serial; PostgreSQL locks the ledger row with SELECT … FOR UPDATE). Under
// that lock Reserve reads the lots, so two submissions never take the same
// credit: with ten credits and fifty concurrent submissions, exactly ten
// succeed and forty get ErrNoCredit, in memory and in PostgreSQL alike.
// The stores refuse, as a last guard, any write that would make a count
// negative or unbalance a ledger (ErrInconsistent; PostgreSQL CHECK
// constraints).
//
// Reserve, Release and Consume join the caller's transaction when given
// its context (Store.Atomic), so that the offer service submits an offer
// and reserves its credit as one change.
//
// # Errors
//
// Refusals are *i18n.Error values with a stable code and French and English
// text: no credit is ErrNoCredit ("credit.none"), no reservation for a
// reference ErrNoReservation, a reservation in the wrong state
// ErrNotAllowed; a missing permission comes from the Authorizer and unwraps
// to group.ErrForbidden. Invalid input is an *i18n.ValidationError. In
// every case nothing is written.
package billing

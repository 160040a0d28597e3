// Package offer runs the life of a board's job offers (docs/RULES.md O, D, M, T, P):
// what an offer contains and the rules it must meet, the one status machine
// it moves through, the clock that publishes and expires it, its history,
// the employer's dashboard and its performance data.
//
// # Content
//
// Content is what the employer writes: profile (Engineer or CPI only),
// French title and description (English optional), function type,
// engineering domains, employment type, position status, work arrangement,
// application deadline, workplace in Quebec (or outside), how to apply,
// display date and the featured option. CheckDraft accepts an incomplete
// draft as long as what it holds is well formed; CheckSubmission requires
// everything and reports every missing or faulty field at once, with a
// stable code and French and English text.
//
// # Status machine
//
// Transitions is the single declaration of the machine: (status, action)
// → status, with the permission of the group's matrix, the board or the
// clock that may take each action, and its guard. Next moves an offer,
// Actions answers which buttons a UI shows, Diagram draws
// docs/offer-status.md (a test fails when it is stale).
//
// # Service
//
// Service runs it over a Store, the group service (who is a member, the
// group's public profile) and a Credits port (the credit bank; the root
// package wires billing.Service). Every step is one transaction: the offer,
// its credits, its history entry and its outbox events change together or
// not at all. Time is explicit: Advance(ctx, now) publishes scheduled
// offers, warns 10 days before expiry, expires and announces the end of
// featured periods, idempotently, going on past an offer that fails; the
// host owns the ticker. Days are calendar days in America/Toronto.
//
// # Description policy
//
// An offer's description is rich text written by the employer in the
// board's editor, often pasted from a word processor, in French (required)
// and English (optional). Before it is stored or shown it goes through
// SanitizeDescription, which
//
//   - keeps headings, paragraphs, lists, bold, italic, underline and http(s)
//     links, every link opening in a new window with
//     rel="noopener noreferrer", and drops everything else that a browser
//     could run or load (scripts, styles, event handlers, javascript: and
//     data: URLs, frames, objects, images, SVG);
//   - removes the application channels the board forbids in the text —
//     mailto links, e-mail addresses, links to the offer's own apply URL —
//     and lists them so that the employer can be told (RemovedItem.Message
//     has the notice in French and English), since applications go through
//     the offer's Apply button, whose clicks the board counts;
//   - tells which of the three required sections (RequiredSections: purpose
//     of the position, main duties and responsibilities, required
//     qualifications) no heading or label announces.
//
// ValidateDescription applies it to both languages and turns what is missing
// into a *i18n.ValidationError with stable codes and French and English
// messages.
//
// The engineering domains are the disciplines of the NOC package
// (noc.Disciplines), mapped to NOC 2021 unit groups of Statistics Canada
// (licence in matching/noc).
package offer

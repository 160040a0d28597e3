// Package offer holds the job offers of a board: what an offer contains,
// the rules it must meet before it is submitted for validation, and how its
// text is made safe to publish (DOMAIN.md §3).
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
package offer

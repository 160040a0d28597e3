// Package noc is the National Occupational Classification (NOC) 2021 — Classification nationale
// des professions (CNP) 2021 — embedded, and a coder that names the unit group of a job title
// written in French or English (docs/RULES.md N-1 to N-3).
//
// # Taxonomy
//
// The five levels of NOC 2021 V1.0 (10 broad categories, 45 major groups, 89 sub-major groups,
// 162 minor groups, 516 unit groups) are embedded with their English titles and, for the unit
// groups, their French titles (the French titles of the upper levels are not in the data: [Class.Title]
// falls back to English). [Lookup] finds a class of any level by code; [Class.Parent],
// [Class.Children], [Class.Path] and [Class.UnitGroups] navigate; TEER is the second digit.
// [Parse] reads a unit-group code as typed in a form: 5 digits ("00010", "NOC 21300"); a
// 4-digit code is a NOC 2016 code and gets a *[NOC2016Error] (errors.Is [ErrNOC2016]), never a
// guess. [Disciplines] maps the 42 engineering disciplines ("domaines de génie") to their unit
// groups.
//
// # Coding job titles
//
// [Code] (or [Coder.Code] on a coder from [Default] or [NewCoder]) returns up to [MaxCandidates]
// unit groups for a title, best first, each with a calibrated confidence and the official
// example title that supports it:
//
//	r := noc.Code("Ingénieure civile - Montréal (Hybride)", noc.Auto)
//	if c, ok := r.Accept(noc.DefaultThreshold); ok {
//		posting.NOC = c.UnitGroup.Code // the host's record: 21300, accepted without a person
//	} else {
//		showToReviewer(r.Candidates)
//	}
//
// The title may be written as in postings: one gender form or an inclusive one ("ingénieur(e)",
// "ingénieur·e"), seniority words (senior, junior, lead, principal…), places and work
// arrangements after a dash, a comma or in brackets ("– Montréal", "(Hybride)", "Remote"),
// designations ("ing.", "P.Eng."), missing accents, any letter case; the language is guessed when
// [Auto] is given. The coder matches the title against the 54,224 official example titles
// ("appellations d'emploi") and the unit groups' titles: light stemming that maps feminine and
// plural forms to one stem, word roots and word pairs, cosine similarity with each example title
// and BM25 over each unit group's examples, and — because the English and French example lists
// are translations of each other — a bilingual dictionary of title words learned from the data
// (IBM Model 1 on the unit groups, then on titles paired across languages), so that a title
// meets the examples of the other language (the title is compared with the other language's
// examples translated, for the unit groups still in the running). A conditional logit model
// combines these features over every unit group reached; a second one re-ranks the best 16,
// seeing each against the others; both were fitted on example titles held out of the index and on
// titles of the index written as in postings. Their probabilities, recalibrated on the held-out
// titles, make the confidence. The first candidates whose confidence reaches [DefaultThreshold]
// were right about 95 % of the time on held-out titles, and were about three titles in five;
// titles of the index are coded right 99.9 % of the time. docs/PERFORMANCE.md gives the measured
// accuracy, against a character-trigram baseline, and the speed, with the commands that produce
// them.
//
// A [Coder] is immutable and safe for concurrent use; [Default] is built at its first use, from
// the embedded data, and shared. Coding a title allocates only the returned candidates (and the
// decoded title when it carries HTML entities such as "&amp;").
//
// # Source and licence of the embedded data
//
// Source: Statistics Canada, National Occupational Classification (NOC) 2021 Version 1.0 —
// contains information licensed under the Open Government Licence – Canada / Statistics Canada
// Open Licence (https://open.canada.ca/en/open-government-licence-canada). Source : Statistique
// Canada, Classification nationale des professions (CNP) 2021 version 1.0 — contient des
// informations visées par la Licence du gouvernement ouvert – Canada. The engineering
// discipline labels are a curated list backed by official NOC example titles. The bilingual
// dictionary is derived from the example titles. See data/NOTICE.md.
package noc

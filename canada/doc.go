// Package canada holds the Canadian and Québec reference rules a job portal
// needs: provinces and territories, Québec's administrative regions, postal
// codes, registry numbers (Québec enterprise number NEQ, CRA business
// number, French SIRET), the Social Insurance Number, civil dates, the
// America/Toronto time zone, Québec public holidays and business-day
// arithmetic. docs/RULES.md C-1 to C-8 and T-6 state these rules with their
// sources.
//
// The package is a leaf: it imports nothing from the rest of the module,
// reads no clock (every function takes its dates and times as arguments)
// and keeps no package-level mutable state. Every value type (Province,
// Region, PostalCode, NEQ, BusinessNumber, SIRET, SIN, Date, Calendar) is
// safe to copy and to share between goroutines.
//
// # Errors
//
// Each distinct validation failure is an exported sentinel error (for
// example ErrPostalCodeFormat, ErrBusinessNumberChecksum, ErrSINTemporary)
// so that callers can map it with errors.Is to a stable code and to French
// or English text. Returned errors may wrap a sentinel with extra detail;
// they never echo the caller's input (at most one offending character or
// letter pair), and SIN errors never contain a digit at all.
//
// # Registry numbers
//
// Rules enforced, and where they come from:
//
//   - NEQ (numéro d'entreprise du Québec): ten digits whose first two give
//     the kind of enterprise (11 legal person, 22 sole proprietorship,
//     33 partnership, association or group, 88 public authority), as the
//     Registraire des entreprises publishes. No check-digit rule is
//     published, so none is enforced.
//   - Business number (CRA): nine digits, the ninth a Luhn check digit
//     (every published BN checked passes Luhn, and common validators such
//     as python-stdnum apply it), optionally followed by a program
//     identifier and a four-digit reference number (123456782 RT0001).
//   - SIRET (France, INSEE): fourteen digits, Luhn over all fourteen and
//     over the SIREN (the first nine), except for La Poste (SIREN
//     356000000) whose establishments use "sum of the digits is a multiple
//     of 5" instead; it lives here as the module's one registry-number
//     helper.
//   - SIN: nine digits, Luhn check digit; never starts with 0 or 8; a SIN
//     starting with 9 is issued to temporary residents. A SIN value never
//     prints its digits (see SIN).
//
// # Holidays
//
// QuebecCalendar follows the Act respecting labour standards (CQLR c.
// N-1.1, s. 60) and the National Holiday Act (CQLR c. F-1.1, s. 2): New
// Year's Day, Good Friday and Easter Monday (the Act lets an employer pick
// one; the calendar closes both, drop one with Without), National
// Patriots' Day (the Monday preceding 25 May), the Fête nationale (24 June,
// or 25 June when the 24th is a Sunday), Canada Day (1 July, or 2 July when
// the 1st is a Sunday), Labour Day (first Monday of September), Thanksgiving
// (second Monday of October) and Christmas Day. New Year's Day and
// Christmas are never moved when they fall on a weekend: Québec labour law
// does not move them (unlike the federal public service). A Calendar is a
// value: With, WithHolidays, Without and WithoutDates return modified
// copies, so a board can add its own closures (24, 26 and 31 December,
// 2 January...) without affecting anyone else.
//
// # Days and daylight saving time
//
// Periods in days (AddDaysAt, AddBusinessDaysAt) are reckoned in a time
// zone, America/Toronto for the board: they move the date and keep the
// wall-clock time of day, so a period ends at 10:00 if it began at 10:00,
// an hour more or less than a multiple of 24 hours across a clock change.
// One rule, WallClock's, settles the two ambiguous cases for the whole
// library: a time the spring change skips (02:30 on 8 March 2026, on
// 14 March 2027) moves forward by the hour skipped (03:30 EDT); a time the
// fall change repeats (01:30 on 1 November 2026) is the first of the two
// (01:30 EDT). Date.In follows it for a skipped midnight.
//
// # Data and licence
//
// The names of Québec's seventeen administrative regions come from the
// Répertoire des municipalités du Québec (file MUN.csv, June 2025 vintage),
// published by the Ministère des Affaires municipales et de l'Habitation
// (MAMH) on Données Québec under the Creative Commons Attribution 4.0
// licence (CC-BY 4.0). Attribution: « Source : Répertoire des municipalités
// du Québec, MAMH, Données Québec, CC-BY 4.0 ». See SOURCE.md in this
// directory.
package canada

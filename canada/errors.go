package canada

import "errors"

// Sentinel errors. Each one names a distinct validation failure so that
// callers can map it, with errors.Is, to a stable code and a French or
// English message. Errors returned by this package may wrap them with
// extra detail but never echo the caller's input.
var (
	// ErrProvince reports a string that is not a Canadian province or
	// territory code or name.
	ErrProvince = errors.New("canada: unknown province or territory")

	// ErrRegion reports a string that is not one of Québec's 17
	// administrative regions.
	ErrRegion = errors.New("canada: unknown Québec administrative region")

	// ErrPostalCodeFormat reports a postal code that is not of the form
	// letter-digit-letter digit-letter-digit (A1A 1A1).
	ErrPostalCodeFormat = errors.New("canada: postal code must look like A1A 1A1")

	// ErrPostalCodeLetter reports a postal code using a letter Canada Post
	// never assigns at that position (D, F, I, O, Q and U never appear; W
	// and Z never start a postal code).
	ErrPostalCodeLetter = errors.New("canada: postal code uses a letter that is never assigned at that position")

	// ErrPostalCodeProvince reports a postal code whose first letter
	// belongs to another province or territory.
	ErrPostalCodeProvince = errors.New("canada: postal code does not belong to the province")

	// ErrNEQFormat reports a Québec enterprise number that is not exactly
	// ten digits.
	ErrNEQFormat = errors.New("canada: Québec enterprise number (NEQ) must have ten digits")

	// ErrNEQPrefix reports a Québec enterprise number whose first two
	// digits are not 11, 22, 33 or 88.
	ErrNEQPrefix = errors.New("canada: Québec enterprise number (NEQ) must start with 11, 22, 33 or 88")

	// ErrBusinessNumberFormat reports a business number that is not nine
	// digits, optionally followed by two letters and four digits.
	ErrBusinessNumberFormat = errors.New("canada: business number must be nine digits, optionally followed by a program identifier and four digits")

	// ErrBusinessNumberChecksum reports a business number whose ninth
	// digit is not its Luhn check digit.
	ErrBusinessNumberChecksum = errors.New("canada: business number check digit is wrong")

	// ErrBusinessNumberProgram reports a program account whose two-letter
	// identifier is not a documented CRA program identifier.
	ErrBusinessNumberProgram = errors.New("canada: unknown CRA program identifier")

	// ErrSIRETFormat reports a SIRET that is not fourteen digits.
	ErrSIRETFormat = errors.New("canada: SIRET must have fourteen digits")

	// ErrSIRETChecksum reports a SIRET whose check digit is wrong.
	ErrSIRETChecksum = errors.New("canada: SIRET check digit is wrong")

	// ErrSIRENChecksum reports a SIRET whose first nine digits (the SIREN)
	// fail their own Luhn check.
	ErrSIRENChecksum = errors.New("canada: SIREN check digit is wrong")

	// ErrSINFormat reports a Social Insurance Number that is not nine
	// digits. Its message contains no digit.
	ErrSINFormat = errors.New("canada: social insurance number must have nine digits")

	// ErrSINPrefix reports a Social Insurance Number starting with 0 or 8,
	// which are never assigned to individuals. Its message contains no
	// digit.
	ErrSINPrefix = errors.New("canada: social insurance number cannot start with zero or eight")

	// ErrSINChecksum reports a Social Insurance Number whose check digit
	// is wrong. Its message contains no digit.
	ErrSINChecksum = errors.New("canada: social insurance number check digit is wrong")

	// ErrSINTemporary reports a temporary Social Insurance Number (issued
	// to temporary residents, first digit nine) where a non-temporary one
	// is required; see SIN.CheckNotTemporary. Its message contains no
	// digit.
	ErrSINTemporary = errors.New("canada: temporary social insurance number not accepted")

	// ErrDateFormat reports a civil date that is not of the form
	// YYYY-MM-DD or does not exist.
	ErrDateFormat = errors.New("canada: date must be a valid YYYY-MM-DD")

	// ErrTimeZone reports that the America/Toronto time zone could not be
	// loaded (no system zoneinfo and time/tzdata not linked in).
	ErrTimeZone = errors.New("canada: cannot load time zone America/Toronto")
)

package noc

import "slices"

// Example is an example job title of a unit group: the official NOC "example titles" /
// "appellations d'emploi", or a portal's own.
type Example struct {
	Code  string `json:"code"`  // unit-group code, 5 digits
	Lang  Lang   `json:"lang"`  // EN or FR
	Title string `json:"title"` // as written ("Ingénieur civil/ingénieure civile")
}

// Examples returns the 54,224 official example titles embedded in the package (26,251 English,
// 27,973 French), ordered by code then language. The slice is a copy.
func Examples() []Example {
	ex, err := officialExamples()
	if err != nil {
		panic(err) // embedded data, checked by the tests
	}
	return slices.Clone(ex)
}

// Candidate is a unit group proposed for a job title.
type Candidate struct {
	// UnitGroup is the proposed unit group.
	UnitGroup Class `json:"unit_group"`
	// Confidence is the estimated probability that UnitGroup is the right code, calibrated on
	// example titles held out of the index (see the package documentation).
	Confidence float64 `json:"confidence"`
	// Example is the example title of the unit group that best supports the candidate, in the
	// title's language when one matches (the unit group's own title when no single example
	// does).
	Example string `json:"example"`
	// ExampleLang is the language of Example.
	ExampleLang Lang `json:"example_lang"`
	// Score is the score the final ranking uses (for diagnostics: not a probability, and not
	// comparable from one title to another).
	Score float64 `json:"score"`
}

// Result is the outcome of coding a job title.
type Result struct {
	// Lang is the language of the title: the one given, or the guess when [Auto] was given.
	Lang Lang `json:"lang"`
	// Guessed reports whether Lang was guessed.
	Guessed bool `json:"guessed"`
	// Candidates are the proposed unit groups, best first, at most [MaxCandidates]; none when the
	// title has no word the coder knows.
	Candidates []Candidate `json:"candidates"`
}

// MaxCandidates is the number of candidates [Coder.Code] returns at most.
const MaxCandidates = 5

// DefaultThreshold is the confidence from which a portal can accept the first candidate without a
// person: on example titles held out of the index, written as in postings, the first candidates
// at or above it were right about 95 % of the time (see docs/PERFORMANCE.md for the measured
// precision and the share of titles accepted).
const DefaultThreshold = 0.85

// Top returns the first candidate; ok is false when there is none.
func (r Result) Top() (c Candidate, ok bool) {
	if len(r.Candidates) == 0 {
		return Candidate{}, false
	}
	return r.Candidates[0], true
}

// Accept returns the first candidate when its confidence reaches threshold ([DefaultThreshold]
// is calibrated for about 95 % precision); otherwise ok is false and a person should choose among
// r.Candidates.
func (r Result) Accept(threshold float64) (c Candidate, ok bool) {
	if len(r.Candidates) == 0 || r.Candidates[0].Confidence < threshold {
		return Candidate{}, false
	}
	return r.Candidates[0], true
}

// NeedsReview reports whether a person should choose the code: no candidate reaches threshold.
func (r Result) NeedsReview(threshold float64) bool {
	_, ok := r.Accept(threshold)
	return !ok
}

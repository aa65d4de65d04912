package paraphrase

// Conflict is a set of ways in which two sentences that state the same
// claim disagree on it. Score does not count these against a pair, because
// reporters do not: in MSRP, pairs that share most of their words but not
// a figure are judged the same claim 86% of the time ("the Nasdaq rose
// 15.82 to 1,861.52" and "was up 17.48 points at 1,863.18" report one
// event), and so are those with a negation on one side only ("failing to"
// and "not"). For fact alignment that is the right match, and the conflict
// is what the reconciled account reports: match with Same, then ask
// Conflicts what the two disagree on.
type Conflict uint8

// The conflicts.
const (
	// ConflictFigure: both state a figure of one kind (a count, a sum of
	// money, a share) and one states a value the other does not; or,
	// without figures, both hold numbers and each holds one the other
	// lacks.
	ConflictFigure Conflict = 1 << iota
	// ConflictDate: both state a date and none is common to the two.
	ConflictDate
	// ConflictName: each names someone or something the other does not
	// ("Senator Warren", "Senator Collins").
	ConflictName
	// ConflictNegation: one is negated (not, never, no) and the other not.
	ConflictNegation
	// ConflictAntonym: they hold a pair of opposite words (rose, fell)
	// that neither repeats.
	ConflictAntonym
)

var conflictNames = [...]string{"figure", "date", "name", "negation", "antonym"}

// String lists the conflicts, "figure+negation", or "none".
func (c Conflict) String() string {
	if c == 0 {
		return "none"
	}
	s := ""
	for i, name := range conflictNames {
		if c&(1<<i) != 0 {
			if s != "" {
				s += "+"
			}
			s += name
		}
	}
	return s
}

// Conflicts returns what a and b disagree on. It is symmetric and is
// meaningful for pairs Same matched; for unrelated sentences it reports
// their differences, which are no conflict.
func Conflicts(a, b *Sentence) Conflict {
	var c Conflict
	if figureConflict(a.figures, b.figures) || figureConflict(b.figures, a.figures) ||
		(len(a.figures) == 0 && len(b.figures) == 0 && len(a.numbers) > 0 && len(b.numbers) > 0 &&
			unmatched(a.numbers, b.numbers) > 0 && unmatched(b.numbers, a.numbers) > 0) {
		c |= ConflictFigure
	}
	if dateConflict(a.days, b.days) {
		c |= ConflictDate
	}
	if namesUnmatched(a, b) > 0 && namesUnmatched(b, a) > 0 {
		c |= ConflictName
	}
	if (a.neg > 0) != (b.neg > 0) {
		c |= ConflictNegation
	}
	if _, _, _, _, ant := align(a, b); ant > 0 {
		c |= ConflictAntonym
	}
	return c
}

// figureConflict reports whether a states a figure of a kind b also
// states, with a value b does not state.
func figureConflict(a, b []figure) bool {
	for _, x := range a {
		kindInB, valueInB := false, false
		for _, y := range b {
			if x.kind == y.kind {
				kindInB = true
				if closeTo(x.value, y.value) {
					valueInB = true
					break
				}
			}
		}
		if kindInB && !valueInB {
			return true
		}
	}
	return false
}

// dateConflict reports whether two sorted date lists both hold dates of one
// sort (weekdays, month days, or days given by the caller) and share none
// of that sort.
func dateConflict(a, b []int32) bool {
	for _, sort := range [...][2]int32{{101, 107}, {33, 12*32 + 31}, {12*32 + 32, 1 << 30}} {
		inA, inB, common := false, false, false
		for _, x := range a {
			if x < sort[0] || x > sort[1] {
				continue
			}
			inA = true
			for _, y := range b {
				if y == x {
					common = true
				}
			}
		}
		for _, y := range b {
			if y >= sort[0] && y <= sort[1] {
				inB = true
			}
		}
		if inA && inB && !common {
			return true
		}
	}
	return false
}

package domain

// MinPublicCount is the smallest number shown in public impact figures.
// Smaller numbers are shown as "fewer than" it, so that nobody can work out
// who asked or who helped from a figure like "1 request this month".
const MinPublicCount = 5

// ImpactCounts are a community's raw figures for one period, before small
// numbers are hidden: the service never passes them on as they are.
type ImpactCounts struct {
	// RequestsMade counts the requests made in the period.
	RequestsMade int
	// RequestsDone counts the requests someone completed help with.
	RequestsDone int
	// Volunteers counts the people who completed help.
	Volunteers int
	// Hours sums the hours they gave.
	Hours float64
}

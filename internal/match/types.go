package match

import "mutua/internal/domain"

// Request is what matching needs to know about a request for help.
type Request struct {
	// Location is the exact place where help is needed.
	Location domain.Point
	// Category is one of domain.Categories.
	Category string
	// Languages the person needing help speaks; empty means any language.
	Languages []string
	// Windows are when help is needed, as minutes of the week in the
	// community's local time (see RequestWindows); empty means any time.
	Windows []domain.Interval
	// RequireVetted is set when the community requires vetting for the
	// request's category.
	RequireVetted bool
	// Declined holds the volunteers who declined or withdrew from this
	// request; they are not asked again.
	Declined map[int64]bool
}

// Candidate is a volunteer as matching sees them.
type Candidate struct {
	UserID int64
	// Home is the exact place the volunteer starts from.
	Home domain.Point
	// RadiusKM is how far from Home they will go.
	RadiusKM float64
	// Skills are categories (domain.Categories) and free tags.
	Skills    []string
	Languages []string
	// Availability is their weekly free time as minutes of the week, best
	// built by AvailabilityIntervals.
	Availability []domain.Interval
	// Active counts their assignments now proposed or accepted.
	Active int
	// MaxActive is how many tasks they take at once; 0 pauses them.
	MaxActive int
	Vetted    bool
	// RecentTasks counts their assignments in the last 30 days, for
	// fairness.
	RecentTasks int
	// Completed counts their tasks completed ever.
	Completed int
	// Declined counts the proposals they declined or withdrew from ever.
	Declined int
}

// Result is one ranked volunteer, returned by the API as it is.
type Result struct {
	UserID int64 `json:"volunteer_id"`
	// Score in [0, 1], rounded to 0.001; see the package documentation.
	Score float64 `json:"score" minimum:"0" maximum:"1" doc:"0 to 1, higher fits better; rounded to 0.001"`
	// DistanceKM from the volunteer's home, rounded to 0.1 km.
	DistanceKM float64  `json:"distance_km" minimum:"0" doc:"from the volunteer's home, rounded to 0.1 km"`
	Reasons    []Reason `json:"reasons" doc:"why this volunteer fits, as codes the UI translates"`
}

// FeedRequest is an open request offered to Feed.
type FeedRequest struct {
	Request
	ID int64
}

// FeedItem is one request that fits a volunteer, returned by Feed.
type FeedItem struct {
	RequestID int64 `json:"request_id"`
	// DistanceKM from the volunteer's home, rounded to 0.1 km.
	DistanceKM float64  `json:"distance_km" minimum:"0" doc:"from the volunteer's home, rounded to 0.1 km"`
	Reasons    []Reason `json:"reasons" doc:"why the request fits, as codes the UI translates"`
}

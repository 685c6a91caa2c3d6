package domain

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on opportunities and shifts.
const (
	MaxShiftCapacity = 10000
	// MaxShiftLength keeps a shift's hours, times the largest team, within
	// what one contribution row may hold.
	MaxShiftLength = 16 * time.Hour
	// MaxTeamSize is the most people one contact signs up at once.
	MaxTeamSize         = 500
	MaxShiftsPerPost    = 100
	MaxOpportunitySkill = 40
	MaxOpportunityAge   = 120
	// RuleHorizon is how far ahead shifts are generated from a weekly rule.
	RuleHorizon = 8 * 7 * 24 * time.Hour
)

// ShiftStatus is whether a shift still takes sign-ups.
type ShiftStatus string

// Shift statuses: open until a coordinator closes it and its hours are logged.
const (
	ShiftOpen   ShiftStatus = "open"
	ShiftClosed ShiftStatus = "closed"
)

// Opportunity is a way to volunteer for an organisation, with its shifts.
type Opportunity struct {
	ID              int64     `json:"id"`
	CommunityID     int64     `json:"community_id"`
	OrganisationID  int64     `json:"organisation_id"`
	Title           string    `json:"title"`
	Description     string    `json:"description"`
	Category        string    `json:"category"`
	Skills          []string  `json:"skills"`
	Online          bool      `json:"online"`
	Location        Point     `json:"location"`
	Address         string    `json:"address"`
	MinAge          int       `json:"min_age"`
	VettingRequired bool      `json:"vetting_required"`
	Languages       []string  `json:"languages"`
	Recurrence      ShiftRule `json:"recurrence"`
	CreatedBy       int64     `json:"created_by"`
	CreatedAt       time.Time `json:"created_at"`
	Shifts          []Shift   `json:"shifts"`
}

// ShiftRule generates weekly shifts: on Days, from Start to End (HH:MM in
// the community's time zone), until the date Until. An empty rule (no
// days) generates nothing.
type ShiftRule struct {
	Days     []string `json:"days,omitempty" doc:"mon, tue, wed, thu, fri, sat, sun"`
	Start    string   `json:"start,omitempty" doc:"HH:MM, local time"`
	End      string   `json:"end,omitempty" doc:"HH:MM, local time"`
	Capacity int      `json:"capacity,omitempty"`
	Until    string   `json:"until,omitempty" doc:"last date, YYYY-MM-DD"`
}

// Empty reports whether the rule generates nothing.
func (r ShiftRule) Empty() bool { return len(r.Days) == 0 }

// Shift is one time slot of an opportunity, with how full it is.
type Shift struct {
	ID            int64       `json:"id"`
	CommunityID   int64       `json:"-"`
	OpportunityID int64       `json:"opportunity_id"`
	Start         time.Time   `json:"start"`
	End           time.Time   `json:"end"`
	Capacity      int         `json:"capacity"`
	Status        ShiftStatus `json:"status"`
	FromRule      bool        `json:"from_rule"`
	// Confirmed counts the people holding a place (team members
	// included); Waiting counts sign-ups on the waiting list; Free is
	// Capacity - Confirmed.
	Confirmed int `json:"confirmed"`
	Waiting   int `json:"waiting"`
	Free      int `json:"free"`
	// Cancelled is true for a shift the organisers called off: it is
	// closed, and logged no hours.
	Cancelled bool `json:"cancelled"`
}

// Hours is the shift's length in hours.
func (s Shift) Hours() float64 { return s.End.Sub(s.Start).Hours() }

// OpportunityFilter selects opportunities; Cells (from a covering) limits
// them to a neighbourhood, From and To to those with a shift in between.
type OpportunityFilter struct {
	Category       string
	OrganisationID int64
	Cells          []CellRange
	From, To       time.Time
	Page           Page
}

// Normalize trims text and fills defaults.
func (o *Opportunity) Normalize() {
	o.Title = strings.TrimSpace(o.Title)
	o.Description = strings.TrimSpace(o.Description)
	o.Category = strings.ToLower(strings.TrimSpace(o.Category))
	o.Address = strings.TrimSpace(o.Address)
	if o.Skills == nil {
		o.Skills = []string{}
	}
	if o.Languages == nil {
		o.Languages = []string{}
	}
	for i := range o.Shifts {
		o.Shifts[i].Start, o.Shifts[i].End = o.Shifts[i].Start.UTC(), o.Shifts[i].End.UTC()
	}
}

// Validate checks an opportunity and its shifts, naming each bad field.
func (o Opportunity) Validate() error {
	var p Problems
	if o.Title == "" || utf8.RuneCountInString(o.Title) > MaxTitleLen {
		p.Add("title", "length", "give a title of 1 to 120 characters")
	}
	if utf8.RuneCountInString(o.Description) > MaxDescriptionLen {
		p.Add("description", "length", "use at most 4000 characters")
	}
	if o.Category == "" || utf8.RuneCountInString(o.Category) > MaxOpportunitySkill {
		p.Add("category", "length", "give a category of 1 to 40 characters")
	}
	if len(o.Skills) > 20 {
		p.Add("skills", "length", "list at most 20 skills")
	}
	for _, s := range o.Skills {
		if strings.TrimSpace(s) == "" || utf8.RuneCountInString(s) > MaxOpportunitySkill {
			p.Add("skills", "length", "each skill has 1 to 40 characters")
			break
		}
	}
	if !o.Location.Valid() {
		p.Add("location", "range", "latitude must be within ±90 and longitude within ±180")
	}
	if utf8.RuneCountInString(o.Address) > MaxAddressLen {
		p.Add("address", "length", "use at most 300 characters")
	}
	if o.MinAge < 0 || o.MinAge > MaxOpportunityAge {
		p.Add("min_age", "range", "the minimum age is 0 to 120")
	}
	if len(o.Languages) > 0 {
		validateLanguages(&p, o.Languages)
	}
	o.validateShifts(&p)
	if !o.Recurrence.Empty() {
		o.Recurrence.validate(&p, "recurrence")
	}
	return p.Err()
}

func (o Opportunity) validateShifts(p *Problems) {
	switch {
	case len(o.Shifts) == 0 && o.Recurrence.Empty():
		p.Add("shifts", "required", "give at least one shift or a weekly rule")
	case len(o.Shifts) > MaxShiftsPerPost:
		p.Add("shifts", "length", "give at most 100 shifts at once")
	}
	for i, s := range o.Shifts {
		field := fmt.Sprintf("shifts[%d]", i)
		switch {
		case s.Start.IsZero() || s.End.IsZero():
			p.Add(field+".start", "required", "give the start and end of the shift")
		case !s.End.After(s.Start):
			p.Add(field+".end", "before_start", "a shift must end after it starts")
		case s.End.Sub(s.Start) > MaxShiftLength:
			p.Add(field+".end", "too_long", "a shift lasts at most 16 hours")
		}
		if s.Capacity < 1 || s.Capacity > MaxShiftCapacity {
			p.Add(field+".capacity", "range", "the capacity is 1 to 10000 people")
		}
	}
}

// Validate checks a weekly rule on its own, as when it is replaced.
func (r ShiftRule) Validate() error {
	var p Problems
	r.validate(&p, "recurrence")
	return p.Err()
}

func (r ShiftRule) validate(p *Problems, field string) {
	if len(r.Days) == 0 || len(r.Days) > 7 {
		p.Add(field+".days", "required", "choose the days of the week")
	}
	for _, d := range r.Days {
		if WeekdayIndex(d) < 0 {
			p.Add(field+".days", "unknown", "days are mon, tue, wed, thu, fri, sat or sun")
			break
		}
	}
	start, err1 := ParseClock(r.Start)
	end, err2 := ParseClock(r.End)
	switch {
	case err1 != nil || err2 != nil:
		p.Add(field+".start", "format", "give start and end as HH:MM")
	case end <= start:
		p.Add(field+".end", "before_start", "a shift must end after it starts")
	case time.Duration(end-start)*time.Minute > MaxShiftLength:
		p.Add(field+".end", "too_long", "a shift lasts at most 16 hours")
	}
	if r.Capacity < 1 || r.Capacity > MaxShiftCapacity {
		p.Add(field+".capacity", "range", "the capacity is 1 to 10000 people")
	}
	if _, err := time.Parse(time.DateOnly, r.Until); err != nil {
		p.Add(field+".until", "format", "give the last date as YYYY-MM-DD")
	}
}

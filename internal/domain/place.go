package domain

// CellRange is a closed range of s2 leaf cell ids, stored as int64 with the
// same bits. Every range comes from one s2 cell, so Min and Max share their
// top bit and compare correctly as signed numbers on both databases.
type CellRange struct {
	Min, Max int64
}

// Recurrence says whether a request happens once or every week on given
// days until a date. A weekly request repeats the time of day of its first
// window (needed_from to needed_by) on each of Days.
type Recurrence struct {
	Kind  string   `json:"kind" enum:"once,weekly" default:"once"`
	Days  []string `json:"days,omitempty" doc:"for weekly: mon, tue, wed, thu, fri, sat, sun"`
	Until string   `json:"until,omitempty" doc:"for weekly: last date, YYYY-MM-DD"`
}

// Recurrence kinds.
const (
	RecurOnce   = "once"
	RecurWeekly = "weekly"
)

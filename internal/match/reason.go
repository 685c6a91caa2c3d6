package match

import "encoding/json"

// Reason codes. Each is a short machine word with its own parameters; the
// UI turns them into sentences in the reader's language ("1.2 km away",
// "speaks Slovenian", "free on Tuesday 09:00–12:00").
const (
	// ReasonDistance: KM from the volunteer's home to the request.
	ReasonDistance = "distance"
	// ReasonSkill: the volunteer offers Category; Tag is their own
	// spelling of it when they typed it as a free tag.
	ReasonSkill = "skill"
	// ReasonLanguage: they speak Language, one of the request's.
	ReasonLanguage = "language"
	// ReasonAvailable: the longest time both are free on one day, Day
	// (mon…sun) From–To ("HH:MM", To may be "24:00").
	ReasonAvailable = "available"
	// ReasonLoad: Tasks assigned to them in the last 30 days.
	ReasonLoad = "load"
	// ReasonRecord: Count tasks they completed.
	ReasonRecord = "record"
	// ReasonVetted: the community has vetted them.
	ReasonVetted = "vetted"
)

// Reason is one plain argument for a match: a code and its parameters.
// Parameters a code does not use are left out of the JSON; the ones it
// uses are always there, so {"code":"distance","km":0} says "0 km away"
// rather than losing the number.
type Reason struct {
	Code     string  `json:"code" enum:"distance,skill,language,available,load,record,vetted"`
	KM       float64 `json:"km,omitempty" doc:"distance: kilometres, rounded to 0.1"`
	Category string  `json:"category,omitempty" doc:"skill: the request's category"`
	Tag      string  `json:"tag,omitempty" doc:"skill: the volunteer's free tag that matched"`
	Language string  `json:"language,omitempty" doc:"language: a language both speak"`
	Day      string  `json:"day,omitempty" doc:"available: mon, tue, wed, thu, fri, sat or sun"`
	From     string  `json:"from,omitempty" doc:"available: HH:MM local time"`
	To       string  `json:"to,omitempty" doc:"available: HH:MM local time, 24:00 for midnight"`
	Tasks    int     `json:"tasks,omitempty" doc:"load: assignments in the last 30 days"`
	Count    int     `json:"count,omitempty" doc:"record: tasks completed"`
}

// MarshalJSON writes the parameters of r's code even when they are zero.
// A custom encoder keeps Reason a plain value (no pointers to build) while
// omitempty still hides the parameters of other codes.
func (r Reason) MarshalJSON() ([]byte, error) {
	// plain has Reason's fields and tags but not this method.
	type plain Reason
	switch r.Code {
	case ReasonDistance:
		return json.Marshal(struct {
			plain
			KM float64 `json:"km"`
		}{plain(r), r.KM})
	case ReasonLoad:
		return json.Marshal(struct {
			plain
			Tasks int `json:"tasks"`
		}{plain(r), r.Tasks})
	case ReasonRecord:
		return json.Marshal(struct {
			plain
			Count int `json:"count"`
		}{plain(r), r.Count})
	}
	return json.Marshal(plain(r))
}

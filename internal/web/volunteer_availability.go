package web

import (
	"cmp"
	"slices"
	"strings"

	"mutua/internal/domain"
)

// The weekly availability grid: seven days by three parts of the day. Each
// ticked box is one domain.Slot in the community's local time, which is
// what slots mean, so nothing needs converting. Saved slots that are not
// exactly a box (entered through the API) are shown apart and kept unless
// the person unticks them, so saving the form never changes them silently.

// volDayPart is one row of the grid and the hours it stands for.
type volDayPart struct {
	Name     string
	From, To string
}

// volDayParts are the grid's rows; the hours are when neighbourly help
// usually happens, and they are printed next to each row.
var volDayParts = []volDayPart{
	{"morning", "08:00", "12:00"},
	{"afternoon", "12:00", "17:00"},
	{"evening", "17:00", "21:00"},
}

// volGrid is what the template draws: a table with a row per day
// and a column per part of the day, which fits a phone's width.
type volGrid struct {
	Parts []volGridPart
	Days  []volGridDay
}

// volGridPart is a column header: the part of the day and its hours.
type volGridPart struct {
	Name, Hours string
}

// volGridDay is a row: the day and its three boxes.
type volGridDay struct {
	Name  string
	Cells []volGridCell
}

// volGridCell is one checkbox; its label, read by screen readers and hidden
// on screen where the headers say it, is "Tuesday, morning".
type volGridCell struct {
	ID, Value, Label string
	Checked          bool
}

func newVolGrid(v *view, ticked map[string]bool) volGrid {
	var g volGrid
	for _, part := range volDayParts {
		g.Parts = append(g.Parts, volGridPart{Name: v.T("volunteer.part." + part.Name),
			Hours: v.T("volunteer.profile.availability.hours", "From", part.From, "To", part.To)})
	}
	for _, d := range domain.Weekdays {
		day := volGridDay{Name: volWeekday(v.tr, d)}
		for _, part := range volDayParts {
			value := d + "-" + part.Name
			day.Cells = append(day.Cells, volGridCell{ID: "slot-" + value, Value: value, Checked: ticked[value],
				Label: v.T("volunteer.profile.availability.cell", "Day", day.Name, "Part", v.T("volunteer.part."+part.Name))})
		}
		g.Days = append(g.Days, day)
	}
	return g
}

// volGridSlots turns ticked boxes ("tue-morning") into slots, in week order;
// unknown values are ignored, as a box that does not exist cannot be ticked.
func volGridSlots(values []string) []domain.Slot {
	var out []domain.Slot
	for _, d := range domain.Weekdays {
		for _, part := range volDayParts {
			if slices.Contains(values, d+"-"+part.Name) {
				out = append(out, domain.Slot{Day: d, From: part.From, To: part.To})
			}
		}
	}
	return out
}

// volGridCells splits saved slots into the boxes they are and the rest.
func volGridCells(slots []domain.Slot) (cells []string, rest []domain.Slot) {
	for _, s := range slots {
		if part, ok := volPartOf(s); ok {
			cells = append(cells, s.Day+"-"+part)
			continue
		}
		rest = append(rest, s)
	}
	slices.SortFunc(rest, func(a, b domain.Slot) int {
		ia, _ := a.Interval()
		ib, _ := b.Interval()
		return cmp.Compare(ia.Start, ib.Start)
	})
	return cells, rest
}

// volPartOf names the grid row a slot is exactly, if any.
func volPartOf(s domain.Slot) (string, bool) {
	if domain.WeekdayIndex(s.Day) < 0 {
		return "", false
	}
	for _, part := range volDayParts {
		if s.From == part.From && s.To == part.To {
			return part.Name, true
		}
	}
	return "", false
}

// volKeptValue writes a slot as the value of its "keep" checkbox.
func volKeptValue(s domain.Slot) string { return s.Day + " " + s.From + " " + s.To }

// volParseKept reads a "keep" value back; the domain validates the times.
func volParseKept(v string) (domain.Slot, bool) {
	f := strings.Fields(v)
	if len(f) != 3 || domain.WeekdayIndex(f[0]) < 0 {
		return domain.Slot{}, false
	}
	return domain.Slot{Day: f[0], From: f[1], To: f[2]}, true
}

// volPartWithin names the grid row whose hours contain from–to, for the match
// reason "fits your Tuesday morning"; times outside every row are said in
// hours instead.
func volPartWithin(from, to string) (string, bool) {
	f, err1 := domain.ParseClock(from)
	t, err2 := domain.ParseClock(to)
	if err1 != nil || err2 != nil {
		return "", false
	}
	for _, part := range volDayParts {
		pf, _ := domain.ParseClock(part.From)
		pt, _ := domain.ParseClock(part.To)
		if f >= pf && t <= pt {
			return part.Name, true
		}
	}
	return "", false
}

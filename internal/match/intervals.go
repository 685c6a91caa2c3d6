package match

import (
	"fmt"
	"slices"

	"mutua/internal/domain"
)

const (
	week       = domain.MinutesPerWeek
	minutesDay = 24 * 60
)

// AvailabilityIntervals converts a volunteer's weekly slots to sorted,
// merged minutes of the week, the form Candidate.Availability wants.
func AvailabilityIntervals(slots []domain.Slot) ([]domain.Interval, error) {
	out := make([]domain.Interval, 0, len(slots))
	for i, s := range slots {
		iv, err := s.Interval()
		if err != nil {
			return nil, fmt.Errorf("availability[%d]: %w", i, err)
		}
		out = append(out, iv)
	}
	return normalize(out), nil
}

// Overlap returns how many minutes of the week lie in both a and b. The
// intervals need not be sorted or merged; ones that run past the end of
// the week wrap to Monday.
func Overlap(a, b []domain.Interval) int {
	return overlapMinutes(normalize(a), normalize(b))
}

// BestSlot returns the longest time within one day that lies in both a and
// b (the earliest in the week among equals), as a slot for a reason; ok is
// false when they do not overlap. A shared stretch across midnight counts
// as two slots, one per day, because people think of availability by day.
func BestSlot(a, b []domain.Interval) (slot domain.Slot, ok bool) {
	a, b = normalize(a), normalize(b)
	best := domain.Interval{}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		lo, hi := max(a[i].Start, b[j].Start), min(a[i].End, b[j].End)
		for lo < hi {
			end := min(hi, (lo/minutesDay+1)*minutesDay)
			if end-lo > best.End-best.Start {
				best = domain.Interval{Start: lo, End: end}
			}
			lo = end
		}
		if a[i].End < b[j].End {
			i++
		} else {
			j++
		}
	}
	if best.End == best.Start {
		return domain.Slot{}, false
	}
	day := best.Start / minutesDay
	return domain.Slot{
		Day:  domain.Weekdays[day],
		From: clock(best.Start - day*minutesDay),
		To:   clock(best.End - day*minutesDay),
	}, true
}

// overlapMinutes sums the intersection of two normalized lists.
func overlapMinutes(a, b []domain.Interval) int {
	total := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if lo, hi := max(a[i].Start, b[j].Start), min(a[i].End, b[j].End); lo < hi {
			total += hi - lo
		}
		if a[i].End < b[j].End {
			i++
		} else {
			j++
		}
	}
	return total
}

// minutes returns the total length of a normalized list.
func minutes(iv []domain.Interval) int {
	total := 0
	for _, x := range iv {
		total += x.End - x.Start
	}
	return total
}

// normalize returns iv wrapped into one week, sorted and with overlapping
// or touching intervals merged. Lists that already are come back as they
// are, so ranking thousands of stored availabilities allocates nothing.
func normalize(iv []domain.Interval) []domain.Interval {
	if isNormal(iv) {
		return iv
	}
	out := make([]domain.Interval, 0, len(iv)+1)
	for _, x := range iv {
		out = appendWrapped(out, x)
	}
	slices.SortFunc(out, func(a, b domain.Interval) int { return a.Start - b.Start })
	merged := out[:0]
	for _, x := range out {
		if n := len(merged); n > 0 && x.Start <= merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, x.End)
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

func isNormal(iv []domain.Interval) bool {
	for i, x := range iv {
		if x.Start < 0 || x.End > week || x.Start >= x.End || (i > 0 && iv[i-1].End >= x.Start) {
			return false
		}
	}
	return true
}

// appendWrapped appends x, moved into [0, week) and split at the end of the
// week. Empty intervals are dropped; a week or more is the whole week.
func appendWrapped(out []domain.Interval, x domain.Interval) []domain.Interval {
	n := x.End - x.Start
	switch {
	case n <= 0:
		return out
	case n >= week:
		return append(out, domain.Interval{Start: 0, End: week})
	}
	s := ((x.Start % week) + week) % week
	if s+n <= week {
		return append(out, domain.Interval{Start: s, End: s + n})
	}
	return append(out, domain.Interval{Start: s, End: week}, domain.Interval{Start: 0, End: s + n - week})
}

// clock formats minutes since midnight as "HH:MM"; 1440 is "24:00".
func clock(m int) string {
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

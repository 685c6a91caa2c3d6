package match

import (
	"hash/fnv"
	"strings"

	"mutua/internal/domain"
)

// The masks below let the database drop most volunteers who cannot match
// before it returns them: they are stored beside the cell in the volunteers
// index, and a search ANDs them with the request's. A shared bit is
// necessary for a match but not sufficient, so Filter still decides; what
// the masks save is reading, decoding and ranking the volunteers who speak
// none of the request's languages or are never free when it is needed.

// AnyMask is the mask of a profile whose masks are not known (one stored
// before the masks existed): it shares a bit with every non-zero mask, so
// such a profile is never dropped.
const AnyMask int64 = -1

// maskBits is how many bits a mask uses: 63 keeps it a positive int64,
// which both databases compare and AND without surprises.
const maskBits = 63

// LanguageMask sets, for each language, one bit chosen by a hash of its
// primary subtag, the part commonLanguage compares: "sl" and "sl-SI" set the
// same bit. Two languages may share a bit; Filter tells them apart.
func LanguageMask(langs []string) int64 {
	var mask int64
	for _, l := range langs {
		h := fnv.New32a()
		_, _ = h.Write([]byte(strings.ToLower(primary(strings.TrimSpace(l)))))
		mask |= 1 << (h.Sum32() % maskBits)
	}
	return mask
}

// blockMinutes is the width of a week-mask block: the week in three-hour
// blocks is 56 bits.
const blockMinutes = 3 * 60

// WeekMask sets the bit of every three-hour block of the week that an
// interval touches. Two sets of intervals that overlap share a block, so a
// zero AND proves they do not. Intervals may run past the end of the week
// (a Sunday-night window); they wrap to Monday.
func WeekMask(iv []domain.Interval) int64 {
	const blocks = domain.MinutesPerWeek / blockMinutes
	var mask int64
	for _, x := range iv {
		if x.End <= x.Start {
			continue
		}
		last := (x.End - 1) / blockMinutes
		for b := x.Start / blockMinutes; b <= last; b++ {
			mask |= 1 << (((b % blocks) + blocks) % blocks)
			if b-x.Start/blockMinutes >= blocks {
				break // the whole week is set
			}
		}
	}
	return mask
}

// SlotsMask is the WeekMask of a volunteer's weekly slots. Slots that do
// not parse (impossible after validation) give AnyMask, so that a profile
// is never dropped by a mask it does not deserve.
func SlotsMask(slots []domain.Slot) int64 {
	iv, err := AvailabilityIntervals(slots)
	if err != nil {
		return AnyMask
	}
	return WeekMask(iv)
}

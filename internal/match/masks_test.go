package match

import (
	"math/rand/v2"
	"testing"

	"mutua/internal/domain"
)

// The masks may only ever drop volunteers Filter would drop too: whenever
// two sets of intervals overlap, their week masks share a bit.
func TestWeekMaskNeverHidesAnOverlap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randomIntervals := func() []domain.Interval {
		n := rng.IntN(4)
		out := make([]domain.Interval, n)
		for i := range out {
			start := rng.IntN(domain.MinutesPerWeek)
			out[i] = domain.Interval{Start: start, End: start + 1 + rng.IntN(600)}
		}
		return out
	}
	overlapping := 0
	for range 20000 {
		a, b := randomIntervals(), randomIntervals()
		if Overlap(a, b) == 0 {
			continue
		}
		overlapping++
		if WeekMask(a)&WeekMask(b) == 0 {
			t.Fatalf("intervals %v and %v overlap but their masks %x and %x share no bit", a, b, WeekMask(a), WeekMask(b))
		}
	}
	if overlapping < 1000 {
		t.Fatalf("only %d overlapping pairs were tried", overlapping)
	}
}

func TestWeekMaskBlocks(t *testing.T) {
	cases := []struct {
		iv   []domain.Interval
		want int64
	}{
		{nil, 0},
		{[]domain.Interval{{Start: 0, End: 180}}, 1},
		{[]domain.Interval{{Start: 179, End: 181}}, 0b11},
		{[]domain.Interval{{Start: 9 * 60, End: 12 * 60}}, 1 << 3},
		// Sunday 23:00 to Monday 01:00 wraps: the last block and the first.
		{[]domain.Interval{{Start: domain.MinutesPerWeek - 60, End: domain.MinutesPerWeek + 60}}, 1<<55 | 1},
		{[]domain.Interval{{Start: 0, End: 3 * domain.MinutesPerWeek}}, 1<<56 - 1},
	}
	for _, tc := range cases {
		if got := WeekMask(tc.iv); got != tc.want {
			t.Errorf("WeekMask(%v) = %b, want %b", tc.iv, got, tc.want)
		}
	}
	if m := SlotsMask([]domain.Slot{{Day: "tue", From: "09:00", To: "12:00"}}); m != 1<<(8+3) {
		t.Errorf("Tuesday morning = %b", m)
	}
	if SlotsMask([]domain.Slot{{Day: "someday", From: "09:00", To: "12:00"}}) != AnyMask {
		t.Error("a slot that does not parse should give AnyMask")
	}
}

func TestLanguageMaskFollowsCommonLanguage(t *testing.T) {
	langs := []string{"sl", "SL-si", "de", "de-AT", "en", "hr", "bs", "sr", "it", "hu", "fr", "nl", "uk", "ar", "tr"}
	for _, a := range langs {
		for _, b := range langs {
			_, common := commonLanguage([]string{a}, []string{b})
			shared := LanguageMask([]string{a})&LanguageMask([]string{b}) != 0
			if common && !shared {
				t.Errorf("%s and %s are one language but their masks share no bit", a, b)
			}
		}
	}
	if LanguageMask(nil) != 0 {
		t.Error("no languages should set no bit")
	}
	if m := LanguageMask([]string{"sl", "de"}); m&LanguageMask([]string{"de"}) == 0 || m <= 0 {
		t.Errorf("mask of sl and de = %x", m)
	}
}

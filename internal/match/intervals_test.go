package match

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"mutua/internal/domain"
)

// w shortens interval literals in tables.
func w(start, end int) domain.Interval { return domain.Interval{Start: start, End: end} }

func TestAvailabilityIntervals(t *testing.T) {
	got, err := AvailabilityIntervals([]domain.Slot{
		{Day: "wed", From: "14:00", To: "16:00"},
		{Day: "tue", From: "09:00", To: "12:00"},
		{Day: "tue", From: "11:00", To: "13:00"},
		{Day: "sun", From: "20:00", To: "24:00"},
		{Day: "mon", From: "00:00", To: "02:00"},
		{Day: "wed", From: "16:00", To: "17:00"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.Interval{w(0, at(0, 2, 0)), w(at(1, 9, 0), at(1, 13, 0)), w(at(2, 14, 0), at(2, 17, 0)), w(at(6, 20, 0), domain.MinutesPerWeek)}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if _, err := AvailabilityIntervals([]domain.Slot{{Day: "mon", From: "09:00", To: "10:00"}, {Day: "xyz", From: "09:00", To: "10:00"}}); err == nil {
		t.Fatal("an unknown day must be an error")
	}
	if got, err := AvailabilityIntervals(nil); err != nil || len(got) != 0 {
		t.Fatalf("no slots: %v, %v", got, err)
	}
}

func TestOverlap(t *testing.T) {
	cases := []struct {
		name string
		a, b []domain.Interval
		want int
	}{
		{"disjoint", []domain.Interval{w(0, 60)}, []domain.Interval{w(60, 120)}, 0},
		{"inside", []domain.Interval{w(0, 600)}, []domain.Interval{w(60, 120)}, 60},
		{"several pieces", []domain.Interval{w(0, 100), w(200, 300)}, []domain.Interval{w(50, 250)}, 100},
		{"unsorted and overlapping input", []domain.Interval{w(200, 300), w(0, 100), w(50, 150)}, []domain.Interval{w(0, 1000)}, 250},
		{"wrapping past Sunday night", []domain.Interval{w(domain.MinutesPerWeek-60, domain.MinutesPerWeek+60)}, []domain.Interval{w(0, 30), w(domain.MinutesPerWeek-10, domain.MinutesPerWeek)}, 40},
		{"empty", nil, []domain.Interval{w(0, 100)}, 0},
		{"whole weeks", []domain.Interval{w(0, 3*domain.MinutesPerWeek)}, []domain.Interval{w(0, domain.MinutesPerWeek)}, domain.MinutesPerWeek},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Overlap(tc.a, tc.b); got != tc.want {
				t.Fatalf("Overlap = %d, want %d", got, tc.want)
			}
			if got := Overlap(tc.b, tc.a); got != tc.want {
				t.Fatalf("Overlap is not symmetric: %d", got)
			}
		})
	}
}

// TestOverlapAgainstMinutes checks Overlap and normalize minute by minute
// on random lists.
func TestOverlapAgainstMinutes(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	random := func() []domain.Interval {
		out := make([]domain.Interval, r.IntN(6))
		for i := range out {
			s := r.IntN(domain.MinutesPerWeek+2000) - 1000
			out[i] = domain.Interval{Start: s, End: s + r.IntN(3000) - 100}
		}
		return out
	}
	for range 300 {
		a, b := random(), random()
		var inA, inB [domain.MinutesPerWeek]bool
		mark(&inA, a)
		mark(&inB, b)
		want := 0
		for m := range inA {
			if inA[m] && inB[m] {
				want++
			}
		}
		if got := Overlap(a, b); got != want {
			t.Fatalf("Overlap(%v, %v) = %d, want %d", a, b, got, want)
		}
		if n := normalize(a); !isNormal(n) {
			t.Fatalf("normalize(%v) = %v is not normal", a, n)
		}
	}
}

func mark(grid *[domain.MinutesPerWeek]bool, list []domain.Interval) {
	for _, x := range list {
		if x.End-x.Start >= domain.MinutesPerWeek {
			for m := range grid {
				grid[m] = true
			}
			continue
		}
		for m := x.Start; m < x.End; m++ {
			grid[((m%domain.MinutesPerWeek)+domain.MinutesPerWeek)%domain.MinutesPerWeek] = true
		}
	}
}

func TestBestSlot(t *testing.T) {
	cases := []struct {
		name string
		a, b []domain.Interval
		want domain.Slot
		ok   bool
	}{
		{"none", []domain.Interval{w(0, 60)}, []domain.Interval{w(60, 120)}, domain.Slot{}, false},
		{"longest wins", []domain.Interval{w(at(1, 9, 0), at(1, 10, 0)), w(at(3, 14, 0), at(3, 17, 0))}, []domain.Interval{w(0, domain.MinutesPerWeek)},
			domain.Slot{Day: "thu", From: "14:00", To: "17:00"}, true},
		{"earliest among equals", []domain.Interval{w(at(3, 9, 0), at(3, 10, 0)), w(at(1, 9, 0), at(1, 10, 0))}, []domain.Interval{w(0, domain.MinutesPerWeek)},
			domain.Slot{Day: "tue", From: "09:00", To: "10:00"}, true},
		{"split at midnight", []domain.Interval{w(at(2, 23, 0), at(3, 2, 0))}, []domain.Interval{w(0, domain.MinutesPerWeek)},
			domain.Slot{Day: "thu", From: "00:00", To: "02:00"}, true},
		{"ends at midnight", []domain.Interval{w(at(6, 20, 0), domain.MinutesPerWeek)}, []domain.Interval{w(at(6, 0, 0), domain.MinutesPerWeek)},
			domain.Slot{Day: "sun", From: "20:00", To: "24:00"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := BestSlot(tc.a, tc.b)
			if ok != tc.ok || got != tc.want {
				t.Fatalf("BestSlot = %+v, %v; want %+v, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestNormalizeDoesNotAllocateWhenNormal(t *testing.T) {
	list := []domain.Interval{w(0, 60), w(120, 180)}
	if n := testing.AllocsPerRun(100, func() { normalize(list) }); n != 0 {
		t.Fatalf("normalize of a normal list allocates %v times", n)
	}
}

package store

import (
	"slices"
	"strings"
	"testing"

	"mutua/internal/domain"
)

func TestInListPadsToAPowerOfTwo(t *testing.T) {
	for _, tc := range []struct {
		in   []int64
		want []any
	}{
		{[]int64{7}, []any{int64(7)}},
		{[]int64{1, 2}, []any{int64(1), int64(2)}},
		{[]int64{1, 2, 3}, []any{int64(1), int64(2), int64(3), int64(3)}},
		{[]int64{1, 2, 3, 4, 5}, []any{int64(1), int64(2), int64(3), int64(4), int64(5), int64(5), int64(5), int64(5)}},
	} {
		marks, args := inList(tc.in)
		if !slices.Equal(args, tc.want) || strings.Count(marks, "?") != len(tc.want) {
			t.Errorf("inList(%v) = %q, %v; want %v", tc.in, marks, args, tc.want)
		}
	}
}

// skill_mask stores one bit per category, by position in domain.Categories.
func TestSkillMask(t *testing.T) {
	if len(domain.Categories) > 63 {
		t.Fatalf("%d categories: skill_mask has room for 63", len(domain.Categories))
	}
	for i, c := range domain.Categories {
		if got := skillMask([]string{c, "my own tag"}); got != 1<<i {
			t.Errorf("skillMask(%s) = %b, want bit %d", c, got, i)
		}
	}
	if got := skillMask([]string{"groceries", "meals", "gardening"}); got != 0b101 {
		t.Errorf("groceries and meals = %b, want 101", got)
	}
	if skillMask(nil) != 0 || skillMask([]string{"gardening"}) != 0 {
		t.Error("free tags set bits")
	}
}

func TestPhoneKeys(t *testing.T) {
	for in, want := range map[string]string{
		"041 123 456":      "65432114",
		"+386 41 123 456":  "65432114683",
		"00386 41 123 456": "65432114683",
		"02 555 12 30":     "03215552",
		"no digits":        "",
		"000":              "",
	} {
		if got := phoneKey(in); got != want {
			t.Errorf("phoneKey(%q) = %q, want %q", in, got, want)
		}
	}
	if got := phoneTails("65432114683"); !slices.Equal(got, []string{"654321", "6543211", "65432114", "654321146", "6543211468"}) {
		t.Errorf("tails = %q", got)
	}
	if got := phoneTails("654321"); len(got) != 0 {
		t.Errorf("a key of minPhoneSuffix digits has tails %q", got)
	}
}

package web

import (
	"strings"
	"testing"

	"mutua/internal/domain"
)

func TestImpactChartsHideSmallFigures(t *testing.T) {
	shown, hidden, missing := domain.StatCell{Value: 20}, domain.StatCell{Suppressed: true}, domain.StatCell{Missing: true}
	fmtNum := func(x float64) string { return num(x) }
	c := barChart("c", "Title", []string{"Jan", "Feb", "Mar"},
		[]chartSeries{{Name: "made", Values: []domain.StatCell{shown, hidden, {Value: 10}}},
			{Name: "done", Values: []domain.StatCell{{Value: 5}, missing, hidden}}}, fmtNum)
	if len(c.Bars) != 3 || len(c.Marks) != 2 {
		t.Fatalf("%d bars and %d marks, want 3 bars (20, 10, 5) and two <5", len(c.Bars), len(c.Marks))
	}
	for _, m := range c.Marks {
		if m.Text != domain.SuppressedText {
			t.Errorf("mark %q", m.Text)
		}
	}
	// The axis runs to 20 in steps of 5; the bar of 20 reaches the top.
	if got := []string{c.Grid[0].Text, c.Grid[len(c.Grid)-1].Text}; got[0] != "0" || got[1] != "20" || len(c.Grid) != 5 {
		t.Errorf("grid %v", c.Grid)
	}
	if c.Bars[0].Y != num(chartTop) {
		t.Errorf("the largest bar starts at %s, want the top %d", c.Bars[0].Y, chartTop)
	}

	l := lineChart("l", "Hours", []string{"a", "b", "c", "d", "e"},
		chartSeries{Name: "hours", Values: []domain.StatCell{shown, shown, hidden, shown, {Value: 7}}}, fmtNum)
	if len(l.Lines) != 2 || len(l.Points) != 4 || len(l.Marks) != 1 {
		t.Fatalf("line: %d runs, %d points, %d marks; want the line broken at the hidden month", len(l.Lines), len(l.Points), len(l.Marks))
	}
	if strings.Count(l.Lines[0], ",") != 2 || strings.Count(l.Lines[1], ",") != 2 {
		t.Errorf("runs %q", l.Lines)
	}
	// Nothing to draw still has an axis, from 0 to 6 in steps of 2.
	empty := barChart("e", "T", []string{"a"}, []chartSeries{{Name: "x", Values: []domain.StatCell{{}}}}, fmtNum)
	if len(empty.Bars) != 0 || empty.Grid[len(empty.Grid)-1].Text != "6" {
		t.Errorf("empty chart: %d bars, top %s", len(empty.Bars), empty.Grid[len(empty.Grid)-1].Text)
	}
}

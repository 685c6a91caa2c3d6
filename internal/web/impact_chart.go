package web

import (
	"math"
	"strconv"
	"strings"

	"mutua/internal/domain"
)

// The dashboard's charts are drawn here as SVG geometry that the templates
// write out: no script, and colours as SVG attributes rather than style
// attributes, which the content security policy would refuse. Every chart
// stands next to a table with the same figures, which is what screen
// readers read; the chart itself is one image with a title.

// Chart size in SVG units; the picture scales to the page's width.
const (
	chartWidth  = 720
	chartHeight = 300
	chartLeft   = 52
	chartRight  = 12
	chartTop    = 40
	chartBottom = 56
)

// The series' colours: the brand's green and the warm accent, both at
// least 4.5:1 against white. The template draws the grid and text in the
// stylesheet's grey and ink.
var chartColours = []string{"#0f5f58", "#9c3d14"}

// svgChart is one chart ready to draw.
type svgChart struct {
	ID            string
	Width, Height int
	// Title names the chart for assistive technology; the visible caption
	// says the same.
	Title   string
	Grid    []svgText
	Bars    []svgBar
	Lines   []string
	Points  []svgBar
	Marks   []svgText
	XLabels []svgText
	Legend  []svgLegend
	// Bottom is the y of the axis line.
	Bottom, Left, Right string
}

// svgBar is a rectangle (or a point's circle: X, Y are its centre).
type svgBar struct {
	X, Y, W, H string
	Fill       string
}

// svgText is a label at a position.
type svgText struct {
	X, Y, Text string
}

// svgLegend is one series' swatch and name.
type svgLegend struct {
	X, Y, TextX, TextY string
	Fill, Text         string
}

// chartSeries is one series of values, one per group.
type chartSeries struct {
	Name   string
	Values []domain.StatCell
}

func num(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// niceScale returns a round top for the axis and its step, so that the
// grid reads 0, 5, 10, 15, 20 rather than 0, 4.25, 8.5.
func niceScale(max float64) (top, step float64) {
	if max < domain.MinPublicCount {
		max = domain.MinPublicCount
	}
	raw := max / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if step = m * mag; step >= raw {
			break
		}
	}
	return math.Ceil(max/step) * step, step
}

// newChart lays out the frame: grid, axis and legend, and returns the
// function that turns a value into its y.
func newChart(id, title string, series []chartSeries, fmtNum func(float64) string) (*svgChart, func(float64) float64) {
	c := &svgChart{ID: id, Width: chartWidth, Height: chartHeight, Title: title,
		Bottom: num(chartHeight - chartBottom), Left: num(chartLeft), Right: num(chartWidth - chartRight)}
	max := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			if !v.Suppressed && !v.Missing {
				max = math.Max(max, v.Value)
			}
		}
	}
	top, step := niceScale(max)
	plot := float64(chartHeight - chartTop - chartBottom)
	y := func(v float64) float64 { return chartHeight - chartBottom - v/top*plot }
	for v := 0.0; v <= top+step/2; v += step {
		c.Grid = append(c.Grid, svgText{X: num(chartLeft - 8), Y: num(y(v)), Text: fmtNum(v)})
	}
	x := float64(chartLeft)
	for i, s := range series {
		c.Legend = append(c.Legend, svgLegend{X: num(x), Y: "12", TextX: num(x + 22), TextY: "25",
			Fill: chartColours[i%len(chartColours)], Text: s.Name})
		x += 40 + float64(len([]rune(s.Name)))*8.5
	}
	return c, y
}

// barChart draws groups of bars, one bar per series in each group. A
// suppressed value gets no bar, only "<5" at the axis: a short bar would
// tell the number it hides.
func barChart(id, title string, groups []string, series []chartSeries, fmtNum func(float64) string) *svgChart {
	c, y := newChart(id, title, series, fmtNum)
	width := float64(chartWidth-chartLeft-chartRight) / float64(max(len(groups), 1))
	bar := math.Min(28, (width-8)/float64(len(series)))
	for g, label := range groups {
		x0 := float64(chartLeft) + float64(g)*width + (width-bar*float64(len(series)))/2
		c.XLabels = append(c.XLabels, svgText{X: num(float64(chartLeft) + (float64(g)+0.5)*width), Y: num(chartHeight - chartBottom + 20), Text: label})
		for i, s := range series {
			v := s.Values[g]
			x := x0 + float64(i)*bar
			switch {
			case v.Suppressed:
				c.Marks = append(c.Marks, svgText{X: num(x + bar/2), Y: num(chartHeight - chartBottom - 4), Text: domain.SuppressedText})
			case !v.Missing && v.Value > 0:
				c.Bars = append(c.Bars, svgBar{X: num(x + 1), Y: num(y(v.Value)), W: num(bar - 2), H: num(y(0) - y(v.Value)),
					Fill: chartColours[i%len(chartColours)]})
			}
		}
	}
	return c
}

// lineChart draws the trend of one series across the groups; the line
// breaks where a value is suppressed, which is marked "<5".
func lineChart(id, title string, groups []string, s chartSeries, fmtNum func(float64) string) *svgChart {
	c, y := newChart(id, title, []chartSeries{s}, fmtNum)
	width := float64(chartWidth-chartLeft-chartRight) / float64(max(len(groups), 1))
	var run []string
	flush := func() {
		if len(run) > 1 {
			c.Lines = append(c.Lines, strings.Join(run, " "))
		}
		run = nil
	}
	for g, label := range groups {
		x := float64(chartLeft) + (float64(g)+0.5)*width
		c.XLabels = append(c.XLabels, svgText{X: num(x), Y: num(chartHeight - chartBottom + 20), Text: label})
		v := s.Values[g]
		if v.Suppressed || v.Missing {
			flush()
			if v.Suppressed {
				c.Marks = append(c.Marks, svgText{X: num(x), Y: num(chartHeight - chartBottom - 4), Text: domain.SuppressedText})
			}
			continue
		}
		run = append(run, num(x)+","+num(y(v.Value)))
		c.Points = append(c.Points, svgBar{X: num(x), Y: num(y(v.Value)), Fill: chartColours[0]})
	}
	flush()
	return c
}

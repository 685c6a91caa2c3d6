package match

import (
	"math"
	"testing"

	"mutua/internal/domain"
)

func TestHardFilters(t *testing.T) {
	cases := []struct {
		name string
		req  func(*Request)
		cand func(*Candidate)
		fail string
	}{
		{name: "fits", fail: ""},

		{name: "declined this request", req: func(r *Request) { r.Declined = map[int64]bool{1: true} }, fail: FailDeclined},
		{name: "someone else declined", req: func(r *Request) { r.Declined = map[int64]bool{2: true} }},

		{name: "at max load", cand: func(c *Candidate) { c.Active = 2 }, fail: FailLoad},
		{name: "below max load", cand: func(c *Candidate) { c.Active = 1 }},
		{name: "paused (max 0)", cand: func(c *Candidate) { c.MaxActive = 0 }, fail: FailLoad},

		{name: "not vetted where required", req: func(r *Request) { r.RequireVetted = true }, fail: FailVetting},
		{name: "vetted where required", req: func(r *Request) { r.RequireVetted = true }, cand: func(c *Candidate) { c.Vetted = true }},

		{name: "other skills only", cand: func(c *Candidate) { c.Skills = []string{"pharmacy", "cooking"} }, fail: FailSkill},
		{name: "no skills", cand: func(c *Candidate) { c.Skills = nil }, fail: FailSkill},
		{name: "free tag spelled like the category", req: func(r *Request) { r.Category = "digital_help" },
			cand: func(c *Candidate) { c.Skills = []string{" Digital help "} }},
		{name: "tag containing the category is not it", req: func(r *Request) { r.Category = "meals" },
			cand: func(c *Candidate) { c.Skills = []string{"meals on wheels"} }, fail: FailSkill},
		{name: "empty category fits nobody", req: func(r *Request) { r.Category = "" }, fail: FailSkill},

		{name: "no common language", cand: func(c *Candidate) { c.Languages = []string{"de", "en"} }, fail: FailLanguage},
		{name: "one of several languages", req: func(r *Request) { r.Languages = []string{"hr", "en"} }},
		{name: "regional tag speaks the language", cand: func(c *Candidate) { c.Languages = []string{"SL-si"} }},
		{name: "request names no language", req: func(r *Request) { r.Languages = nil }, cand: func(c *Candidate) { c.Languages = nil }},

		{name: "beyond their radius", cand: func(c *Candidate) { c.RadiusKM = 0.9 }, fail: FailDistance},
		{name: "exactly at their radius", cand: func(c *Candidate) { c.Home = north(2); c.RadiusKM = 2.0001 }},
		{name: "radius not set", cand: func(c *Candidate) { c.RadiusKM = 0 }, fail: FailDistance},
		{name: "radius NaN", cand: func(c *Candidate) { c.RadiusKM = math.NaN() }, fail: FailDistance},

		{name: "free another day", cand: func(c *Candidate) {
			c.Availability = []domain.Interval{{Start: at(2, 9, 0), End: at(2, 12, 0)}}
		}, fail: FailAvailability},
		{name: "free just after the window", cand: func(c *Candidate) {
			c.Availability = []domain.Interval{{Start: at(1, 12, 0), End: at(1, 14, 0)}}
		}, fail: FailAvailability},
		{name: "no availability given", cand: func(c *Candidate) { c.Availability = nil }, fail: FailAvailability},
		{name: "one shared minute", cand: func(c *Candidate) {
			c.Availability = []domain.Interval{{Start: at(1, 11, 59), End: at(1, 14, 0)}}
		}},
		{name: "request any time, volunteer never said", req: func(r *Request) { r.Windows = nil }, cand: func(c *Candidate) { c.Availability = nil }},
		{name: "unsorted availability", cand: func(c *Candidate) {
			c.Availability = []domain.Interval{{Start: at(5, 9, 0), End: at(5, 10, 0)}, {Start: at(1, 10, 0), End: at(1, 11, 0)}}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, c := baseRequest(), baseCandidate(1)
			if tc.req != nil {
				tc.req(&req)
			}
			if tc.cand != nil {
				tc.cand(&c)
			}
			km, failed := Check(req, c)
			if failed != tc.fail {
				t.Fatalf("Check failed %q, want %q", failed, tc.fail)
			}
			if _, ok := Filter(req, c); ok != (tc.fail == "") {
				t.Fatalf("Filter ok = %v, want %v", ok, tc.fail == "")
			}
			if tc.fail == "" && (km < 0.9 || km > 2.1) {
				t.Fatalf("distance %.3f km", km)
			}
			if got := Rank(req, []Candidate{c}, 10); len(got) != boolToInt(tc.fail == "") {
				t.Fatalf("Rank returned %d results", len(got))
			}
		})
	}
}

func TestFilterDistance(t *testing.T) {
	km, ok := Filter(baseRequest(), baseCandidate(1))
	if !ok || math.Abs(km-1) > 0.001 {
		t.Fatalf("Filter = %.4f, %v; want 1 km, true", km, ok)
	}
}

func TestSameTag(t *testing.T) {
	cases := []struct {
		tag, category string
		want          bool
	}{
		{"groceries", "groceries", true},
		{"Groceries", "groceries", true},
		{"digital-help", "digital_help", true},
		{"DIGITAL HELP", "digital_help", true},
		{"digitalhelp", "digital_help", false},
		{"grocery", "groceries", false},
		{"", "", true},
		{"čevlji", "cevlji", false},
	}
	for _, tc := range cases {
		if got := sameTag(tc.tag, tc.category); got != tc.want {
			t.Errorf("sameTag(%q, %q) = %v", tc.tag, tc.category, got)
		}
	}
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

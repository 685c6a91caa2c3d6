package match

import (
	"reflect"
	"slices"
	"testing"

	"mutua/internal/domain"
)

func feedIDs(items []FeedItem) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.RequestID
	}
	return out
}

func TestFeed(t *testing.T) {
	v := baseCandidate(1)
	v.Home = center
	req := func(id int64, km float64, change func(*Request)) FeedRequest {
		r := baseRequest()
		r.Location = north(km)
		if change != nil {
			change(&r)
		}
		return FeedRequest{Request: r, ID: id}
	}
	reqs := []FeedRequest{
		req(10, 3, nil),
		req(11, 1, nil),
		req(12, 1, nil), // as near as 11: the lower id first
		req(13, 0.5, func(r *Request) { r.Category = "childcare" }),
		req(14, 0.2, func(r *Request) { r.Languages = []string{"fr"} }),
		req(15, 0.3, func(r *Request) { r.Declined = map[int64]bool{1: true} }),
		req(16, 6, nil), // beyond the 5 km radius
		req(17, 2, func(r *Request) { r.Windows = []domain.Interval{{Start: at(4, 9, 0), End: at(4, 10, 0)}} }),
		req(18, 4, func(r *Request) { r.Windows = nil }),
		req(19, 0.1, func(r *Request) { r.RequireVetted = true }),
	}
	got := Feed(v, reqs, 0)
	if want := []int64{11, 12, 10, 18}; !slices.Equal(feedIDs(got), want) {
		t.Fatalf("feed %v, want %v", feedIDs(got), want)
	}
	if top := Feed(v, reqs, 2); !reflect.DeepEqual(top, got[:2]) {
		t.Fatalf("limit 2: %v", feedIDs(top))
	}
	wantReasons := []Reason{
		{Code: ReasonDistance, KM: 1},
		{Code: ReasonSkill, Category: "groceries"},
		{Code: ReasonLanguage, Language: "sl"},
		{Code: ReasonAvailable, Day: "tue", From: "09:00", To: "12:00"},
	}
	if !reflect.DeepEqual(got[0].Reasons, wantReasons) || got[0].DistanceKM != 1 {
		t.Fatalf("first item %+v", got[0])
	}

	v.Active = v.MaxActive
	if full := Feed(v, reqs, 0); full == nil || len(full) != 0 {
		t.Fatalf("a volunteer at their maximum sees %v, want an empty feed", full)
	}
}
